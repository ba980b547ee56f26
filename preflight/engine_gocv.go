//go:build cgo && gocv

package preflight

import "gocv.io/x/gocv"

// EngineName names the engine compiled into this build.
const EngineName = "gocv"

// gocvEngine runs OpenCV through GoCV for the pixel-heavy work: decoding
// (libjpeg-turbo with reduced decoding for large JPEGs, decode_gocv.go),
// candidate document outlines from contours (Gaussian blur, Canny,
// morphological closing, findContours, convex hull, approxPolyDP;
// contours_gocv.go), the perspective warp (warp_gocv.go), the portrait's
// cascade classifier (faces_gocv.go) and the Recompress encoder. The
// contour outlines join the line-based hypotheses of the shared Go
// detector (vision.DetectOptions.Candidates), which scores, ranks and
// picks among both; every measure behind a code is shared Go code too,
// so both engines give nearly the same verdicts. Every call allocates and
// closes its own Mats; the only state is the face classifiers a check's
// faceSession lends (a mutex-guarded pool), so it is safe for concurrent
// use.
type gocvEngine struct {
	cascades *cascadePool // nil: each face search loads its own
}

func newEngine() engine { return gocvEngine{} }

func (gocvEngine) name() string { return EngineName }

func engineNames() []string { return []string{EngineName, pureEngineName} }

// Engine describes the engine compiled into this build.
func Engine() EngineInfo {
	return EngineInfo{Name: EngineName, OpenCV: gocv.OpenCVVersion(), GoCV: gocv.Version(), Available: engineNames()}
}
