package vision

import (
	"math"
	"sort"
)

// span is an interval [T0, T1] along a line's direction.
type span struct{ T0, T1 float64 }

// edgeLine is a straight line supported by one or more collinear segments
// (a card side broken by a finger or by glare gives several).
type edgeLine struct {
	N     Point   // unit normal
	C     float64 // N·p = C for points p on the line
	Spans []span  // merged extents of the member segments, along Dir()
	Len   float64 // total length of the member segments
	// Weight ranks lines: member lengths weighted by their gradient
	// strength, so long faint texture (wood grain) ranks below a card edge.
	Weight float64
}

// Dir returns the line's unit direction.
func (l *edgeLine) Dir() Point { return Point{-l.N.Y, l.N.X} }

// T returns the coordinate of p along the line.
func (l *edgeLine) T(p Point) float64 { return -l.N.Y*p.X + l.N.X*p.Y }

// Dist returns the signed distance of p from the line.
func (l *edgeLine) Dist(p Point) float64 { return l.N.X*p.X + l.N.Y*p.Y - l.C }

// intersect returns the crossing point of two lines; ok is false when
// they are (nearly) parallel.
func intersect(a, b *edgeLine) (Point, bool) {
	det := a.N.X*b.N.Y - a.N.Y*b.N.X
	if math.Abs(det) < 1e-9 {
		return Point{}, false
	}
	return Point{(a.C*b.N.Y - b.C*a.N.Y) / det, (a.N.X*b.C - b.N.X*a.C) / det}, true
}

// lineFromPoints returns the line through a and b.
func lineFromPoints(a, b Point) edgeLine {
	d := b.Sub(a)
	n := math.Hypot(d.X, d.Y)
	if n == 0 {
		return edgeLine{N: Point{1, 0}, C: a.X}
	}
	nn := Point{-d.Y / n, d.X / n}
	return edgeLine{N: nn, C: nn.X*a.X + nn.Y*a.Y}
}

// lineMoments accumulates weighted points for a total-least-squares fit.
type lineMoments struct{ w, x, y, xx, yy, xy float64 }

func (m *lineMoments) add(p Point, w float64) {
	m.w += w
	m.x += w * p.X
	m.y += w * p.Y
	m.xx += w * p.X * p.X
	m.yy += w * p.Y * p.Y
	m.xy += w * p.X * p.Y
}

// fit returns the line minimising the weighted squared distances.
func (m *lineMoments) fit() edgeLine {
	cx, cy := m.x/m.w, m.y/m.w
	sxx, syy, sxy := m.xx/m.w-cx*cx, m.yy/m.w-cy*cy, m.xy/m.w-cx*cy
	theta := 0.5 * math.Atan2(2*sxy, sxx-syy) // direction of largest spread
	n := Point{-math.Sin(theta), math.Cos(theta)}
	return edgeLine{N: n, C: n.X*cx + n.Y*cy}
}

// strongEdge is the mean gradient strength (8-bit levels per pixel) from
// which a segment counts fully in a line's weight.
const strongEdge = 20

// groupLines merges collinear segments into lines: a segment joins a line
// when both its end points lie within tol pixels of it and its direction
// differs by less than ~5°. Lines are returned by decreasing Weight.
func groupLines(segs []segment, tol float64) []edgeLine {
	return (*lineBuffers)(nil).group(segs, tol)
}

// lineBuffers is groupLines' working memory, reused from frame to frame
// of a live stream (DetectBuffers): per frame the grouping otherwise
// allocates a member and a span list per line, most of a detection's
// allocations. The lines a group call returns, spans included, are valid
// until the next call.
type lineBuffers struct {
	order  []int       // segments, longest first
	groups []lineGroup // lines being grown
	member []int       // group of each segment, by position in order
	start  []int       // first span of each group in spans
	spans  []span
	lines  []edgeLine
	// The sorts' views, kept here so that handing them to sort.Sort as
	// pointers allocates nothing.
	byLen    segmentsByLen
	byWeight linesByWeight
}

// lineGroup is a line being grown: its fit, moments and member count.
type lineGroup struct {
	line edgeLine
	mom  lineMoments
	n    int
}

