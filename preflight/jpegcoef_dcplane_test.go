package preflight

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// dcPlaneByBlock is the DC image of cc as planesAt wrote it before
// dcPlane: per block through dcOf. The reference for
// TestDCPlaneIsTheDCOfEveryBlock.
func dcPlaneByBlock(cc *coefComp, q *[64]uint16, r *requantizer) []uint8 {
	pix := make([]uint8, cc.bw*cc.bhgt)
	dc := float32(q[0]) / 8
	for b := range cc.bw * cc.bhgt {
		v := cc.dcOf(b)
		if r != nil {
			v = r.coef(0, v)
		}
		pix[b] = clampByte(float32(v)*dc + 128)
	}
	return pix
}

// TestDCPlaneIsTheDCOfEveryBlock: the DC image read straight from the
// store is the one read block by block, bit for bit, in every layout
// (4:2:0, 4:2:2, 4:4:4, grey, odd sizes, restart intervals, tall
// images over several chunks), with the input's steps and requantised
// to coarser and finer tables, through scaledPlanes and planesAt too.
func TestDCPlaneIsTheDCOfEveryBlock(t *testing.T) {
	inputs := append(coefInputs(t), tallInputs(t)...)
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			c, err := decodeCoefs(in.data, DefaultMaxPixels)
			require.NoError(t, err)
			for _, quality := range []int{0, 20, 97} {
				quant, rq := c.quant, [4]*requantizer{}
				if quality > 0 {
					tables, err := c.tablesAt(qualityMille(quality))
					require.NoError(t, err)
					quant, rq = tables, c.requantizers(tables)
				}
				for i := range c.comps {
					cc := &c.comps[i]
					q, r := quant[cc.tq], rq[cc.tq]
					got := make([]uint8, cc.bw*cc.bhgt)
					cc.dcPlane(q, r, got)
					require.Equal(t, dcPlaneByBlock(cc, q, r), got, "component %d, quality %d", i, quality)
				}
				if _, ok := c.subsampleRatio(); !ok {
					continue
				}
				p, err := c.planesAt(1, quant, rq)
				require.NoError(t, err)
				for i, plane := range [][]uint8{p.Y, p.Cb, p.Cr} {
					cc := &c.comps[i]
					require.Equal(t, dcPlaneByBlock(cc, quant[cc.tq], rq[cc.tq]), plane, "planesAt, component %d", i)
				}
			}
		})
	}
}
