package vision

import (
	"math"
	"sort"
)

// shiftSide returns q with side k (q[k]→q[k+1]) moved d px outward
// (against the inward normal of a clockwise quad), its ends re-cut by the
// lines of the two sides beside it; ok is false when a neighbour runs
// parallel to it.
func shiftSide(q Quad, k int, d float64) (Quad, bool) {
	a, b := q[k], q[(k+1)%4]
	l := a.Dist(b)
	if l == 0 {
		return q, false
	}
	// (-uy, ux) points into a clockwise quad on screen (sidePath).
	nx, ny := -(b.Y-a.Y)/l, (b.X-a.X)/l
	moved := lineFromPoints(Point{a.X - d*nx, a.Y - d*ny}, Point{b.X - d*nx, b.Y - d*ny})
	prev := lineFromPoints(q[(k+3)%4], a)
	next := lineFromPoints(b, q[(k+2)%4])
	na, ok1 := intersect(&prev, &moved)
	nb, ok2 := intersect(&moved, &next)
	if !ok1 || !ok2 {
		return q, false
	}
	q[k], q[(k+1)%4] = na, nb
	return q, true
}

// outwardProfile is the edge support (sideSupport) of side k of q moved
// 0, 1, …, reach px outward.
func outwardProfile(g *gradField, img *RGB, q Quad, k, reach int, sp scoreParams) []float64 {
	prof := make([]float64, reach+1)
	for d := range prof {
		s, ok := shiftSide(q, k, float64(d))
		if !ok {
			continue
		}
		prof[d], _ = sideSupport(g, img, s[k], s[(k+1)%4], sp)
	}
	return prof
}

// snapReach is how far outward snapOutward looks for a side's true
// edge, as a share of the distance to the opposite side.
const snapReach = 0.4

// perpExtent is the mean distance of side k's ends from the opposite
// side's line.
func perpExtent(q Quad, k int) float64 {
	o := lineFromPoints(q[(k+2)%4], q[(k+3)%4])
	return (math.Abs(o.N.X*q[k].X+o.N.Y*q[k].Y-o.C) + math.Abs(o.N.X*q[(k+1)%4].X+o.N.Y*q[(k+1)%4].Y-o.C)) / 2
}

// snapSupport is the weakest support (sideSupport, 0..1) of a parallel
// edge outside a side that snapOutward may move the side to: the card's
// faint top edge in testdata/scenes/near_edge.jpg (header band on wood
// of nearly its colour) reads 0.83; wood grain across a side stays under
// 0.6, grain along it is left to snapProminence.
const snapSupport = 0.6

// snapKeep is the share of the outline's score (without inFramePrior) a
// snapped outline must reach. At 0.95 the dev set lost outlines to the
// edge of the sheet a printed page lies on and to the next page's edge of
// a passport booklet (IoU 0.97 → 0.88, 0.99 → 0.97) and gained none.
const snapKeep = 1.0

// snapDocuments moves the sides of each pick outward onto the card's
// own edge where they lie on a printed line inside it (snapOutward).
func snapDocuments(g *gradField, img *RGB, hp hypoParams, sp scoreParams, picked []hypothesis) []hypothesis {
	// In a full-bleed scan the frame is the document (withFullBleed) and
	// the lines outside a pick are the scan's own print.
	if documentAspect(hp.W/hp.H, hp.Aspects) && paperLike(img, g) {
		return picked
	}
	for i := range picked {
		picked[i] = snapOutward(g, img, hp, sp, picked[i])
	}
	return picked
}

