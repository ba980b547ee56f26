package vision

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		{"vertical inside", Point{30, -20}, Point{30, 80}, 0.2, 1, true},
		{"horizontal above", Point{10, -1}, Point{90, -1}, 0, 0, false},
		{"vertical right of frame", Point{101, 10}, Point{101, 90}, 0, 0, false},
		{"on the frame edge", Point{0, 0}, Point{100, 0}, 0, 1, true},
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

// TestClippedTMatchesLoop: the written-out Liang–Barsky answers as the
// loop does bit for bit, NaN included, since every outline's score uses
// it (natively; the browser build runs the loop itself).
func TestClippedTMatchesLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	coord := func(limit float64) float64 {
		switch rng.IntN(8) {
		case 0:
			return 0 // on the frame edge, and axis-aligned segments
		case 1:
			return limit
		case 2:
			return math.NaN()
		}
		return (rng.Float64()*2 - 0.5) * limit
	}
	for range 20000 {
		a, b := Point{coord(640), coord(480)}, Point{coord(640), coord(480)}
		if rng.IntN(4) == 0 {
			b.Y = a.Y // horizontal: the pp == 0 branch
		}
		w0, w1, wok := clippedTLoop(a, b, 640, 480)
		g0, g1, gok := clippedT(a, b, 640, 480)
		require.Equal(t, wok, gok, "%v→%v", a, b)
		require.Equal(t, math.Float64bits(w0), math.Float64bits(g0), "%v→%v", a, b)
		require.Equal(t, math.Float64bits(w1), math.Float64bits(g1), "%v→%v", a, b)
	}
}

// roundIntTrunc is roundInt as Trunc, Abs and Copysign alone: the
// reference for its direct conversion.
func roundIntTrunc(v float64) int {
	t := math.Trunc(v)
	if math.Abs(v-t) >= 0.5 {
		t += math.Copysign(1, v)
	}
	return int(t)
}

func TestRoundIntMatchesTrunc(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 13))
	vals := []float64{math.Copysign(0, -1), 0.5 - 1e-17, math.Nextafter(0.5, 0), math.Nextafter(-0.5, 0), 1<<52 - 0.5, -(1<<52 - 0.5), 1 << 52, 1e300, -1e300}
	for range 100000 {
		v := (rng.Float64() - 0.5) * math.Ldexp(1, rng.IntN(60))
		if rng.IntN(4) == 0 {
			v = math.Round(v*2) / 2 // halves: the ties
		}
		vals = append(vals, v)
	}
	for _, v := range vals {
		require.Equal(t, roundIntTrunc(v), roundInt(v), "%v", v)
	}
}

// TestStepContrastIsRampedColourStep: the contrast cap without the
// square root on its flat parts is the ramp of the colour step bit for
// bit, for every squared distance 0..1000 that pixels can have (both
// flat parts' edges, 36 and 324, and the slope between), random pixel
// pairs, and at the border.
func TestStepContrastIsRampedColourStep(t *testing.T) {
	img := &RGB{W: 9, H: 1, Pix: make([]uint8, 27)}
	check := func(r, g, b uint8) {
		// Pixels 0 (black) and 8: ±4 px around x = 4 along the normal (1, 0).
		img.Pix[24], img.Pix[25], img.Pix[26] = r, g, b
		want := ramp(colourStep(img, 4, 0, 1, 0), stepMin, stepFull)
		require.Equal(t, math.Float64bits(want), math.Float64bits(stepContrast(img, 4, 0, 1, 0)), "%d %d %d", r, g, b)
	}
	for r := range 32 {
		for g := range 32 {
			for b := range 32 {
				if r*r+g*g+b*b <= 1000 {
					check(uint8(r), uint8(g), uint8(b))
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(17, 19))
	for range 5000 {
		check(uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)))
	}
	assert.Equal(t, ramp(colourStep(img, 1, 0, 1, 0), stepMin, stepFull), stepContrast(img, 1, 0, 1, 0), "one pixel outside")
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
