//go:build cgo && gocv

package preflight

import "gocv.io/x/gocv"

// EngineName names the engine compiled into this build.
const EngineName = "gocv"

// gocvEngine runs OpenCV through GoCV for the pixel-heavy work: decoding
// (libjpeg-turbo, with reduced decoding), resizing, colour conversion,
// blur, Canny, morphology, contours, perspective warps and the cascade
// classifier. Hypothesis scoring and every measure behind a code stay in
// shared Go code, so both engines give the same verdicts. It holds no
// state: every call allocates and closes its own Mats, which makes it
// safe for concurrent use.
type gocvEngine struct{}

func newEngine() engine { return gocvEngine{} }

func (gocvEngine) name() string { return EngineName }

func engineNames() []string { return []string{EngineName, pureEngineName} }

// Engine describes the engine compiled into this build.
func Engine() EngineInfo {
	return EngineInfo{Name: EngineName, OpenCV: gocv.OpenCVVersion(), GoCV: gocv.Version(), Available: engineNames()}
}
