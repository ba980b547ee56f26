package vision

import (
	"math"
	"runtime"
)

// hypothesis is a candidate document outline built from edge lines.
type hypothesis struct {
	Q        Quad
	Lines    [4]int  // line index of each side (Q[i]→Q[i+1]); -1 when extrapolated
	Cheap    float64 // coverage-based pre-score
	Score    float64 // full score, set by scoreHypothesis
	Rank     float64 // Score weighted by the interior's look, set by rankByText
	Visible  float64 // fraction of the quad inside the frame
	extrapol bool    // one side was placed by the shape prior, not seen
	anchor   bool    // placed by a machine-readable zone (detect_mrz_cue.go)
	// vouch is the Score of an outline running off the frame whose three
	// seen sides this one shares and which it displaced (preferInFrame):
	// the same document's evidence, closed inside the frame.
	vouch float64
}

// hypoParams bounds the search.
type hypoParams struct {
	W, H      float64   // frame size
	Aspects   []float64 // expected width/height ratios (>= 1)
	MinSide   float64   // shortest allowed side, px
	MinArea   float64   // smallest allowed quad area, px²
	MaxLines  int       // lines considered
	KeepCheap int       // hypotheses kept for full scoring
	// Buf, when set, is enumerateHypotheses' memory, reused from call to
	// call (a live stream's Fast detections); the hypotheses a call
	// returns are then valid until the next call.
	Buf *hypoBuffers
}

// hypoBuffers holds the line pairs and hypotheses of enumerateHypotheses:
// a cluttered frame gives thousands of hypotheses, tens of kilobytes of
// garbage per frame when the list grows afresh.
type hypoBuffers struct {
	pairs []linePair
	all   hypoList     // every hypothesis of the frame
	best  []hypothesis // the ones returned
}

// linePair is two near-parallel lines that may be opposite sides.
type linePair struct {
	i, j int
	n    Point // mean normal
}

const (
	cosParallel = 0.82 // lines within ~35° may be opposite sides
	cosCrossing = 0.64 // pairs at more than ~50° may be adjacent sides
)

// enumerateHypotheses pairs near-parallel lines and combines two pairs
// into quadrilaterals; it also builds three-sided hypotheses whose fourth
// side lies beyond the frame, placed by the aspect-ratio prior, for
// documents that run off the image. The best by coverage are returned.
func enumerateHypotheses(lines []edgeLine, p hypoParams) []hypothesis {
	lines = lines[:min(len(lines), p.MaxLines)]
	var pairs []linePair
	var list hypoList
	hyps := &list
	if p.Buf != nil {
		pairs, hyps = p.Buf.pairs[:0], &p.Buf.all
		hyps.reset()
	}
	for i := range lines {
		for j := i + 1; j < len(lines); j++ {
			a, b := &lines[i], &lines[j]
			dot := a.N.X*b.N.X + a.N.Y*b.N.Y
			if math.Abs(dot) < cosParallel {
				continue
			}
			sgn := 1.0
			if dot < 0 {
				sgn = -1
			}
			// Separation measured at the middle of line i's support.
			mid := spanMid(a)
			if math.Abs(b.Dist(mid)) < p.MinSide {
				continue
			}
			n := Point{a.N.X + sgn*b.N.X, a.N.Y + sgn*b.N.Y}
			nl := math.Hypot(n.X, n.Y)
			pairs = append(pairs, linePair{i, j, Point{n.X / nl, n.Y / nl}})
		}
	}
	for pi := range pairs {
		for qi := pi + 1; qi < len(pairs); qi++ {
			a, b := pairs[pi], pairs[qi]
			if math.Abs(a.n.X*b.n.X+a.n.Y*b.n.Y) > cosCrossing {
				continue
			}
			if a.i == b.i || a.i == b.j || a.j == b.i || a.j == b.j {
				continue
			}
			if h, ok := quadFromLines(lines, [4]int{a.i, b.i, a.j, b.j}, p); ok {
				hyps.add(h)
			}
		}
		// Three seen sides: pair plus one crossing line.
		for k := range lines {
			if k == pairs[pi].i || k == pairs[pi].j {
				continue
			}
			n := pairs[pi].n
			if math.Abs(n.X*lines[k].N.X+n.Y*lines[k].N.Y) > cosCrossing {
				continue
			}
			extrapolate(hyps, lines, pairs[pi].i, pairs[pi].j, k, p)
		}
	}
	if p.Buf != nil {
		p.Buf.pairs = pairs
		p.Buf.best = hyps.best(p.KeepCheap, p.Buf.best)
		return p.Buf.best
	}
	return hyps.best(p.KeepCheap, nil)
}

