package vision

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlausibleQuad(t *testing.T) {
	hp := hypoParams{W: 800, H: 600, MinSide: 20, MinArea: 2000}
	tests := []struct {
		name string
		q    Quad
		ok   bool
		vis  float64
	}{
		{"card inside", cardQuad(400, 300, 300, 10), true, 1},
		{"counter-clockwise is reordered", Quad{{100, 100}, {100, 300}, {400, 300}, {400, 100}}, true, 1},
		{"half outside", Quad{{600, 100}, {1000, 100}, {1000, 300}, {600, 300}}, true, 0.5},
		{"too small", cardQuad(400, 300, 40, 0), false, 0},
		{"non-convex", Quad{{100, 100}, {400, 100}, {200, 150}, {100, 300}}, false, 0},
		{"sharp angle", Quad{{100, 100}, {500, 100}, {700, 120}, {100, 300}}, false, 0},
		{"far outside", Quad{{-900, 100}, {-500, 100}, {-500, 300}, {-900, 300}}, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := hypothesis{Q: tc.q, Lines: [4]int{0, 1, 2, 3}}
			ok := plausibleQuad(&h, hp)
			require.Equal(t, tc.ok, ok)
			if ok {
				assert.InDelta(t, tc.vis, h.Visible, 1e-9)
				assert.Greater(t, polyArea(h.Q[:]), 0.0, "clockwise on screen")
			}
		})
	}
}

// plausibleQuadReference is plausibleQuad as written before it measured
// each side once and tested the cheap conditions first: the reference it
// must match bit for bit (its answer decides which hypotheses exist).
func plausibleQuadReference(h *hypothesis, p hypoParams) bool {
	q := &h.Q
	if polyArea(q[:]) < 0 {
		q[1], q[3] = q[3], q[1]
		h.Lines[0], h.Lines[3] = h.Lines[3], h.Lines[0]
		h.Lines[1], h.Lines[2] = h.Lines[2], h.Lines[1]
	}
	for k := range 4 {
		a, b, c := q[k], q[(k+1)%4], q[(k+2)%4]
		cross := (b.X-a.X)*(c.Y-b.Y) - (b.Y-a.Y)*(c.X-b.X)
		if cross <= 0 {
			return false
		}
		if a.Dist(b) < p.MinSide {
			return false
		}
		if a.X < -0.6*p.W || a.X > 1.6*p.W || a.Y < -0.6*p.H || a.Y > 1.6*p.H {
			return false
		}
		u, v := a.Sub(b), c.Sub(b)
		cosA := (u.X*v.X + u.Y*v.Y) / (math.Hypot(u.X, u.Y) * math.Hypot(v.X, v.Y))
		if math.Abs(cosA) > 0.77 {
			return false
		}
	}
	area := q.Area()
	if area < p.MinArea {
		return false
	}
	h.Visible = ClipArea(q[:], p.W, p.H) / area
	return true
}

func TestPlausibleQuadMatchesReference(t *testing.T) {
	hp := hypoParams{W: 800, H: 600, MinSide: 20, MinArea: 2000}
	rng := rand.New(rand.NewPCG(3, 5))
	accepted := 0
	for range 50000 {
		// Jittered rectangles of every size and place, some of them
		// wound the other way, some pushed off the frame.
		cx, cy := rng.Float64()*1600-400, rng.Float64()*1200-300
		w, hh := rng.Float64()*700, rng.Float64()*500
		var q Quad
		for k, c := range [4][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}} {
			q[k] = Point{cx + c[0]*w/2 + rng.NormFloat64()*w/6, cy + c[1]*hh/2 + rng.NormFloat64()*hh/6}
		}
		if rng.IntN(2) == 0 {
			q[1], q[3] = q[3], q[1]
		}
		want := hypothesis{Q: q, Lines: [4]int{0, 1, 2, 3}}
		got := want
		wok := plausibleQuadReference(&want, hp)
		side, gok := plausibleSides(&got, hp)
		require.Equal(t, wok, gok, "%v", q)
		if wok {
			accepted++
			for k := range side {
				require.Equal(t, got.Q[k].Dist(got.Q[(k+1)%4]), side[k], "side %d", k)
			}
			require.Equal(t, want.Q, got.Q)
			require.Equal(t, want.Lines, got.Lines)
			require.Equal(t, math.Float64bits(want.Visible), math.Float64bits(got.Visible), "%v", q)
		}
	}
	assert.Greater(t, accepted, 1000, "the quads test both answers")
}

func TestClipSides(t *testing.T) {
	for _, tc := range []struct {
		name string
		q    Quad
	}{
		{"inside", cardQuad(400, 300, 300, 10)},
		{"half outside", Quad{{600, 100}, {1000, 100}, {1000, 300}, {600, 300}}},
		{"a side beyond the frame", Quad{{100, -200}, {300, -200}, {300, 100}, {100, 100}}},
		{"wholly outside", Quad{{-900, 100}, {-500, 100}, {-500, 300}, {-900, 300}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clips := clipSides(&tc.q, 800, 600)
			for k, c := range clips {
				a, b := tc.q[k], tc.q[(k+1)%4]
				t0, t1, ok := clippedT(a, b, 800, 600)
				assert.Equal(t, sideClip{t0, t1, clippedLen(a, b, 800, 600), ok}, c, "side %d", k)
			}
		})
	}
}

