package vision

import (
	"math"
	"sort"
)

// Cards cut by the frame: a card held in a hand and photographed too
// close runs off the image on one or two sides. enumerateHypotheses
// needs four seen sides, or three (extrapolate); a card cut on two
// opposite sides shows only its two long sides crossing the frame, and
// one cut on two adjacent sides shows only the corner between two seen
// sides. The generators below complete such outlines with the document's
// aspect: the gap between two parallel sides, or the longer of the two
// seen arms, fixes the scale, and the unseen sides go beyond the frame.
// Such an outline has two seen sides and no corner, or one, to be judged
// by, so it competes only when its interior reads as text rows
// (cutMinRows), a pair of stripes or a desk corner being no document,
// and only when the detector found no confident whole outline: the
// sheet, poster or page a document lies on, seen in part, makes cut
// outlines with strong sides around the document's text.
const (
	// cutKeep is how many cut outlines, best by coverage, are scored.
	cutKeep = 60
	// cutMinRows is the text-row measure (textRows) a cut outline must
	// read as: rowsFull, the level of nearly all documents' interiors.
	cutMinRows = rowsFull
	// cutMaxVisible is the most of a cut outline inside the frame: above
	// it the document is whole for the endpoint (821 starts at 0.97).
	cutMaxVisible = 0.97
	// cutMinVisible is the least: the labels' cut cards show 0.6–0.85.
	cutMinVisible = 0.5
	// cutUnseenIn is the share of a side past the frame that may lie in
	// the frame: the score walks it and finds no edge there.
	cutUnseenIn = 0.1
	// cutGrow and cutGrowSteps: how cutCorner grows a document until
	// its sides past the frame are out of it (2 % a step, up to 48 %).
	cutGrow      = 1.02
	cutGrowSteps = 20
	// cutReach is how close to the frame edge, as a share of the frame's
	// short side, a side's support must reach for the side to run past
	// it: a finger at the edge may hide the last bit.
	cutReach = 0.05
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
	// cutGrid is the side of the grid paperShares samples.
	cutGrid = 24
	// cutMinLight is the least share of light samples (paperLight) in a
	// cut outline: less than a full-bleed scan's minLightShare, as a card
	// held indoors measures a mean luma of ~150 (the dev set's crop_cut
	// labels), half its samples under paperLight.
	cutMinLight = 0.25
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

// holdsDocument reports whether the whole outline picked (in the frame,
// however weak) or one of hyps that looks like a whole document lies
// inside the cut outline c: in the frame, scoring at least weakDocScore,
// covering at most cutInnerArea of c and reading as text rows. A page of
// a magazine or a sheet running off the frame, with a document or a
// printed copy of one on it, makes cut outlines whose text is the
// document's; a card's own printed boxes are smaller, or hold a portrait
// rather than text rows.
func holdsDocument(work *RGB, picked, hyps []hypothesis, c hypothesis) bool {
	area := c.Q.Area()
	inside := func(h hypothesis) bool {
		ha := h.Q.Area()
		return !h.extrapol && h.Visible >= cutMaxVisible && ha <= cutInnerArea*area && IntersectionArea(h.Q[:], c.Q[:]) >= cutInside*ha
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

// cutPaper reports whether the part of q inside the frame looks like a
// document's face: mostly unsaturated (print on a pale ground) and at
// least partly light. Wood, a desk or a hand under stripes that read as
// text rows do not.
func cutPaper(img *RGB, q Quad) bool {
	lowSat, light, ok := paperShares(img, q)
	return ok && lowSat >= minLowSat && light >= cutMinLight
}

// cutCandidates returns the cut outlines (cutHypotheses) of one
// detection, scored like every other hypothesis, whose interiors read as
// text rows.
func cutCandidates(g *gradField, work *RGB, lines []edgeLine, hp hypoParams, sp scoreParams) []hypothesis {
	hyps := cutHypotheses(lines, hp)
	scoreAll(g, work, hyps, hp, sp)
	out := hyps[:0]
	for _, h := range hyps {
		if h.Score > 0 && textRows(work, h.Q) >= cutMinRows {
			out = append(out, h)
		}
	}
	return out
}

// cutHypotheses returns, best by coverage (at most cutKeep), the outlines
// of documents cut by the frame on two opposite sides (cutPair) or on two
// adjacent sides (cutCorner), built from the strongest hp.MaxLines lines.
func cutHypotheses(lines []edgeLine, p hypoParams) []hypothesis {
	lines = lines[:min(len(lines), p.MaxLines)]
	if len(p.Aspects) == 0 {
		return nil
	}
	var out []hypothesis
	for i := range lines {
		for j := i + 1; j < len(lines); j++ {
			dot := lines[i].N.X*lines[j].N.X + lines[i].N.Y*lines[j].N.Y
			switch {
			case math.Abs(dot) >= cosParallel:
				out = cutPair(out, lines, i, j, p)
			case math.Abs(dot) <= cosCrossing:
				out = cutCorner(out, lines, i, j, p)
				out = cutCorner(out, lines, j, i, p)
			}
		}
	}
	sort.Sort(hypothesesByCheap(out))
	return out[:min(len(out), cutKeep)]
}

// frameChord returns the ends of the part of line l inside the w×h
// frame; ok is false when l misses the frame.
func frameChord(l *edgeLine, w, h float64) (a, b Point, ok bool) {
	far := 2 * (w + h)
	d := l.Dir()
	o := Point{l.N.X * l.C, l.N.Y * l.C}
	p0 := Point{o.X - far*d.X, o.Y - far*d.Y}
	p1 := Point{o.X + far*d.X, o.Y + far*d.Y}
	t0, t1, ok := clippedT(p0, p1, w, h)
	if !ok || t1 <= t0 {
		return Point{}, Point{}, false
	}
	at := func(t float64) Point { return Point{p0.X + t*(p1.X-p0.X), p0.Y + t*(p1.Y-p0.Y)} }
	return at(t0), at(t1), true
}

// along returns the coordinates of a and b along the unit direction u,
// in increasing order.
func along(a, b, u Point) (float64, float64) {
	ta, tb := a.X*u.X+a.Y*u.Y, b.X*u.X+b.Y*u.Y
	return math.Min(ta, tb), math.Max(ta, tb)
}

// onLine returns the point of line l whose coordinate along the
// direction u is t (u must not be perpendicular to l).
func onLine(l *edgeLine, u Point, t float64) Point {
	d := l.Dir()
	if d.X*u.X+d.Y*u.Y < 0 {
		d = Point{-d.X, -d.Y}
	}
	o := Point{l.N.X * l.C, l.N.Y * l.C}
	s := (t - (o.X*u.X + o.Y*u.Y)) / (d.X*u.X + d.Y*u.Y)
	return Point{o.X + s*d.X, o.Y + s*d.Y}
}

// cutPair appends the outline whose long sides lie on the near-parallel
// lines i and j, both crossing the frame, when the aspect makes the
// document longer than the part of the lines the frame shows: the
// document then runs past the frame at both ends. It is centred on the
// shown part, the one placement that favours neither end.
func cutPair(out []hypothesis, lines []edgeLine, i, j int, p hypoParams) []hypothesis {
	li, lj := &lines[i], &lines[j]
	pa, pb, ok1 := frameChord(li, p.W, p.H)
	qa, qb, ok2 := frameChord(lj, p.W, p.H)
	if !ok1 || !ok2 {
		return out
	}
	u := li.Dir()
	a0, a1 := along(pa, pb, u)
	b0, b1 := along(qa, qb, u)
	// Both lines' shown parts, projected on u (the lines are within
	// ~35°, so the projection keeps their order).
	s0, s1 := math.Max(a0, b0), math.Min(a1, b1)
	sep := math.Abs(lj.Dist(onLine(li, u, (s0+s1)/2)))
	if s1 <= s0 || sep < p.MinSide {
		return out
	}
	length := sep * p.Aspects[0]
	if length <= s1-s0 {
		return out // the document fits: its ends would be in the frame
	}
	mid := (s0 + s1) / 2
	q := Quad{
		onLine(li, u, mid-length/2), onLine(li, u, mid+length/2),
		onLine(lj, u, mid+length/2), onLine(lj, u, mid-length/2),
	}
	return appendCut(out, lines, hypothesis{Q: q, Lines: [4]int{i, -1, j, -1}}, [4]bool{false, true, false, true}, p)
}

// cutCorner appends the outline whose corner is where lines i and k
// cross inside the frame, with its long side on i and its short side on
// k, each running from the corner over its line's support. A side whose
// support ends inside the frame ends there, at a corner whose crossing
// side the line detector missed (a faint edge), and fixes the scale; a
// side whose support reaches the frame edge runs past it. With both
// running past, the outline is the smallest document of the aspect
// holding both. The sides opposite those running past must lie beyond the
// frame.
func cutCorner(out []hypothesis, lines []edgeLine, i, k int, p hypoParams) []hypothesis {
	li, lk := &lines[i], &lines[k]
	c, ok := intersect(li, lk)
	if !ok || c.X <= 0 || c.Y <= 0 || c.X >= p.W || c.Y >= p.H {
		return out
	}
	ui, ok1 := armDir(li, c)
	uk, ok2 := armDir(lk, c)
	if !ok1 || !ok2 {
		return out
	}
	armI, pastI := armReach(li, c, ui, p)
	armK, pastK := armReach(lk, c, uk, p)
	asp := p.Aspects[0]
	var w, h float64
	switch {
	case pastI && pastK:
		h = math.Max(armK, armI/asp)
		w = h * asp
	case pastI && armI < armK*asp:
		h, w = armK, armK*asp
	case pastK && armK < armI/asp:
		w, h = armI, armI/asp
	default:
		return out // whole, or the seen arms disagree with the aspect
	}
	corner := func(w, h float64) Quad {
		return Quad{
			c, Point{c.X + w*ui.X, c.Y + w*ui.Y},
			Point{c.X + w*ui.X + h*uk.X, c.Y + w*ui.Y + h*uk.Y},
			Point{c.X + h*uk.X, c.Y + h*uk.Y},
		}
	}
	q := corner(w, h)
	// A side placed through the point where an arm leaves the frame
	// runs along the frame edge when the card is turned, where it has no
	// edge to find: the document grows, keeping its aspect, until the
	// sides past the frame are out of it.
	for range cutGrowSteps {
		if !pastI || !pastK || clippedLen(q[1], q[2], p.W, p.H) < 1 && clippedLen(q[2], q[3], p.W, p.H) < 1 {
			break // a seen end fixes the scale
		}
		w, h = w*cutGrow, h*cutGrow
		q = corner(w, h)
	}
	// Side 1 closes the long arm, side 2 the short one.
	return appendCut(out, lines, hypothesis{Q: q, Lines: [4]int{i, -1, -1, k}}, [4]bool{false, pastI, pastK, false}, p)
}

// armDir is the direction along l from c towards l's support: a corner's
// sides run from it over their own edge.
func armDir(l *edgeLine, c Point) (Point, bool) {
	d := l.Dir()
	t := l.T(c)
	before, after := l.covered(math.Inf(-1), t), l.covered(t, math.Inf(1))
	switch {
	case after > 2*before:
		return d, true
	case before > 2*after:
		return Point{-d.X, -d.Y}, true
	}
	return Point{}, false // edge on both sides of c: a crossing, not a corner
}

// armReach is how far from c along the unit direction u (l's direction
// or its opposite) l's support reaches, and whether it reaches the frame
// edge (within cutReach of the frame's short side): then the arm is the
// whole way to the frame edge.
func armReach(l *edgeLine, c, u Point, p hypoParams) (float64, bool) {
	far := 2 * (p.W + p.H)
	_, t1, ok := clippedT(c, Point{c.X + far*u.X, c.Y + far*u.Y}, p.W, p.H)
	if !ok {
		return 0, false
	}
	edge := t1 * far
	d := l.Dir()
	sgn := d.X*u.X + d.Y*u.Y // ±1
	tc := l.T(c)
	reach := 0.0
	for _, sp := range l.Spans {
		reach = math.Max(reach, math.Max((sp.T0-tc)*sgn, (sp.T1-tc)*sgn))
	}
	if reach >= edge-cutReach*math.Min(p.W, p.H) {
		return edge, true
	}
	return reach, false
}

// appendCut appends h, marked as extrapolated, when it is a plausible
// outline cut by the frame: convex and of a document's size, with
// between cutMinVisible and cutMaxVisible of it inside the frame, the
// sides marked in past cut away (at most cutUnseenIn of each in the
// frame), and its seen sides covered by their lines (finishCheap).
func appendCut(out []hypothesis, lines []edgeLine, h hypothesis, past [4]bool, p hypoParams) []hypothesis {
	h.extrapol = true
	if !plausibleQuad(&h, p) || h.Visible < cutMinVisible || h.Visible > cutMaxVisible {
		return out
	}
	for k := range 4 {
		if !past[k] {
			continue
		}
		a, b := h.Q[k], h.Q[(k+1)%4]
		if clippedLen(a, b, p.W, p.H) > cutUnseenIn*a.Dist(b) {
			return out
		}
	}
	if !finishCheap(&h, lines, p) {
		return out
	}
	return append(out, h)
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
	w, ht := float64(work.W), float64(work.H)
	best, shown := h, ClipArea(h.Q[:], w, ht)
	for _, o := range around {
		if o.Score < cutEnclosing*h.Score || sharedSides(o.Lines, h.Lines) == 0 {
			continue
		}
		// Compared inside the frame: past it, the outlines' extents are
		// guesses of the aspect prior.
		oShown := ClipArea(o.Q[:], w, ht)
		if oShown > cutLarger*shown && oShown < cutLargest*ClipArea(h.Q[:], w, ht) && ClipArea(ClipConvex(h.Q[:], o.Q[:]), w, ht) >= cutInside*ClipArea(h.Q[:], w, ht) &&
			textRows(work, o.Q) >= cutMinRows {
			best, shown = o, oShown
		}
	}
	return best
}

// paperShares samples the part of q inside img on a grid and returns
// the shares of the samples that are unsaturated (paperLowSat) and light
// (paperLight); ok is false when no sample falls in the frame.
func paperShares(img *RGB, q Quad) (lowSat, light float64, ok bool) {
	hm, err := HomographyFromQuads(Quad{{0, 0}, {1, 0}, {1, 1}, {0, 1}}, q)
	if err != nil {
		return 0, 0, false
	}
	n := 0
	var ls, li int
	for y := range cutGrid {
		for x := range cutGrid {
			p := hm.Apply(Point{(float64(x) + 0.5) / cutGrid, (float64(y) + 0.5) / cutGrid})
			c, in := pixelAt(img, p.X-0.5, p.Y-0.5)
			if !in {
				continue
			}
			n++
			hi, lo := math.Max(c[0], math.Max(c[1], c[2])), math.Min(c[0], math.Min(c[1], c[2]))
			if hi-lo < paperLowSat*hi {
				ls++
			}
			if 0.299*c[0]+0.587*c[1]+0.114*c[2] > paperLight {
				li++
			}
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	return float64(ls) / float64(n), float64(li) / float64(n), true
}