// snapOutward returns h with its seen sides moved outward onto the
// card's own edges where they lie on printed lines inside it. A card's
// header band, portrait frame or machine-readable zone is a strong line
// parallel to its edge, and the edge beside it is often the fainter (a
// card on a table of its colour); a side on such a line leaves a band of
// the card outside the outline. For each side the candidates are the
// side itself and the outermost snapPeaks edges within snapReach
// (outwardPeaks); every combination is scored, and of those that keep
// snapKeep of h's score the largest wins: the card's edge is the
// outermost consistent one, and the score (edge support, shape prior)
// keeps combinations that make no document shape out.
func snapOutward(g *gradField, img *RGB, hp hypoParams, sp scoreParams, h hypothesis) hypothesis {
	// The profiles walk every other pixel: walking every pixel, they were
	// a third of the detection's CPU (BenchmarkDetectDocuments), every
	// other a fifth, with the same codes and quads on the dev set (every
	// third pixel: a tenth, but one outline moved, IoU 0.743 → 0.722).
	psp := scoreParams{edgeMin: sp.edgeMin, edgeMag: sp.edgeMag, probe: 1, step: snapStep}
	var offs [4][]int
	any := false
	for k := range 4 {
		offs[k] = []int{0}
		if h.Lines[k] < 0 {
			continue
		}
		reach := int(snapReach * perpExtent(h.Q, k))
		peaks := outwardPeaks(outwardProfile(g, img, h.Q, k, reach, psp), max(3, reach/20))
		if len(peaks) > snapPeaks {
			peaks = peaks[:snapPeaks]
		}
		offs[k] = append(offs[k], peaks...)
		any = any || len(peaks) > 0
	}
	if !any {
		return h
	}
	// The pick's own score, whichever path picked it; the comparison
	// leaves the preference for outlines in the frame out
	// (inFramePrior): it would hold a cut card's side on the printed line
	// that keeps more of the outline in the frame.
	base := h
	scoreHypothesis(g, img, &base, hp, sp)
	floor := snapKeep * base.Score / inFramePrior(base.Visible)
	// The largest combination that passes wins: they are tried from the
	// largest down, and scoring stops at the first that passes, or, for
	// one that cannot pass, as soon as its sides show it
	// (scoreHypothesisAbove).
	var cands []hypothesis
	for _, d0 := range offs[0] {
		for _, d1 := range offs[1] {
			for _, d2 := range offs[2] {
				for _, d3 := range offs[3] {
					if d0+d1+d2+d3 == 0 {
						continue
					}
					if cand, ok := snapped(h, [4]int{d0, d1, d2, d3}, hp); ok && cand.Q.Area() > base.Q.Area() {
						cands = append(cands, cand)
					}
				}
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].Q.Area() > cands[b].Q.Area() })
	best := base
	for _, cand := range cands {
		need := floor * inFramePrior(cand.Visible)
		scoreHypothesisAbove(g, img, &cand, hp, sp, need)
		if cand.Score >= need {
			best = cand
			break
		}
	}
	if best.Q == h.Q {
		return h
	}
	// The pick keeps its score: the paths that pick outlines set it
	// (pickDocuments' threshold, the rescue, the cut and printed-copy
	// passes) and later checks read it.
	h.Q, h.Visible = best.Q, best.Visible
	return h
}

// snapStep is the stride of the outward profiles' walks, px.
const snapStep = 2

// snapSeen is the share of a side's in-frame length its snapped place
// must keep in the frame.
const snapSeen = 0.9

// snapPeaks is how many edges outside a side snapOutward tries, the
// outermost first.
const snapPeaks = 3

// snapped is h with each side k moved d[k] px outward (snappedOutline).
func snapped(h hypothesis, d [4]int, hp hypoParams) (hypothesis, bool) {
	for k, dk := range d {
		if dk == 0 {
			continue
		}
		var ok bool
		if h, ok = snappedOutline(h, k, float64(dk), hp); !ok {
			return h, false
		}
	}
	return h, true
}

// snapProminence is how far a snap candidate's support must stand above
// the mean support of the band just beyond it: a card's edge has only
// table beyond it, while wood grain or a pattern running along the side
// keeps finding edge at every offset.
const snapProminence = 0.15