func spanMid(l *edgeLine) Point {
	t := (l.Spans[0].T0 + l.Spans[len(l.Spans)-1].T1) / 2
	d := l.Dir()
	return Point{l.N.X*l.C + d.X*t, l.N.Y*l.C + d.Y*t}
}

// quadFromLines intersects four lines given in cyclic order (side k lies
// on line idx[k], between corners k and k+1).
func quadFromLines(lines []edgeLine, idx [4]int, p hypoParams) (hypothesis, bool) {
	var q Quad
	for k := range 4 {
		c, ok := intersect(&lines[idx[(k+3)%4]], &lines[idx[k]])
		if !ok {
			return hypothesis{}, false
		}
		q[k] = c
	}
	h := hypothesis{Q: q, Lines: idx}
	side, ok := plausibleSides(&h, p)
	if !ok {
		return hypothesis{}, false
	}
	// A side wholly outside the frame is seen nowhere: its line is some
	// other edge's extension, which places the side no better than the
	// shape prior does (extrapolate proposes that outline), yet would
	// escape the penalties for unseen sides.
	clips := clipSidesOf(&h.Q, &side, p.W, p.H)
	for k := range clips {
		if clips[k].in < 1 {
			return hypothesis{}, false
		}
	}
	return h, finishCheapClipped(&h, lines, p, &clips)
}

// extrapolate adds to out the hypotheses with sides on lines i and j
// (opposite) and k (crossing both) whose fourth side, parallel to k, lies
// outside the frame at the distance the aspect ratio implies. (Adding to
// the caller's list: a list per call was most of a Fast detection's
// allocations.)
func extrapolate(out *hypoList, lines []edgeLine, i, j, k int, p hypoParams) {
	li, lj, lk := &lines[i], &lines[j], &lines[k]
	a, ok1 := intersect(lk, li)
	b, ok2 := intersect(lk, lj)
	if !ok1 || !ok2 {
		return
	}
	chord := a.Dist(b)
	if chord < p.MinSide {
		return
	}
	// The document extends from k towards the side where line i's
	// support lies.
	di, dj := li.Dir(), lj.Dir()
	ta := li.T(a)
	mid := (li.Spans[0].T0 + li.Spans[len(li.Spans)-1].T1) / 2
	si := 1.0
	if mid < ta {
		si = -1
	}
	if di.X*dj.X+di.Y*dj.Y < 0 {
		dj = Point{-dj.X, -dj.Y}
	}
	for _, asp := range p.Aspects[:1] {
		for _, length := range [2]float64{chord * asp, chord / asp} {
			c := Point{a.X + si*length*di.X, a.Y + si*length*di.Y}
			d := Point{b.X + si*length*dj.X, b.Y + si*length*dj.Y}
			// The unseen side must be outside the frame (or nearly).
			if clippedLen(c, d, p.W, p.H) > 0.25*c.Dist(d) {
				continue
			}
			q := Quad{a, b, d, c}
			h := hypothesis{Q: q, Lines: [4]int{k, j, -1, i}, extrapol: true}
			if !plausibleQuad(&h, p) || h.Visible < 0.5 || h.Visible > 0.98 {
				continue
			}
			if finishCheap(&h, lines, p) {
				out.add(h)
			}
		}
	}
}

