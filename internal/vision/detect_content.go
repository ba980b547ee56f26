package vision

// Document content: edge support says an outline is crisp, not that it
// is a document. Winners whose interior reads as no text at all (a
// picture, a blank box; the text ranking, detect_rank.go, only halves
// their rank, so a crisp one still wins) or whose outline is a frame
// line (detect_poster.go) are not reported: on the dev set every
// labelled document outline measures textRows ≥ 0.147, and the winners
// below rowsNone are a blurred framed poster. Outlines whose print sits
// in one spot (detect_spread.go), and outlines a face fills as it fills a
// photo of a person (portraitAnchor.framesFace: the box around a card's
// portrait photo), are not documents either. The winner is rejected,
// not replaced: the next outline in a scene of posters is another
// poster or a span across two (tried, README).

// notDocument reports whether hypothesis h, in the working copy work,
// cannot be a document whatever its edges: no text rows at all, print in
// one spot only, a framed picture, or no ink (detect_printink.go).
func notDocument(work *RGB, h hypothesis) bool {
	return textRows(work, h.Q) < rowsNone || contentSpread(work, h.Q) < spreadNone || framedPicture(work, h.Q) || inkContrast(work, h.Q) < inkNone
}

// keepDocuments drops the picks that are not documents (notDocument, or
// a face filling them); when the first is not, nothing is reported. Fast
// mode (no text ranking) keeps its picks: it has no time for the
// interior.
func keepDocuments(work *RGB, picked []hypothesis, cfg detectConfig) []hypothesis {
	if cfg.textRank == 0 || len(picked) == 0 {
		return picked
	}
	if notDocument(work, picked[0]) || cfg.portrait.framesFace(picked[0].Q) {
		return nil
	}
	out := picked[:1]
	for _, h := range picked[1:] {
		if !notDocument(work, h) && !cfg.portrait.framesFace(h.Q) {
			out = append(out, h)
		}
	}
	return out
}
