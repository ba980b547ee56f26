package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// roundedRectContour returns the outline of a w×h rectangle at (x, y)
// with corners rounded by radius r, one point per px, as a contour
// follower reports it.
func roundedRectContour(x, y, w, h, r float64) []Point {
	var pts []Point
	arc := func(cx, cy, a0 float64) {
		for s := 0.0; s <= math.Pi/2*r; s++ {
			a := a0 + s/r
			pts = append(pts, Point{cx + r*math.Cos(a), cy + r*math.Sin(a)})
		}
	}
	line := func(a, b Point) {
		d := a.Dist(b)
		for s := 0.0; s < d; s++ {
			pts = append(pts, Point{a.X + (b.X-a.X)*s/d, a.Y + (b.Y-a.Y)*s/d})
		}
	}
	line(Point{x + r, y}, Point{x + w - r, y})
	arc(x+w-r, y+r, -math.Pi/2)
	line(Point{x + w, y + r}, Point{x + w, y + h - r})
	arc(x+w-r, y+h-r, 0)
	line(Point{x + w - r, y + h}, Point{x + r, y + h})
	arc(x+r, y+h-r, math.Pi/2)
	line(Point{x, y + h - r}, Point{x, y + r})
	arc(x+r, y+r, math.Pi)
	return pts
}

func TestFitQuadSides(t *testing.T) {
	rect := Quad{{100, 50}, {500, 50}, {500, 302}, {100, 302}}
	pts := roundedRectContour(100, 50, 400, 252, 20)
	// The vertices a polygon fit puts on the rounded corners' arcs.
	d := 20 * (1 - math.Sqrt2/2)
	cut := Quad{{100 + d, 50 + d}, {500 - d, 50 + d}, {500 - d, 302 - d}, {100 + d, 302 - d}}
	tests := []struct {
		name   string
		coarse Quad
		pts    []Point
		want   Quad
		within float64
	}{
		{"rounded corners restored", cut, pts, rect, 0.5},
		{"exact outline kept", rect, pts, rect, 0.5},
		{"no points: coarse outline kept", cut, nil, cut, 1e-9},
		{"points far away: coarse outline kept", cut, roundedRectContour(1000, 1000, 50, 50, 5), cut, 1e-9},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := FitQuadSides(tc.coarse, tc.pts, 8)
			for k := range 4 {
				assert.InDelta(t, tc.want[k].X, got[k].X, tc.within, "corner %d", k)
				assert.InDelta(t, tc.want[k].Y, got[k].Y, tc.within, "corner %d", k)
			}
		})
	}
}
