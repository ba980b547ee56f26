package preflight

import (
	"fmt"
	"image"
	"math"
	"math/bits"
)

// Decoding at a reduced size, as libjpeg's scale_num/scale_denom: the
// m×m pixels of a block at scale m/8 are the m-point inverse DCT of its
// m×m lowest-frequency coefficients (the higher ones describe detail the
// smaller grid cannot hold). It costs a fraction of a full decode and a
// resize: no 8×8 transform, no full-size planes, no area averaging over
// them, and the DC-only 1/8 image for finding the document is one
// multiply per block.

// scaledIDCT is the m-point inverse transform of the low m of 8
// coefficients, with the JPEG normalisation, so that the DC alone gives
// the block's mean. The basis is symmetric: output m-1-x is output x with
// the odd frequencies negated, so each half is computed once from an even
// and an odd sum.
type scaledIDCT struct {
	m, half int
	// even[x][i] and odd[x][i] are ½·C(u)·cos((2x+1)uπ / 2m) for the
	// i-th even and odd u (C(0) = 1/√2): the 8-point orthonormal basis
	// cut to m terms and resampled at m points.
	even, odd [4][4]float32
	// zz are the zig-zag indices whose frequencies lie in the m×m corner,
	// ascending, and nat their natural indices; zzMask has their bits.
	zz, nat []int
	zzMask  uint64
	// rows7 are the corner's rows as zig-zag masks, for block7.
	rows7 idct7Rows
	// lanes7 are lowBlock's constants at m = 7 as lanes for the vector
	// kernel (lowVector7): e0, e1 and o0 of output column x, o0 negated
	// from x = 3 on, where lowBlock takes se − so (and writes column 3
	// twice, se − so last).
	lanes7 [3][8]float32
}

func newScaledIDCT(m int) *scaledIDCT {
	t := &scaledIDCT{m: m, half: (m + 1) / 2}
	for x := range t.half {
		for u := range m {
			c := 1.0
			if u == 0 {
				c = 1 / math.Sqrt2
			}
			v := float32(0.5 * c * math.Cos(float64(2*x+1)*float64(u)*math.Pi/float64(2*m)))
			if u%2 == 0 {
				t.even[x][u/2] = v
			} else {
				t.odd[x][u/2] = v
			}
		}
	}
	for k, n := range zigzag {
		if n%8 < m && n/8 < m {
			t.zz, t.nat = append(t.zz, k), append(t.nat, n)
			t.zzMask |= 1 << uint(k)
		}
	}
	t.rows7 = newIdct7Rows()
	if m == 7 {
		for x := range 7 {
			xm := min(x, 6-x)
			t.lanes7[0][x], t.lanes7[1][x], t.lanes7[2][x] = t.even[xm][0], t.even[xm][1], t.odd[xm][0]
			if x >= 3 {
				t.lanes7[2][x] = -t.odd[xm][0]
			}
		}
	}
	return t
}

// block writes the m×m pixels of one block of coefficients blk (zig-zag,
// zero from end on, and zero wherever the mask nz (coefComp.nz) is) with
// steps q (zig-zag, as floats) into dst at stride. The sums are unrolled
// over three even and three odd terms (four when m > 6), the terms past
// m being zero: a fixed sequence of multiplies is faster than loops and
// branches over which coefficients are zero, which mispredict on noisy
// photos.
func (t *scaledIDCT) block(blk []int16, end int, nz uint64, q *[64]float32, dst []uint8, stride int) {
	if end <= 1 || t.m == 1 {
		t.meanBlock(blk[0], q, dst, stride)
		return
	}
	var f [8][8]float32 // natural order, f[v][u]
	// Only the corner's coefficients the mask holds are read: a 7/8
	// downscale's luma blocks hold 13 of the 49 on average (100 MP bench
	// photo), and walking the mask's bits costs less than reading the
	// zeros.
	live := nz & t.zzMask
	for bitsLeft := live; bitsLeft != 0; bitsLeft &= bitsLeft - 1 {
		k := bits.TrailingZeros64(bitsLeft) & 63
		n := zigzag[k] & 63
		f[n>>3][n&7] = float32(blk[k]) * q[k]
	}
	t.corner(&f, end, live, dst, stride)
}

// meanBlock writes the m×m pixels of a block whose only coefficient is
// its DC dc: F(0,0)/8 in the JPEG normalisation, everywhere.
func (t *scaledIDCT) meanBlock(dc int16, q *[64]float32, dst []uint8, stride int) {
	v := clampByte(float32(dc)*q[0]/8 + 128)
	for y := range t.m {
		row := dst[y*stride : y*stride+t.m]
		for x := range row {
			row[x] = v
		}
	}
}

// corner writes the m×m pixels of the dequantised corner f (natural
// order) of a block that ends at end with live coefficients (zig-zag
// mask): the low-frequency kernel, the 7/8 one or the general sums.
func (t *scaledIDCT) corner(f *[8][8]float32, end int, live uint64, dst []uint8, stride int) {
	if end <= lowEnd {
		if t.m == 7 && lowVector7(f, &t.lanes7, dst, stride) {
			return
		}
		t.lowBlock(f, dst, stride)
		return
	}
	if t.m == 7 {
		block7(f, live, &t.rows7, dst, stride)
		return
	}
	t.sums(f, dst, stride)
}

