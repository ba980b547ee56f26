package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// segLine is the line through a and b, supported from a to b.
func segLine(a, b Point) edgeLine {
	l := a.Dist(b)
	d := Point{(b.X - a.X) / l, (b.Y - a.Y) / l}
	e := edgeLine{N: Point{d.Y, -d.X}}
	e.C = e.N.X*a.X + e.N.Y*a.Y
	t0, t1 := e.T(a), e.T(b)
	e.Spans = []span{{math.Min(t0, t1), math.Max(t0, t1)}}
	e.Len = l
	return e
}

// cutParams is a w×h frame searched for ID-1 cards.
func cutParams(w, h float64) hypoParams {
	return hypoParams{W: w, H: h, Aspects: []float64{AspectID1}, MinSide: 10, MinArea: 0.02 * w * h, MaxLines: 10}
}

// TestFrameChord: the part of a line inside the frame, or none.
func TestFrameChord(t *testing.T) {
	tests := []struct {
		name string
		l    edgeLine
		ok   bool
		a, b Point
	}{
		{"level line", segLine(Point{10, 50}, Point{20, 50}), true, Point{0, 50}, Point{200, 50}},
		{"upright line", segLine(Point{30, 10}, Point{30, 20}), true, Point{30, 0}, Point{30, 100}},
		{"line past the frame", segLine(Point{10, 150}, Point{20, 150}), false, Point{}, Point{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b, ok := frameChord(&tc.l, 200, 100)
			require.Equal(t, tc.ok, ok)
			if !ok {
				return
			}
			// Either order: the ends, not the direction, matter.
			if a.Dist(tc.a) > a.Dist(tc.b) {
				a, b = b, a
			}
			assert.InDelta(t, 0, a.Dist(tc.a), 1e-6)
			assert.InDelta(t, 0, b.Dist(tc.b), 1e-6)
		})
	}
}

// TestCutPair: two long sides crossing a frame narrower than the card
// they bound give the card centred on them, past both ends; in a frame
// wide enough for the card, they give nothing (its ends would show).
func TestCutPair(t *testing.T) {
	tests := []struct {
		name  string
		w     float64
		found bool
	}{
		{"narrow frame", 120, true},
		{"wide frame", 300, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := cutParams(tc.w, 200)
			lines := []edgeLine{segLine(Point{0, 50}, Point{tc.w, 50}), segLine(Point{0, 150}, Point{tc.w, 150})}
			out := cutPair(nil, lines, 0, 1, p)
			if !tc.found {
				assert.Empty(t, out)
				return
			}
			require.Len(t, out, 1)
			h := out[0]
			assert.True(t, h.extrapol)
			long := 100 * AspectID1
			assert.InDelta(t, tc.w/long, h.Visible, 1e-6)
			xs := []float64{h.Q[0].X, h.Q[1].X, h.Q[2].X, h.Q[3].X}
			assert.InDelta(t, (tc.w-long)/2, min(xs[0], xs[1], xs[2], xs[3]), 1e-6)
			assert.InDelta(t, (tc.w+long)/2, max(xs[0], xs[1], xs[2], xs[3]), 1e-6)
		})
	}
}

// TestCutCorner: two sides meeting at a corner in the frame. When both
// run to the frame edge the card is the smallest of its aspect holding
// both; when one ends in the frame, that one fixes the size; when both
// end in the frame the card is whole and nothing is proposed.
func TestCutCorner(t *testing.T) {
	c := Point{60, 40}
	tests := []struct {
		name   string
		long   Point // end of the long side's support, from c
		short  Point // end of the short side's support, from c
		found  bool
		wantWH [2]float64
	}{
		// The short side ends on the frame's bottom edge: one growth
		// step takes the side along it out of the frame.
		{"both past the frame", Point{200, 40}, Point{60, 150}, true, [2]float64{110 * 1.02 * AspectID1, 110 * 1.02}},
		{"short side seen whole", Point{200, 40}, Point{60, 135}, true, [2]float64{95 * AspectID1, 95}},
		{"long side longer than the aspect allows", Point{200, 40}, Point{60, 100}, false, [2]float64{}},
		{"both seen whole", Point{150, 40}, Point{60, 100}, false, [2]float64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := cutParams(200, 150)
			lines := []edgeLine{segLine(c, tc.long), segLine(c, tc.short)}
			out := cutCorner(nil, lines, 0, 1, p)
			if !tc.found {
				assert.Empty(t, out)
				return
			}
			require.Len(t, out, 1)
			q := out[0].Q
			w := math.Max(q[0].Dist(q[1]), q[1].Dist(q[2]))
			h := math.Min(q[0].Dist(q[1]), q[1].Dist(q[2]))
			assert.InDelta(t, tc.wantWH[0], w, 1)
			assert.InDelta(t, tc.wantWH[1], h, 1)
			assert.Less(t, out[0].Visible, cutMaxVisible)
		})
	}
}
