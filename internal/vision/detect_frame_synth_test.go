package vision_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// TestDetectFullBleedScans: a document texture that is the whole image
// (a scan cropped to the document) is found as the image frame, while
// desk scenes of a document's shape without one give nothing.
func TestDetectFullBleedScans(t *testing.T) {
	frame := func(m *vision.RGB) vision.Quad {
		w, h := float64(m.W), float64(m.H)
		return vision.Quad{{X: 0, Y: 0}, {X: w, Y: 0}, {X: w, Y: h}, {X: 0, Y: h}}
	}
	tests := []struct {
		name  string
		img   *vision.RGB
		found bool
	}{
		{"ID-1 scan", synth.NewDocument(synth.ID1, 7).Img, true},
		{"ID-3 scan", synth.NewDocument(synth.ID3, 8).Img, true},
		{"ID-1 shaped wood", synth.NewScene(856, 540, synth.Wood, 9).Img, false},
		{"ID-1 shaped gradient", synth.NewScene(856, 540, synth.Gradient, 10).Img, false},
		{"ID-3 shaped plain desk", synth.NewScene(1250, 880, synth.Plain, 11).Img, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dets := vision.DetectDocuments(tc.img, vision.DetectOptions{})
			if !tc.found {
				assert.Empty(t, dets)
				return
			}
			require.Len(t, dets, 1)
			assert.GreaterOrEqual(t, iou(frame(tc.img), dets[0].Quad), 0.95)
		})
	}
}
