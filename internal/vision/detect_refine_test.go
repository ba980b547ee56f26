package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRefineQuad(t *testing.T) {
	img := noisyRGB(800, 600, [3]uint8{70, 60, 50}, 5, 9)
	truth := cardQuad(400, 300, 500, -8)
	fillQuadRGB(img, truth, [3]uint8{200, 210, 220})
	tests := []struct {
		name  string
		shift Point
	}{
		{"exact", Point{0, 0}},
		{"off by 2 px", Point{2, -1.5}},
		{"off by 3 px", Point{-3, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := truth
			for k := range start {
				start[k] = Point{start[k].X + tc.shift.X, start[k].Y + tc.shift.Y}
			}
			got := refineQuad(img, start, 5)
			for k := range got {
				assert.InDelta(t, 0, got[k].Dist(truth[k]), 0.6, "corner %d", k)
			}
		})
	}
	// No edge nearby: the quad is kept.
	flat := noisyRGB(400, 300, [3]uint8{128, 128, 128}, 2, 4)
	q := cardQuad(200, 150, 200, 0)
	assert.Equal(t, q, refineQuad(flat, q, 4))
}

func TestRobustLineIgnoresOutliers(t *testing.T) {
	var pts []Point
	for x := 0.0; x < 40; x++ {
		pts = append(pts, Point{x, 10 + 0.1*x})
	}
	pts = append(pts, Point{5, 30}, Point{20, -15}, Point{33, 40})
	l, ok := robustLine(pts)
	assert.True(t, ok)
	assert.InDelta(t, 0, l.Dist(Point{20, 12}), 0.05)
}
