package vision

import "math"

// Cards held in a hand and cut by the frame: the fingers lie across the
// card's seen sides and the outline loses to the card's own inner boxes
// or to nothing (the labels' two hand-held cut cards score 0.21–0.25
// against minDocScore 0.55). The plain score charges such an outline
// three times for being held: the hidden steps weigh in every side's
// mean support, the outline is mostly outside the frame (vis), and the
// fingers at the frame edge hide the last part of its sides
// (borderReach). When the detector found nothing at all, heldCard looks
// at the cut outlines once more, on what a held card shows:
//   - its seen sides' unhidden steps (unhiddenSteps) well supported;
//   - some of those steps hidden by an occluder (detect_occlusion.go),
//     the fingers holding it: a printed copy, a poster or a stripe of wood
//     lying in the frame has none;
//   - no paper just beyond its seen sides (outsidePaper): the card's edge
//     parts it from the hand and the background, while a band or a box
//     inside the card, whose edges support better than the card's own,
//     has the card's pale ground beyond its sides too;
//   - an interior that reads as a document, as cutDocuments asks.
const (
	// heldMinSupport is the least mean unhidden support of a held card's
	// seen sides, weighted by their length.
	heldMinSupport = 0.6
	// heldMinWeakest is the least unhidden support of its weakest seen
	// side.
	heldMinWeakest = 0.4
	// heldMinHidden is the least share of its seen sides' steps hidden
	// by an occluder.
	heldMinHidden = 0.01
	// heldMaxPaper is the largest share of paper-like samples just beyond
	// its seen sides (outsidePaper).
	heldMaxPaper = 0.1
	// heldMinRows is the least text-row measure (textRows) of a held
	// card's outline: a cut card shows mostly its printed face (the
	// labels' hand-held cards read 0.35–0.46), where a whole card's
	// outline with its margins needs only rowsFull.
	heldMinRows = 0.3
	// heldSeenSide is the share of a side the frame must show for the
	// side to count as seen.
	heldSeenSide = 0.2
	// heldMinScore is the least plain score of an outline worth the
	// walk: half the ones found on the labels' held cards.
	heldMinScore = 0.1
	// heldInnerArea is the least share of a held card a whole document
	// found inside it must cover to make it a sheet holding that
	// document (holdsDocumentOver): a card's flag or photo box is a
	// twentieth of it.
	heldInnerArea = 0.15
	// heldBeyond is how far beyond a side outsidePaper samples, as a
	// share of the outline's short side, and heldBeyondMin the least
	// distance (px): past the edge's blur and a rounded corner's curve.
	heldBeyond    = 0.05
	heldBeyondMin = 6
	// heldSamples is how many points outsidePaper samples along a side.
	heldSamples = 32
)

// heldCard returns, as the only pick, of the cut outlines (the first
// pass's extrapolated outlines and cutCandidates') that pass the held
// card's tests, the one with the best heldSupport or the outline around
// it (outermostOf); nil when none passes. The caller runs it only when
// nothing else was found.
func heldCard(g *gradField, work *RGB, lines []edgeLine, hp hypoParams, sp scoreParams, cfg detectConfig, hyps []hypothesis) []hypothesis {
	if cfg.textRank == 0 {
		return nil
	}
	var cands []hypothesis
	for _, h := range hyps {
		if h.extrapol && h.Visible >= cutMinVisible && h.Visible < cutMaxVisible && h.Score >= heldMinScore {
			cands = append(cands, h)
		}
	}
	for _, h := range cutCandidates(g, work, lines, hp, sp) {
		if h.Score >= heldMinScore {
			cands = append(cands, h)
		}
	}
	var passing []hypothesis
	var supports []float64
	for _, h := range cands {
		s, weak, hidden, seen := heldSupport(g, work, h.Q, hp, sp)
		if !seen || s < heldMinSupport || weak < heldMinWeakest || hidden < heldMinHidden || outsidePaper(work, h.Q, hp) > heldMaxPaper {
			continue
		}
		if textRows(work, h.Q) >= heldMinRows && cutPaper(work, h.Q) && !notDocument(work, h) && !cfg.portrait.framesFace(h.Q) && !holdsDocumentOver(work, nil, hyps, h, heldInnerArea) {
			passing = append(passing, h)
			supports = append(supports, s)
		}
	}
	if len(passing) == 0 {
		return nil
	}
	best := 0
	for i, s := range supports {
		if s > supports[best] {
			best = i
		}
	}
	// A band or box inside the card beside a side hidden by the fingers
	// may support better than the card's own edge there: the card is the
	// outline around it.
	if i := outermostOf(work, passing, supports, passing[best], supports[best]); i >= 0 {
		best = i
	}
	return []hypothesis{passing[best]}
}