func TestEnumerateHypothesesFindsCardAndExtrapolates(t *testing.T) {
	// Lines of a card's four sides plus a distractor, and a card whose
	// right side is beyond the frame (three lines).
	full := cardQuad(250, 300, 300, 0)
	cut := cardQuad(700, 330, 300, 0) // right side at x=850 > 800
	var segs []segment
	add := func(a, b Point) { segs = append(segs, segment{A: a, B: b, Len: a.Dist(b), Mag: 30}) }
	for k := range 4 {
		add(full[k], full[(k+1)%4])
	}
	add(cut[0], Point{800, cut[1].Y})
	add(cut[3], Point{800, cut[2].Y})
	add(cut[3], cut[0])
	add(Point{0, 580}, Point{800, 570})
	lines := groupLines(segs, 2)
	hp := hypoParams{W: 800, H: 600, Aspects: []float64{AspectID1}, MinSide: 20, MinArea: 5000, MaxLines: 20, KeepCheap: 50}
	hyps := enumerateHypotheses(lines, hp)
	best := func(want Quad) (float64, bool) {
		b, ext := 0.0, false
		for _, h := range hyps {
			if v := quadIoU(want, h.Q); v > b {
				b, ext = v, h.extrapol
			}
		}
		return b, ext
	}
	iou, ext := best(full)
	assert.Greater(t, iou, 0.99)
	assert.False(t, ext)
	iou, ext = best(cut)
	assert.Greater(t, iou, 0.95, "the side beyond the frame is placed by the aspect ratio")
	assert.True(t, ext)
}

func TestEnumerateHypothesesSeesEverySide(t *testing.T) {
	// A card whose right side is beyond the frame, and a short steep edge
	// in the frame's corner whose line passes beyond the frame where that
	// side would be: the line may not close the card, as an outline with
	// a side seen nowhere would escape the penalties for unseen sides.
	cut := cardQuad(700, 330, 300, 0) // right side at x=850 > 800
	var segs []segment
	add := func(a, b Point) { segs = append(segs, segment{A: a, B: b, Len: a.Dist(b), Mag: 30}) }
	add(cut[0], Point{800, cut[1].Y})
	add(cut[3], Point{800, cut[2].Y})
	add(cut[3], cut[0])
	add(Point{790, 598}, Point{799, 568}) // its line runs at x ≈ 842–899 along the card
	lines := groupLines(segs, 2)
	require.Len(t, lines, 4)
	hp := hypoParams{W: 800, H: 600, Aspects: []float64{AspectID1}, MinSide: 20, MinArea: 5000, MaxLines: 20, KeepCheap: 50}
	hyps := enumerateHypotheses(lines, hp)
	require.NotEmpty(t, hyps)
	for _, h := range hyps {
		if h.extrapol {
			continue // the aspect prior placed its unseen side
		}
		for k := range 4 {
			assert.GreaterOrEqual(t, clippedLen(h.Q[k], h.Q[(k+1)%4], hp.W, hp.H), 1.0, "side %d of %v (lines %v)", k, h.Q, h.Lines)
		}
	}
}

func TestPickDocuments(t *testing.T) {
	mk := func(q Quad, score float64) hypothesis {
		return hypothesis{Q: q, Score: score, Rank: score, Visible: 1}
	}
	left, right := cardQuad(200, 300, 300, 0), cardQuad(600, 300, 300, 0)
	tests := []struct {
		name string
		hyps []hypothesis
		want int
	}{
		{"none", nil, 0},
		{"too weak", []hypothesis{mk(left, 0.3)}, 0},
		{"one", []hypothesis{mk(left, 0.9)}, 1},
		{"two alike", []hypothesis{mk(left, 0.9), mk(right, 0.85)}, 2},
		{"second much weaker", []hypothesis{mk(left, 0.9), mk(right, 0.6)}, 1},
		{"overlapping duplicate", []hypothesis{mk(left, 0.9), mk(cardQuad(210, 300, 300, 0), 0.89)}, 1},
		{"second much smaller", []hypothesis{mk(left, 0.9), mk(cardQuad(600, 300, 150, 0), 0.9)}, 1},
		// Edge support says a document is there; the ranking says which.
		{"weak outline ranked first", []hypothesis{{Q: left, Score: 0.9, Rank: 0.3, Visible: 1}, {Q: right, Score: 0.4, Rank: 0.4, Visible: 1}}, 1},
		{"second ranked too low", []hypothesis{{Q: left, Score: 0.9, Rank: 0.9, Visible: 1}, {Q: right, Score: 0.9, Rank: 0.5, Visible: 1}}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Len(t, pickDocuments(tc.hyps, minDocScore), tc.want)
		})
	}
}
