package vision

import (
	"math"
	"sort"
)

// Picking a cut outline (detect_cut.go builds them): one replaces the
// first pass's pick only when that pick is missing or weak, reads as a
// document, and is not the sheet or page a whole document lies on.
const (
	// cutMinRows is the text-row measure (textRows) a cut outline must
	// read as: rowsFull, the level of nearly all documents' interiors.
	cutMinRows = rowsFull
	// cutEnclosing is the least share of the best cut outline's score
	// an outline around it needs to replace it (outermostCut), and
	// cutInside the share of the best one's area it must hold.
	cutEnclosing = 0.85
	cutInside    = 0.95
	// cutLarger is the least area ratio of the enclosing outline to the
	// enclosed one: a header band is a tenth of a card's height.
	cutLarger = 1.05
	// cutLargest bounds that ratio: an outline twice the size is the
	// page beside a passport's data page or the sheet under a card.
	cutLargest = 1.5
	// cutInnerArea is the largest share of a cut outline a whole
	// document found inside it may cover (holdsDocument).
	cutInnerArea = 0.5
)

// cutDocuments returns picked, or a cut outline as the only pick. When
// picked is empty or weak (needsRescue), the best cut outline
// (cutCandidates) scoring above it and minScore and passing the content
// tests of keepDocuments replaces it; a confident pick is never replaced
// so: a cut outline is often the sheet, the poster or the page a whole
// document lies on, its seen sides that support's edges and its text
// rows the document's. The cut outline chosen may give way to one around
// it (outermostCut), another cut outline or one of the first pass's
// three-sided hyps.
func cutDocuments(g *gradField, work *RGB, lines []edgeLine, hp hypoParams, sp scoreParams, cfg detectConfig, hyps, picked []hypothesis) []hypothesis {
	if cfg.textRank == 0 {
		return picked
	}
	if !needsRescue(picked) {
		return picked
	}
	cuts := cutCandidates(g, work, lines, hp, sp)
	sort.SliceStable(cuts, func(a, b int) bool { return cuts[a].Score > cuts[b].Score })
	// The outlines that may replace the pick by enclosing it: the cut
	// ones and the first pass's own (extrapolate's three seen sides).
	around := cuts[:len(cuts):len(cuts)]
	for _, h := range hyps {
		if h.extrapol && h.Visible < cutMaxVisible {
			around = append(around, h)
		}
	}
	floor := cfg.minScore
	if len(picked) > 0 {
		floor = math.Max(floor, picked[0].Score)
	}
	for _, h := range cuts {
		if h.Score < floor {
			break
		}
		if cutPaper(work, h.Q) && !notDocument(work, h) && !cfg.portrait.framesFace(h.Q) && !holdsDocument(work, picked, hyps, h) {
			return []hypothesis{outermostCut(work, around, h)}
		}
	}
	return picked
}

// cutCandidates returns the cut outlines (cutHypotheses) of one
// detection, scored like every other hypothesis, whose interiors read as
// text rows. The measure needs the text-row grid's rows (rowGridH) in
// working pixels across the outline's part in the frame: an outline
// narrower than that, or any outline in a frame lower than that, has
// its interior upsampled onto the grid, where the staircase of a
// diagonal edge reads as rows (a 65×48 image of diagonal stripes gave
// a cut card between two of its stripe edges). No dev photo's cut card
// comes near the limit: they fill most of a frame 450 px or more across.
func cutCandidates(g *gradField, work *RGB, lines []edgeLine, hp hypoParams, sp scoreParams) []hypothesis {
	if min(work.W, work.H) < rowGridH {
		return nil
	}
	hyps := cutHypotheses(lines, hp)
	scoreAll(g, work, hyps, hp, sp)
	out := hyps[:0]
	for _, h := range hyps {
		if h.Score > 0 && shortSide(h.Q) >= rowGridH && textRows(work, h.Q) >= cutMinRows {
			out = append(out, h)
		}
	}
	return out
}

// holdsDocument reports whether the whole outline picked (in the frame,
// however weak) or one of hyps that looks like a whole document lies
// inside the cut outline c: in the frame, scoring at least weakDocScore,
// covering at most cutInnerArea of c and reading as text rows. A page of
// a magazine or a sheet running off the frame, with a document or a
// printed copy of one on it, makes cut outlines whose text is the
// document's; a card's own printed boxes are smaller, or hold a portrait
// rather than text rows.
func holdsDocument(work *RGB, picked, hyps []hypothesis, c hypothesis) bool {
	return holdsDocumentOver(work, picked, hyps, c, 0)
}

// holdsDocumentOver is holdsDocument counting only the documents that
// cover more than least of c.
func holdsDocumentOver(work *RGB, picked, hyps []hypothesis, c hypothesis, least float64) bool {
	area := c.Q.Area()
	inside := func(h hypothesis) bool {
		ha := h.Q.Area()
		return !h.extrapol && h.Visible >= cutMaxVisible && ha <= cutInnerArea*area && ha > least*area && IntersectionArea(h.Q[:], c.Q[:]) >= cutInside*ha
	}
	if len(picked) > 0 && inside(picked[0]) {
		return true
	}
	for _, h := range hyps {
		if h.Score >= weakDocScore && inside(h) && textRows(work, h.Q) >= rowsFull {
			return true
		}
	}
	return false
}

// outermostCut returns h or, when there is one, the outline of around
// showing the most of itself in the frame that shares a seen side with
// h, encloses h's part in the frame, scores at least
// cutEnclosing of its score and reads as text rows. Inside a card, a
// header band's edge or a printed border runs parallel to the card's own
// edge, often with more contrast than the card has against the
// background, and with the card's other edges makes a smaller cut
// outline; the card's outline is the one around it, larger by the band
// (cutLarger).
func outermostCut(work *RGB, around []hypothesis, h hypothesis) hypothesis {
	scores := make([]float64, len(around))
	for i := range around {
		scores[i] = around[i].Score
	}
	if i := outermostOf(work, around, scores, h, h.Score); i >= 0 {
		return around[i]
	}
	return h
}

// outermostOf is outermostCut with the outlines' scores given apart
// (scores[i] for around[i], score for h): it returns the index in around
// of the outline chosen, or -1 for h.
func outermostOf(work *RGB, around []hypothesis, scores []float64, h hypothesis, score float64) int {
	w, ht := float64(work.W), float64(work.H)
	best, shown := -1, ClipArea(h.Q[:], w, ht)
	for i, o := range around {
		if scores[i] < cutEnclosing*score || sharedSides(o.Lines, h.Lines) == 0 {
			continue
		}
		// Compared inside the frame: past it, the outlines' extents are
		// guesses of the aspect prior.
		oShown := ClipArea(o.Q[:], w, ht)
		if oShown > cutLarger*shown && oShown < cutLargest*ClipArea(h.Q[:], w, ht) && ClipArea(ClipConvex(h.Q[:], o.Q[:]), w, ht) >= cutInside*ClipArea(h.Q[:], w, ht) &&
			textRows(work, o.Q) >= cutMinRows {
			best, shown = i, oShown
		}
	}
	return best
}
