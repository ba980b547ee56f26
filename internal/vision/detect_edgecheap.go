package vision

import (
	"math"
	"sort"
)

// edgeCheapSamples bounds how many points of a side the edge pre-score
// reads: a document's border supported along most of its length shows it
// in a few dozen samples, so thousands of outlines cost little.
const (
	edgeCheapMinSamples = 8
	edgeCheapMaxSamples = 24
)

// edgeCheap is a second pre-score of h, independent of the detected
// segments: scoreHypothesis's edge support, weakest side, overshoot and
// shape prior with the sides read at a few dozen steps each
// (sparseSupport), without its occluder test, size and frame terms (the
// loop mirrors scoreHypothesis's on purpose: the quota should pick what
// the full score will prefer). The coverage pre-score (finishCheap) only
// sees the parts of a side that grew into segments, so a border broken
// by glare, low contrast or a patterned background ranks far down its
// list although its gradient follows the whole side.
func edgeCheap(g *gradField, img *RGB, h *hypothesis, hp hypoParams, sp scoreParams) float64 {
	return edgeBound(g, img, h, hp, sp) * edgeOvershoot(g, img, h, sp)
}

// edgeBound is edgeCheap without its overshoot factor, which is at most
// 1: an upper bound of edgeCheap at a third of its cost.
func edgeBound(g *gradField, img *RGB, h *hypothesis, hp hypoParams, sp scoreParams) float64 {
	var sum, tot float64
	minSup := 1.0
	for k := range 4 {
		a, b := h.Q[k], h.Q[(k+1)%4]
		s, l := sparseSupport(g, img, a, b, sp)
		if l < 1 {
			continue
		}
		sum += s * l
		tot += l
		if l > 0.2*a.Dist(b) {
			minSup = math.Min(minSup, s)
		}
	}
	if tot == 0 {
		return 0
	}
	return sum / tot * (0.4 + 0.6*minSup) * shapePrior(h.Q, hp)
}

// edgeOvershoot is scoreHypothesis's overshoot factor read sparsely: a
// side whose line runs on past its corners is more often a stripe or a
// box than a border, and such outlines are what fills the coverage
// ranking on a patterned background.
func edgeOvershoot(g *gradField, img *RGB, h *hypothesis, sp scoreParams) float64 {
	var over, overTot float64
	for k := range 4 {
		a, b := h.Q[k], h.Q[(k+1)%4]
		for _, e := range overshootEnds(a, b, a.Dist(b)) {
			if os, ol := sparseSupport(g, img, e[0], e[1], sp); ol > 2 {
				over += os * ol
				overTot += ol
			}
		}
	}
	if overTot == 0 {
		return 1
	}
	return 1 - overshootWeight*over/overTot
}

// sparseSupport is sideSupport read at a few evenly spaced steps of the
// in-frame part of a→b (edgeCheapMinSamples to edgeCheapMaxSamples); it
// returns the mean support and the in-frame length.
func sparseSupport(g *gradField, img *RGB, a, b Point, sp scoreParams) (support, length float64) {
	length = clippedLen(a, b, float64(g.W), float64(g.H))
	n := min(max(int(length/4), edgeCheapMinSamples), edgeCheapMaxSamples)
	sp.step = max(1, int(length)/n)
	return sideSupport(g, img, a, b, sp)
}

// edgeQuota returns the n hypotheses of rest best by edgeCheap, best
// first (ties in rest's order); rest keeps its order. It reads every
// outline's edgeBound and the full edgeCheap only of those whose bound
// can still reach the n best: on a patterned background, tens of
// thousands of outlines, most of them far below.
func edgeQuota(g *gradField, img *RGB, rest []hypothesis, hp hypoParams, sp scoreParams, n int) []hypothesis {
	if n <= 0 {
		return nil
	}
	// sort.Slice rather than the generic slices functions: each
	// instantiation grows the browser build.
	bounds := make([]ranked, len(rest))
	for i := range rest {
		bounds[i] = ranked{i, edgeBound(g, img, &rest[i], hp, sp)}
	}
	sort.Slice(bounds, func(a, b int) bool { return bounds[a].before(bounds[b]) })
	var scored []ranked
	best := make([]float64, 0, n) // the n best scores so far, descending
	for _, b := range bounds {
		if len(best) == n && b.score < best[n-1] {
			break // edgeCheap ≤ edgeBound: neither this one nor any after it enters
		}
		v := b.score * edgeOvershoot(g, img, &rest[b.i], sp)
		scored = append(scored, ranked{b.i, v})
		best = insertDescending(best, v, n)
	}
	sort.Slice(scored, func(a, b int) bool { return scored[a].before(scored[b]) })
	out := make([]hypothesis, 0, min(n, len(scored)))
	for _, r := range scored[:min(n, len(scored))] {
		out = append(out, rest[r.i])
	}
	return out
}

// ranked is an outline's index in edgeQuota's list and its score.
type ranked struct {
	i     int
	score float64
}

// before orders by decreasing score, ties by index (the coverage order).
func (r ranked) before(o ranked) bool {
	if r.score != o.score {
		return r.score > o.score
	}
	return r.i < o.i
}

// insertDescending inserts v into the descending list best, keeping at
// most n values.
func insertDescending(best []float64, v float64, n int) []float64 {
	k := len(best)
	for k > 0 && best[k-1] < v {
		k--
	}
	if k >= n {
		return best
	}
	if len(best) < n {
		best = append(best, 0)
	}
	copy(best[k+1:], best[k:len(best)-1])
	best[k] = v
	return best
}
