package vision_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// printedCopyScene lays a grey printed copy of an ID-1 card (paper level
// 200, print faded by fade) on a pale wood table of the same brightness
// whose hue is sat of wood's own: the sheet's border is a faint step in
// brightness, and a step in hue only as strong as sat.
func printedCopyScene(t *testing.T, sat, fade float64, seed int64) *synth.Scene {
	t.Helper()
	doc, err := synth.PrintedCopy(synth.NewDocument(synth.ID1, seed), 200, fade)
	require.NoError(t, err)
	s := synth.NewPaleTable(800, 1200, 200, sat, seed)
	q := vision.Quad{{X: 150, Y: 400}, {X: 650, Y: 410}, {X: 645, Y: 725}, {X: 148, Y: 718}}
	require.NoError(t, s.Place(doc, q, 0))
	return s
}

// TestDetectPrintedCopy: on a table with a faint hue, grey printed
// copies are found whole (at sat 0.1 seed 1 and sat 0.2 seed 2 only by
// the chroma-plane pass, detect_print.go: the photo's own edges give no
// outline there); without any hue there is nothing to see the sheet by,
// and a blank sheet is no document.
func TestDetectPrintedCopy(t *testing.T) {
	tests := []struct {
		sat, fade float64
		seed      int64
		found     bool
	}{
		{0.1, 0.4, 1, true},
		{0.2, 0.4, 2, true},
		{0, 0.4, 1, false},
		{0, 0.4, 2, false},
		{0.2, 1, 1, false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("sat %.2f fade %.1f seed %d", tc.sat, tc.fade, tc.seed), func(t *testing.T) {
			s := printedCopyScene(t, tc.sat, tc.fade, tc.seed)
			dets := vision.DetectDocuments(s.Img, vision.DetectOptions{})
			if !tc.found {
				assert.Empty(t, dets)
				return
			}
			require.Len(t, dets, 1)
			assert.GreaterOrEqual(t, iou(dets[0].Quad, s.Quads[0]), 0.9)
		})
	}
}
