package vision

import "slices"

// scoreHypotheses sets the Score of every hypothesis (scoreHypothesis
// with sp) and returns them. With cfg.fineKeep set (Fast mode), scoring
// is coarse to fine: every hypothesis is scored with its sides walked
// every cfg.coarseStep px, and only the cfg.fineKeep best are kept and
// scored again with sp. Most of the hundred-odd hypotheses of a frame are
// far below the best, and a side sampled every few pixels already tells
// them apart; the fine pass then decides among the close ones.
func scoreHypotheses(g *gradField, work *RGB, hyps []hypothesis, hp hypoParams, sp scoreParams, cfg detectConfig) []hypothesis {
	if cfg.fineKeep <= 0 || len(hyps) <= cfg.fineKeep {
		scoreAll(g, work, hyps, hp, sp)
		return hyps
	}
	coarse := sp
	coarse.step = cfg.coarseStep
	// Only the fineKeep best coarse scores matter: once that many are
	// known, an outline that cannot reach the weakest of them skips its
	// overshoot walks (scoreHypothesisAbove) and keeps a score below it,
	// so the same outlines are kept, in the same order. The hypotheses
	// come best by coverage first, so the floor rises early.
	best := make([]float64, 0, 8) // on the stack (fineKeep is 6)
	for i := range hyps {
		floor := 0.0
		if len(best) == cfg.fineKeep {
			floor = best[cfg.fineKeep-1]
		}
		scoreHypothesisAbove(g, work, &hyps[i], hp, coarse, floor)
		best = insertDescending(best, hyps[i].Score, cfg.fineKeep)
	}
	// Stable: hypotheses scoring alike keep their enumeration order.
	slices.SortStableFunc(hyps, func(a, b hypothesis) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	hyps = hyps[:cfg.fineKeep]
	for i := range hyps {
		scoreHypothesis(g, work, &hyps[i], hp, sp)
	}
	return hyps
}
