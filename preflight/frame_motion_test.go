package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// card is a 300×190 quad at (x, y).
func card(x, y float64) *vision.Quad {
	return &vision.Quad{{X: x, Y: y}, {X: x + 300, Y: y}, {X: x + 300, Y: y + 190}, {X: x, Y: y + 190}}
}

func TestMotionTrackerStability(t *testing.T) {
	steady := func(n int) []*vision.Quad {
		out := make([]*vision.Quad, n)
		for i := range out {
			out[i] = card(100+float64(i%2), 100) // 1 px jitter
		}
		return out
	}
	limit := stableShift * 480
	tests := []struct {
		name   string
		quads  []*vision.Quad
		h      []int // frame height per frame; nil: 480 throughout
		stable bool
	}{
		{"steady for enough frames", steady(stableFrames), nil, true},
		{"one frame short", steady(stableFrames - 1), nil, false},
		{"moved just within the limit", []*vision.Quad{card(100, 100), card(100+limit*0.9, 100), card(100+limit*1.8, 100), card(100+limit*2.7, 100), card(100+limit*3.6, 100)}, nil, true},
		{"jump in the last frame", append(steady(stableFrames), card(100+limit*1.5, 100)), nil, false},
		{"lost in the middle", append(append(steady(3), nil), steady(3)...), nil, false},
		{"lost then found again long enough", append(append(steady(3), nil), steady(stableFrames)...), nil, true},
		{"frame size changed", steady(stableFrames), []int{480, 480, 480, 320, 320}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m motionTracker
			got := false
			for i, q := range tt.quads {
				w, h := 640, 480
				if tt.h != nil {
					h = tt.h[i]
				}
				got = m.observe(q, w, h)
			}
			assert.Equal(t, tt.stable, got)
		})
	}
}

func TestMotionTrackerReset(t *testing.T) {
	var m motionTracker
	for range stableFrames {
		m.observe(card(10, 10), 640, 480)
	}
	assert.True(t, m.observe(card(10, 10), 640, 480))
	m.reset()
	assert.False(t, m.observe(card(10, 10), 640, 480))
}