// plausibleQuad orders the quad clockwise, and rejects non-convex, tiny or
// far-off-frame outlines; it sets Visible.
func plausibleQuad(h *hypothesis, p hypoParams) bool {
	_, ok := plausibleSides(h, p)
	return ok
}

// plausibleSides is plausibleQuad that also returns the length of each
// side of the reordered quad (Q[k]→Q[k+1]) when it accepts it, for
// clipSidesOf.
func plausibleSides(h *hypothesis, p hypoParams) (side [4]float64, ok bool) {
	q := &h.Q
	if polyArea(q[:]) < 0 { // make it clockwise on screen (positive in y-down)
		q[1], q[3] = q[3], q[1]
		h.Lines[0], h.Lines[3] = h.Lines[3], h.Lines[0]
		h.Lines[1], h.Lines[2] = h.Lines[2], h.Lines[1]
	}
	// The tests without a square root first, for every corner: most
	// line combinations fail one of them, and which test rejects a quad
	// does not matter.
	for k := range 4 {
		a, b, c := q[k], q[(k+1)%4], q[(k+2)%4]
		cross := (b.X-a.X)*(c.Y-b.Y) - (b.Y-a.Y)*(c.X-b.X)
		if cross <= 0 {
			return side, false
		}
		if a.X < -0.6*p.W || a.X > 1.6*p.W || a.Y < -0.6*p.H || a.Y > 1.6*p.H {
			return side, false
		}
	}
	// Each side's length once: the angle at a corner divides by the
	// lengths of the sides meeting there, the same square roots
	// (math.Hypot takes absolute values, so b−a and a−b give the same
	// bits).
	for k := range 4 {
		side[k] = q[k].Dist(q[(k+1)%4])
		if side[k] < p.MinSide {
			return side, false
		}
	}
	for k := range 4 {
		a, b, c := q[k], q[(k+1)%4], q[(k+2)%4]
		// Interior angle between 40° and 140°.
		u, v := a.Sub(b), c.Sub(b)
		cosA := (u.X*v.X + u.Y*v.Y) / (side[k] * side[(k+1)%4])
		if math.Abs(cosA) > 0.77 {
			return side, false
		}
	}
	area := q.Area()
	if area < p.MinArea {
		return side, false
	}
	// ClipArea of a quad inside the frame is its area, already measured.
	inFrame := area
	if !inBox(q[:], p.W, p.H) {
		inFrame = ClipArea(q[:], p.W, p.H)
	}
	h.Visible = inFrame / area
	return side, true
}

// finishCheap scores a hypothesis by how much of each side's in-frame part
// its line's segments cover, times the shape prior. It returns false for
// hypotheses not worth a full score.
func finishCheap(h *hypothesis, lines []edgeLine, p hypoParams) bool {
	clips := clipSides(&h.Q, p.W, p.H)
	return finishCheapClipped(h, lines, p, &clips)
}

// finishCheapClipped is finishCheap given clipSides of h.Q, which the
// caller has already measured (every line combination needs them).
func finishCheapClipped(h *hypothesis, lines []edgeLine, p hypoParams, clips *[4]sideClip) bool {
	var cov, tot float64
	minCov := 1.0
	for k := range 4 {
		a, b := h.Q[k], h.Q[(k+1)%4]
		c := &clips[k]
		if h.Lines[k] < 0 || c.in < 1 || !c.ok {
			continue
		}
		l := &lines[h.Lines[k]]
		pa := Point{a.X + c.t0*(b.X-a.X), a.Y + c.t0*(b.Y-a.Y)}
		pb := Point{a.X + c.t1*(b.X-a.X), a.Y + c.t1*(b.Y-a.Y)}
		cv := l.covered(l.T(pa), l.T(pb))
		cov += cv
		tot += c.in
		minCov = fmin(minCov, cv/c.in)
	}
	if tot == 0 || minCov < 0.15 {
		return false
	}
	h.Cheap = cov / tot * (0.5 + 0.5*minCov) * shapePrior(h.Q, p)
	return true
}

// sideClip is the in-frame part of one side: clippedT's range and
// whether there is one, and clippedLen.
type sideClip struct {
	t0, t1, in float64
	ok         bool
}

