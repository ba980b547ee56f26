package vision_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// cardAt is the outline (TL, TR, BR, BL) of a document of the given
// aspect, width px wide, turned by deg degrees about (cx, cy).
func cardAt(aspect, width, deg, cx, cy float64) vision.Quad {
	hw, hh := width/2, width/aspect/2
	s, c := math.Sincos(deg * math.Pi / 180)
	var q vision.Quad
	for k, p := range [4]vision.Point{{X: -hw, Y: -hh}, {X: hw, Y: -hh}, {X: hw, Y: hh}, {X: -hw, Y: hh}} {
		q[k] = vision.Point{X: cx + c*p.X - s*p.Y, Y: cy + s*p.X + c*p.Y}
	}
	return q
}

// TestDetectInFrameUnderBlurAndLight: a card wholly inside the frame
// (margin ≥ 6 % of its short side) seen through motion blur of 2–3 % of
// its width or over-exposed by 2 EV must not be reported cut (821:
// visible < 0.97) or past the frame (823: a corner outside by more than
// 1 % of the short side): the weak, wide edges of such photos are no
// evidence that the document leaves the frame.
func TestDetectInFrameUnderBlurAndLight(t *testing.T) {
	const w, h = 720, 960
	type spoil func(m *vision.RGB, cardWidth float64) *vision.RGB
	motion := func(share, angle float64) spoil {
		return func(m *vision.RGB, cw float64) *vision.RGB { return synth.MotionBlur(m, share*cw, angle) }
	}
	bright := func(m *vision.RGB, _ float64) *vision.RGB { return synth.Exposure(m, 2) }
	tests := []struct {
		name  string
		kind  synth.Kind
		bg    synth.Background
		deg   float64
		spoil spoil
	}{
		{"ID-1 on wood, blur 2 % across", synth.ID1, synth.Wood, 3, motion(0.02, 100)},
		{"ID-1 on a gradient, blur 3 % at 120°", synth.ID1, synth.Gradient, -4, motion(0.03, 120)},
		{"ID-3 on wood, blur 3 % at 60°", synth.ID3, synth.Wood, 2, motion(0.03, 60)},
		{"ID-1 on clutter, blur 2.5 % at 30°", synth.ID1, synth.Clutter, -2, motion(0.025, 30)},
		{"ID-1 on wood, +2 EV", synth.ID1, synth.Wood, 4, bright},
		{"ID-3 on a gradient, +2 EV", synth.ID3, synth.Gradient, -3, bright},
		{"ID-1 on plain, +2 EV", synth.ID1, synth.Plain, 2, bright},
	}
	for i, tc := range tests {
		for seed := int64(0); seed < 2; seed++ {
			t.Run(fmt.Sprintf("%s seed %d", tc.name, seed), func(t *testing.T) {
				cw := 0.75 * w
				q := cardAt(tc.kind.Aspect(), cw, tc.deg, w/2, 0.55*h)
				s := synth.NewScene(w, h, tc.bg, int64(10*i)+seed+300)
				require.NoError(t, s.Place(synth.NewDocument(tc.kind, int64(10*i)+seed+300), q, 0.3))
				img := tc.spoil(s.Img, cw)
				dets := vision.DetectDocuments(img, vision.DetectOptions{Aspects: []float64{tc.kind.Aspect()}})
				require.NotEmpty(t, dets, "the card is found")
				got := dets[0].Quad
				assert.GreaterOrEqual(t, vision.ClipArea(got[:], w, h)/got.Area(), 0.97, "visible share (821)")
				assert.LessOrEqual(t, outside(got, w, h), 0.01*math.Min(w, h), "farthest corner outside (823)")
			})
		}
	}
}
