//go:build cgo && gocv

package preflight

import (
	"image"
	"sort"

	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// frontalFaceFile is the cascade the pure engine embeds, as Debian's
// opencv-data installs it.
const frontalFaceFile = "/usr/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml"

// detectFaces runs cv::CascadeClassifier with detectMultiScale's
// defaults (scale 1.1, 3 neighbours), as the pure cascade does. The
// classifier is loaded per call: it is small (LBP) and sharing one
// between goroutines is not safe in OpenCV. gocv does not expose the
// neighbour counts, so Score is 0 and the largest face comes first.
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
	rects := cc.DetectMultiScaleWithParams(m, 1.1, 3, 0, image.Pt(minSize, minSize), image.Pt(max(maxSize, 0), max(maxSize, 0)))
	faces := make([]vision.Face, len(rects))
	for i, r := range rects {
		faces[i] = vision.Face{Rect: vision.Rect{X0: r.Min.X, Y0: r.Min.Y, X1: r.Max.X, Y1: r.Max.Y}}
	}
	sort.SliceStable(faces, func(i, j int) bool {
		return faces[i].Rect.Dx()*faces[i].Rect.Dy() > faces[j].Rect.Dx()*faces[j].Rect.Dy()
	})
	return faces
}
