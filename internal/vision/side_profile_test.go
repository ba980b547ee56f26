package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewSideSpan(t *testing.T) {
	tests := []struct {
		name     string
		a, b     Point
		ok       bool
		t0, span float64
	}{
		{"inside", Point{10, 50}, Point{90, 50}, true, 0.06, 0.88 * 80},
		{"half outside keeps the inside part", Point{-100, 50}, Point{100, 50}, true, 0.5, 0.44 * 200},
		{"outside the frame", Point{10, -5}, Point{90, -5}, false, 0, 0},
		{"shorter than 8 px inside", Point{10, 50}, Point{18, 50}, false, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sp, ok := newSideSpan(tc.a, tc.b, 100, 100)
			require.Equal(t, tc.ok, ok)
			if !ok {
				return
			}
			assert.InDelta(t, tc.t0, sp.t0, 1e-9)
			assert.InDelta(t, tc.span, sp.len, 1e-9)
			// The normal is the direction turned by +90°.
			assert.InDelta(t, 0, sp.nx, 1e-9)
			assert.InDelta(t, 1, sp.ny, 1e-9)
		})
	}
}

func TestSideSpanCentres(t *testing.T) {
	sp, ok := newSideSpan(Point{0, 20}, Point{100, 20}, 100, 100)
	require.True(t, ok)
	// Four equal pieces of x ∈ [6, 94]: centres 17, 39, 61, 83.
	for s, want := range []float64{17, 39, 61, 83} {
		c := sp.centre(s, 4)
		assert.InDelta(t, want, c.X, 1e-9)
		assert.InDelta(t, 20, c.Y, 1e-9)
	}
}

func TestStepProfilePeaksAtTheEdge(t *testing.T) {
	// A horizontal side at y = 20 over an edge between rows 21 and 22:
	// dark above, light from row 22 down.
	img := NewRGB(60, 40)
	for y := 22; y < img.H; y++ {
		for x := range img.W {
			i := 3 * (y*img.W + x)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = 200, 200, 200
		}
	}
	sp, ok := newSideSpan(Point{0, 20.5}, Point{60, 20.5}, 60, 40)
	require.True(t, ok)
	const radius = 4
	for _, nearest := range []bool{false, true} {
		prof := make([]float64, 2*radius+2)
		sp.stepProfile(prof, img, sp.centre(5, 10), radius, nearest)
		best := 0
		for i, v := range prof {
			if v > prof[best] {
				best = i
			}
		}
		// Pixel centres sit at .5: the step between rows 21 and 22
		// (y 21.5 → 22.5) is offsets 1 → 2, prof[2+radius].
		assert.Equal(t, 2+radius, best, "nearest=%v", nearest)
		assert.InDelta(t, 200*1.7320508, prof[best], 1, "nearest=%v", nearest)
		assert.Zero(t, prof[0], "nearest=%v: flat dark above", nearest)
	}
}
