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

// TestDetectCutCardExtrapolation: a card cut by one frame side shows
// three of its sides; the fourth, outside the frame, is placed by the
// aspect prior (extrapolate). Its corners must land within 2 % of the
// card's width of the truth's, which keeps the visible share 821 is
// decided on within about 0.02 at these cuts.
//
// Not covered, because it fails today for another reason: an ID-1 card
// cut on a short side (left or right: 4 of the 8 scenes tried on wood,
// plain and graded backgrounds), where the header band's lower edge
// outscores the card's top and becomes the seen top side
// (TestDetectCardsCutByTheFrame says so too); the unseen corners then
// land ~15 % of the width short. Scoring an extrapolated outline
// without the in-frame preference (its visible share is set by the
// placement, so that preference favours the shortest one) fixes those,
// but on the dev set it turns two motion-blurred passports inside the
// frame into cut outlines (docs/detector.md, session 9).
func TestDetectCutCardExtrapolation(t *testing.T) {
	const w, h = 720, 960
	tests := []struct {
		name    string
		kind    synth.Kind
		bg      synth.Background
		cut     synth.Cut
		visible float64
		deg     float64
	}{
		{"ID-3 cut at the bottom", synth.ID3, synth.Gradient, synth.CutBottom, 0.75, 2},
		{"ID-3 cut on the right", synth.ID3, synth.Plain, synth.CutRight, 0.9, -2},
		{"ID-1 cut at the top", synth.ID1, synth.Plain, synth.CutTop, 0.7, 5},
	}
	for i, tc := range tests {
		for seed := int64(0); seed < 2; seed++ {
			t.Run(fmt.Sprintf("%s seed %d", tc.name, seed), func(t *testing.T) {
				q, err := synth.CutQuad(w, h, tc.kind.Aspect(), 0.8, tc.deg, tc.visible, tc.cut)
				require.NoError(t, err)
				s := synth.NewScene(w, h, tc.bg, int64(10*i)+seed+700)
				require.NoError(t, s.Place(synth.NewDocument(tc.kind, int64(10*i)+seed+700), q, 0.3))
				dets := vision.DetectDocuments(s.Img, vision.DetectOptions{Aspects: []float64{tc.kind.Aspect()}})
				require.NotEmpty(t, dets)
				got := dets[0].Quad
				width := q[0].Dist(q[1])
				worst := 0.0
				for _, p := range q {
					if p.X >= 0 && p.X <= w && p.Y >= 0 && p.Y <= h {
						continue // a seen corner
					}
					near := math.Inf(1)
					for _, g := range got {
						near = math.Min(near, p.Dist(g))
					}
					worst = math.Max(worst, near)
				}
				assert.Less(t, worst, 0.02*width, "farthest unseen corner from the truth's, px")
			})
		}
	}
}
