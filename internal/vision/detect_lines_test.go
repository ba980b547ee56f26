package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupLinesMergesCollinear(t *testing.T) {
	seg := func(x0, y0, x1, y1 float64) segment {
		a, b := Point{x0, y0}, Point{x1, y1}
		return segment{A: a, B: b, Len: a.Dist(b)}
	}
	segs := []segment{
		seg(10, 50, 100, 50.5),  // a side...
		seg(140, 51, 300, 51.5), // ...broken by a finger
		seg(10, 150, 300, 150),  // the opposite side
		seg(50, 60, 52, 140),    // a crossing line
		seg(320, 20, 380, 25),   // a short unrelated one, not collinear
	}
	lines := groupLines(segs, 2)
	require.Len(t, lines, 4)
	assert.InDelta(t, 290, lines[0].Len, 1, "longest first")
	l := lines[1]
	assert.InDelta(t, 90+160, l.Len, 1)
	require.Len(t, l.Spans, 2)
	// The merged fit lies between the two pieces.
	assert.InDelta(t, 0, l.Dist(Point{120, 50.75}), 0.6)
	assert.InDelta(t, 40, l.covered(l.T(Point{80, 50}), l.T(Point{160, 51})), 2)
}

func TestIntersect(t *testing.T) {
	a := lineFromPoints(Point{0, 10}, Point{100, 10})
	b := lineFromPoints(Point{30, 0}, Point{30, 100})
	p, ok := intersect(&a, &b)
	require.True(t, ok)
	assert.InDelta(t, 30, p.X, 1e-9)
	assert.InDelta(t, 10, p.Y, 1e-9)
	c := lineFromPoints(Point{0, 20}, Point{100, 20})
	_, ok = intersect(&a, &c)
	assert.False(t, ok, "parallel lines")
}

func TestMergeSpans(t *testing.T) {
	got := mergeSpans([]span{{5, 8}, {0, 2}, {1, 4}, {8, 9}})
	assert.Equal(t, []span{{0, 4}, {5, 9}}, got)
}

func TestLineMomentsFit(t *testing.T) {
	var m lineMoments
	for x := 0.0; x < 50; x++ {
		m.add(Point{x, 2*x + 3}, 1)
	}
	l := m.fit()
	assert.InDelta(t, 0, l.Dist(Point{10, 23}), 1e-6)
	assert.InDelta(t, 1, math.Hypot(l.N.X, l.N.Y), 1e-12)
}

// TestLineBuffersReuse: grouping in reused memory gives the lines of a
// fresh grouping, also after a frame with more segments and lines left
// its data in the buffers, and allocates nothing once they are grown.
func TestLineBuffersReuse(t *testing.T) {
	img := sceneWithCards(640, 480, cardQuad(320, 240, 300, 8), cardQuad(120, 100, 90, -20))
	many := findSegments(colorGradient(img), segmentParams{minMag: 4, minLen: 8})
	few := many[:len(many)/3]
	require.Greater(t, len(few), 5)
	var b lineBuffers
	for _, tc := range []struct {
		name string
		segs []segment
	}{
		{"first frame", many},
		{"fewer segments after more", few},
		{"more again", many},
		{"none", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := groupLines(tc.segs, 2)
			got := b.group(tc.segs, 2)
			require.Len(t, got, len(want))
			for i := range want {
				assert.Equal(t, want[i].N, got[i].N, "line %d", i)
				assert.Equal(t, want[i].C, got[i].C, "line %d", i)
				assert.Equal(t, want[i].Weight, got[i].Weight, "line %d", i)
				assert.Equal(t, want[i].Len, got[i].Len, "line %d", i)
				assert.Equal(t, want[i].Spans, got[i].Spans, "line %d", i)
			}
		})
	}
	allocs := testing.AllocsPerRun(5, func() { b.group(many, 2) })
	assert.Zero(t, allocs, "grown buffers")
}
