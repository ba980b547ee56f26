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
			// Fast mode's nearest-pixel profiles land as close.
			var b DetectBuffers
			got = b.refineQuad(img, start, 5, true)
			for k := range got {
				assert.InDelta(t, 0, got[k].Dist(truth[k]), 0.6, "nearest: corner %d", k)
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

// TestRefineBuffersReused: sides of other lengths and radii fitted one
// after the other in one refineBuffers (longer lists and profiles left
// in it) give what fresh memory gives, and reuse it.
func TestRefineBuffersReused(t *testing.T) {
	img := noisyRGB(800, 600, [3]uint8{70, 60, 50}, 5, 9)
	truth := cardQuad(400, 300, 500, -8)
	fillQuadRGB(img, truth, [3]uint8{200, 210, 220})
	var rb refineBuffers
	tests := []struct {
		name   string
		a, b   Point
		radius int
	}{
		{"long side, wide search", truth[0], truth[1], 9},
		{"short side, narrow search", truth[1], truth[2], 3},
		{"long side again", truth[2], truth[3], 5},
		{"no edge", Point{20, 20}, Point{20, 200}, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantLine, wantOK := refineSide(img, tc.a, tc.b, tc.radius)
			gotLine, gotOK := rb.side(img, tc.a, tc.b, tc.radius)
			assert.Equal(t, wantOK, gotOK)
			assert.Equal(t, wantLine, gotLine)
		})
	}
	assert.NotEmpty(t, rb.prof, "profile kept")
	assert.Positive(t, cap(rb.pts), "points kept")
	allocs := testing.AllocsPerRun(10, func() { rb.side(img, truth[0], truth[1], 9) })
	assert.Zero(t, allocs, "allocations of a side in warm memory")
}
