package vision

import "sort"

// Text-row ranking: among outlines with edge support, documents are the
// ones whose interior reads as rows of text (textRows). On the dev set,
// among the ten best outlines of each photo, the correct ones measure
// ≥ 0.18 in 98 % of cases and the wrong ones (posters, portraits inside
// the card, keyboard keys, framed pictures) a median of 0.15, so the
// weight ramps from rowsNone to rowsFull, and an outline without text
// rows keeps textFloor of its score: edge support still counts.
const (
	rowsNone  = 0.08
	rowsFull  = 0.18
	textFloor = 0.5
)

// rankByText sets every hypothesis's Rank: its Score weighted by the
// text-row measure for the n best by Score, and by textFloor (the
// weakest weight) for the rest, whose interiors are not looked at. With
// n = 0 the ranking is the Score alone. It sorts hyps by Score.
func rankByText(img *RGB, hyps []hypothesis, n int) {
	sort.Slice(hyps, func(a, b int) bool { return hyps[a].Score > hyps[b].Score })
	top := min(n, len(hyps))
	weigh := func(from, to int) {
		for i := from; i < to; i++ {
			hyps[i].Rank = hyps[i].Score * textWeight(textRows(img, hyps[i].Q))
		}
	}
	// Each outline's rows are measured on its own warp of img: the two
	// halves of the top outlines run at once (bothAtOnce) when there are
	// enough to pay for a goroutine.
	if top >= minParallelRows {
		bothAtOnce(func() { weigh(0, top/2) }, func() { weigh(top/2, top) })
	} else {
		weigh(0, top)
	}
	for i := top; i < len(hyps); i++ {
		h := &hyps[i]
		if n == 0 {
			h.Rank = h.Score
		} else {
			h.Rank = h.Score * textFloor
		}
	}
}

// minParallelRows is the fewest outlines whose text rows are measured on
// two goroutines: each costs ~0.2 ms (a 12 MP photo's detection measures
// 60), a goroutine's start a few microseconds.
const minParallelRows = 8

// textWeight maps the text-row measure to a score weight in
// [textFloor, 1].
func textWeight(rows float64) float64 {
	return textFloor + (1-textFloor)*ramp(rows, rowsNone, rowsFull)
}

// rankHypotheses sets every hypothesis's Rank for pickDocuments: the
// score weighted by the interior's text rows (rankByText), then the
// portrait anchor when the best outlines disagree, then the
// machine-readable zones' layouts. Without text ranking (Fast mode) it
// is the score alone. The rescue ranks with it too, so its picks weigh
// the same cues as the first pass's.
func rankHypotheses(work *RGB, hyps []hypothesis, cfg detectConfig) {
	rankByText(work, hyps, cfg.textRank)
	if cfg.textRank > 0 {
		cfg.portrait.rerank(hyps)
		preferInFrame(hyps)
	}
	cfg.zones.rerank(hyps)
}
