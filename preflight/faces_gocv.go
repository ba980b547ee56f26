//go:build cgo && gocv

package preflight

import (
	"image"
	"sync"

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
// classifier comes from the engine's cascades (see faceSession), or is
// loaded for this call when the engine has none.
func (e gocvEngine) detectFaces(g *vision.Gray, minSize, maxSize int) []vision.Face {
	cc, ok := e.cascades.get()
	if !ok {
		return goEngine{}.detectFaces(g, minSize, maxSize)
	}
	defer e.cascades.put(cc)
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
	cascade.SortScanOrder(raw) // OpenCV's threads finish in any order
	return cascade.Group(raw, 0, cascade.GroupEps)
}

// faceSession returns a copy of the engine that keeps the classifiers it
// loads for reuse until release: one check searches faces up to seven
// times (the detector's portrait anchor, both ways of the rectified
// document, the whole-photo turns), and loading the cascade file costs
// ~1 CPU-ms (2–3 ms wall on a busy machine) each time. OpenCV's
// classifier must not run on two threads at once, so concurrent searches
// each take their own from the pool. With warm, the first classifier is
// loaded at once on a goroutine of its own: Check starts the session
// before its decode, which keeps one core only, so the load leaves the
// detector's path (where the portrait anchor's first search paid it).
func (e gocvEngine) faceSession(warm bool) (engine, func()) {
	if e.cascades != nil {
		return e, func() {}
	}
	p := &cascadePool{}
	if warm {
		p.loading.Go(func() {
			if cc, ok := p.load(); ok {
				p.put(cc)
			}
		})
	}
	return gocvEngine{cascades: p}, p.close
}

// cascadePool lends loaded frontal-face classifiers, one per concurrent
// search. The nil pool loads one per get and closes it on put.
type cascadePool struct {
	// loading is the warm-up load (faceSession): get waits for it rather
	// than load a second classifier, close waits so that none outlives
	// the check.
	loading sync.WaitGroup
	mu      sync.Mutex
	free    []gocv.CascadeClassifier
	loads   int // classifiers loaded, for the tests
	closed  bool
}

// get returns an idle classifier or loads one; false when the cascade
// file cannot be loaded (opencv-data missing).
func (p *cascadePool) get() (gocv.CascadeClassifier, bool) {
	if p != nil {
		p.loading.Wait()
		p.mu.Lock()
		if n := len(p.free); n > 0 && !p.closed {
			cc := p.free[n-1]
			p.free = p.free[:n-1]
			p.mu.Unlock()
			return cc, true
		}
		p.mu.Unlock()
	}
	return p.load()
}

// load loads a frontal-face classifier from frontalFaceFile and counts it
// (p may be nil); false when it cannot (opencv-data missing).
func (p *cascadePool) load() (gocv.CascadeClassifier, bool) {
	cc := gocv.NewCascadeClassifier()
	if !cc.Load(frontalFaceFile) {
		_ = cc.Close()
		return cc, false
	}
	if p != nil {
		p.mu.Lock()
		p.loads++
		p.mu.Unlock()
	}
	return cc, true
}

// put returns a classifier to the pool, or closes it when the pool is
// nil or closed.
func (p *cascadePool) put(cc gocv.CascadeClassifier) {
	if p != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.closed {
			p.free = append(p.free, cc)
			return
		}
	}
	_ = cc.Close()
}

// close waits for a warm-up load, then frees every idle classifier; later
// puts close theirs.
func (p *cascadePool) close() {
	p.loading.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, cc := range p.free {
		_ = cc.Close()
	}
	p.free, p.closed = nil, true
}
