package preflight

import "github.com/idpreflight/idpreflight/internal/vision"

// engine is what differs between the pure-Go and the OpenCV builds. The
// implementation is chosen by build tag (engine_pure.go, engine_gocv.go),
// as os/user chooses its cgo lookup; everything else is shared Go code.
type engine interface {
	// name is reported in Report.Engine.
	name() string
	// detectDocuments finds document outlines in img, best first.
	detectDocuments(img *vision.RGB, opt vision.DetectOptions) []vision.Detection
}
