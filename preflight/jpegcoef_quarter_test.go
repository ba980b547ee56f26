package preflight

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cornerPlain is requantizer.corner as it was before it read the
// block's mask: every frequency of the corner requantised, then every
// coefficient up to the block's end tested.
func cornerPlain(r *requantizer, t *scaledIDCT, src []int16, end int, dst *[64]int16) int {
	nonzero := false
	for _, k := range t.zz {
		v := r.coef(k, src[k&63])
		dst[k&63] = v
		nonzero = nonzero || (k > 0 && v != 0)
	}
	if nonzero {
		return end
	}
	for k := 1; k < end; k++ {
		if !r.zero(k, src[k&63]) {
			return end
		}
	}
	return min(end, 1)
}

// genericRows is blockRows as it runs for every other m, with the
// corner of a requantised block as cornerPlain reads it: each block
// through cornerPlain and scaledIDCT.block.
func genericRows(t *scaledIDCT, cc *coefComp, q *[64]float32, r *requantizer, pix []uint8, stride int) {
	var corner [64]int16
	for by := range cc.bhgt {
		row := pix[by*t.m*stride:]
		for bx := range cc.bw {
			b := cc.index(bx, by)
			blk := make([]int16, 64)
			cc.scatter(b, (*[64]int16)(blk))
			end := int(cc.end[b])
			if r != nil {
				end = cornerPlain(r, t, blk, end, &corner)
				blk = corner[:]
			}
			t.block(blk, end, allCoefs, q, row[bx*t.m:], stride)
		}
	}
}

// randomComp is a bw×bh grid of blocks with random ends and densities:
// DC only, a few low frequencies, blocks whose only AC coefficients lie
// outside the 2×2 corner, and dense ones.
func randomComp(rng *rand.Rand, bw, bh int) *coefComp {
	coef, ends := make([]int16, 64*bw*bh), make([]uint8, bw*bh)
	for b := range bw * bh {
		blk := coef[64*b : 64*b+64]
		blk[0] = int16(rng.IntN(400) - 200)
		var n, top int
		switch rng.IntN(4) {
		case 0: // DC only
		case 1:
			n, top = 1+rng.IntN(3), 6
		case 2: // outside the corner only
			n, top = 1+rng.IntN(3), 64
		default:
			n, top = 5+rng.IntN(40), 64
		}
		for range n {
			k := 1 + rng.IntN(top-1)
			if top == 64 && n <= 3 && (k == 1 || k == 2 || k == 4) {
				k += 2
			}
			blk[k] = int16(rng.IntN(61) - 30)
		}
		end := 1
		for k := 1; k < 64; k++ {
			if blk[k] != 0 {
				end = k + 1
			}
		}
		ends[b] = uint8(end)
	}
	return compOf(bw, bh, coef, ends)
}

func TestQuarterRowsAreBlockRows(t *testing.T) { testRowsAreBlockRows(t, 2) }

// testRowsAreBlockRows holds blockRows at scale m to genericRows, bit for
// bit, on random blocks as decoded and requantised.
func testRowsAreBlockRows(t *testing.T, m int) {
	rng := rand.New(rand.NewPCG(3, uint64(17+m)))
	old, nu, coarse := new([64]uint16), new([64]uint16), new([64]uint16)
	for k := range 64 {
		old[k] = uint16(1 + rng.IntN(6))
		nu[k] = uint16(1 + rng.IntN(30))
		coarse[k] = uint16(40 + rng.IntN(60))
	}
	var q [64]float32
	for k := range q {
		q[k] = float32(1 + rng.IntN(40))
	}
	tests := []struct {
		name string
		r    *requantizer
	}{
		{"as decoded", nil},
		{"requantised", newRequantizer(old, nu)},
		{"requantised coarsely (most corners zero)", newRequantizer(old, coarse)},
	}
	tr := newScaledIDCT(m)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc := randomComp(rng, 37, 23)
			stride := m*cc.bw + 3 // a padded stride
			want := make([]uint8, stride*m*cc.bhgt)
			got := make([]uint8, len(want))
			genericRows(tr, cc, &q, tt.r, want, stride)
			tr.blockRows(cc, &q, tt.r, 0, cc.bhgt, got, stride)
			require.Equal(t, want, got)
		})
	}
}

func TestAllZero(t *testing.T) {
	old, nu := new([64]uint16), new([64]uint16)
	for k := range 64 {
		old[k], nu[k] = 2, 10
	}
	r := newRequantizer(old, nu) // |v|·2/10 rounds to 0 up to |v| = 2, ties towards zero
	tests := []struct {
		name string
		set  map[int]int16
		mask uint64
		want bool
	}{
		{"nothing marked", map[int]int16{9: 7}, 0, true},
		{"small values", map[int]int16{9: 2, 30: -2}, 1<<9 | 1<<30, true},
		{"one survives", map[int]int16{9: 2, 30: -3}, 1<<9 | 1<<30, false},
		{"a survivor not marked", map[int]int16{63: 9}, 1 << 62, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var blk [64]int16
			for k, v := range tt.set {
				blk[k] = v
			}
			assert.Equal(t, tt.want, r.allZero(blk[:], tt.mask), "mask %d bits", bits.OnesCount64(tt.mask))
		})
	}
}

// BenchmarkSmallPlanes12MP: the 1/4 and 1/2 planes of a 12 MP photo, as
// Check's reduced decode makes them and as the output check makes them
// requantised to the tables of quality 80.
func BenchmarkSmallPlanes12MP(b *testing.B) {
	c, err := decodeCoefs(encodeTest(b, photo(b, contentScene, 4000, 3000, 1), 95), DefaultMaxPixels)
	require.NoError(b, err)
	tables, err := c.tablesAt(qualityMille(80))
	require.NoError(b, err)
	for _, m := range []int{2, 4} {
		b.Run(fmt.Sprintf("%d/8/decoded", m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.scaledPlanes(m); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("%d/8/requantised", m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.requantisedPlanes(tables, m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
