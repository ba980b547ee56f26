package preflight

import (
	"fmt"
	"image"
)

// Pixels to coefficients: a downscaled image is transformed once and
// quantised with fine tables (fdctMille), and then goes through the same
// quality search, requantisation and Huffman coding as a transcoded JPEG
// (jpegcoef_encode.go, recompress_transcode.go): the bytes at a quality
// are counted, not encoded, so the whole image is written once.

// fdctMille is the scale (per mille of the IJG tables, quality 97.5) of
// the tables the transform is first quantised with. The output's tables
// are at least 3.2 times coarser (quality ≤ 92 is 160 per mille or more),
// 10 times at the qualities a downscale ends at (60–75), and the
// requantiser rounds again: the first rounding adds 1/ratio² to the
// output's quantisation noise (1 % there), while the high frequencies
// that round to zero already are skipped by every count.
const fdctMille = 50

// coefsFromPlanes transforms 4:2:0 planes into a three-component baseline
// coefImage quantised with the IJG tables at fdctMille. Blocks past the
// image's right and bottom edges repeat its last column and row, as
// libjpeg pads.
func coefsFromPlanes(img *image.YCbCr) (*coefImage, error) {
	if img.SubsampleRatio != image.YCbCrSubsampleRatio420 || img.Rect.Min != (image.Point{}) || img.Rect.Empty() {
		return nil, fmt.Errorf("%w: planes must be 4:2:0 at the origin", ErrInvalidOption)
	}
	c, err := newPlanesCoefs(img.Rect.Dx(), img.Rect.Dy())
	if err != nil {
		return nil, err
	}
	c.transformBand(img, 0)
	return c, nil
}

// newPlanesCoefs is the coefImage coefsFromPlanes fills for w×h 4:2:0
// planes: tables at fdctMille, the blocks allocated, none transformed.
func newPlanesCoefs(w, h int) (*coefImage, error) {
	if w > 0xFFFF || h > 0xFFFF {
		return nil, fmt.Errorf("%w: %d×%d is past JPEG's 65535", ErrTooLarge, w, h)
	}
	c := &coefImage{
		scan: &jpegScan{width: w, height: h, sofMarker: 0xC0},
		// zig-zag order, as DQT stores them
		mcusX: ceilDiv(w, 16), mcusY: ceilDiv(h, 16),
	}
	luma, chroma := scaledTableMille(&stdLuminance, fdctMille), scaledTableMille(&stdChrominance, fdctMille)
	for id, base := range []*[64]int{&luma, &chroma} {
		t := new([64]uint16)
		for k := range 64 {
			t[k] = uint16(base[zigzag[k]])
		}
		c.quant[id] = t
	}
	for i, sampling := range [3]int{2, 1, 1} {
		tab := min(i, 1)
		cc := coefComp{scanComp: scanComp{id: i + 1, h: sampling, v: sampling, tq: tab, dc: tab, ac: tab}, bh: sampling, bv: sampling}
		cc.bw, cc.bhgt = c.mcusX*cc.bh, c.mcusY*cc.bv
		cc.coef = make([]int16, cc.bw*cc.bhgt*64)
		cc.end = make([]uint8, cc.bw*cc.bhgt)
		cc.nz = make([]uint64, cc.bw*cc.bhgt)
		c.comps = append(c.comps, cc)
	}
	return c, nil
}

// transformBand transforms the 4:2:0 planes img, the image's rows from
// MCU row mcu0 on (as many MCU rows as img holds, up to the image's last),
// into c's blocks. img's height is the rows it holds of the image: past
// it, as past the image's width, blocks repeat the last row and column.
func (c *coefImage) transformBand(img *image.YCbCr, mcu0 int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	rows := min(c.mcusY-mcu0, ceilDiv(h, 16))
	planes := [3]struct {
		pix          []uint8
		stride, w, h int
	}{
		{img.Y, img.YStride, w, h},
		{img.Cb, img.CStride, (w + 1) / 2, (h + 1) / 2},
		{img.Cr, img.CStride, (w + 1) / 2, (h + 1) / 2},
	}
	for i, p := range planes {
		cc := &c.comps[i]
		var inv [64]float32
		for k, v := range c.quant[cc.tq] {
			inv[k] = 1 / (8 * float32(v))
		}
		var blk [64]int32
		var rowsOf [8]*[8]uint8
		var edge [8][8]uint8
		for by := range rows * cc.bv {
			for bx := range cc.bw {
				blockRowsAt(&rowsOf, &edge, p.pix, p.stride, p.w, p.h, bx*8, by*8)
				fdctCols(&blk, &rowsOf)
				fdctRows(&blk)
				b, dst := cc.block(bx, mcu0*cc.bv+by)
				end := quantiseBlock(&blk, &inv, dst)
				// Every coefficient below end marked: a mask of the
				// non-zero ones alone cost the transform more (a 100 MP
				// downscale +0.1 CPU-s) than the counts saved on its
				// dense blocks.
				cc.end[b], cc.nz[b] = uint8(end), endMask(end)
			}
		}
	}
}

// blockRowsAt points r at the eight rows of the 8×8 samples at (x0, y0)
// of a w×h plane, repeating its last row past the bottom edge; a row
// that crosses the right edge is copied into edge with its last column
// repeated.
func blockRowsAt(r *[8]*[8]uint8, edge *[8][8]uint8, pix []uint8, stride, w, h, x0, y0 int) {
	for y := range 8 {
		sy := min(y0+y, h-1)
		row := pix[sy*stride : sy*stride+w]
		if x0+8 <= w {
			r[y] = (*[8]uint8)(row[x0 : x0+8])
			continue
		}
		e := &edge[y]
		for x := range 8 {
			e[x] = row[min(x0+x, w-1)]
		}
		r[y] = e
	}
}

// quantiseBlock divides the transform (natural order, scaled by 8) by the
// steps (zig-zag, as inv: 1/(8·step)), rounding to nearest, into dst in
// zig-zag order; it returns the index after the last non-zero
// coefficient (at least 1). A multiply by the reciprocal: 64 integer
// divisions were half the transform's time.
func quantiseBlock(blk *[64]int32, inv *[64]float32, dst []int16) int {
	dst = dst[:64]
	for k := range 64 {
		// Rounding through a positive bias truncates without a branch
		// on the sign, which the coefficients' noise mispredicts half
		// the time (half-way values round up, not away from zero: no
		// matter at these steps).
		a := float32(blk[zigzag[k]&63])*inv[k] + quantBias
		dst[k] = int16(int32(a) - int32(quantBias-0.5))
	}
	// The end found backwards: a test per coefficient on the way would
	// mispredict as often as the sign.
	end := 64
	for end > 1 && dst[end-1] == 0 {
		end--
	}
	return end
}

// quantBias makes every quantised value positive before truncation: the
// largest magnitude is 2048 (steps of at least 1 on a transform scaled by
// 8 of 8-bit samples).
const quantBias = 4096.5
