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
	// detectFaces finds upright frontal faces in g whose side is between
	// minSize and maxSize pixels (maxSize <= 0: no upper bound), with the
	// frontal-face cascade every engine shares (OpenCV's
	// lbpcascade_frontalface_improved.xml, see internal/cascade), best
	// (highest Score) first. It is run on the portrait zone of the
	// rectified document, never on the whole frame.
	detectFaces(g *vision.Gray, minSize, maxSize int) []vision.Face
}