// group is groupLines in b's memory (b may be nil: allocate afresh).
func (b *lineBuffers) group(segs []segment, tol float64) []edgeLine {
	if b == nil {
		b = &lineBuffers{}
	}
	order := resized(b.order, len(segs))
	for i := range order {
		order[i] = i
	}
	// sort.Sort runs sort.Slice's pattern-defeating quicksort (the same
	// comparisons, so the same order of equal keys) without its
	// reflection; generic sorts would add tens of kilobytes to the
	// browser build per element type.
	b.byLen = segmentsByLen{order, segs}
	sort.Sort(&b.byLen)
	groups, member := b.groups[:0], resized(b.member, len(segs))
	for oi, si := range order {
		s := segs[si]
		d := s.B.Sub(s.A)
		d.X, d.Y = d.X/s.Len, d.Y/s.Len
		member[oi] = -1
		for gi := range groups {
			l := &groups[gi].line
			if math.Abs(l.N.X*d.X+l.N.Y*d.Y) > 0.09 {
				continue
			}
			if math.Abs(l.Dist(s.A)) > tol || math.Abs(l.Dist(s.B)) > tol {
				continue
			}
			g := &groups[gi]
			g.n++
			addSegMoments(&g.mom, s)
			g.line = g.mom.fit()
			member[oi] = gi
			break
		}
		if member[oi] < 0 {
			g := lineGroup{n: 1}
			addSegMoments(&g.mom, s)
			g.line = g.mom.fit()
			member[oi] = len(groups)
			groups = append(groups, g)
		}
	}
	// Each group's spans in one array, members in the order they joined.
	start := resized(b.start, len(groups)+1)
	start[0] = 0
	for gi, g := range groups {
		start[gi+1] = start[gi] + g.n
	}
	spans := resized(b.spans, len(segs))
	lines := resized(b.lines, len(groups))
	for gi := range groups {
		lines[gi] = groups[gi].line
		groups[gi].n = 0 // spans placed so far
	}
	for oi, si := range order {
		gi := member[oi]
		l := &lines[gi]
		t0, t1 := l.T(segs[si].A), l.T(segs[si].B)
		if t0 > t1 {
			t0, t1 = t1, t0
		}
		spans[start[gi]+groups[gi].n] = span{t0, t1}
		groups[gi].n++
	}
	for oi, si := range order {
		l := &lines[member[oi]]
		l.Weight += segs[si].Len * math.Min(1, segs[si].Mag/strongEdge)
	}
	for gi := range lines {
		l := &lines[gi]
		l.Spans = mergeSpans(spans[start[gi]:start[gi+1]:start[gi+1]])
		for _, sp := range l.Spans {
			l.Len += sp.T1 - sp.T0
		}
	}
	b.byWeight = lines
	sort.Sort(&b.byWeight)
	b.order, b.groups, b.member, b.start, b.spans, b.lines = order, groups, member, start, spans, lines
	b.byLen, b.byWeight = segmentsByLen{}, nil // no references to the caller's segments
	return lines
}

// addSegMoments adds a segment as three points weighted by its length.
func addSegMoments(m *lineMoments, s segment) {
	mid := Point{(s.A.X + s.B.X) / 2, (s.A.Y + s.B.Y) / 2}
	w := s.Len / 3
	m.add(s.A, w)
	m.add(mid, w)
	m.add(s.B, w)
}

// mergeSpans sorts spans and joins overlapping ones.
func mergeSpans(s []span) []span {
	// Insertion sort: a line has a few spans, and the merged extents do
	// not depend on the order of spans that start together.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].T0 < s[j-1].T0; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	out := s[:0]
	for _, sp := range s {
		if n := len(out); n > 0 && sp.T0 <= out[n-1].T1 {
			out[n-1].T1 = math.Max(out[n-1].T1, sp.T1)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// covered returns how much of [a, b] the line's spans cover.
func (l *edgeLine) covered(a, b float64) float64 {
	if a > b {
		a, b = b, a
	}
	c := 0.0
	for _, sp := range l.Spans {
		lo, hi := fmax(a, sp.T0), fmin(b, sp.T1)
		if hi > lo {
			c += hi - lo
		}
	}
	return c
}

// segmentsByLen sorts segment indices by decreasing segment length.
type segmentsByLen struct {
	order []int
	segs  []segment
}

func (s segmentsByLen) Len() int { return len(s.order) }
func (s segmentsByLen) Less(a, b int) bool {
	return s.segs[s.order[a]].Len > s.segs[s.order[b]].Len
}
func (s segmentsByLen) Swap(a, b int) { s.order[a], s.order[b] = s.order[b], s.order[a] }

// linesByWeight sorts lines by decreasing Weight.
type linesByWeight []edgeLine

func (l linesByWeight) Len() int           { return len(l) }
func (l linesByWeight) Less(a, b int) bool { return l[a].Weight > l[b].Weight }
func (l linesByWeight) Swap(a, b int)      { l[a], l[b] = l[b], l[a] }