// heldSupport returns the mean unhidden support (unhiddenSteps) of the
// sides of q the frame shows (at least heldSeenSide of each), weighted by
// their length in the frame, the weakest of them, and the share of their
// steps hidden by an occluder; ok is false with fewer than two such
// sides or an interior that cannot be measured.
func heldSupport(g *gradField, work *RGB, q Quad, hp hypoParams, sp scoreParams) (support, weakest, hidden float64, ok bool) {
	interior, ok := interiorMean(work, q)
	if !ok {
		return 0, 0, 0, false
	}
	scratch := sp.steps
	if scratch == nil {
		scratch = new([]float64)
	}
	var sum, tot float64
	var steps, hid, seen int
	weakest = 1
	for k := range 4 {
		a, b := q[k], q[(k+1)%4]
		l := clippedLen(a, b, hp.W, hp.H)
		if l < heldSeenSide*a.Dist(b) || l < 2 {
			continue
		}
		s, n, h := unhiddenSteps(g, work, a, b, sp, interior, scratch)
		sum += s * l
		tot += l
		steps += n
		hid += h
		seen++
		weakest = math.Min(weakest, s)
	}
	if seen < 2 || steps == 0 {
		return 0, 0, 0, false
	}
	return sum / tot, weakest, float64(hid) / float64(steps), true
}

// outsidePaper returns the share of samples heldBeyond of q's short side
// beyond its seen sides (at least heldSeenSide of each in the frame)
// that look like paper: unsaturated and light, as cutPaper counts them.
// Samples beyond the frame are skipped; it is 0 when none is left.
func outsidePaper(work *RGB, q Quad, hp hypoParams) float64 {
	d := math.Max(heldBeyondMin, heldBeyond*shortSide(q))
	c := Point{(q[0].X + q[1].X + q[2].X + q[3].X) / 4, (q[0].Y + q[1].Y + q[2].Y + q[3].Y) / 4}
	var n, paper int
	for k := range 4 {
		a, b := q[k], q[(k+1)%4]
		l := a.Dist(b)
		if l == 0 || clippedLen(a, b, hp.W, hp.H) < heldSeenSide*l {
			continue
		}
		// The side's normal, turned away from the outline's centre.
		nx, ny := -(b.Y-a.Y)/l, (b.X-a.X)/l
		if (c.X-(a.X+b.X)/2)*nx+(c.Y-(a.Y+b.Y)/2)*ny > 0 {
			nx, ny = -nx, -ny
		}
		for i := range heldSamples {
			t := (float64(i) + 0.5) / heldSamples
			p := Point{a.X + t*(b.X-a.X), a.Y + t*(b.Y-a.Y)}
			if p.X < 0 || p.Y < 0 || p.X >= hp.W || p.Y >= hp.H {
				continue
			}
			out, in := pixelAt(work, p.X+d*nx-0.5, p.Y+d*ny-0.5)
			if !in {
				continue
			}
			n++
			if isPaper(out) {
				paper++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(paper) / float64(n)
}
