package preflight

import (
	"fmt"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// pureEngineName names the pure-Go engine.
const pureEngineName = "pure-go"

// goEngine runs internal/vision, pure Go. It is compiled into every build:
// it is the default and the only engine under js/wasm, and the gocv build
// keeps it for WithEngine and for the differential tests.
type goEngine struct{}

func (goEngine) name() string { return pureEngineName }

func (goEngine) decodeImage(data []byte, h imageHeader) (*vision.RGB, error) {
	img, err := safeDecode(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, h.format, err)
	}
	return vision.Orient(vision.FromImage(img), h.orientation), nil
}

func (goEngine) detectDocuments(img *vision.RGB, opt vision.DetectOptions) []vision.Detection {
	return vision.DetectDocuments(img, opt)
}

func (goEngine) warpQuad(img *vision.RGB, q vision.Quad, w, h int) (*vision.RGB, error) {
	return vision.WarpQuad(img, q, w, h)
}

func (goEngine) detectFaces(g *vision.Gray, minSize, maxSize int) []vision.Face {
	return detectFacesGo(g, minSize, maxSize)
}
