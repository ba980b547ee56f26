package vision

import (
	"math"
	"runtime"
	"sync"
)

// memoSides is whether the full detector remembers its side walks: not
// in the browser build, where the memo's map and lock cost ~3 KB of the
// gzipped wasm, which has no room to grow, for the few full detections a
// page makes (its live stream uses Fast mode, which has no memo). A
// constant, so that the browser build leaves the memo out entirely.
const memoSides = runtime.GOARCH != "wasm"

// sideMemo remembers the side walks (walkSide) of one detection. The
// hypotheses are pairs of line pairs, so the outlines that share three
// consecutive lines share the side between them exactly, end points and
// all, and with it its overshoot ends: on the dev set three in five side
// steps the full detector walked (scoring, occluder test, rescue, quota)
// were repeats. A walk depends on nothing but the field, the image, the
// end points and the walk parameters, so a remembered walk is the walk
// itself, bit for bit, whichever goroutine made it first.
//
// It serves only the field, image and parameters it was made for and is
// safe for concurrent use (scoreAll's workers share it).
type sideMemo struct {
	g   *gradField
	img *RGB
	// The walk parameters the memo was made for; a call with others
	// walks afresh.
	probe            int
	edgeMin, edgeMag float64

	mu    sync.Mutex
	walks map[sideKey]sideWalk
	chunk []float64 // where keep stores supports
}

// sideKey is one walk: the end points (exact coordinates, direction
// included: a→b and b→a step through different pixels) and the stride.
type sideKey struct {
	a, b Point
	step int
}

// sideWalk is a remembered walk: walkSide's sum, step count and in-frame
// length, and with the occluder test on (scoreParams.hidden) every step's
// support, which unhiddenSupport revisits: most outlines have a weak side
// that it walks a second time otherwise. Never changed once remembered.
type sideWalk struct {
	sum      float64
	n        int
	length   float64
	supports []float64
}

// memoChunk is how many supports one allocation of the memo holds: a
// detection remembers a few hundred thousand.
const memoChunk = 1 << 15

// newSideMemo returns a memo for the walks of g and img with sp's
// parameters.
func newSideMemo(g *gradField, img *RGB, sp scoreParams) *sideMemo {
	return &sideMemo{g: g, img: img, probe: sp.probe, edgeMin: sp.edgeMin, edgeMag: sp.edgeMag, walks: make(map[sideKey]sideWalk, 4096)}
}

// serves reports whether m may answer the walk of a→b on g and img with
// sp: the memo is set, made for them, and the end points are numbers
// (a NaN key never matches itself and would only grow the map).
func (m *sideMemo) serves(g *gradField, img *RGB, a, b Point, sp scoreParams) bool {
	return m != nil && m.g == g && m.img == img && m.probe == sp.probe && m.edgeMin == sp.edgeMin && m.edgeMag == sp.edgeMag &&
		!math.IsNaN(a.X+a.Y+b.X+b.Y)
}

// walk is walkSide(g, img, a, b, sp, ...) through the memo; scratch (nil:
// allocate) is the caller's working memory for the supports, which must
// not be shared with a concurrent call. The returned supports must not be
// changed.
func (m *sideMemo) walk(g *gradField, img *RGB, a, b Point, sp scoreParams, scratch *[]float64) sideWalk {
	k := sideKey{a, b, max(sp.step, 1)}
	m.mu.Lock()
	w, ok := m.walks[k]
	m.mu.Unlock()
	if ok && (w.supports != nil || !sp.hidden) {
		return w
	}
	// Walked outside the lock: two workers may walk one side at once,
	// and both store the same walk.
	var rec *[]float64
	if sp.hidden {
		if scratch == nil {
			scratch = new([]float64)
		}
		*scratch = (*scratch)[:0]
		rec = scratch
	}
	w.sum, w.n, w.length = walkSide(g, img, a, b, sp, rec)
	m.mu.Lock()
	if rec != nil {
		w.supports = m.keep(*rec)
	}
	m.walks[k] = w
	m.mu.Unlock()
	return w
}

// keep copies supports into the memo's chunks (one allocation per
// memoChunk supports rather than one per side); m.mu must be held. Kept
// supports never move: a chunk that is full is left as it is.
func (m *sideMemo) keep(supports []float64) []float64 {
	if len(m.chunk)+len(supports) > cap(m.chunk) {
		m.chunk = make([]float64, 0, max(memoChunk, len(supports)))
	}
	lo := len(m.chunk)
	m.chunk = append(m.chunk, supports...)
	return m.chunk[lo:len(m.chunk):len(m.chunk)]
}
