package vision

import (
	"math"
	"sort"
)

// Cards cut by the frame: a card held in a hand and photographed too
// close runs off the image on one or two sides. enumerateHypotheses
// needs four seen sides, or three (extrapolate); a card cut on two
// opposite sides shows only its two long sides crossing the frame, and
// one cut on two adjacent sides shows only the corner between two seen
// sides. The generators below complete such outlines with the document's
// aspect: the gap between two parallel sides, or the longer of the two
// seen arms, fixes the scale, and the unseen sides go beyond the frame.
// Such an outline has two seen sides and no corner, or one, to be judged
// by, so it competes only when its interior reads as text rows
// (cutMinRows), a pair of stripes or a desk corner being no document,
// and only when the detector found no confident whole outline: the
// sheet, poster or page a document lies on, seen in part, makes cut
// outlines with strong sides around the document's text.
const (
	// cutKeep is how many cut outlines, best by coverage, are scored.
	cutKeep = 60
	// cutMaxVisible is the most of a cut outline inside the frame: above
	// it the document is whole for the endpoint (821 starts at 0.97).
	cutMaxVisible = 0.97
	// cutMinVisible is the least: the labels' cut cards show 0.6–0.85.
	cutMinVisible = 0.5
	// cutUnseenIn is the share of a side past the frame that may lie in
	// the frame: the score walks it and finds no edge there.
	cutUnseenIn = 0.1
	// cutGrow and cutGrowSteps: how cutCorner grows a document until
	// its sides past the frame are out of it (2 % a step, up to 48 %).
	cutGrow      = 1.02
	cutGrowSteps = 20
	// cutReach is how close to the frame edge, as a share of the frame's
	// short side, a side's support must reach for the side to run past
	// it: a finger at the edge may hide the last bit.
	cutReach = 0.05
)

// cutHypotheses returns, best by coverage (at most cutKeep), the outlines
// of documents cut by the frame on two opposite sides (cutPair) or on two
// adjacent sides (cutCorner), built from the strongest hp.MaxLines lines.
func cutHypotheses(lines []edgeLine, p hypoParams) []hypothesis {
	lines = lines[:min(len(lines), p.MaxLines)]
	if len(p.Aspects) == 0 {
		return nil
	}
	var out []hypothesis
	for i := range lines {
		for j := i + 1; j < len(lines); j++ {
			dot := lines[i].N.X*lines[j].N.X + lines[i].N.Y*lines[j].N.Y
			switch {
			case math.Abs(dot) >= cosParallel:
				out = cutPair(out, lines, i, j, p)
			case math.Abs(dot) <= cosCrossing:
				out = cutCorner(out, lines, i, j, p)
				out = cutCorner(out, lines, j, i, p)
			}
		}
	}
	sort.Sort(hypothesesByCheap(out))
	return out[:min(len(out), cutKeep)]
}

// frameChord returns the ends of the part of line l inside the w×h
// frame; ok is false when l misses the frame.
func frameChord(l *edgeLine, w, h float64) (a, b Point, ok bool) {
	far := 2 * (w + h)
	d := l.Dir()
	o := Point{l.N.X * l.C, l.N.Y * l.C}
	p0 := Point{o.X - far*d.X, o.Y - far*d.Y}
	p1 := Point{o.X + far*d.X, o.Y + far*d.Y}
	t0, t1, ok := clippedT(p0, p1, w, h)
	if !ok || t1 <= t0 {
		return Point{}, Point{}, false
	}
	at := func(t float64) Point { return Point{p0.X + t*(p1.X-p0.X), p0.Y + t*(p1.Y-p0.Y)} }
	return at(t0), at(t1), true
}

// along returns the coordinates of a and b along the unit direction u,
// in increasing order.
func along(a, b, u Point) (float64, float64) {
	ta, tb := a.X*u.X+a.Y*u.Y, b.X*u.X+b.Y*u.Y
	return math.Min(ta, tb), math.Max(ta, tb)
}

// onLine returns the point of line l whose coordinate along the
// direction u is t (u must not be perpendicular to l).
func onLine(l *edgeLine, u Point, t float64) Point {
	d := l.Dir()
	if d.X*u.X+d.Y*u.Y < 0 {
		d = Point{-d.X, -d.Y}
	}
	o := Point{l.N.X * l.C, l.N.Y * l.C}
	s := (t - (o.X*u.X + o.Y*u.Y)) / (d.X*u.X + d.Y*u.Y)
	return Point{o.X + s*d.X, o.Y + s*d.Y}
}

// cutPair appends the outline whose long sides lie on the near-parallel
// lines i and j, both crossing the frame, when the aspect makes the
// document longer than the part of the lines the frame shows: the
// document then runs past the frame at both ends. It is centred on the
// shown part, the one placement that favours neither end.
func cutPair(out []hypothesis, lines []edgeLine, i, j int, p hypoParams) []hypothesis {
	li, lj := &lines[i], &lines[j]
	pa, pb, ok1 := frameChord(li, p.W, p.H)
	qa, qb, ok2 := frameChord(lj, p.W, p.H)
	if !ok1 || !ok2 {
		return out
	}
	u := li.Dir()
	a0, a1 := along(pa, pb, u)
	b0, b1 := along(qa, qb, u)
	// Both lines' shown parts, projected on u (the lines are within
	// ~35°, so the projection keeps their order).
	s0, s1 := math.Max(a0, b0), math.Min(a1, b1)
	sep := math.Abs(lj.Dist(onLine(li, u, (s0+s1)/2)))
	if s1 <= s0 || sep < p.MinSide {
		return out
	}
	length := sep * p.Aspects[0]
	if length <= s1-s0 {
		return out // the document fits: its ends would be in the frame
	}
	mid := (s0 + s1) / 2
	q := Quad{
		onLine(li, u, mid-length/2), onLine(li, u, mid+length/2),
		onLine(lj, u, mid+length/2), onLine(lj, u, mid-length/2),
	}
	return appendCut(out, lines, hypothesis{Q: q, Lines: [4]int{i, -1, j, -1}}, [4]bool{false, true, false, true}, p)
}

