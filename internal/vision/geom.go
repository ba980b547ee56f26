package vision

import "math"

// Point is a position in image pixels; x grows right, y grows down.
type Point struct{ X, Y float64 }

// Sub returns p - q.
func (p Point) Sub(q Point) Point { return Point{p.X - q.X, p.Y - q.Y} }

// Dist returns the Euclidean distance between p and q.
func (p Point) Dist(q Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }

// Quad is a document outline with corners in the document's own order:
// top-left, top-right, bottom-right, bottom-left. Corners may lie outside
// the image when the document runs past the frame.
type Quad [4]Point

// Area returns the quad's area (shoelace formula, always >= 0).
func (q Quad) Area() float64 { return math.Abs(polyArea(q[:])) }

// Scale returns the quad with every coordinate multiplied by s.
func (q Quad) Scale(s float64) Quad {
	for i := range q {
		q[i].X *= s
		q[i].Y *= s
	}
	return q
}

// Rect is an axis-aligned integer rectangle, [X0,X1) × [Y0,Y1).
type Rect struct{ X0, Y0, X1, Y1 int }

// Dx returns the width of r.
func (r Rect) Dx() int { return r.X1 - r.X0 }

// Dy returns the height of r.
func (r Rect) Dy() int { return r.Y1 - r.Y0 }

// polyArea is the signed shoelace area of a polygon.
func polyArea(p []Point) float64 {
	s := 0.0
	for i := range p {
		// The next vertex without a remainder: a call in the browser
		// build, and the detector asks for hundreds of areas per frame.
		j := i + 1
		if j == len(p) {
			j = 0
		}
		s += p[i].X*p[j].Y - p[j].X*p[i].Y
	}
	return s / 2
}

// ClipArea returns the area of the part of polygon poly inside the box
// [0,w]×[0,h].
func ClipArea(poly []Point, w, h float64) float64 {
	if inBox(poly, w, h) {
		// Clipping keeps every vertex in order: the same area, without
		// the clip (most outlines a detector scores lie in the frame).
		return math.Abs(polyArea(poly))
	}
	box := [4]Point{{0, 0}, {w, 0}, {w, h}, {0, h}}
	var b1, b2 [clipScratch]Point
	return math.Abs(polyArea(clipConvex(b1[:0], b2[:0], poly, box[:])))
}

// inBox reports whether every vertex of poly lies in [0,w]×[0,h].
func inBox(poly []Point, w, h float64) bool {
	for _, p := range poly {
		if !(p.X >= 0 && p.X <= w && p.Y >= 0 && p.Y <= h) {
			return false
		}
	}
	return true
}

// IntersectionArea returns the area shared by two convex polygons.
func IntersectionArea(a, b []Point) float64 {
	var b1, b2 [clipScratch]Point
	return math.Abs(polyArea(clipConvex(b1[:0], b2[:0], a, b)))
}

// clipScratch is the vertex count the area functions clip in on the
// stack: two quads' intersection has at most 8 vertices. The detector
// asks for hundreds of areas per frame, and a heap polygon for each was
// most of a live frame's allocations.
const clipScratch = 16

// ClipConvex clips polygon subject by the convex polygon clip
// (Sutherland–Hodgman). Either winding order is accepted.
func ClipConvex(subject, clip []Point) []Point {
	return clipConvex(nil, nil, subject, clip)
}

// clipConvex is ClipConvex building the polygon in buf1 and buf2 in turn
// (each grown when too small); the result aliases one of them.
func clipConvex(buf1, buf2, subject, clip []Point) []Point {
	if polyArea(clip) < 0 {
		clip = reversed(clip)
	}
	out, spare := append(buf1[:0], subject...), buf2
	for i := range clip {
		j := i + 1 // the next vertex without a remainder (a call in the browser build)
		if j == len(clip) {
			j = 0
		}
		a, b := clip[i], clip[j]
		// inside = left of a→b for a counter-clockwise (in y-down: positive area) clip.
		side := func(p Point) float64 { return (b.X-a.X)*(p.Y-a.Y) - (b.Y-a.Y)*(p.X-a.X) }
		in := out
		out, spare = spare[:0], in
		if len(in) == 0 {
			return nil // an empty subject
		}
		prev := in[len(in)-1]
		for _, cur := range in {
			sc, sp := side(cur), side(prev)
			if (sc >= 0) != (sp >= 0) {
				t := sp / (sp - sc)
				out = append(out, Point{prev.X + t*(cur.X-prev.X), prev.Y + t*(cur.Y-prev.Y)})
			}
			if sc >= 0 {
				out = append(out, cur)
			}
			prev = cur
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

func reversed(p []Point) []Point {
	r := make([]Point, len(p))
	for i := range p {
		r[len(p)-1-i] = p[i]
	}
	return r
}
