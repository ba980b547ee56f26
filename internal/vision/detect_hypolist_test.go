package vision

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// enumerateHypothesesRef is enumerateHypotheses as it was before session
// 12, growing one slice of hypotheses and sorting it in place (its
// buffer reuse left out: it changed no value): the reference for
// TestEnumerateHypothesesMatchesReference.
// into quadrilaterals; it also builds three-sided hypotheses whose fourth
// side lies beyond the frame, placed by the aspect-ratio prior, for
// documents that run off the image. The best by coverage are returned.
func enumerateHypothesesRef(lines []edgeLine, p hypoParams) []hypothesis {
	lines = lines[:min(len(lines), p.MaxLines)]
	var pairs []linePair
	var hyps []hypothesis
	for i := range lines {
		for j := i + 1; j < len(lines); j++ {
			a, b := &lines[i], &lines[j]
			dot := a.N.X*b.N.X + a.N.Y*b.N.Y
			if math.Abs(dot) < cosParallel {
				continue
			}
			sgn := 1.0
			if dot < 0 {
				sgn = -1
			}
			// Separation measured at the middle of line i's support.
			mid := spanMid(a)
			if math.Abs(b.Dist(mid)) < p.MinSide {
				continue
			}
			n := Point{a.N.X + sgn*b.N.X, a.N.Y + sgn*b.N.Y}
			nl := math.Hypot(n.X, n.Y)
			pairs = append(pairs, linePair{i, j, Point{n.X / nl, n.Y / nl}})
		}
	}
	for pi := range pairs {
		for qi := pi + 1; qi < len(pairs); qi++ {
			a, b := pairs[pi], pairs[qi]
			if math.Abs(a.n.X*b.n.X+a.n.Y*b.n.Y) > cosCrossing {
				continue
			}
			if a.i == b.i || a.i == b.j || a.j == b.i || a.j == b.j {
				continue
			}
			if h, ok := quadFromLines(lines, [4]int{a.i, b.i, a.j, b.j}, p); ok {
				hyps = append(hyps, h)
			}
		}
		// Three seen sides: pair plus one crossing line.
		for k := range lines {
			if k == pairs[pi].i || k == pairs[pi].j {
				continue
			}
			n := pairs[pi].n
			if math.Abs(n.X*lines[k].N.X+n.Y*lines[k].N.Y) > cosCrossing {
				continue
			}
			hyps = extrapolateRef(hyps, lines, pairs[pi].i, pairs[pi].j, k, p)
		}
	}
	// sort.Sort: sort.Slice's algorithm without its reflection (see
	// groupLines).
	sort.Sort(hypothesesByCheap(hyps))
	return hyps[:min(len(hyps), p.KeepCheap)]
}

// extrapolateRef is extrapolate as it was before session 12 (appending
// to a slice).
func extrapolateRef(out []hypothesis, lines []edgeLine, i, j, k int, p hypoParams) []hypothesis {
	li, lj, lk := &lines[i], &lines[j], &lines[k]
	a, ok1 := intersect(lk, li)
	b, ok2 := intersect(lk, lj)
	if !ok1 || !ok2 {
		return out
	}
	chord := a.Dist(b)
	if chord < p.MinSide {
		return out
	}
	// The document extends from k towards the side where line i's
	// support lies.
	di, dj := li.Dir(), lj.Dir()
	ta := li.T(a)
	mid := (li.Spans[0].T0 + li.Spans[len(li.Spans)-1].T1) / 2
	si := 1.0
	if mid < ta {
		si = -1
	}
	if di.X*dj.X+di.Y*dj.Y < 0 {
		dj = Point{-dj.X, -dj.Y}
	}
	for _, asp := range p.Aspects[:1] {
		for _, length := range [2]float64{chord * asp, chord / asp} {
			c := Point{a.X + si*length*di.X, a.Y + si*length*di.Y}
			d := Point{b.X + si*length*dj.X, b.Y + si*length*dj.Y}
			// The unseen side must be outside the frame (or nearly).
			if clippedLen(c, d, p.W, p.H) > 0.25*c.Dist(d) {
				continue
			}
			q := Quad{a, b, d, c}
			h := hypothesis{Q: q, Lines: [4]int{k, j, -1, i}, extrapol: true}
			if !plausibleQuad(&h, p) || h.Visible < 0.5 || h.Visible > 0.98 {
				continue
			}
			if finishCheap(&h, lines, p) {
				out = append(out, h)
			}
		}
	}
	return out
}

