package synth

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// TestGrip: each finger crosses the gripped side, from outside the
// outline onto it, at its share of the side; the other sides stay
// untouched.
func TestGrip(t *testing.T) {
	q := vision.Quad{{X: 40, Y: 40}, {X: 160, Y: 40}, {X: 160, Y: 120}, {X: 40, Y: 120}}
	tests := []struct {
		name    string
		k, n    int
		on, off []vision.Point // pixels changed, pixels kept
	}{
		{"top side, one finger", 0, 1,
			[]vision.Point{{X: 100, Y: 40}, {X: 100, Y: 20}, {X: 100, Y: 46}},
			[]vision.Point{{X: 60, Y: 40}, {X: 100, Y: 120}, {X: 100, Y: 60}}},
		{"right side, two fingers", 1, 2,
			[]vision.Point{{X: 160, Y: 66}, {X: 160, Y: 93}, {X: 172, Y: 66}},
			[]vision.Point{{X: 160, Y: 80}, {X: 40, Y: 80}, {X: 140, Y: 66}}},
		{"left side, three fingers", 3, 3,
			[]vision.Point{{X: 40, Y: 60}, {X: 40, Y: 80}, {X: 40, Y: 100}},
			[]vision.Point{{X: 40, Y: 70}, {X: 160, Y: 80}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewScene(200, 160, Plain, 3)
			before := append([]uint8(nil), s.Img.Pix...)
			require.NoError(t, s.Grip(q, tc.k, tc.n, 4))
			changed := func(p vision.Point) bool {
				i := 3 * (int(p.Y)*s.Img.W + int(p.X))
				return s.Img.Pix[i] != before[i] || s.Img.Pix[i+1] != before[i+1] || s.Img.Pix[i+2] != before[i+2]
			}
			for _, p := range tc.on {
				assert.True(t, changed(p), "finger at %v", p)
			}
			for _, p := range tc.off {
				assert.False(t, changed(p), "no finger at %v", p)
			}
			assert.Empty(t, s.Quads, "fingers are no document")
		})
	}
}

func TestGripBadInput(t *testing.T) {
	q := vision.Quad{{X: 4, Y: 4}, {X: 16, Y: 4}, {X: 16, Y: 12}, {X: 4, Y: 12}}
	flat := vision.Quad{{X: 4, Y: 4}, {X: 4, Y: 4}, {X: 16, Y: 12}, {X: 4, Y: 12}}
	tests := []struct {
		name string
		q    vision.Quad
		k, n int
		r    float64
	}{
		{"side -1", q, -1, 1, 2},
		{"side 4", q, 4, 1, 2},
		{"no finger", q, 0, 0, 2},
		{"zero radius", q, 0, 1, 0},
		{"NaN radius", q, 0, 1, math.NaN()},
		{"degenerate side", flat, 0, 1, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewScene(20, 20, Plain, 1)
			assert.True(t, errors.Is(s.Grip(tc.q, tc.k, tc.n, tc.r), ErrBadScene))
		})
	}
}
