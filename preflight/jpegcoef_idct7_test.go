package preflight

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBlock7IsTheBasis: the factorised 7-point transform gives the
// pixels of the basis' direct sums, within the one level float rounding
// can move a sample at the half, on random blocks of every magnitude.
func TestBlock7IsTheBasis(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	tr := newScaledIDCT(7)
	off := 0
	for i := range 2000 {
		var f [8][8]float32
		amp := []float32{4, 60, 900}[i%3]
		for v := range 7 {
			for u := range 7 {
				f[v][u] = (rng.Float32()*2 - 1) * amp / float32(1+u+v)
			}
		}
		f[0][0] += (rng.Float32()*2 - 1) * 1000
		want, got := make([]uint8, 7*9), make([]uint8, 7*9) // stride 9: the rows must not spill
		tr.sums(&f, want, 9)
		block7(&f, tr.zzMask, &tr.rows7, got, 9)
		for k := range want {
			d := int(got[k]) - int(want[k])
			require.LessOrEqual(t, d*d, 1, "block %d sample %d: %d against %d", i, k, got[k], want[k])
			if d != 0 {
				off++
			}
		}
	}
	assert.Less(t, off, 2000*49/100, "samples off by one: %d", off)
}

func TestIdct7OfOneFrequency(t *testing.T) {
	for u := range 7 {
		var in [7]float32
		in[u] = 8
		o0, o1, o2, o3, o4, o5, o6 := idct7(in[0], in[1], in[2], in[3], in[4], in[5], in[6])
		for x, g := range []float32{o0, o1, o2, o3, o4, o5, o6} {
			want := 8.0
			if u > 0 {
				want = 8 * math.Sqrt2 * math.Cos(float64((2*x+1)*u)*math.Pi/14)
			}
			assert.InDelta(t, want, g, 1e-4, "u=%d x=%d", u, x)
		}
	}
}
