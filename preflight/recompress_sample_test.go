package preflight

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleBandsCopied is sampleBands as it was before the sample read c's
// store in place: each picked block's values copied into a store of the
// sample's own. The reference for TestSampleBandsReadsTheCopiedBlocks.
func (c *coefImage) sampleBandsCopied() (*coefImage, float64) {
	bands := ceilDiv(c.mcusY, sampleBandRows)
	step := 16
	for step > 1 && bands < sampleMinBands*step {
		step /= 2
	}
	if step < transcodeSampleStep {
		return c, 1
	}
	var picked []int // MCU rows
	for b := 0; b < bands; b += step {
		for r := b * sampleBandRows; r < min((b+1)*sampleBandRows, c.mcusY); r++ {
			picked = append(picked, r)
		}
	}
	scan := *c.scan
	vmax := c.comps[0].bv
	for _, cc := range c.comps {
		vmax = max(vmax, cc.bv)
	}
	scan.height = len(picked) * 8 * vmax
	s := &coefImage{scan: &scan, quant: c.quant, mcusX: c.mcusX, mcusY: len(picked)}
	for _, cc := range c.comps {
		sc := cc
		sc.bhgt = len(picked) * cc.bv
		sc.end = make([]uint8, 0, sc.bw*sc.bhgt)
		sc.nz = make([]uint64, 0, sc.bw*sc.bhgt)
		sc.off = make([]uint32, 0, sc.bw*sc.bhgt)
		var w packWriter
		for _, r := range picked {
			lo, hi := r*cc.bv*cc.bw, (r+1)*cc.bv*cc.bw // blocks of MCU row r
			sc.end = append(sc.end, cc.end[lo:hi]...)
			sc.nz = append(sc.nz, cc.nz[lo:hi]...)
			for b := lo; b < hi; b++ {
				sc.off = append(sc.off, w.putVals(cc.blockVals(b)))
			}
		}
		sc.vals = w.store()
		s.comps = append(s.comps, sc)
	}
	return s, float64(c.mcusY) / float64(len(picked))
}

// tallInputs are JPEGs tall enough for sampleBands to sample (step 8
// and 16), in 4:2:0 and grey, at odd sizes, and one too short, which
// sampleBands returns whole.
func tallInputs(t *testing.T) []coefInput {
	t.Helper()
	grey := func(w, h int) []byte {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for i := range g.Pix {
			g.Pix[i] = uint8(i*7%251 + i/w%5)
		}
		var b bytes.Buffer
		require.NoError(t, jpeg.Encode(&b, g, &jpeg.Options{Quality: 90}))
		return b.Bytes()
	}
	return []coefInput{
		{"4:2:0 53×4100 (step 8)", encodeTest(t, photo(t, contentScene, 53, 4100, 4), 95)},
		{"4:2:0 37×8200 (step 16)", encodeTest(t, photo(t, contentText, 37, 8200, 5), 80)},
		{"grey 41×2050 (step 8)", grey(41, 2050)},
		{"grey 24×4095 (step 16)", grey(24, 4095)},
		{"4:2:0 64×600 (whole)", encodeTest(t, photo(t, contentNoisy, 64, 600, 6), 90)},
	}
}

// TestSampleBandsReadsTheCopiedBlocks: the sample read in place holds
// the copied sample's blocks (ends, masks and values), grid and factor,
// its 7/8 transform counts the same bytes at the floor, and c is left
// as it was.
func TestSampleBandsReadsTheCopiedBlocks(t *testing.T) {
	for _, in := range tallInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			c, err := decodeCoefs(in.data, DefaultMaxPixels)
			require.NoError(t, err)
			before := snapshotBlocks(c)
			want, wk := c.sampleBandsCopied()
			got, k := c.sampleBands()
			assert.Equal(t, wk, k)
			assert.Equal(t, *want.scan, *got.scan)
			assert.Equal(t, want.quant, got.quant)
			require.Equal(t, [2]int{want.mcusX, want.mcusY}, [2]int{got.mcusX, got.mcusY})
			require.Len(t, got.comps, len(want.comps))
			for i := range want.comps {
				wc, gc := &want.comps[i], &got.comps[i]
				assert.Equal(t, wc.scanComp, gc.scanComp)
				require.Equal(t, [4]int{wc.bh, wc.bv, wc.bw, wc.bhgt}, [4]int{gc.bh, gc.bv, gc.bw, gc.bhgt})
				require.Equal(t, wc.end, gc.end, "comp %d ends", i)
				require.Equal(t, wc.nz, gc.nz, "comp %d masks", i)
				require.Len(t, gc.off, len(wc.off))
				for b := range wc.off {
					require.Equal(t, wc.blockVals(b), gc.blockVals(b), "comp %d block %d", i, b)
				}
			}
			if len(c.comps) == 3 {
				for _, m := range []int{7, 5} {
					wu, err := want.scaledUpright(m, 1, false)
					require.NoError(t, err)
					gu, err := got.scaledUpright(m, 1, false)
					require.NoError(t, err)
					wt, err := wu.tablesAt(qualityMille(60))
					require.NoError(t, err)
					gt, err := gu.tablesAt(qualityMille(60))
					require.NoError(t, err)
					ws, _ := wu.countSample(wt, 1)
					gs, _ := gu.countSample(gt, 1)
					assert.Equal(t, ws.dataBytes(), gs.dataBytes(), "%d/8", m)
				}
			}
			assert.Equal(t, before, snapshotBlocks(c), "c unchanged")
		})
	}
}

// snapshotBlocks is every block of c's, its end, mask and values, as
// text.
func snapshotBlocks(c *coefImage) []string {
	var out []string
	for i := range c.comps {
		cc := &c.comps[i]
		for b := range cc.off {
			out = append(out, fmt.Sprint(i, b, cc.end[b], cc.nz[b], cc.blockVals(b)))
		}
	}
	return out
}
