package vision

import (
	"fmt"
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stepImage is a w×h image dark left of x = edge and light from it on.
func stepImage(w, h, edge int) *RGB {
	img := NewRGB(w, h)
	for y := range h {
		for x := range w {
			v := uint8(40)
			if x >= edge {
				v = 200
			}
			i := 3 * (y*w + x)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = v, v, v
		}
	}
	return img
}

func TestSparseSupport(t *testing.T) {
	img := stepImage(200, 200, 100)
	g := colorGradient(img)
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	tests := []struct {
		name         string
		a, b         Point
		support, len float64
	}{
		{"along the edge", Point{100, 20}, Point{100, 180}, 1, 160},
		{"along the edge, reversed", Point{100, 180}, Point{100, 20}, 1, 160},
		{"on a flat region", Point{40, 20}, Point{40, 180}, 0, 160},
		{"across the edge", Point{50, 100}, Point{150, 100}, 0, 100},
		{"half beyond the frame", Point{100, 100}, Point{100, 300}, 1, 100},
		{"beyond the frame", Point{300, 20}, Point{300, 180}, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, l := sparseSupport(g, img, tc.a, tc.b, sp)
			assert.InDelta(t, tc.support, s, 0.05)
			assert.InDelta(t, tc.len, l, 1e-9)
		})
	}
}

// dashedCardScene is a light card on a brown background ruled by a dark
// grid every step px (tiles, a cutting mat, newspaper columns), its
// border broken along the middle of each side into pieces shorter than
// a segment by notches of the background's colour, gap px wide every
// period px: the grid gives thousands of outlines fully covered by
// segments, the card's sides are covered only near its corners.
func dashedCardScene(step float64, gap, period int) (*RGB, Quad) {
	w, h := 800, 600
	bg := [3]uint8{120, 85, 50}
	img := noisyRGB(w, h, bg, 10, 11)
	ink := [3]uint8{40, 30, 25}
	for x := step; x < float64(w); x += step {
		fillQuadRGB(img, Quad{{x, 0}, {x + 3, 0}, {x + 3, float64(h)}, {x, float64(h)}}, ink)
	}
	for y := step; y < float64(h); y += step {
		fillQuadRGB(img, Quad{{0, y}, {float64(w), y}, {float64(w), y + 3}, {0, y + 3}}, ink)
	}
	card := cardQuad(400, 300, 420, 6)
	fillQuadRGB(img, card, [3]uint8{225, 215, 230})
	for k := range 4 {
		a, b := card[k], card[(k+1)%4]
		l := a.Dist(b)
		u := Point{(b.X - a.X) / l, (b.Y - a.Y) / l}
		n := Point{-u.Y, u.X} // into the clockwise quad
		for s := 0.25 * l; s < 0.75*l; s += float64(period) {
			p := Point{a.X + u.X*s, a.Y + u.Y*s}
			q := Point{p.X + u.X*float64(gap), p.Y + u.Y*float64(gap)}
			fillQuadRGB(img, Quad{{p.X - 3*n.X, p.Y - 3*n.Y}, {q.X - 3*n.X, q.Y - 3*n.Y}, {q.X + 5*n.X, q.Y + 5*n.Y}, {p.X + 5*n.X, p.Y + 5*n.Y}}, bg)
		}
	}
	return img, card
}

// TestRescueCandidatesReachPastTheCoverageCut: on the dashed card
// scene the card's outline ranks past the rescue's coverage budget; the
// gradient quota brings it in.
func TestRescueCandidatesReachPastTheCoverageCut(t *testing.T) {
	img, card := dashedCardScene(100, 4, 12)
	g := colorGradient(img)
	short := float64(img.H)
	lines := groupLines(findSegments(g, segmentParams{minMag: 4, minLen: math.Max(8, 0.025*short)}), 2)
	hp := hypoParams{W: 800, H: 600, Aspects: []float64{AspectID1, AspectID3}, MinSide: 0.06 * short, MinArea: minAreaFraction * 800 * 600, MaxLines: 64, KeepCheap: 100}
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	hasCard := func(hyps []hypothesis) bool {
		for _, h := range hyps {
			if quadIoU(h.Q, card) >= 0.9 {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name     string
		edgeKeep int
		found    bool
	}{
		{"coverage only", 0, false},
		{"with the gradient quota", 64, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := detectConfig{rescue: 200, edgeKeep: tc.edgeKeep}
			rest, quota := rescueCandidates(g, img, lines, hp, sp, cfg)
			require.Len(t, rest, cfg.rescue-hp.KeepCheap)
			assert.Len(t, quota, tc.edgeKeep)
			assert.False(t, hasCard(rest), "the card ranks past the coverage budget")
			assert.Equal(t, tc.found, hasCard(quota))
		})
	}
}

func TestEdgeQuota(t *testing.T) {
	img, card := dashedCardScene(100, 4, 12)
	g := colorGradient(img)
	hp := hypoParams{W: 800, H: 600, Aspects: []float64{AspectID1}}
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	cell := Quad{{103, 103}, {403, 103}, {403, 303}, {103, 303}} // on grid lines, partly under the card
	inner := cardQuad(400, 300, 200, 6)                          // inside the card: no edges
	rest := []hypothesis{{Q: inner}, {Q: cell}, {Q: card}}
	tests := []struct {
		name string
		n    int
		want []Quad
	}{
		{"none", 0, nil},
		{"the best", 1, []Quad{card}},
		{"best first", 2, []Quad{card, cell}},
		{"more than there are", 5, []Quad{card, cell, inner}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []Quad
			for _, h := range edgeQuota(g, img, rest, hp, sp, tc.n) {
				got = append(got, h.Q)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, []Quad{inner, cell, card}, []Quad{rest[0].Q, rest[1].Q, rest[2].Q}, "rest keeps its order")
		})
	}
}

