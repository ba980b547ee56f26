package vision

// rescueDocuments is the second look taken when no outline of the first
// pass reaches minScore. On busy backgrounds (a newspaper under a printed
// copy, a keyboard, papers on a desk) tens of thousands of outlines
// compete for the coverage cut, and a document whose sides are broken by
// glare or fingers can rank past it although its full score is high. It
// scores the hypotheses ranked after the first pass's hp.KeepCheap, up to
// cfg.rescue in all, and ranks and picks among them as the first pass
// does. Photos with a document rarely get here, so the cost falls on
// empty frames.
func rescueDocuments(g *gradField, work *RGB, lines []edgeLine, hp hypoParams, sp scoreParams, cfg detectConfig) []hypothesis {
	first, keep := hp.KeepCheap, cfg.rescue
	if keep <= first {
		return nil
	}
	hp.KeepCheap = keep
	hyps := enumerateHypotheses(lines, hp)
	if len(hyps) <= first {
		return nil // the first pass saw them all
	}
	rest := hyps[first:]
	for i := range rest {
		scoreHypothesis(g, work, &rest[i], hp, sp)
	}
	rankByText(work, rest, cfg.textRank)
	return pickDocuments(rest, cfg.minScore)
}
