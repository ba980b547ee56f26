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

// TestOutermostCut: an outline around the pick that shares a side with
// it, scores nearly as well and reads as text replaces it; a weaker one,
// one sharing no side and one far larger (the page beside a passport's
// data page) do not.
func TestOutermostCut(t *testing.T) {
	work := stripedRGB(200, 200)
	inner := hypothesis{Q: Quad{{-50, 60}, {150, 60}, {150, 180}, {-50, 180}}, Lines: [4]int{1, 2, 3, -1}, Score: 0.8}
	tests := []struct {
		name  string
		outer hypothesis
		grows bool
	}{
		{"band above the pick", hypothesis{Q: Quad{{-50, 40}, {150, 40}, {150, 180}, {-50, 180}}, Lines: [4]int{4, 2, 3, -1}, Score: 0.75}, true},
		{"weaker outline", hypothesis{Q: Quad{{-50, 40}, {150, 40}, {150, 180}, {-50, 180}}, Lines: [4]int{4, 2, 3, -1}, Score: 0.6}, false},
		{"no shared side", hypothesis{Q: Quad{{-50, 40}, {150, 40}, {150, 180}, {-50, 180}}, Lines: [4]int{4, 5, 6, -1}, Score: 0.75}, false},
		{"twice the size", hypothesis{Q: Quad{{-50, 0}, {150, 0}, {150, 200}, {-50, 200}}, Lines: [4]int{4, 2, 3, -1}, Score: 0.75}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := outermostCut(work, []hypothesis{tc.outer}, inner)
			if tc.grows {
				assert.Equal(t, tc.outer.Q, got.Q)
			} else {
				assert.Equal(t, inner.Q, got.Q)
			}
		})
	}
}

// TestHoldsDocument: a whole pick inside a cut outline, or a text-reading
// whole outline scoring weakDocScore inside it, makes the cut outline the
// support under a document.
func TestHoldsDocument(t *testing.T) {
	work := stripedRGB(200, 200)
	c := hypothesis{Q: Quad{{-100, 10}, {190, 10}, {190, 190}, {-100, 190}}, extrapol: true}
	small := hypothesis{Q: Quad{{20, 40}, {120, 40}, {120, 110}, {20, 110}}, Visible: 1, Score: 0.5}
	outside := hypothesis{Q: Quad{{150, 150}, {199, 150}, {199, 199}, {150, 199}}, Visible: 1, Score: 0.9}
	weak := small
	weak.Score = 0.3
	tests := []struct {
		name   string
		picked []hypothesis
		hyps   []hypothesis
		want   bool
	}{
		{"weak pick inside", []hypothesis{weak}, nil, true},
		{"document inside", nil, []hypothesis{small}, true},
		{"weak outline inside", nil, []hypothesis{weak}, false},
		{"outline across the side", nil, []hypothesis{outside}, false},
		{"nothing", nil, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, holdsDocument(work, tc.picked, tc.hyps, c))
		})
	}
}

// TestCutPaper: a pale printed face passes, wood-coloured and dark ones
// do not, nor an outline wholly outside the frame.
func TestCutPaper(t *testing.T) {
	q := Quad{{-50, 10}, {90, 10}, {90, 90}, {-50, 90}}
	tests := []struct {
		name string
		img  *RGB
		q    Quad
		want bool
	}{
		{"pale print", stripedRGB(100, 100), q, true},
		{"wood", noisyRGB(100, 100, [3]uint8{170, 110, 60}, 10, 3), q, false},
		{"dark grey", noisyRGB(100, 100, [3]uint8{80, 80, 80}, 10, 4), q, false},
		{"outside the frame", stripedRGB(100, 100), Quad{{-90, 10}, {-10, 10}, {-10, 90}, {-90, 90}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, cutPaper(tc.img, tc.q))
		})
	}
}

// stripedRGB is a pale image with dark rows of "print" every 6 px, which
// reads as text rows.
func stripedRGB(w, h int) *RGB {
	img := NewRGB(w, h)
	for y := range h {
		for x := range w {
			v := uint8(225)
			if y%6 < 2 && (x/5)%3 != 0 {
				v = 40
			}
			i := 3 * (y*w + x)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = v, v, v
		}
	}
	return img
}
