package vision

// RotateGray returns g turned clockwise by quarter × 90° (any integer,
// taken modulo 4) as a new image; quarter 0 returns a copy.
func RotateGray(g *Gray, quarter int) *Gray {
	q := ((quarter % 4) + 4) % 4
	w, h := g.W, g.H
	if q == 1 || q == 3 {
		w, h = h, w
	}
	out := NewGray(w, h)
	switch q {
	case 0:
		copy(out.Pix, g.Pix)
	case 2:
		n := len(g.Pix)
		for i, v := range g.Pix[:g.W*g.H] {
			out.Pix[n-1-i] = v
		}
	case 1: // source (x, y) goes to (H-1-y, x)
		for y := range g.H {
			row := g.Pix[y*g.W : (y+1)*g.W]
			for x, v := range row {
				out.Pix[x*w+(g.H-1-y)] = v
			}
		}
	case 3: // source (x, y) goes to (y, W-1-x)
		for y := range g.H {
			row := g.Pix[y*g.W : (y+1)*g.W]
			for x, v := range row {
				out.Pix[(g.W-1-x)*w+y] = v
			}
		}
	}
	return out
}

// UnrotatePoint maps a point of RotateGray(g, quarter), whose source
// image is w×h, back to g's coordinates. Points are continuous
// coordinates (pixel corners at integers), so whole boxes map exactly.
func UnrotatePoint(p Point, quarter, w, h int) Point {
	switch ((quarter % 4) + 4) % 4 {
	case 1:
		return Point{X: p.Y, Y: float64(h) - p.X}
	case 2:
		return Point{X: float64(w) - p.X, Y: float64(h) - p.Y}
	case 3:
		return Point{X: float64(w) - p.Y, Y: p.X}
	}
	return p
}
