package vision

import (
	"math"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// memoScene is a card on a noisy background with its gradient and the
// full detector's walk parameters.
func memoScene() (*RGB, *gradField, Quad, scoreParams) {
	img := noisyRGB(300, 200, [3]uint8{60, 80, 60}, 4, 5)
	q := cardQuad(150, 100, 180, 10)
	fillQuadRGB(img, q, [3]uint8{210, 200, 190})
	return img, colorGradient(img), q, scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, hidden: true}
}

func TestSideMemoWalkIsWalkSide(t *testing.T) {
	img, g, q, sp := memoScene()
	m := newSideMemo(g, img, sp)
	tests := []struct {
		name   string
		a, b   Point
		step   int
		hidden bool // the occluder test on: the supports are kept
	}{
		{"card side", q[0], q[1], 0, false},
		{"card side reversed", q[1], q[0], 0, true},
		{"card side with supports", q[1], q[2], 0, true},
		{"sparse", q[2], q[3], 5, false},
		{"sparse with supports", q[3], q[0], 5, true},
		{"leaves the frame", Point{-40, 50}, Point{120, 30}, 0, true},
		{"outside the frame", Point{-50, -10}, Point{-10, -40}, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := sp
			p.step, p.hidden = tc.step, tc.hidden
			var rec []float64
			sum, n, length := walkSide(g, img, tc.a, tc.b, p, &rec)
			for range 2 { // the first call walks, the second remembers
				w := m.walk(g, img, tc.a, tc.b, p, nil)
				assert.Equal(t, sum, w.sum)
				assert.Equal(t, n, w.n)
				assert.Equal(t, length, w.length)
				if tc.hidden {
					assert.Len(t, w.supports, len(rec))
					assert.Equal(t, append([]float64{}, rec...), append([]float64{}, w.supports...))
				} else {
					assert.Nil(t, w.supports)
				}
			}
		})
	}
}

func TestSidePathIsTheWalk(t *testing.T) {
	tests := []struct {
		name  string
		a, b  Point
		step  int
		steps int
	}{
		{"inside", Point{10, 10}, Point{110, 10}, 1, 100},
		{"every 7 px", Point{10, 10}, Point{110, 10}, 7, 15},
		{"half outside", Point{-50, 20}, Point{50, 20}, 0, 50},
		{"shorter than a pixel", Point{10, 10}, Point{10.5, 10}, 1, 0},
		{"outside", Point{-50, -10}, Point{-10, -40}, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newSidePath(200, 100, tc.a, tc.b, tc.step)
			require.Equal(t, tc.steps, p.n)
			for k := range p.n {
				x, y := p.at(k)
				assert.GreaterOrEqual(t, x, -0.5)
				assert.Less(t, x, 199.5)
				assert.InDelta(t, tc.a.Y-0.5, y, 1e-9, "on the side")
				if k > 0 {
					px, _ := p.at(k - 1)
					assert.InDelta(t, float64(max(tc.step, 1)), x-px, 1e-9, "stride")
				}
			}
		})
	}
}

func TestSideMemoServes(t *testing.T) {
	img, g, q, sp := memoScene()
	m := newSideMemo(g, img, sp)
	other := colorGradient(img)
	wider := sp
	wider.probe = 3
	tests := []struct {
		name string
		m    *sideMemo
		g    *gradField
		img  *RGB
		a    Point
		sp   scoreParams
		want bool
	}{
		{"its own walks", m, g, img, q[0], sp, true},
		{"another step", m, g, img, q[0], scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, step: 6}, true},
		{"no memo", nil, g, img, q[0], sp, false},
		{"another field", m, other, img, q[0], sp, false},
		{"another image", m, g, noisyRGB(300, 200, [3]uint8{1, 2, 3}, 4, 6), q[0], sp, false},
		{"another probe", m, g, img, q[0], wider, false},
		{"NaN corner", m, g, img, Point{math.NaN(), 3}, sp, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.m.serves(tc.g, tc.img, tc.a, q[1], tc.sp))
		})
	}
}

// TestSideMemoScoresAsWithout checks the detector's use: a hypothesis
// scored through the memo, twice and from several goroutines at once
// (run with -race), scores what it scores without one.
func TestSideMemoScoresAsWithout(t *testing.T) {
	img, g, q, sp := memoScene()
	hp := hypoParams{W: 300, H: 200, Aspects: []float64{AspectID1, AspectID3}}
	quads := []Quad{q, cardQuad(150, 100, 150, 10), cardQuad(140, 95, 180, 12), {{-30, 40}, {200, 20}, {220, 180}, {-10, 190}}}
	want := make([]float64, len(quads))
	for i, qq := range quads {
		h := hypothesis{Q: qq, Visible: 1}
		own := sp
		own.steps = new([]float64)
		scoreHypothesis(g, img, &h, hp, own)
		want[i] = h.Score
	}
	sp.memo = newSideMemo(g, img, sp)
	var wg sync.WaitGroup
	got := make([][]float64, 4)
	for w := range got {
		wg.Go(func() {
			for range 2 {
				got[w] = got[w][:0]
				for _, qq := range quads {
					h := hypothesis{Q: qq, Visible: 1}
					scoreHypothesis(g, img, &h, hp, sp)
					got[w] = append(got[w], h.Score)
				}
			}
		})
	}
	wg.Wait()
	for w := range got {
		assert.Equal(t, want, got[w], "worker %d", w)
	}
	assert.Greater(t, want[0], 0.5, "the card's own outline is supported")
}

func BenchmarkScoreWithSideMemo(b *testing.B) {
	img, g, q, sp := memoScene()
	hp := hypoParams{W: 300, H: 200, Aspects: []float64{AspectID1, AspectID3}}
	b.ReportAllocs()
	for b.Loop() {
		own := sp
		own.memo = newSideMemo(g, img, sp)
		for range 8 { // outlines sharing their sides, as the enumeration's do
			h := hypothesis{Q: q, Visible: 1}
			scoreHypothesis(g, img, &h, hp, own)
		}
	}
}