// outwardPeaks lists, outermost first, the strongest offset of each run
// of prof at or above snapSupport that is apart from the side itself
// (the run through offset 0 is the side's own edge) and stands
// snapProminence above the mean of the beyond px past its run.
func outwardPeaks(prof []float64, beyond int) []int {
	var peaks []int
	d := 0
	for d < len(prof) && prof[d] >= snapSupport {
		d++
	}
	for d < len(prof) {
		if prof[d] < snapSupport {
			d++
			continue
		}
		best := d
		for ; d < len(prof) && prof[d] >= snapSupport; d++ {
			if prof[d] > prof[best] {
				best = d
			}
		}
		var sum float64
		n := 0
		for e := d + 1; e < min(len(prof), d+1+beyond); e++ {
			sum += prof[e]
			n++
		}
		if n > 0 && prof[best]-sum/float64(n) >= snapProminence {
			peaks = append(peaks, best)
		}
	}
	for i, j := 0, len(peaks)-1; i < j; i, j = i+1, j-1 {
		peaks[i], peaks[j] = peaks[j], peaks[i]
	}
	return peaks
}

// snappedOutline is h with side k moved d px outward; an outline with a
// side placed by the shape prior (extrapolate) keeps its proportions:
// the sides beside the unseen one grow or shrink with the side across
// from it.
func snappedOutline(h hypothesis, k int, d float64, hp hypoParams) (hypothesis, bool) {
	q, ok := shiftSide(h.Q, k, d)
	if !ok {
		return h, false
	}
	// The edge snapped to must be seen where the side was: a side moved
	// past the frame's edge finds the frame's own border, not the card's.
	if clippedLen(q[k], q[(k+1)%4], hp.W, hp.H) < snapSeen*clippedLen(h.Q[k], h.Q[(k+1)%4], hp.W, hp.H) {
		return h, false
	}
	if u := unseenSide(h); u >= 0 {
		base := (u + 2) % 4
		oldChord := h.Q[base].Dist(h.Q[(base+1)%4])
		newChord := q[base].Dist(q[(base+1)%4])
		if oldChord == 0 {
			return h, false
		}
		s := newChord / oldChord
		// Far corner u sits on side u-1 (from base corner u-1), far
		// corner u+1 on side u+1 (towards base corner u+2).
		for _, c := range [2][2]int{{u, (u + 3) % 4}, {(u + 1) % 4, (u + 2) % 4}} {
			far, near := h.Q[c[0]], h.Q[c[1]]
			l := far.Dist(near)
			if l == 0 {
				return h, false
			}
			ux, uy := (far.X-near.X)/l, (far.Y-near.Y)/l
			nb := q[c[1]]
			q[c[0]] = Point{nb.X + ux*l*s, nb.Y + uy*l*s}
		}
	}
	if alongBorder(q[k], q[(k+1)%4], hp) {
		return h, false
	}
	// The card's corners seen in the frame stay in it: an edge that runs
	// out of the frame where the side ended inside is not the card's.
	for c := range q {
		if inFrame(h.Q[c], hp) && !inFrame(q[c], hp) {
			return h, false
		}
	}
	out := h
	out.Q = q
	if !plausibleQuad(&out, hp) {
		return h, false
	}
	return out, true
}

// inFrame reports whether p lies in the hp.W×hp.H frame.
func inFrame(p Point, hp hypoParams) bool {
	return p.X >= 0 && p.Y >= 0 && p.X <= hp.W && p.Y <= hp.H
}

// unseenSide is the index of h's side placed by the shape prior, -1 when
// all four were seen.
func unseenSide(h hypothesis) int {
	for k, l := range h.Lines {
		if l < 0 {
			return k
		}
	}
	return -1
}

// alongBorder reports whether a→b runs along one of the frame's sides
// (both ends within 3 px of it): there the gradient is the frame's own
// border, and a full-bleed scan is withFullBleed's to find.
func alongBorder(a, b Point, hp hypoParams) bool {
	near := func(u, v float64) bool { return math.Abs(u-v) <= 3 }
	return (near(a.X, 0) && near(b.X, 0)) || (near(a.X, hp.W) && near(b.X, hp.W)) ||
		(near(a.Y, 0) && near(b.Y, 0)) || (near(a.Y, hp.H) && near(b.Y, hp.H))
}
