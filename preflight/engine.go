package preflight

import (
	"fmt"
	"slices"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// engine is what differs between the pure-Go and the OpenCV builds. The
// implementation is chosen by build tag (engine_pure.go, engine_gocv.go),
// as os/user chooses its cgo lookup; everything else is shared Go code.
type engine interface {
	// name is reported in Report.Engine.
	name() string
	// decodeImage decodes bytes whose header decodeBytes has validated and
	// returns the upright image (EXIF orientation h.orientation applied).
	// It may decode at a reduced size when the image is larger than the
	// analysis needs (see analysisLongSide); the caller reads the scale
	// from the returned size.
	decodeImage(data []byte, h imageHeader) (*vision.RGB, error)
	// detectDocuments finds document outlines in img, best first.
	detectDocuments(img *vision.RGB, opt vision.DetectOptions) []vision.Detection
	// warpQuad rectifies the quad q of img into a w×h image, with
	// vision.WarpQuad's contract (bilinear, edge pixels repeated).
	warpQuad(img *vision.RGB, q vision.Quad, w, h int) (*vision.RGB, error)
	// detectFaces finds upright frontal faces in g whose side is between
	// minSize and maxSize pixels (maxSize <= 0: no upper bound), with the
	// frontal-face cascade every engine shares (OpenCV's
	// lbpcascade_frontalface_improved.xml, embedded by internal/cascade),
	// scale factor 1.1, best first. Every group of raw windows is returned
	// (minNeighbors 0) with Score = the number of windows merged, grouped
	// by cascade.Group (OpenCV's groupRectangles, eps 0.2): an OpenCV
	// engine runs detectMultiScale with minNeighbors 0 (raw windows) and
	// groups them with cascade.Group so both engines score alike. It is
	// run on the rectified document, on the detector's contending outlines
	// (portrait anchor) and, as the 820 fallback, on the whole photo.
	detectFaces(g *vision.Gray, minSize, maxSize int) []vision.Face
}

// faceSessioner is implemented by engines whose face detector is costly
// to set up: faceSession returns the engine to use for one check, which
// keeps what it loads, and release, to call when the check is done. With
// warm set, the session starts setting up a face detector at once, on a
// goroutine of its own, so that the set-up overlaps the caller's next
// work (Check's decode) instead of delaying the first face search. An
// engine that is already a session returns itself and a release that
// does nothing.
type faceSessioner interface {
	faceSession(warm bool) (eng engine, release func())
}

// faceSession returns eng's per-check engine when it has one, else eng
// itself with nothing to release.
func faceSession(eng engine, warm bool) (engine, func()) {
	if s, ok := eng.(faceSessioner); ok {
		return s.faceSession(warm)
	}
	return eng, func() {}
}

// imageHeader is what decodeBytes learnt before decoding.
type imageHeader struct {
	format        string // as sniff names it
	width, height int    // stored size, before orientation
	orientation   int    // EXIF orientation to apply, 1..8
}

// analysisLongSide is the smallest long side an engine may reduce a photo
// to when decoding: documents that fill half the frame still give the
// quality measures the 1000 px wide rectified document they work on.
const analysisLongSide = 2000

// jpegReduction is the strongest JPEG reduction (1, 2, 4 or 8) that keeps
// the long side at least analysisLongSide.
func jpegReduction(w, h int) int {
	long := max(w, h)
	for _, k := range []int{8, 4, 2} {
		if long/k >= analysisLongSide {
			return k
		}
	}
	return 1
}

// EngineInfo describes the engine compiled into this build.
type EngineInfo struct {
	// Name is the engine that Check uses by default ("pure-go" or "gocv").
	Name string `json:"name"`
	// OpenCV is the OpenCV library version the gocv engine runs on, and
	// GoCV the binding's version; both are empty in the pure-Go build.
	OpenCV string `json:"opencv,omitempty"`
	GoCV   string `json:"gocv,omitempty"`
	// Available lists the engines WithEngine accepts in this build.
	Available []string `json:"available"`
}

// WithEngine selects a compiled-in engine by name (see Engine().Available);
// the default is the build's own engine. The gocv build also carries the
// pure-Go engine, so both can be compared on the same input.
func WithEngine(name string) Option {
	return func(c *config) error {
		if !slices.Contains(engineNames(), name) {
			return fmt.Errorf("%w: engine %q (this build has %v)", ErrInvalidOption, name, engineNames())
		}
		c.engine = name
		return nil
	}
}

// engineFor returns the engine a configuration asks for.
func engineFor(name string) engine {
	if name == "" || name == EngineName {
		return newEngine()
	}
	return goEngine{}
}
