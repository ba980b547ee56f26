package preflight

import (
	"fmt"
	"image"
	"math/bits"
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
	c, err := planesCoefsLayout(img.Rect.Dx(), img.Rect.Dy())
	if err != nil {
		return nil, err
	}
	c.allocate()
	c.transformBand(img, 0, new(packWriter))
	return c, nil
}

// planesCoefsLayout is the coefImage coefsFromPlanes fills for w×h 4:2:0
// planes: tables at fdctMille, the block grids laid out, no storage
// (allocate, or memory reused: coefImage.scaledCoefs).
func planesCoefsLayout(w, h int) (*coefImage, error) {
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
		c.comps = append(c.comps, cc)
	}
	return c, nil
}

// allocate gives every component of c its blocks' offsets, ends and
// masks; the values go to a packWriter.
func (c *coefImage) allocate() {
	for i := range c.comps {
		cc := &c.comps[i]
		n := cc.bw * cc.bhgt
		cc.off, cc.end, cc.nz = make([]uint32, n), make([]uint8, n), make([]uint64, n)
	}
}

// transformBand transforms the 4:2:0 planes img, the image's rows from
// MCU row mcu0 on (as many MCU rows as img holds, up to the image's last),
// into c's blocks, their values packed by pw (the components' vals are
// pw's store when it returns). img's height is the rows it holds of the
// image: past it, as past the image's width, blocks repeat the last row
// and column.
func (c *coefImage) transformBand(img *image.YCbCr, mcu0 int, pw *packWriter) {
	c.transformBandWith(img, mcu0, pw, haveAVX2)
}

// transformBandWith is transformBand, through the AVX2 kernel when avx2
// (which needs haveAVX2) or the generic Go one: the differential test
// runs both.
func (c *coefImage) transformBandWith(img *image.YCbCr, mcu0 int, pw *packWriter, avx2 bool) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	rows := min(c.mcusY-mcu0, ceilDiv(h, 16))
	planes := [3]plane8{
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
		if avx2 {
			transformPlaneAVX2(cc, &p, &inv, mcu0, rows, pw)
		} else {
			transformPlane(cc, &p, &inv, mcu0, rows, pw)
		}
	}
	for i := range c.comps {
		c.comps[i].vals = pw.store()
	}
}

// plane8 is a w×h plane of 8-bit samples, rows stride apart.
type plane8 struct {
	pix          []uint8
	stride, w, h int
}

// transformPlane transforms the rows MCU rows of p into cc's blocks from
// MCU row mcu0 on, quantised by inv (1/(8·step), zig-zag order): the
// generic Go kernels, and the reference of transformPlaneAVX2.
func transformPlane(cc *coefComp, p *plane8, inv *[64]float32, mcu0, rows int, pw *packWriter) {
	var rowsOf [8]*[8]uint8
	var edge [8][8]uint8
	var blk [64]int32
	var dst [64]int16
	for by := range rows * cc.bv {
		for bx := range cc.bw {
			blockRowsAt(&rowsOf, &edge, p.pix, p.stride, p.w, p.h, bx*8, by*8)
			fdctCols(&blk, &rowsOf)
			fdctRows(&blk)
			b := cc.index(bx, mcu0*cc.bv+by)
			end := quantiseBlock(&blk, inv, dst[:])
			cc.end[b] = uint8(end)
			cc.off[b], cc.nz[b] = pw.putNonZero(&dst, end)
		}
	}
}

// transformPlaneAVX2 is transformPlane through fdctQuantPackAVX2, which
// writes each block's values into pw's store itself.
func transformPlaneAVX2(cc *coefComp, p *plane8, inv *[64]float32, mcu0, rows int, pw *packWriter) {
	at := zigzagTransposed()
	var invT [64]float32
	for k := range inv {
		invT[at[k]] = inv[k]
	}
	var rowsOf [8]*[8]uint8
	var edge [8][8]uint8
	for by := range rows * cc.bv {
		for bx := range cc.bw {
			blockRowsAt(&rowsOf, &edge, p.pix, p.stride, p.w, p.h, bx*8, by*8)
			n, nz := fdctQuantPackAVX2(&rowsOf, &invT, pw.slot())
			b := cc.index(bx, mcu0*cc.bv+by)
			cc.end[b] = uint8(64 - bits.LeadingZeros64(nz))
			cc.off[b], cc.nz[b] = pw.commit(n), nz
		}
	}
}