// sums is block for the m×m corner f (natural order, dequantised), by
// the basis' even and odd sums.
func (t *scaledIDCT) sums(f *[8][8]float32, dst []uint8, stride int) {
	m, half := t.m, t.half
	ev, od := &t.even, &t.odd
	wide := m > 6
	// Rows (horizontal frequencies), then columns.
	var r [8][8]float32 // r[v][x]
	for v := range m {
		fv, rv := &f[v&7], &r[v&7]
		for x := range half {
			e, o := &ev[x&3], &od[x&3]
			se := e[0]*fv[0] + e[1]*fv[2] + e[2]*fv[4]
			so := o[0]*fv[1] + o[1]*fv[3] + o[2]*fv[5]
			if wide {
				se += e[3] * fv[6]
				so += o[3] * fv[7]
			}
			rv[x&7], rv[(m-1-x)&7] = se+so, se-so
		}
	}
	// Columns, written out as pixels.
	for y := range half {
		e, o := &ev[y&3], &od[y&3]
		top, bot := mirroredRows(dst, stride, m, y)
		for x := range top {
			se := e[0]*r[0][x&7] + e[1]*r[2][x&7] + e[2]*r[4][x&7]
			so := o[0]*r[1][x&7] + o[1]*r[3][x&7] + o[2]*r[5][x&7]
			if wide {
				se += e[3] * r[6][x&7]
				so += o[3] * r[7][x&7]
			}
			// The middle row of an odd m is written twice alike (its
			// odd terms are zero).
			top[x], bot[x] = clampByte(se+so+128), clampByte(se-so+128)
		}
	}
}

// lowEnd is the largest block end whose coefficients all lie in the
// 3×3 corner: zig-zag 0..5 are rows and columns 0..2 (T.81 Figure A.6).
const lowEnd = 6

// lowBlock is block for coefficients f whose rows and columns from 3 on
// are zero: most chrominance blocks of a phone photo (three in four on
// the 100 MP bench photo). The terms left out are products with zero, so
// the pixels are the full sums' bit for bit, for about a third of the
// multiplies.
func (t *scaledIDCT) lowBlock(f *[8][8]float32, dst []uint8, stride int) {
	m, half := t.m, t.half
	ev, od := &t.even, &t.odd
	var r [3][8]float32 // r[v][x]
	for v := range 3 {
		fv, rv := &f[v], &r[v]
		for x := range half {
			e, o := &ev[x&3], &od[x&3]
			se := e[0]*fv[0] + e[1]*fv[2]
			so := o[0] * fv[1]
			rv[x&7], rv[(m-1-x)&7] = se+so, se-so
		}
	}
	for y := range half {
		e, o := &ev[y&3], &od[y&3]
		top, bot := mirroredRows(dst, stride, m, y)
		for x := range top {
			se, so := e[0]*r[0][x&7]+e[1]*r[2][x&7], o[0]*r[1][x&7]
			top[x], bot[x] = clampByte(se+so+128), clampByte(se-so+128)
		}
	}
}

// mirroredRows are the output rows y and m-1-y of a block at stride,
// which the symmetric basis computes together (the same row when m is
// odd and y its middle).
func mirroredRows(dst []uint8, stride, m, y int) (top, bot []uint8) {
	return dst[y*stride : y*stride+m], dst[(m-1-y)*stride : (m-1-y)*stride+m]
}

// clampByte rounds v to the nearest sample value in 0..255.
func clampByte(v float32) uint8 {
	// Through a biased integer, with one test for the samples already
	// in range, nearly all of a photo's: it is predicted, where min and
	// max compiled to two compares and conditional moves per sample. The
	// 7/8 transform of the 100 MP bench photo: −16 % CPU (alternated
	// benchmark runs, process CPU time).
	x := int32(v+1024.5) - 1024
	if uint32(x) <= 255 {
		return uint8(x)
	}
	return uint8(min(max(x, 0), 255))
}

// scaledPlanes decodes c at scale m/8 (m in 1..8) into planes as stored
// (no orientation applied): w' = ⌈w·m/8⌉ by h' = ⌈h·m/8⌉, the chroma
// subsampling kept. Only YCbCr in 4:4:4, 4:2:2, 4:4:0 and 4:2:0 is
// supported; anything else gives an error wrapping errHuffman, for the
// caller to fall back to decoding pixels.
func (c *coefImage) scaledPlanes(m int) (*image.YCbCr, error) {
	return c.planesAt(m, c.quant, [4]*requantizer{})
}

