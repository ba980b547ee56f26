//go:build cgo && gocv

package preflight

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/evalset"
)

// Differential tolerances between the gocv and the pure-Go engine.
const (
	// minCodeAgreement is the share of photos on which both engines must
	// report the same set of failing codes (the 97 %).
	minCodeAgreement = 0.97
	// maxEngineCornerShift is how far, as a share of the image's short side,
	// a corner of the main quad may move between engines when both find
	// the document: decoders differ by rounding and chroma upsampling,
	// which moves a refined edge by well under a pixel.
	maxEngineCornerShift = 0.01
)

// TestEnginesAgree is the differential test: both engines check the same
// synthetic photos (exact ground truth from internal/synth) and must agree
// on the codes and, within maxEngineCornerShift, on the document.
func TestEnginesAgree(t *testing.T) {
	cases := synthCases(t, 640, 480, 0)
	same, compared := 0, 0
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reps := map[string]*Report{}
			for _, name := range []string{EngineName, pureEngineName} {
				rep, err := Check(t.Context(), c.jpeg, WithEngine(name), WithDocumentType(c.docType))
				require.NoError(t, err)
				reps[name] = rep
			}
			g, p := reps[EngineName], reps[pureEngineName]
			compared++
			if slices.Equal(g.Codes(), p.Codes()) {
				same++
			} else {
				t.Logf("codes differ: gocv %v, pure-go %v", g.Codes(), p.Codes())
			}
			if g.Document == nil || p.Document == nil {
				assert.Equal(t, p.Document == nil, g.Document == nil, "one engine found no document")
				return
			}
			short := float64(min(g.Width, g.Height))
			shift := maxCornerShift(g.Document.Quads[0].vision(), p.Document.Quads[0].vision())
			assert.LessOrEqual(t, shift/short, maxEngineCornerShift, "gocv %v, pure-go %v", g.Document.Quads[0], p.Document.Quads[0])
		})
	}
	rate := float64(same) / float64(compared)
	t.Logf("code agreement %d/%d = %.3f", same, compared, rate)
	assert.GreaterOrEqual(t, rate, minCodeAgreement)
}

// TestEngineStagesAgree swaps one engine stage at a time (decode, warp,
// face cascade) on the synthetic photos and reports which stage makes the
// verdicts differ; the warp and the cascade must never change a code.
func TestEngineStagesAgree(t *testing.T) {
	cases := synthCases(t, 640, 480, 12)
	stages := map[string]stageEngine{
		"warp":    {base: goEngine{}, warp: gocvEngine{}},
		"cascade": {base: goEngine{}, faces: gocvEngine{}},
	}
	for stage, eng := range stages {
		t.Run(stage, func(t *testing.T) {
			var ids []string
			var a, b []evalset.Result
			for _, c := range cases {
				ids = append(ids, c.name)
				a = append(a, checkWith(t, c, goEngine{}))
				b = append(b, checkWith(t, c, eng))
			}
			ag := evalset.Agree(ids, a, b)
			assert.Equal(t, ag.Cases, ag.SameCodes, "%v", ag.Differ)
			assert.GreaterOrEqual(t, ag.QuadIoUMin, 0.999)
		})
	}
}
