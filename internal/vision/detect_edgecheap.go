package vision

import (
	"cmp"
	"math"
	"slices"
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
	var sum, tot, over, overTot float64
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
		// As in scoreHypothesis: a side whose line runs on past its
		// corners is more often a stripe or a box than a border, and
		// such outlines are what fills the coverage ranking on a
		// patterned background.
		for _, e := range overshootEnds(a, b, a.Dist(b)) {
			if os, ol := sparseSupport(g, img, e[0], e[1], sp); ol > 2 {
				over += os * ol
				overTot += ol
			}
		}
	}
	if tot == 0 {
		return 0
	}
	ov := 0.0
	if overTot > 0 {
		ov = over / overTot
	}
	return sum / tot * (0.4 + 0.6*minSup) * (1 - overshootWeight*ov) * shapePrior(h.Q, hp)
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
// first; rest keeps its order.
func edgeQuota(g *gradField, img *RGB, rest []hypothesis, hp hypoParams, sp scoreParams, n int) []hypothesis {
	if n <= 0 {
		return nil
	}
	type ranked struct {
		i     int
		score float64
	}
	all := make([]ranked, len(rest))
	for i := range rest {
		all[i] = ranked{i, edgeCheap(g, img, &rest[i], hp, sp)}
	}
	// Stable: outlines scoring alike keep their coverage order.
	slices.SortStableFunc(all, func(a, b ranked) int { return cmp.Compare(b.score, a.score) })
	out := make([]hypothesis, 0, min(n, len(all)))
	for _, r := range all[:min(n, len(all))] {
		out = append(out, rest[r.i])
	}
	return out
}
