package preflight

import (
	"image"
)

// scaleBandPixels is the height in input pixels of the bands
// scaledCoefs works in: 8 MCU rows of 16 pixels make m output MCU rows
// of 16 pixels at m/8, so each band fills whole output blocks.
const scaleBandPixels = 128

// scaledCoefs is coefsFromPlanes(c.scaledPlanes(m)) for a 4:2:0 c, bit
// for bit, made band by band: each band of the input is decoded at m/8
// into a few hundred kilobytes of planes and transformed while they are
// still in the cache. Whole planes at 7/8 of a 100 MP photo were 115 MB
// written once and read once, with a page fault every 4 KB on the way.
// ok is false when c is not 4:2:0 (scaledPlanes and uprightPlanes then
// do the job).
//
// With overwrite set, the output's offsets, ends and masks are written
// over c's, its values go to c's chunks that the bands read held (c
// packed in scan order: readScan's), and c is spent: its components are
// dropped (c.comps nil), so that nothing reads the blocks the output
// overwrote. The 7/8 output of a 100 MP photo was 255 MB of fresh pages
// when dense, 62 k page faults at ~7 µs each on the Firecracker VM.
// Each band of the input is decoded to pixels before its output is
// written, so the writes must stay behind the next band's reads: band j
// writes the output's block rows below m·(j+1)·bv and the
// next band reads the input's from 8·(j+1)·bv on (bv the same on both
// sides, 4:2:0), and at m ≤ 8 an output row is never wider than an
// input row (⌈⌈W·m/8⌉/16⌉ ≤ ⌈W/16⌉ MCUs), nor the output taller.
func (c *coefImage) scaledCoefs(m int, overwrite bool) (out *coefImage, ok bool, err error) {
	if ratio, known := c.subsampleRatio(); !known || ratio != image.YCbCrSubsampleRatio420 || m < 1 || m > 8 {
		return nil, false, nil
	}
	w, h := ceilDiv(c.scan.width*m, 8), ceilDiv(c.scan.height*m, 8)
	if out, err = planesCoefsLayout(w, h); err != nil {
		return nil, false, err
	}
	var pw *packWriter
	if overwrite && c.scanOrdered {
		for i := range out.comps {
			oc, ic := &out.comps[i], &c.comps[i]
			n := oc.bw * oc.bhgt
			// transformBand writes the offset, end and mask of every
			// block: nothing of the input's shows through.
			oc.off, oc.end, oc.nz = ic.off[:n], ic.end[:n], ic.nz[:n]
		}
		// The values go to the input's chunks the bands read held
		// (spent, set per band below), then to fresh ones.
		pw = &packWriter{donor: c.comps[0].vals}
		defer func() { c.comps = nil }()
	} else {
		out.allocate()
		pw = new(packWriter)
	}
	t := newScaledIDCT(m)
	bandMCUs := scaleBandPixels / 16 // input MCU rows per band (4:2:0: 16 pixels each)
	var pix [3][]uint8
	var strides [3]int
	var steps [3][64]float32
	for i := range c.comps {
		cc := &c.comps[i]
		strides[i] = cc.bw * m
		pix[i] = make([]uint8, strides[i]*bandMCUs*cc.bv*m)
		steps[i] = floatSteps(c.quant[cc.tq])
	}
	for r0 := 0; r0 < c.mcusY; r0 += bandMCUs {
		r1 := min(r0+bandMCUs, c.mcusY)
		for i := range c.comps {
			cc := &c.comps[i]
			t.blockRows(cc, &steps[i], nil, r0*cc.bv, r1*cc.bv, pix[i], strides[i])
		}
		if pw.donor != nil {
			// The input's values not read yet start at MCU row r1's
			// (scan order: its first block is the luma's top left one),
			// in chunk spent; read before the band's output overwrites
			// the offsets.
			pw.spent = len(pw.donor)
			if r1 < c.mcusY {
				pw.spent = int(c.comps[0].off[c.comps[0].index(0, r1*c.comps[0].bv)] >> packChunkBits)
			}
		}
		// The band's first output row: 16·r0 input rows at m/8.
		y0 := 2 * m * r0
		band := &image.YCbCr{
			Y: pix[0], Cb: pix[1], Cr: pix[2], YStride: strides[0], CStride: strides[1],
			SubsampleRatio: image.YCbCrSubsampleRatio420, Rect: image.Rect(0, 0, w, min(16*m, h-y0)),
		}
		out.transformBand(band, y0/16, pw)
	}
	return out, true, nil
}
