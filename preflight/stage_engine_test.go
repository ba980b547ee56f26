package preflight

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/evalset"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// stageEngine runs base except for the stages given another engine, so
// that a differential test can tell which stage changes a verdict.
type stageEngine struct {
	base, decode, detect, warp, faces engine
}

func (s stageEngine) pick(e engine) engine {
	if e != nil {
		return e
	}
	return s.base
}

func (s stageEngine) name() string { return "stages" }

func (s stageEngine) decodeImage(data []byte, h imageHeader) (*vision.RGB, error) {
	return s.pick(s.decode).decodeImage(data, h)
}

func (s stageEngine) detectDocuments(img *vision.RGB, opt vision.DetectOptions) []vision.Detection {
	return s.pick(s.detect).detectDocuments(img, opt)
}

func (s stageEngine) warpQuad(img *vision.RGB, q vision.Quad, w, h int) (*vision.RGB, error) {
	return s.pick(s.warp).warpQuad(img, q, w, h)
}

func (s stageEngine) detectFaces(g *vision.Gray, minSize, maxSize int) []vision.Face {
	return s.pick(s.faces).detectFaces(g, minSize, maxSize)
}

// checkWith checks a synthetic case with eng and returns the result in
// evalset's terms.
func checkWith(t testing.TB, c synthCase, eng engine) evalset.Result {
	t.Helper()
	cfg, err := buildConfig([]Option{WithDocumentType(c.docType)})
	require.NoError(t, err)
	d, err := decodeBytes(c.jpeg, cfg.maxPixels, eng)
	require.NoError(t, err)
	rep, err := runWith(t.Context(), &cfg, d, eng)
	require.NoError(t, err)
	r := evalset.Result{Codes: map[int]bool{}}
	for _, code := range rep.Codes() {
		r.Codes[int(code)] = true
	}
	if rep.Document != nil {
		for _, q := range rep.Document.Quads {
			r.Quads = append(r.Quads, q.vision())
		}
	}
	return r
}