// clipSides clips every side of q (Q[k]→Q[k+1]) to the w×h frame once:
// the hypothesis search tests each side's in-frame length and then
// measures its coverage over the same range, hundreds of thousands of
// times per photo.
func clipSides(q *Quad, w, h float64) [4]sideClip {
	var side [4]float64
	for k := range 4 {
		side[k] = q[k].Dist(q[(k+1)%4])
	}
	return clipSidesOf(q, &side, w, h)
}

// clipSidesOf is clipSides given each side's length (plausibleSides has
// measured them).
func clipSidesOf(q *Quad, side *[4]float64, w, h float64) (c [4]sideClip) {
	for k := range 4 {
		s := &c[k]
		s.t0, s.t1, s.ok = clippedT(q[k], q[(k+1)%4], w, h)
		if s.ok {
			s.in = (s.t1 - s.t0) * side[k]
		}
	}
	return c
}

// clippedT returns the parameter range [t0, t1] ⊂ [0, 1] of segment a→b
// inside the frame [0,w]×[0,h] (Liang–Barsky), the four frame edges
// written out: a loop over them (clippedTLoop) built their table on every
// call, and this runs for every side of every line combination. The
// browser build keeps the loop: the wasm has no room for the longer form.
func clippedT(a, b Point, w, h float64) (float64, float64, bool) {
	dx, dy := b.X-a.X, b.Y-a.Y
	if runtime.GOARCH == "wasm" {
		return clippedTLoop(a, b, w, h)
	}
	t0, t1, ok := clipEdge(-dx, a.X, 0, 1)
	if ok {
		t0, t1, ok = clipEdge(dx, w-a.X, t0, t1)
	}
	if ok {
		t0, t1, ok = clipEdge(-dy, a.Y, t0, t1)
	}
	if ok {
		t0, t1, ok = clipEdge(dy, h-a.Y, t0, t1)
	}
	if !ok {
		return 0, 0, false
	}
	return t0, t1, true
}

// clipEdge narrows [t0, t1] by one frame edge of Liang–Barsky (pp the
// segment's direction across it, qq the start's distance inside it); ok
// is false when nothing is left. The comparisons are negated ones so
// that a NaN passes as it did in the loop this replaced.
func clipEdge(pp, qq, t0, t1 float64) (float64, float64, bool) {
	if pp == 0 {
		return t0, t1, !(qq < 0)
	}
	r := qq / pp
	if pp < 0 {
		t0 = fmax(t0, r)
	} else {
		t1 = fmin(t1, r)
	}
	return t0, t1, !(t0 > t1)
}

// clippedLen is the length of segment a→b inside the frame.
func clippedLen(a, b Point, w, h float64) float64 {
	t0, t1, ok := clippedT(a, b, w, h)
	if !ok {
		return 0
	}
	return (t1 - t0) * a.Dist(b)
}

// hypothesesByCheap sorts hypotheses by decreasing Cheap score.
type hypothesesByCheap []hypothesis

func (h hypothesesByCheap) Len() int           { return len(h) }
func (h hypothesesByCheap) Less(a, b int) bool { return h[a].Cheap > h[b].Cheap }
func (h hypothesesByCheap) Swap(a, b int)      { h[a], h[b] = h[b], h[a] }

// clippedTLoop is clippedT as a loop over the frame's edges, the same
// answer bit for bit.
func clippedTLoop(a, b Point, w, h float64) (float64, float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, e := range [4][2]float64{{-dx, a.X}, {dx, w - a.X}, {-dy, a.Y}, {dy, h - a.Y}} {
		pp, qq := e[0], e[1]
		if pp == 0 {
			if qq < 0 {
				return 0, 0, false
			}
			continue
		}
		r := qq / pp
		if pp < 0 {
			t0 = fmax(t0, r)
		} else {
			t1 = fmin(t1, r)
		}
		if t0 > t1 {
			return 0, 0, false
		}
	}
	return t0, t1, true
}
