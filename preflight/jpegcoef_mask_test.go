package preflight

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maskOf is the non-zero mask of a block as coefComp.nz keeps it: a bit
// per non-zero coefficient and the DC's always.
func maskOf(blk []int16) uint64 {
	nz := uint64(1)
	for k, v := range blk[:64] {
		if v != 0 {
			nz |= 1 << uint(k)
		}
	}
	return nz
}

func TestDecodedMasksMarkTheNonZeroCoefficients(t *testing.T) {
	for _, in := range coefInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			c, err := decodeCoefs(in.data, DefaultMaxPixels)
			require.NoError(t, err)
			for _, img := range []*coefImage{c, mustTransform(t, c, 6)} {
				if img == nil {
					continue
				}
				for ci, cc := range img.comps {
					require.Len(t, cc.nz, len(cc.end))
					coef := denseCoefs(&cc)
					for b := range cc.nz {
						blk := coef[b*64 : b*64+64]
						require.Equal(t, maskOf(blk), cc.nz[b], "component %d block %d", ci, b)
						require.Equal(t, bits.Len64(cc.nz[b]), int(cc.end[b]), "component %d block %d", ci, b)
					}
				}
			}
		})
	}
}

// mustTransform is c made upright from orientation o, nil when its
// edge MCUs do not allow it.
func mustTransform(t *testing.T, c *coefImage, o int) *coefImage {
	t.Helper()
	up, ok := c.transform(o)
	if !ok {
		return nil
	}
	return up
}

// countBlockPlain is countBlock as T.81 F.1.2 states it: every
// coefficient requantised and walked in zig-zag order.
func countBlockPlain(src []int16, rq *requantizer, pred *int, dcF, acF *[257]int) int {
	dc := int(rq.coef(0, src[0]))
	size, _ := magnitude(dc - *pred)
	*pred = dc
	dcF[size]++
	extra, run := size, 0
	for k := 1; k < 64; k++ {
		v := rq.coef(k, src[k])
		if v == 0 {
			run++
			continue
		}
		for ; run >= 16; run -= 16 {
			acF[0xF0]++
		}
		size, _ := magnitude(int(v))
		acF[run<<4|size]++
		extra += size
		run = 0
	}
	if run > 0 {
		acF[0]++
	}
	return extra
}

func TestCountBlockMatchesThePlainWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	old, nu := new([64]uint16), new([64]uint16)
	for k := range 64 {
		old[k], nu[k] = uint16(1+rng.IntN(8)), uint16(1+rng.IntN(40))
	}
	tests := []struct {
		name    string
		density float64 // share of non-zero coefficients
		last    bool    // the last coefficient set (no end of block)
	}{
		{"DC only", 0, false},
		{"sparse, long zero runs", 0.05, false},
		{"dense", 0.6, false},
		{"full block", 1, true},
		{"sparse with the last set", 0.05, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rq := newRequantizer(old, nu)
			for range 200 {
				blk := make([]int16, 64)
				blk[0] = int16(rng.IntN(400) - 200)
				for k := 1; k < 64; k++ {
					if rng.Float64() < tt.density {
						blk[k] = int16(rng.IntN(160) - 80)
					}
				}
				if tt.last {
					blk[63] = 120
				}
				var sc symCounter
				sc.dcF, sc.acF = new([257]int), new([257]int)
				wantDC, wantAC := new([257]int), new([257]int)
				pred, wantPred := 7, 7
				rec := new(symStream)
				got := countBlock(packOf(blk), maskOf(blk), rq, &pred, &sc, rec)
				want := countBlockPlain(blk, rq, &wantPred, wantDC, wantAC)
				require.Equal(t, want, got, "extra bits")
				require.Equal(t, wantPred, pred)
				require.Equal(t, *wantDC, *sc.dcF)
				require.Equal(t, *wantAC, *sc.acF)
				n := 0
				for _, ch := range rec.chunks() {
					n += len(ch)
				}
				symbols := 0
				for _, f := range wantDC {
					symbols += f
				}
				for _, f := range wantAC {
					symbols += f
				}
				assert.Equal(t, symbols, n, "one entry kept per symbol counted")
			}
		})
	}
}

// endMask is the mask of every coefficient below end: the masks
// transformed blocks had up to session 11 (supersets of the non-zero
// coefficients, which every reader of a mask must take as well).
func endMask(end int) uint64 {
	return uint64(1)<<uint(end&63) - 1 | uint64(1) | -(uint64(end) >> 6)
}

func TestEndMask(t *testing.T) {
	tests := []struct {
		end  int
		want uint64
	}{
		{1, 1},
		{2, 3},
		{21, 1<<21 - 1},
		{63, 1<<63 - 1},
		{64, ^uint64(0)},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, endMask(tt.end), "end %d", tt.end)
	}
}

func TestTransformedMasksMarkTheNonZeroCoefficients(t *testing.T) {
	c, err := coefsFromPlanes(planes420(photo(t, contentText, 157, 93, 4)))
	require.NoError(t, err)
	for ci, cc := range c.comps {
		require.Len(t, cc.nz, len(cc.end))
		requireStoreMatches(t, &cc, "transformed")
		coef := denseCoefs(&cc)
		for b := range cc.nz {
			require.Equal(t, maskOf(coef[b*64:b*64+64]), cc.nz[b], "component %d block %d", ci, b)
			require.LessOrEqual(t, bits.Len64(cc.nz[b]), int(cc.end[b]), "component %d block %d", ci, b)
		}
	}
}
