//go:build cgo && gocv

package preflight

import (
	"image"

	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/cascade"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// frontalFaceFile is the cascade the pure engine embeds, as Debian's
// opencv-data installs it.
const frontalFaceFile = "/usr/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml"

// detectFaces runs cv::CascadeClassifier (scale 1.1) with minNeighbors 0,
// which makes OpenCV return the raw windows ungrouped, and groups them
// with cascade.Group: gocv does not expose the neighbour counts, and this
// way both engines score a face alike (see engine.detectFaces). The
// classifier is loaded per call: it is small (LBP) and sharing one
// between goroutines is not safe in OpenCV.
func (gocvEngine) detectFaces(g *vision.Gray, minSize, maxSize int) []vision.Face {
	cc := gocv.NewCascadeClassifier()
	defer cc.Close()
	if !cc.Load(frontalFaceFile) {
		return goEngine{}.detectFaces(g, minSize, maxSize)
	}
	m, err := grayMat(g)
	if err != nil {
		return nil
	}
	defer m.Close()
	rects := cc.DetectMultiScaleWithParams(m, 1.1, 0, 0, image.Pt(minSize, minSize), image.Pt(max(maxSize, 0), max(maxSize, 0)))
	raw := make([]vision.Rect, len(rects))
	for i, r := range rects {
		raw[i] = vision.Rect{X0: r.Min.X, Y0: r.Min.Y, X1: r.Max.X, Y1: r.Max.Y}
	}
	return cascade.Group(raw, 0, cascade.GroupEps)
}
