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
	for i := range hyps {
		scoreHypothesis(g, work, &hyps[i], hp, coarse)
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
