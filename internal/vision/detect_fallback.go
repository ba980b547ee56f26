package vision

// rescueBelow is the first pass's winning score under which the rescue
// pass looks further: a weak winner is as often a part of the document
// or a shape on the desk as the document itself. On the dev set the
// rescue then replaces wrong winners and never a right one.
const rescueBelow = 0.65

// needsRescue reports whether the first pass found nothing or only a
// weak outline.
func needsRescue(picked []hypothesis) bool {
	return len(picked) == 0 || picked[0].Score < rescueBelow
}

// rescueDocuments is the second look taken when the first pass's pick is
// missing or weak (needsRescue); otherwise it returns picked. On busy
// backgrounds (a newspaper under a printed copy, a keyboard, papers on a
// desk) tens of thousands of outlines compete for the coverage cut, and a
// document whose sides are broken by glare or fingers can rank past it
// although its full score is high. It scores the hypotheses ranked after
// the first pass's hp.KeepCheap, up to cfg.rescue in all, and ranks and
// picks among them and the first pass's hyps as the first pass does.
// Most photos show a document the first pass finds with confidence, so
// the cost falls on empty frames and hard photos.
func rescueDocuments(g *gradField, work *RGB, lines []edgeLine, hp hypoParams, sp scoreParams, cfg detectConfig, hyps, picked []hypothesis) []hypothesis {
	first := hp.KeepCheap
	if !needsRescue(picked) || cfg.rescue <= first {
		return picked
	}
	hp.KeepCheap = cfg.rescue
	more := enumerateHypotheses(lines, hp)
	if len(more) <= first {
		return picked // the first pass saw them all
	}
	rest := more[first:]
	for i := range rest {
		scoreHypothesis(g, work, &rest[i], hp, sp)
	}
	all := append(hyps[:len(hyps):len(hyps)], rest...)
	rankHypotheses(work, all, cfg)
	return pickDocuments(all, cfg.minScore)
}