// planesAt is scaledPlanes of c's coefficients with steps quant, each
// block first requantised by rq[its table] when that is not nil, as far
// as the m×m corner the transform reads (requantizer.corner).
func (c *coefImage) planesAt(m int, quant [4]*[64]uint16, rq [4]*requantizer) (*image.YCbCr, error) {
	if m < 1 || m > 8 {
		return nil, fmt.Errorf("%w: scale %d/8", ErrInvalidOption, m)
	}
	ratio, ok := c.subsampleRatio()
	if !ok {
		return nil, fmt.Errorf("%w: components not YCbCr 4:4:4, 4:2:2, 4:4:0 or 4:2:0", errHuffman)
	}
	t := newScaledIDCT(m)
	planes := make([][]uint8, 3)
	strides := make([]int, 3)
	for i := range c.comps {
		cc := &c.comps[i]
		stride := cc.bw * m
		pix := make([]uint8, stride*cc.bhgt*m)
		q, r := quant[cc.tq], rq[cc.tq]
		if m == 1 {
			cc.dcPlane(q, r, pix)
			planes[i], strides[i] = pix, stride
			continue
		}
		qf := floatSteps(q)
		t.blockRows(cc, &qf, r, 0, cc.bhgt, pix, stride)
		planes[i], strides[i] = pix, stride
	}
	w, h := ceilDiv(c.scan.width*m, 8), ceilDiv(c.scan.height*m, 8)
	return &image.YCbCr{
		Y: planes[0], Cb: planes[1], Cr: planes[2], YStride: strides[0], CStride: strides[1],
		SubsampleRatio: ratio, Rect: image.Rect(0, 0, w, h),
	}, nil
}

// dcPlane writes the DC image of cc, one value per block (its mean,
// F(0,0)/8 in the JPEG normalisation, with step q[0] after requantising
// by r when that is not nil), into pix in block order. Each block's DC is
// the first value at its offset in the packed store, read there straight
// rather than per block through dcOf with the requantiser's test inside
// the loop: the 100 MP photo's DC image 19.0 -> 18.0 ms of CPU (-5 %,
// p = 0.04, alternated benchmark runs at load 10). Most of what is left
// is reading the store's lines: loading the 2.36 M DCs alone took ~9 ms.
func (cc *coefComp) dcPlane(q *[64]uint16, r *requantizer, pix []uint8) {
	dc := float32(q[0]) / 8
	off, chunks := cc.off[:len(pix)], cc.vals
	if r != nil {
		for b, o := range off {
			v := r.coef(0, chunks[o>>packChunkBits][o&(packChunk-1)])
			pix[b] = clampByte(float32(v)*dc + 128)
		}
		return
	}
	for b, o := range off {
		v := chunks[o>>packChunkBits][o&(packChunk-1)]
		pix[b] = clampByte(float32(v)*dc + 128)
	}
}

// floatSteps is q as floats, for scaledIDCT.block.
func floatSteps(q *[64]uint16) [64]float32 {
	var qf [64]float32
	for k, v := range q {
		qf[k] = float32(v)
	}
	return qf
}

// blockRows writes the m×m pixels of cc's block rows by0..by1-1, with
// steps q (each block first requantised by r when that is not nil),
// into pix at stride, block row by0 at the top.
func (t *scaledIDCT) blockRows(cc *coefComp, q *[64]float32, r *requantizer, by0, by1 int, pix []uint8, stride int) {
	m := t.m
	switch m {
	case 2:
		t.quarterRows(cc, q, r, by0, by1, pix, stride)
		return
	case 4:
		t.halfRows(cc, q, r, by0, by1, pix, stride)
		return
	}
	var corner, dense [64]int16
	for by := by0; by < by1; by++ {
		row := pix[(by-by0)*m*stride:]
		if r == nil {
			for bx := range cc.bw {
				b := cc.index(bx, by)
				t.blockPacked(cc.at(b), int(cc.end[b]), cc.nz[b], q, row[bx*m:], stride)
			}
			continue
		}
		for bx := range cc.bw {
			nz, blk, end := t.cornerOf(cc, r, bx, by, &dense, &corner)
			// The mask holds for a requantised corner too: requantising
			// never makes a zero non-zero.
			t.block(blk, end, nz, q, row[bx*m:], stride)
			clearMask(&dense, nz)
		}
	}
}

// subsampleRatio is the chroma layout of three YCbCr components with
// chroma at 1×1, when image.YCbCr can hold it.
func (c *coefImage) subsampleRatio() (image.YCbCrSubsampleRatio, bool) {
	if len(c.comps) != 3 || !c.colourKnown() {
		return 0, false
	}
	y, cb, cr := c.comps[0], c.comps[1], c.comps[2]
	if cb.h != 1 || cb.v != 1 || cr.h != 1 || cr.v != 1 {
		return 0, false
	}
	switch [2]int{y.h, y.v} {
	case [2]int{1, 1}:
		return image.YCbCrSubsampleRatio444, true
	case [2]int{2, 1}:
		return image.YCbCrSubsampleRatio422, true
	case [2]int{1, 2}:
		return image.YCbCrSubsampleRatio440, true
	case [2]int{2, 2}:
		return image.YCbCrSubsampleRatio420, true
	}
	return 0, false
}
