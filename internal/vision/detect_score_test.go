package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSideSupport(t *testing.T) {
	img := noisyRGB(300, 200, [3]uint8{60, 80, 60}, 4, 5)
	q := cardQuad(150, 100, 180, 10)
	fillQuadRGB(img, q, [3]uint8{210, 200, 190})
	// A thin printed line inside the card: strong gradient, no step.
	line := Quad{{100, 80}, {200, 80}, {200, 81.5}, {100, 81.5}}
	fillQuadRGB(img, line, [3]uint8{40, 40, 40})
	g := colorGradient(img)
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	tests := []struct {
		name   string
		a, b   Point
		lo, hi float64
	}{
		{"true side", q[0], q[1], 0.9, 1},
		{"side shifted 6 px", Point{q[0].X, q[0].Y - 6}, Point{q[1].X, q[1].Y - 6}, 0, 0.2},
		{"printed line", Point{110, 80.75}, Point{190, 80.75}, 0, 0.3},
		{"flat background", Point{10, 10}, Point{60, 10}, 0, 0.2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, l := sideSupport(g, img, tc.a, tc.b, sp)
			assert.InDelta(t, tc.a.Dist(tc.b), l, 1)
			assert.GreaterOrEqual(t, s, tc.lo)
			assert.LessOrEqual(t, s, tc.hi)
		})
	}
	// Outside the frame nothing is measured.
	_, l := sideSupport(g, img, Point{-50, -10}, Point{-10, -40}, sp)
	assert.Zero(t, l)
}

func TestClippedT(t *testing.T) {
	tests := []struct {
		name   string
		a, b   Point
		t0, t1 float64
		ok     bool
	}{
		{"inside", Point{10, 10}, Point{20, 20}, 0, 1, true},
		{"crosses left edge", Point{-10, 5}, Point{10, 5}, 0.5, 1, true},
		{"outside", Point{-10, -5}, Point{-1, -50}, 0, 0, false},
		{"through", Point{-50, 50}, Point{150, 50}, 0.25, 0.75, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t0, t1, ok := clippedT(tc.a, tc.b, 100, 100)
			assert.Equal(t, tc.ok, ok)
			if ok {
				assert.InDelta(t, tc.t0, t0, 1e-9)
				assert.InDelta(t, tc.t1, t1, 1e-9)
			}
		})
	}
}

func TestRoundIntIsMathRound(t *testing.T) {
	for _, v := range []float64{0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 3.7, -3.7, 639.5, 1e9 + 0.5, -7.25} {
		assert.Equal(t, int(math.Round(v)), roundInt(v), "%v", v)
	}
}

func TestSizePrior(t *testing.T) {
	tests := []struct {
		area, want float64
	}{
		{0, 0.75},
		{0.02, 0.75 + 0.25*math.Sqrt(0.02/0.3)},
		{0.3, 1},
		{0.9, 1},
	}
	for _, tc := range tests {
		assert.InDelta(t, tc.want, sizePrior(tc.area), 1e-12, "area %.2f", tc.area)
	}
	// A key-sized box (2 % of the frame) whose edges are a fifth crisper
	// than a document-sized outline's (30 %) still ranks below it.
	assert.Less(t, 1.2*sizePrior(0.02), sizePrior(0.3))
}
