//go:build !(cgo && gocv)

package preflight

import "github.com/idpreflight/idpreflight/internal/vision"

// EngineName names the engine compiled into this build.
const EngineName = "pure-go"

// pureEngine runs internal/vision, pure Go: the default build and the
// only engine under js/wasm.
type pureEngine struct{}

func newEngine() engine { return pureEngine{} }

func (pureEngine) name() string { return EngineName }

func (pureEngine) detectDocuments(img *vision.RGB, opt vision.DetectOptions) []vision.Detection {
	return vision.DetectDocuments(img, opt)
}

func (pureEngine) detectFaces(g *vision.Gray, minSize, maxSize int) []vision.Face {
	return nil // the pure cascade lands next (internal/cascade)
}
