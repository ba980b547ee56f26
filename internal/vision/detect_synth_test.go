package vision_test

import (
	"testing"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDetectDocumentsOnSynthScenes runs the detector end to end on
// rendered scenes with exact ground truth.
func TestDetectDocumentsOnSynthScenes(t *testing.T) {
	type placed struct {
		kind synth.Kind
		pose synth.Pose
	}
	pt := func(x, y float64) vision.Point { return vision.Point{X: x, Y: y} }
	tests := []struct {
		name string
		w, h int
		bg   synth.Background
		docs []placed
		min  float64 // least IoU per document
	}{
		{"card on wood", 1600, 900, synth.Wood, []placed{{synth.ID1, synth.Pose{Center: pt(800, 450), Width: 800, Roll: 8}}}, 0.95},
		{"passport page on gradient", 1200, 1600, synth.Gradient, []placed{{synth.ID3, synth.Pose{Center: pt(600, 800), Width: 900, Roll: 84}}}, 0.95},
		{"card on clutter", 1600, 1200, synth.Clutter, []placed{{synth.ID1, synth.Pose{Center: pt(800, 600), Width: 900, Roll: 3}}}, 0.95},
		{"card runs off the bottom edge", 1600, 900, synth.Wood, []placed{{synth.ID1, synth.Pose{Center: pt(800, 700), Width: 900, Roll: 4}}}, 0.95},
		{"two cards", 1600, 900, synth.Plain, []placed{
			{synth.ID1, synth.Pose{Center: pt(420, 450), Width: 620, Roll: 6}},
			{synth.ID1, synth.Pose{Center: pt(1200, 450), Width: 600, Roll: -5}},
		}, 0.93}, // the drop shadow pulls the far sides out by ~6 px
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synth.NewScene(tc.w, tc.h, tc.bg, int64(i+1))
			for j, d := range tc.docs {
				doc := synth.NewDocument(d.kind, int64(10*i+j))
				require.NoError(t, s.Place(doc, d.pose.Quad(doc.Aspect()), 0.4))
			}
			aspect := tc.docs[0].kind.Aspect()
			dets := vision.DetectDocuments(s.Img, vision.DetectOptions{Aspects: []float64{aspect}})
			require.Len(t, dets, len(s.Quads))
			for _, want := range s.Quads {
				best := 0.0
				for _, d := range dets {
					best = max(best, iou(want, d.Quad))
				}
				assert.GreaterOrEqual(t, best, tc.min)
			}
		})
	}
}

func iou(a, b vision.Quad) float64 {
	inter := vision.IntersectionArea(a[:], b[:])
	return inter / (a.Area() + b.Area() - inter)
}
