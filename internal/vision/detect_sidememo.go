package vision

import (
	"math"
	"sync"
)

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
}

// sideKey is one walk: the end points (exact coordinates, direction
// included: a→b and b→a step through different pixels) and the stride.
type sideKey struct {
	a, b Point
	step int
}

// sideWalk is a remembered walk: walkSide's sum, step count and in-frame
// length, and the steps themselves once a caller needed them (nil
// until then; never changed after the memo holds them).
type sideWalk struct {
	sum    float64
	n      int
	length float64
	steps  []sideStep
}

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

// walk is walkSide(g, img, a, b, sp, rec) through the memo: with record
// set the returned walk carries its steps, which the caller must not
// change.
func (m *sideMemo) walk(g *gradField, img *RGB, a, b Point, sp scoreParams, record bool) sideWalk {
	k := sideKey{a, b, max(sp.step, 1)}
	m.mu.Lock()
	w, ok := m.walks[k]
	m.mu.Unlock()
	if ok && (!record || w.steps != nil) {
		return w
	}
	// Walked outside the lock: two workers may walk one side at once,
	// and both store the same walk.
	var steps *[]sideStep
	if record {
		steps = new([]sideStep)
	}
	w.sum, w.n, w.length = walkSide(g, img, a, b, sp, steps)
	if record {
		w.steps = *steps
		if w.steps == nil {
			w.steps = []sideStep{} // recorded, if empty
		}
	}
	m.mu.Lock()
	m.walks[k] = w
	m.mu.Unlock()
	return w
}
