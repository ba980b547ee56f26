package vision_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// TestDetectCardHeldByFingers renders a card held in the hand: five
// fingers cross the left half of its bottom side from below and a thumb
// its top side, hiding half of one border and a fifth of another. The
// outline must still be found where the card was placed; without the
// occluder test (detect_occlusion.go) the detector reports a wrong
// outline in both scenes.
func TestDetectCardHeldByFingers(t *testing.T) {
	pt := func(x, y float64) vision.Point { return vision.Point{X: x, Y: y} }
	tests := []struct {
		name string
		bg   synth.Background
		pose synth.Pose
	}{
		{"on wood", synth.Wood, synth.Pose{Center: pt(800, 450), Width: 820, Roll: -3}},
		{"on a plain wall", synth.Plain, synth.Pose{Center: pt(780, 470), Width: 760, Roll: 4}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synth.NewScene(1600, 900, tc.bg, int64(70+i))
			card := synth.NewDocument(synth.ID1, int64(80+i))
			q := tc.pose.Quad(card.Aspect())
			require.NoError(t, s.Place(card, q, 0.3))
			// Fingers from below the bottom side (BL→BR) up into the
			// card, over its left half, and a thumb over the top side.
			bl, br, tl, tr := q[3], q[2], q[0], q[1]
			for _, f := range []float64{0.08, 0.18, 0.28, 0.38, 0.48} {
				p := pt(bl.X+f*(br.X-bl.X), bl.Y+f*(br.Y-bl.Y))
				require.NoError(t, s.Finger(pt(p.X-20, p.Y+200), pt(p.X+10, p.Y-60), 32))
			}
			top := pt(tl.X+0.8*(tr.X-tl.X), tl.Y+0.8*(tr.Y-tl.Y))
			require.NoError(t, s.Finger(pt(top.X+60, top.Y-220), pt(top.X-30, top.Y+90), 40))
			dets := vision.DetectDocuments(s.Img, vision.DetectOptions{})
			require.NotEmpty(t, dets, "no document found")
			assert.GreaterOrEqual(t, iou(q, dets[0].Quad), 0.9)
		})
	}
}