// cutCorner appends the outline whose corner is where lines i and k
// cross inside the frame, with its long side on i and its short side on
// k, each running from the corner over its line's support. A side whose
// support ends inside the frame ends there, at a corner whose crossing
// side the line detector missed (a faint edge), and fixes the scale; a
// side whose support reaches the frame edge runs past it. With both
// running past, the outline is the smallest document of the aspect
// holding both. The sides opposite those running past must lie beyond the
// frame.
func cutCorner(out []hypothesis, lines []edgeLine, i, k int, p hypoParams) []hypothesis {
	li, lk := &lines[i], &lines[k]
	c, ok := intersect(li, lk)
	if !ok || c.X <= 0 || c.Y <= 0 || c.X >= p.W || c.Y >= p.H {
		return out
	}
	ui, ok1 := armDir(li, c)
	uk, ok2 := armDir(lk, c)
	if !ok1 || !ok2 {
		return out
	}
	armI, pastI := armReach(li, c, ui, p)
	armK, pastK := armReach(lk, c, uk, p)
	asp := p.Aspects[0]
	var w, h float64
	switch {
	case pastI && pastK:
		h = math.Max(armK, armI/asp)
		w = h * asp
	case pastI && armI < armK*asp:
		h, w = armK, armK*asp
	case pastK && armK < armI/asp:
		w, h = armI, armI/asp
	default:
		return out // whole, or the seen arms disagree with the aspect
	}
	corner := func(w, h float64) Quad {
		return Quad{
			c, Point{c.X + w*ui.X, c.Y + w*ui.Y},
			Point{c.X + w*ui.X + h*uk.X, c.Y + w*ui.Y + h*uk.Y},
			Point{c.X + h*uk.X, c.Y + h*uk.Y},
		}
	}
	q := corner(w, h)
	// A side placed through the point where an arm leaves the frame
	// runs along the frame edge when the card is turned, where it has no
	// edge to find: the document grows, keeping its aspect, until the
	// sides past the frame are out of it.
	for range cutGrowSteps {
		if !pastI || !pastK || clippedLen(q[1], q[2], p.W, p.H) < 1 && clippedLen(q[2], q[3], p.W, p.H) < 1 {
			break // a seen end fixes the scale
		}
		w, h = w*cutGrow, h*cutGrow
		q = corner(w, h)
	}
	// Side 1 closes the long arm, side 2 the short one.
	return appendCut(out, lines, hypothesis{Q: q, Lines: [4]int{i, -1, -1, k}}, [4]bool{false, pastI, pastK, false}, p)
}

// armDir is the direction along l from c towards l's support: a corner's
// sides run from it over their own edge.
func armDir(l *edgeLine, c Point) (Point, bool) {
	d := l.Dir()
	t := l.T(c)
	before, after := l.covered(math.Inf(-1), t), l.covered(t, math.Inf(1))
	switch {
	case after > 2*before:
		return d, true
	case before > 2*after:
		return Point{-d.X, -d.Y}, true
	}
	return Point{}, false // edge on both sides of c: a crossing, not a corner
}

// armReach is how far from c along the unit direction u (l's direction
// or its opposite) l's support reaches, and whether it reaches the frame
// edge (within cutReach of the frame's short side): then the arm is the
// whole way to the frame edge.
func armReach(l *edgeLine, c, u Point, p hypoParams) (float64, bool) {
	far := 2 * (p.W + p.H)
	_, t1, ok := clippedT(c, Point{c.X + far*u.X, c.Y + far*u.Y}, p.W, p.H)
	if !ok {
		return 0, false
	}
	edge := t1 * far
	d := l.Dir()
	sgn := d.X*u.X + d.Y*u.Y // ±1
	tc := l.T(c)
	reach := 0.0
	for _, sp := range l.Spans {
		reach = math.Max(reach, math.Max((sp.T0-tc)*sgn, (sp.T1-tc)*sgn))
	}
	if reach >= edge-cutReach*math.Min(p.W, p.H) {
		return edge, true
	}
	return reach, false
}

// appendCut appends h, marked as extrapolated, when it is a plausible
// outline cut by the frame: convex and of a document's size, with
// between cutMinVisible and cutMaxVisible of it inside the frame, the
// sides marked in past cut away (at most cutUnseenIn of each in the
// frame), and its seen sides covered by their lines (finishCheap).
func appendCut(out []hypothesis, lines []edgeLine, h hypothesis, past [4]bool, p hypoParams) []hypothesis {
	h.extrapol = true
	if !plausibleQuad(&h, p) || h.Visible < cutMinVisible || h.Visible > cutMaxVisible {
		return out
	}
	for k := range 4 {
		if !past[k] {
			continue
		}
		a, b := h.Q[k], h.Q[(k+1)%4]
		if clippedLen(a, b, p.W, p.H) > cutUnseenIn*a.Dist(b) {
			return out
		}
	}
	if !finishCheap(&h, lines, p) {
		return out
	}
	return append(out, h)
}
