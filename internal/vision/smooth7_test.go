package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// smoothGeneric is SmoothFloatInto's generic path (any kernel length),
// the reference smooth7 must reproduce.
func smoothGeneric(g *Gray, k []float32) []float32 {
	r := len(k) / 2
	at := func(x, y int) float32 {
		return float32(g.Pix[min(max(y, 0), g.H-1)*g.W+min(max(x, 0), g.W-1)])
	}
	tmp := make([]float32, g.W*g.H)
	for y := range g.H {
		for x := range g.W {
			var s float32
			for i, kv := range k {
				s += kv * at(x+i-r, y)
			}
			tmp[y*g.W+x] = s
		}
	}
	out := make([]float32, g.W*g.H)
	for y := range g.H {
		for x := range g.W {
			var s float32
			for i, kv := range k {
				s += kv * tmp[min(max(y+i-r, 0), g.H-1)*g.W+x]
			}
			out[y*g.W+x] = s
		}
	}
	return out
}

// TestSmooth7MatchesGeneric: the unrolled σ = 1 smoothing gives the
// generic separable sums, at the borders too and on images narrower than
// the kernel.
func TestSmooth7MatchesGeneric(t *testing.T) {
	k := gaussKernel(1)
	assert.Len(t, k, 7)
	for _, tc := range []struct {
		name string
		w, h int
	}{
		{"200x126 (a live document)", 200, 126},
		{"narrower than the kernel", 5, 9},
		{"one row", 17, 1},
		{"one pixel", 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := noisyRGB(tc.w, tc.h, [3]uint8{120, 120, 120}, 80, 7).Gray()
			got, _ := SmoothFloatInto(nil, nil, g, 1)
			want := smoothGeneric(g, k)
			assert.InDeltaSlice(t, want, got, 1e-4)
		})
	}
}

// BenchmarkSmoothFloat200 is the live document's sharpness pre-smoothing
// (run it under GOOS=js GOARCH=wasm too).
func BenchmarkSmoothFloat200(b *testing.B) {
	g := noisyRGB(200, 126, [3]uint8{120, 120, 120}, 80, 7).Gray()
	var out, tmp []float32
	b.ReportAllocs()
	for b.Loop() {
		out, tmp = SmoothFloatInto(out, tmp, g, 1)
	}
}
