package preflight

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// synthCard renders synthetic ID-1 card seed face-on with a slight roll
// and tilt, docWidth pixels wide, on a wooden desk; the scene leaves a
// fifth of the width as margin all round.
func synthCard(t testing.TB, docWidth float64, seed int64) *synth.Scene {
	t.Helper()
	doc := synth.NewDocument(synth.ID1, seed)
	w, h := int(docWidth*1.4), int(docWidth*1.4/doc.Aspect())
	s := synth.NewScene(w, h, synth.Wood, seed)
	q := synth.Pose{Center: vision.Point{X: float64(w) / 2, Y: float64(h) / 2}, Width: docWidth, Roll: 4, TiltX: 8}.Quad(doc.Aspect())
	require.NoError(t, s.Place(doc, q, 0.3))
	return s
}

// flatCard rectifies the scene's card from img (the scene's picture,
// possibly degraded).
func flatCard(t testing.TB, img *vision.RGB, s *synth.Scene) *rectified {
	t.Helper()
	r, err := rectify(img, 1, s.Quads[0], IDCard, vision.WarpQuad)
	require.NoError(t, err)
	return r
}
