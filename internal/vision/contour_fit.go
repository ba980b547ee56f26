package vision

import "math"

// contourSideTrim is the share of a side's length, at each end, whose
// contour points are left out of the side's fit: a card's corners are
// rounded (3 mm of 54 mm), and a polygon fit's vertex sits on the arc,
// so points next to it pull the side inwards.
const contourSideTrim = 0.12

// FitQuadSides refits each side of q, a coarse 4-gon fit of a closed
// contour (approxPolyDP's vertices, say), to the contour points pts: the
// side becomes the total-least-squares line through the points within tol
// px of it, away from its ends (contourSideTrim), and the corners become
// the intersections of neighbouring sides, as the line-based detector
// builds them. A side with fewer points than a fifth of its length keeps
// its coarse line; an outline whose refit sides no longer cross is
// returned unchanged.
func FitQuadSides(q Quad, pts []Point, tol float64) Quad {
	var lines [4]edgeLine
	for k := range 4 {
		a, b := q[k], q[(k+1)%4]
		lines[k] = lineThrough(a, b)
		if l, ok := fitSide(a, b, pts, tol); ok {
			lines[k] = l
		}
	}
	var out Quad
	for k := range 4 {
		c, ok := intersect(&lines[(k+3)%4], &lines[k])
		if !ok {
			return q
		}
		out[k] = c
	}
	return out
}

// lineThrough is the line through a and b (a ≠ b).
func lineThrough(a, b Point) edgeLine {
	d := a.Dist(b)
	n := Point{-(b.Y - a.Y) / d, (b.X - a.X) / d}
	return edgeLine{N: n, C: n.X*a.X + n.Y*a.Y}
}

// fitSide fits a line to the points of pts near side a→b (within tol,
// between the trimmed ends) by principal axes; ok is false when they are
// too few.
func fitSide(a, b Point, pts []Point, tol float64) (edgeLine, bool) {
	length := a.Dist(b)
	if length < 1 {
		return edgeLine{}, false
	}
	u := Point{(b.X - a.X) / length, (b.Y - a.Y) / length}
	var n, sx, sy, sxx, syy, sxy float64
	for _, p := range pts {
		dx, dy := p.X-a.X, p.Y-a.Y
		t := dx*u.X + dy*u.Y
		if t < contourSideTrim*length || t > (1-contourSideTrim)*length || math.Abs(dx*u.Y-dy*u.X) > tol {
			continue
		}
		n++
		sx, sy = sx+p.X, sy+p.Y
		sxx, syy, sxy = sxx+p.X*p.X, syy+p.Y*p.Y, sxy+p.X*p.Y
	}
	if n < 0.2*length || n < 3 {
		return edgeLine{}, false
	}
	mx, my := sx/n, sy/n
	cxx, cyy, cxy := sxx/n-mx*mx, syy/n-my*my, sxy/n-mx*my
	// Direction of the largest spread: angle of the principal axis.
	theta := 0.5 * math.Atan2(2*cxy, cxx-cyy)
	dir := Point{math.Cos(theta), math.Sin(theta)}
	nrm := Point{-dir.Y, dir.X}
	return edgeLine{N: nrm, C: nrm.X*mx + nrm.Y*my}, true
}
