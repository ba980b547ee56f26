package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSmoothFloat(t *testing.T) {
	// A single bright pixel spreads but keeps its total; a flat image
	// stays flat; sigma 0 copies.
	impulse := NewGray(9, 9)
	impulse.Pix[4*9+4] = 100
	flat := NewGray(5, 3)
	for i := range flat.Pix {
		flat.Pix[i] = 77
	}
	tests := []struct {
		name   string
		g      *Gray
		sigma  float64
		sum    float64
		centre float64 // value at the centre pixel
	}{
		{"impulse σ=1 keeps its sum", impulse, 1, 100, 100 * 0.159 * 0.159 * 6.283},
		{"impulse σ=0 is a copy", impulse, 0, 100, 100},
		{"flat stays flat", flat, 2, 77 * 15, 77},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := SmoothFloat(tc.g, tc.sigma)
			sum := 0.0
			for _, v := range out {
				sum += float64(v)
			}
			assert.InDelta(t, tc.sum, sum, 0.01*tc.sum)
			assert.InDelta(t, tc.centre, float64(out[(tc.g.H/2)*tc.g.W+tc.g.W/2]), 0.02*tc.centre)
		})
	}
}

func TestSmoothFloatIntoReusesBuffers(t *testing.T) {
	g := noisyRGB(30, 20, [3]uint8{120, 120, 120}, 60, 3).Gray()
	stale := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = 1e6
		}
		return s
	}
	for _, tc := range []struct {
		name     string
		out, tmp []float32
		sigma    float64
		reuse    bool
	}{
		{"nil buffers", nil, nil, 1, false},
		{"stale larger buffers", stale(900), stale(900), 1, true},
		{"small buffers", stale(10), stale(10), 1, false},
		{"no smoothing", stale(900), nil, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _ := SmoothFloatInto(tc.out, tc.tmp, g, tc.sigma)
			assert.Equal(t, SmoothFloat(g, tc.sigma), out)
			assert.Equal(t, tc.reuse, tc.out != nil && &out[0] == &tc.out[0], "buffer reused")
		})
	}
}
