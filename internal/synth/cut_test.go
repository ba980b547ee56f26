package synth_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// TestCutQuad: the outline shows the asked share of itself, runs past
// exactly the asked frame sides and keeps the aspect.
func TestCutQuad(t *testing.T) {
	const w, h = 720, 960
	tests := []struct {
		name    string
		cut     synth.Cut
		aspect  float64
		visible float64
		deg     float64
	}{
		{"left", synth.CutLeft, synth.ID1.Aspect(), 0.7, 3},
		{"bottom", synth.CutBottom, synth.ID3.Aspect(), 0.6, -2},
		{"both ends", synth.CutLeft | synth.CutRight, synth.ID1.Aspect(), 0.8, 4},
		{"top and bottom", synth.CutTop | synth.CutBottom, 1 / synth.ID1.Aspect(), 0.9, 0},
		{"corner", synth.CutRight | synth.CutTop, synth.ID3.Aspect(), 0.85, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := synth.CutQuad(w, h, tc.aspect, 0.8, tc.deg, tc.visible, tc.cut)
			require.NoError(t, err)
			assert.InDelta(t, tc.visible, vision.ClipArea(q[:], w, h)/q.Area(), 1e-6)
			var past synth.Cut
			for _, p := range q {
				if p.X < 0 {
					past |= synth.CutLeft
				}
				if p.X > w {
					past |= synth.CutRight
				}
				if p.Y < 0 {
					past |= synth.CutTop
				}
				if p.Y > h {
					past |= synth.CutBottom
				}
			}
			assert.Equal(t, tc.cut, past)
			assert.InDelta(t, tc.aspect, q[0].Dist(q[1])/q[1].Dist(q[2]), 1e-9)
		})
	}
}

// TestCutQuadRejectsBadInput: impossible requests are errors, never
// panics or silent placements.
func TestCutQuadRejectsBadInput(t *testing.T) {
	tests := []struct {
		name    string
		w, h    int
		aspect  float64
		span    float64
		visible float64
		cut     synth.Cut
	}{
		{"no frame", 0, 960, 1.5, 0.8, 0.7, synth.CutLeft},
		{"no aspect", 720, 960, 0, 0.8, 0.7, synth.CutLeft},
		{"NaN visible", 720, 960, 1.5, 0.8, math.NaN(), synth.CutLeft},
		{"whole", 720, 960, 1.5, 0.8, 1, synth.CutLeft},
		{"no side", 720, 960, 1.5, 0.8, 0.7, 0},
		{"unknown side", 720, 960, 1.5, 0.8, 0.7, 16},
		{"three sides", 720, 960, 1.5, 0.8, 0.7, synth.CutLeft | synth.CutRight | synth.CutTop},
		{"wider than the frame on one side", 720, 960, 1.5, 3, 0.7, synth.CutLeft},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := synth.CutQuad(tc.w, tc.h, tc.aspect, tc.span, 0, tc.visible, tc.cut)
			assert.ErrorIs(t, err, synth.ErrBadScene)
		})
	}
}