// hypothesisScenes are the line sets of TestEnumerateHypothesesMatchesReference:
// cards on plain and noisy tables, a dashed outline, and a tiled wall,
// whose many equally covered outlines tie on Cheap (the sort's order
// among equals is what a different container could change).
func hypothesisScenes() [][]edgeLine {
	var out [][]edgeLine
	add := func(img *RGB) {
		g := colorGradient(img)
		short := math.Min(float64(img.W), float64(img.H))
		out = append(out, groupLines(findSegments(g, segmentParams{minMag: 4, minLen: math.Max(8, 0.025*short)}), 2))
	}
	add(sceneWithCards(800, 600, cardQuad(400, 300, 420, 7)))
	add(sceneWithCards(800, 600, cardQuad(300, 260, 300, -4), cardQuad(620, 380, 260, 12)))
	dashed, _ := dashedCardScene(100, 4, 12)
	add(dashed)
	noisy := noisyRGB(800, 600, [3]uint8{120, 90, 70}, 40, 3)
	fillQuadRGB(noisy, cardQuad(420, 310, 380, -9), [3]uint8{230, 225, 210})
	add(noisy)
	tiles := NewRGB(800, 600)
	for y := range 600 {
		for x := range 800 {
			v := uint8(70)
			if x%100 > 4 && y%100 > 4 {
				v = 200
			}
			i := 3 * (y*800 + x)
			tiles.Pix[i], tiles.Pix[i+1], tiles.Pix[i+2] = v, v, v
		}
	}
	add(tiles)
	// Random segments: crossing lines of every direction and length.
	r := rand.New(rand.NewPCG(12, 5))
	var segs []segment
	for range 90 {
		a := Point{r.Float64() * 800, r.Float64() * 600}
		ang, l := r.Float64()*math.Pi, 20+r.Float64()*400
		b := Point{a.X + l*math.Cos(ang), a.Y + l*math.Sin(ang)}
		segs = append(segs, segment{A: a, B: b, Len: a.Dist(b), Mag: 10 + 40*r.Float64()})
	}
	out = append(out, groupLines(segs, 2))
	return out
}

// TestEnumerateHypothesesMatchesReference: the block list and the index
// sort return exactly the reference's hypotheses in the reference's
// order (every field, ties included), kept whole or cut at KeepCheap,
// with and without reused buffers (one hypoBuffers across every scene,
// so later calls run in the memory of larger ones).
func TestEnumerateHypothesesMatchesReference(t *testing.T) {
	var buf hypoBuffers
	big := 0
	for si, lines := range hypothesisScenes() {
		for _, keep := range []int{1, 50, 400, math.MaxInt} {
			for _, maxLines := range []int{32, 64} {
				hp := hypoParams{
					W: 800, H: 600, Aspects: []float64{AspectID1, AspectID3},
					MinSide: 36, MinArea: minAreaFraction * 800 * 600,
					MaxLines: maxLines, KeepCheap: keep,
				}
				want := enumerateHypothesesRef(lines, hp)
				require.Equal(t, want, enumerateHypotheses(lines, hp), "scene %d, keep %d, %d lines", si, keep, maxLines)
				hp.Buf = &buf
				require.Equal(t, want, enumerateHypotheses(lines, hp), "scene %d, keep %d, %d lines, reused buffers", si, keep, maxLines)
				if keep == math.MaxInt {
					big = max(big, len(want))
				}
			}
		}
	}
	require.Greater(t, big, 3*hypoBlock, "no scene fills several blocks")
}

// TestHypoListTies: equal Cheap scores come out in the order sort.Sort
// leaves them in a plain slice, for lists of every size around a block.
func TestHypoListTies(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, n := range []int{0, 1, 2, 13, hypoBlock - 1, hypoBlock, hypoBlock + 1, 5*hypoBlock + 77} {
		var l hypoList
		plain := make([]hypothesis, n)
		for i := range plain {
			plain[i] = hypothesis{Cheap: float64(r.IntN(5)) / 4, Lines: [4]int{i, 0, 0, 0}}
			l.add(plain[i])
		}
		sort.Sort(hypothesesByCheap(plain))
		require.Equal(t, plain, append([]hypothesis{}, l.best(math.MaxInt, nil)...), "%d hypotheses", n)
		require.Equal(t, plain[:min(n, 7)], l.best(7, make([]hypothesis, 3, 20)), "%d hypotheses, best 7", n)
	}
}
