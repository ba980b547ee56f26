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
	order := make([]int, len(segs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return segs[order[a]].Len > segs[order[b]].Len })
	type group struct {
		line    edgeLine
		mom     lineMoments
		members []int
	}
	var groups []group
	for _, si := range order {
		s := segs[si]
		d := s.B.Sub(s.A)
		d.X, d.Y = d.X/s.Len, d.Y/s.Len
		joined := false
		for gi := range groups {
			l := &groups[gi].line
			if math.Abs(l.N.X*d.X+l.N.Y*d.Y) > 0.09 {
				continue
			}
			if math.Abs(l.Dist(s.A)) > tol || math.Abs(l.Dist(s.B)) > tol {
				continue
			}
			g := &groups[gi]
			g.members = append(g.members, si)
			addSegMoments(&g.mom, s)
			g.line = g.mom.fit()
			joined = true
			break
		}
		if !joined {
			g := group{members: []int{si}}
			addSegMoments(&g.mom, s)
			g.line = g.mom.fit()
			groups = append(groups, g)
		}
	}
	lines := make([]edgeLine, len(groups))
	for gi, g := range groups {
		l := g.line
		spans := make([]span, 0, len(g.members))
		for _, si := range g.members {
			t0, t1 := l.T(segs[si].A), l.T(segs[si].B)
			if t0 > t1 {
				t0, t1 = t1, t0
			}
			spans = append(spans, span{t0, t1})
		}
		for _, si := range g.members {
			l.Weight += segs[si].Len * math.Min(1, segs[si].Mag/strongEdge)
		}
		l.Spans = mergeSpans(spans)
		for _, sp := range l.Spans {
			l.Len += sp.T1 - sp.T0
		}
		lines[gi] = l
	}
	sort.Slice(lines, func(a, b int) bool { return lines[a].Weight > lines[b].Weight })
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
	sort.Slice(s, func(a, b int) bool { return s[a].T0 < s[b].T0 })
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