func BenchmarkEdgeCheap(b *testing.B) {
	img, card := dashedCardScene(100, 4, 12)
	g := colorGradient(img)
	hp := hypoParams{W: 800, H: 600, Aspects: []float64{AspectID1, AspectID3}}
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	h := hypothesis{Q: card}
	b.ReportAllocs()
	for b.Loop() {
		edgeCheap(g, img, &h, hp, sp)
	}
}

// BenchmarkDetectGridDesk measures what the gradient quota costs where
// the rescue runs among tens of thousands of outlines (the dashed card
// scene's grid), against the rescue without it.
func BenchmarkDetectGridDesk(b *testing.B) {
	img, _ := dashedCardScene(100, 4, 12)
	for _, keep := range []int{0, configFor(DetectOptions{}).edgeKeep} {
		cfg := configFor(DetectOptions{})
		cfg.edgeKeep = keep
		b.Run(fmt.Sprintf("edgeKeep=%d", keep), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				detectWith(img, DetectOptions{}, cfg)
			}
		})
	}
}

// TestEdgeQuotaEqualsFullRanking: reading only the outlines whose bound
// can still reach the quota picks what ranking every outline by
// edgeCheap picks.
func TestEdgeQuotaEqualsFullRanking(t *testing.T) {
	img, _ := dashedCardScene(100, 4, 12)
	g := colorGradient(img)
	lines := groupLines(findSegments(g, segmentParams{minMag: 4, minLen: 15}), 2)
	hp := hypoParams{W: 800, H: 600, Aspects: []float64{AspectID1, AspectID3}, MinSide: 36, MinArea: minAreaFraction * 800 * 600, MaxLines: 40, KeepCheap: math.MaxInt}
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	all := enumerateHypotheses(lines, hp)
	require.Greater(t, len(all), 500)
	scores := make([]float64, len(all))
	order := make([]int, len(all))
	for i := range all {
		scores[i], order[i] = edgeCheap(g, img, &all[i], hp, sp), i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	for _, n := range []int{1, 16, 64} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var want, got []Quad
			for _, i := range order[:n] {
				want = append(want, all[i].Q)
			}
			for _, h := range edgeQuota(g, img, all, hp, sp, n) {
				got = append(got, h.Q)
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestInsertDescending(t *testing.T) {
	tests := []struct {
		name string
		best []float64
		v    float64
		n    int
		want []float64
	}{
		{"into an empty list", nil, 0.5, 3, []float64{0.5}},
		{"first", []float64{0.4, 0.2}, 0.5, 3, []float64{0.5, 0.4, 0.2}},
		{"middle", []float64{0.6, 0.2}, 0.5, 3, []float64{0.6, 0.5, 0.2}},
		{"last", []float64{0.6, 0.5}, 0.1, 3, []float64{0.6, 0.5, 0.1}},
		{"a full list drops its last", []float64{0.6, 0.5, 0.2}, 0.55, 3, []float64{0.6, 0.55, 0.5}},
		{"too weak for a full list", []float64{0.6, 0.5, 0.2}, 0.1, 3, []float64{0.6, 0.5, 0.2}},
		{"a tie goes after", []float64{0.6, 0.5}, 0.5, 2, []float64{0.6, 0.5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			best := append(make([]float64, 0, tc.n), tc.best...)
			assert.Equal(t, tc.want, insertDescending(best, tc.v, tc.n))
		})
	}
}