// zigzagTransposed is, for each zig-zag position, the index of its
// coefficient in the transposed natural order (column j, row i at 8j+i)
// the AVX2 transform quantises in (fdctQuantPackAVX2).
func zigzagTransposed() [64]uint8 {
	var at [64]uint8
	for k, n := range zigzag {
		at[k] = uint8(n%8*8 + n/8)
	}
	return at
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
// divisions were half the transform's time. Written out with the
// zig-zag order as constant indices: a loop gathering through the
// zigzag table spent 14 instructions a coefficient, half of them on the
// gather, the loop and bounds checks (perf, 7/8 downscale).
func quantiseBlock(blk *[64]int32, inv *[64]float32, dst []int16) int {
	d := (*[64]int16)(dst[:64])
	d[0] = quantise(blk[0], inv[0])
	d[1] = quantise(blk[1], inv[1])
	d[2] = quantise(blk[8], inv[2])
	d[3] = quantise(blk[16], inv[3])
	d[4] = quantise(blk[9], inv[4])
	d[5] = quantise(blk[2], inv[5])
	d[6] = quantise(blk[3], inv[6])
	d[7] = quantise(blk[10], inv[7])
	d[8] = quantise(blk[17], inv[8])
	d[9] = quantise(blk[24], inv[9])
	d[10] = quantise(blk[32], inv[10])
	d[11] = quantise(blk[25], inv[11])
	d[12] = quantise(blk[18], inv[12])
	d[13] = quantise(blk[11], inv[13])
	d[14] = quantise(blk[4], inv[14])
	d[15] = quantise(blk[5], inv[15])
	d[16] = quantise(blk[12], inv[16])
	d[17] = quantise(blk[19], inv[17])
	d[18] = quantise(blk[26], inv[18])
	d[19] = quantise(blk[33], inv[19])
	d[20] = quantise(blk[40], inv[20])
	d[21] = quantise(blk[48], inv[21])
	d[22] = quantise(blk[41], inv[22])
	d[23] = quantise(blk[34], inv[23])
	d[24] = quantise(blk[27], inv[24])
	d[25] = quantise(blk[20], inv[25])
	d[26] = quantise(blk[13], inv[26])
	d[27] = quantise(blk[6], inv[27])
	d[28] = quantise(blk[7], inv[28])
	d[29] = quantise(blk[14], inv[29])
	d[30] = quantise(blk[21], inv[30])
	d[31] = quantise(blk[28], inv[31])
	d[32] = quantise(blk[35], inv[32])
	d[33] = quantise(blk[42], inv[33])
	d[34] = quantise(blk[49], inv[34])
	d[35] = quantise(blk[56], inv[35])
	d[36] = quantise(blk[57], inv[36])
	d[37] = quantise(blk[50], inv[37])
	d[38] = quantise(blk[43], inv[38])
	d[39] = quantise(blk[36], inv[39])
	d[40] = quantise(blk[29], inv[40])
	d[41] = quantise(blk[22], inv[41])
	d[42] = quantise(blk[15], inv[42])
	d[43] = quantise(blk[23], inv[43])
	d[44] = quantise(blk[30], inv[44])
	d[45] = quantise(blk[37], inv[45])
	d[46] = quantise(blk[44], inv[46])
	d[47] = quantise(blk[51], inv[47])
	d[48] = quantise(blk[58], inv[48])
	d[49] = quantise(blk[59], inv[49])
	d[50] = quantise(blk[52], inv[50])
	d[51] = quantise(blk[45], inv[51])
	d[52] = quantise(blk[38], inv[52])
	d[53] = quantise(blk[31], inv[53])
	d[54] = quantise(blk[39], inv[54])
	d[55] = quantise(blk[46], inv[55])
	d[56] = quantise(blk[53], inv[56])
	d[57] = quantise(blk[60], inv[57])
	d[58] = quantise(blk[61], inv[58])
	d[59] = quantise(blk[54], inv[59])
	d[60] = quantise(blk[47], inv[60])
	d[61] = quantise(blk[55], inv[61])
	d[62] = quantise(blk[62], inv[62])
	d[63] = quantise(blk[63], inv[63])
	// The end found backwards: a test per coefficient on the way would
	// mispredict as often as the sign.
	end := 64
	for end > 1 && d[end-1] == 0 {
		end--
	}
	return end
}

// quantise is one coefficient of quantiseBlock: v (scaled by 8) times
// inv (1/(8·step)), rounded to nearest. Rounding through a positive bias
// truncates without a branch on the sign, which the coefficients' noise
// mispredicts half the time (half-way values round up, not away from
// zero: no matter at these steps).
func quantise(v int32, inv float32) int16 {
	return int16(int32(float32(v)*inv+quantBias) - int32(quantBias-0.5))
}

// quantBias makes every quantised value positive before truncation: the
// largest magnitude is 2048 (steps of at least 1 on a transform scaled by
// 8 of 8-bit samples).
const quantBias = 4096.5
