package vision

import "math"

// rescueBelow is the first pass's winning score under which the rescue
// pass looks further: a weak winner is as often a part of the document
// or a shape on the desk as the document itself. On the dev set the
// rescue then replaces wrong winners and never a right one.
const rescueBelow = 0.65

// quotaMargin weighs the score of an outline the rescue takes for its
// gradient support alone (rescueCandidates' quota): its segments cover
// little of its sides, so it must win clearly. Without it, on the dev
// set, quota outlines won near ties against right outlines (0.612 over
// 0.611) and took an empty scene at exactly minDocScore.
const quotaMargin = 0.95

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
// the first pass's hp.KeepCheap, up to cfg.rescue in all, and the
// cfg.edgeKeep best by gradient support among the rest, and ranks and
// picks among them and the first pass's hyps as the first pass does.
// Most photos show a document the first pass finds with confidence, so
// the cost falls on empty frames and hard photos.
func rescueDocuments(g *gradField, work *RGB, lines []edgeLine, hp hypoParams, sp scoreParams, cfg detectConfig, hyps, picked []hypothesis) []hypothesis {
	first := hp.KeepCheap
	if !needsRescue(picked) || cfg.rescue <= first {
		return picked
	}
	rest, quota := rescueCandidates(g, work, lines, hp, sp, cfg)
	if len(rest)+len(quota) == 0 {
		return picked // the first pass saw them all
	}
	for i := range rest {
		scoreHypothesis(g, work, &rest[i], hp, sp)
	}
	for i := range quota {
		scoreHypothesis(g, work, &quota[i], hp, sp)
		quota[i].Score *= quotaMargin
	}
	rest = append(rest, quota...)
	all := append(hyps[:len(hyps):len(hyps)], rest...)
	rankHypotheses(work, all, cfg)
	return pickDocuments(all, cfg.minScore)
}

// rescueCandidates returns the outlines the rescue scores, unscored: rest,
// those ranked by coverage after the first pass's hp.KeepCheap up to
// cfg.rescue in all, and quota, the cfg.edgeKeep best by gradient support
// (edgeCheap) among the others. A patterned background (tiles, a grid,
// newspaper columns) gives thousands of outlines fully covered by segments, and a
// document whose border breaks into short pieces ranks past all of them
// by coverage, though its gradient follows its sides.
func rescueCandidates(g *gradField, work *RGB, lines []edgeLine, hp hypoParams, sp scoreParams, cfg detectConfig) (rest, quota []hypothesis) {
	first := hp.KeepCheap
	hp.KeepCheap = cfg.rescue
	if cfg.edgeKeep > 0 {
		hp.KeepCheap = math.MaxInt
	}
	more := enumerateHypotheses(lines, hp)
	if len(more) <= first {
		return nil, nil
	}
	rest = more[first:min(len(more), cfg.rescue):min(len(more), cfg.rescue)]
	if len(more) > cfg.rescue {
		quota = edgeQuota(g, work, more[cfg.rescue:], hp, sp, cfg.edgeKeep)
	}
	return rest, quota
}
