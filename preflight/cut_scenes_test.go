package preflight

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
)

// TestCheckCardsCutByTheFrame: a card run off the frame on two opposite
// or two adjacent sides, which only the detector's cut outlines find
// (internal/vision/detect_cut.go), is reported cropped (821) and outside
// the frame (823) with an outline whose part in the frame is the card's.
func TestCheckCardsCutByTheFrame(t *testing.T) {
	const w, h = 720, 960
	tests := []struct {
		name    string
		kind    synth.Kind
		docType DocumentType
		bg      synth.Background
		cut     synth.Cut
		visible float64
		span    float64
		deg     float64
	}{
		{"card cut on both ends", synth.ID1, IDCard, synth.Wood, synth.CutLeft | synth.CutRight, 0.75, 1, 4},
		{"passport page cut on both ends", synth.ID3, Passport, synth.Plain, synth.CutLeft | synth.CutRight, 0.85, 1, -3},
		{"card cut at a corner", synth.ID1, IDCard, synth.Wood, synth.CutLeft | synth.CutTop, 0.7, 0.8, 5},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := synth.CutQuad(w, h, tc.kind.Aspect(), tc.span, tc.deg, tc.visible, tc.cut)
			require.NoError(t, err)
			s := synth.NewScene(w, h, tc.bg, int64(i+40))
			require.NoError(t, s.Place(synth.NewDocument(tc.kind, int64(i+40)), q, 0.3))
			data, err := synth.EncodeJPEG(s.Img, 90)
			require.NoError(t, err)
			rep, err := Check(context.Background(), data, WithDocumentType(tc.docType))
			require.NoError(t, err)
			assert.Equal(t, []Code{CodeCropped, CodeOutside}, failing(rep, geometryCodes))
			require.NotNil(t, rep.Document)
			// 0.85: the synthetic header band's inner edge may be taken
			// for the card's top (see the detector's synthetic test).
			assert.GreaterOrEqual(t, bestIoU(q, rep.Document.Quads, w, h), 0.85)
		})
	}
}
