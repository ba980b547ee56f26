package preflight

import (
	"github.com/idpreflight/idpreflight/internal/cascade"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// detectFacesGo is the pure-Go face detector behind engine.detectFaces:
// the embedded OpenCV frontal-face LBP cascade with every group of raw
// windows kept (minNeighbors 0), so that the caller decides on the score
// (windows merged) against Thresholds.MinFaceScore. Untagged, so the gocv
// build can fall back to it too.
func detectFacesGo(g *vision.Gray, minSize, maxSize int) []vision.Face {
	return cascade.FrontalFace().Detect(g, cascade.Options{
		ScaleFactor: 1.1, MinNeighbors: 0, MinSize: minSize, MaxSize: maxSize,
	})
}
