package vision

import (
	"math"
	"sort"
)

// mrzCue is what the machine-readable zones found on the working copy
// tell the detector: page outlines to add to the line-based ones, a
// score that does not need the side the MRZ stands in for, and which
// outlines agree with the zone's ICAO layout.
type mrzCue struct {
	zones []mrzZone
}

// newMRZCue finds the zones of work when on (the full detector; Fast
// mode has no time for it and gets an empty cue).
func newMRZCue(on bool, work *RGB) mrzCue {
	if !on {
		return mrzCue{}
	}
	return mrzCue{zones: findMRZ(work.Gray())}
}

// hypotheses returns the page outlines the zones imply, as hypotheses
// for the full score (no line indices: their sides come from the
// layout, and from lines only when snapped).
func (c mrzCue) hypotheses(lines []edgeLine, g *gradField, img *RGB, sp scoreParams, p hypoParams) []hypothesis {
	var out []hypothesis
	for _, z := range c.zones {
		for _, q := range mrzQuads(z, p.W, p.H, lines, g, img, sp) {
			for _, q := range append([]Quad{q}, recentred(z, q)...) {
				h := hypothesis{Q: q, Lines: [4]int{-1, -1, -1, -1}, anchor: true}
				if plausibleQuad(&h, p) {
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// rescore lifts the score of the anchored outlines to what their three
// best sides earn: the zone placed the page, so one side without an
// edge (a grey page on grey paper, a border lost in a newspaper's
// print) is expected rather than a sign of a wrong outline. The other
// terms (shape, size, visibility) are the scorer's. An outline that a
// document-like line-based one already covers (IoU ≥ sameOutline) is
// not lifted: four seen sides place the page better than three, and
// the lift would let a wrong fourth side win.
func (c mrzCue) rescore(g *gradField, img *RGB, hyps []hypothesis, hp hypoParams, sp scoreParams) {
	anchored := false
	for i := range hyps {
		anchored = anchored || hyps[i].anchor
	}
	if !anchored {
		return // nothing to rescore (Fast mode, no zone): no list of the rest
	}
	var seen []Quad // line-based outlines that pass as documents
	for _, h := range hyps {
		if !h.anchor && h.Score >= minDocScore {
			seen = append(seen, h.Q)
		}
	}
	for i := range hyps {
		h := &hyps[i]
		if !h.anchor || covered(h.Q, seen) {
			continue
		}
		var sup, length [4]float64
		for k := range 4 {
			sup[k], length[k] = sideSupport(g, img, h.Q[k], h.Q[(k+1)%4], sp)
		}
		weakest := 0
		for k := range 4 {
			if length[k] >= 1 && (length[weakest] < 1 || sup[k] < sup[weakest]) {
				weakest = k
			}
		}
		var sum, tot float64
		minSup := 1.0
		for k := range 4 {
			if k == weakest || length[k] < 1 {
				continue
			}
			sum += sup[k] * length[k]
			tot += length[k]
			minSup = math.Min(minSup, sup[k])
		}
		if tot == 0 {
			continue
		}
		area := ClipArea(h.Q[:], hp.W, hp.H) / (hp.W * hp.H)
		size := sizePrior(area)
		vis := 1 - 0.5*math.Max(0, 0.92-h.Visible)
		s := sum / tot * (0.4 + 0.6*minSup) * shapePrior(h.Q, hp) * size * vis
		h.Score = math.Max(h.Score, s)
	}
}

// sameOutline is the IoU above which two outlines are one page.
const sameOutline = 0.85

// covered reports whether one of seen overlaps q by sameOutline.
func covered(q Quad, seen []Quad) bool {
	for _, o := range seen {
		inter := IntersectionArea(q[:], o[:])
		if inter >= sameOutline*(q.Area()+o.Area()-inter) {
			return true
		}
	}
	return false
}

// mrzDisagree is the rank kept by an outline that holds a zone but not
// where its layout puts it (a whole sheet around a printed page, a box
// inside the page); mrzAgree lifts one that holds it where the layout
// puts it: a machine-readable zone in place tells a document more
// surely than rows of text, which posters and newspapers have too.
const (
	mrzDisagree = 0.8
	mrzAgree    = 1.2
)

// ICAO 9303 prints the MRZ centred across the page, so a zone whose
// longest row is whole (at least its layout's glyphs less
// mrzWholeMissing) also tells where the page ends along the rows. On the
// dev set's 35 whole TD3/TD1 zones the labelled page's middle lies within
// 0.017 of its width of the row's middle; outlines that took the next
// line past a page end (the lower booklet page, the sleeve) lie 0.04 and
// more off. Such an outline is not lifted; it keeps its rank.
const (
	mrzWholeMissing = 2
	mrzMaxOffCentre = 0.03
)

// mrzWidthTol is how far an outline's chord along the rows may differ
// from the layout's page width (in pitches) and still fit. On the dev
// set the labelled pages of 41 zones measure 0.96-1.04 of it; 0.08
// leaves twice that spread, and an outline one border inside the page
// (a visa's inner frame, 0.87) no longer passes for it.
const mrzWidthTol = 0.08

// mrzFit is how an outline holding a zone fits the zone's layout.
type mrzFit int

const (
	mrzOutside   mrzFit = iota // the zone's middle is not inside
	mrzWrongSize               // inside, but the page is not the layout's width
	mrzNarrow                  // narrower than the layout, but holding the whole row
	mrzOffCentre               // the layout's width, but not centred on a whole row
	mrzFits                    // the layout's width, centred where that can be told
)

// rerank weighs the outlines that contain a zone by whether its ICAO
// layout fits them: the zone's rows must cross the outline nearly from
// side to side (the page is lay.width pitches wide), centred on a whole
// row. It sorts hyps by Rank.
func (c mrzCue) rerank(hyps []hypothesis) {
	if len(c.zones) == 0 {
		return
	}
	for i := range hyps {
		h := &hyps[i]
		for _, z := range c.zones {
			fit := zoneFits(z, h.Q)
			if fit == mrzOutside {
				continue
			}
			switch fit {
			case mrzFits:
				h.Rank *= mrzAgree
			case mrzWrongSize:
				h.Rank *= mrzDisagree
			}
			break
		}
	}
	sortByRank(hyps)
	demoteZoneless(c.zones, hyps)
	sortByRank(hyps)
}

// mrzMiss is the rank kept by an outline holding no zone that ranks
// above one the zone's layout fits and is not of that page's size, as
// the portrait anchor weighs an outline without a face (portraitMiss): a
// page whose MRZ lies where its layout puts it is a document, and a much
// smaller or larger box outside it (a framed quote in the newspaper
// under a grey printed page) is not. An outline of about the page's size
// may be a second document (a second passport beside it: companion's
// size bounds) and keeps its rank.
const mrzMiss = 0.6

// demoteZoneless weighs down by mrzMiss the outlines (hyps by Rank)
// ranked above the best outline a zone fits that hold no zone and differ
// from it in size by more than a factor of 2.
func demoteZoneless(zones []mrzZone, hyps []hypothesis) {
	fit := -1
	for i := range hyps {
		if _, fits := holdsZone(zones, hyps[i].Q); fits {
			fit = i
			break
		}
	}
	for i := 0; i < fit; i++ {
		ratio := hyps[i].Q.Area() / hyps[fit].Q.Area()
		if holds, _ := holdsZone(zones, hyps[i].Q); !holds && (ratio < 0.5 || ratio > 2) {
			hyps[i].Rank *= mrzMiss
		}
	}
}

// holdsZone reports whether q holds one of zones, and whether the layout
// of one of them fits q.
func holdsZone(zones []mrzZone, q Quad) (holds, fits bool) {
	for _, z := range zones {
		switch zoneFits(z, q) {
		case mrzOutside:
		case mrzFits:
			return true, true
		default:
			holds = true
		}
	}
	return holds, false
}

// sortByRank sorts hyps by decreasing Rank, stably.
func sortByRank(hyps []hypothesis) {
	sort.SliceStable(hyps, func(i, j int) bool { return hyps[i].Rank > hyps[j].Rank })
}

// zoneFits tells how q fits the zone: whether the zone's middle lies
// inside q, whether q's chord through it along the rows is as long as
// one of the zone's layouts makes the page (within mrzWidthTol), and, when the
// longest row is whole, whether that chord is centred on it.
func zoneFits(z mrzZone, q Quad) mrzFit {
	mid, rowMid, long := zoneMiddle(z)
	lo, hi, _, _, ok := chordSides(q, mid, z.U)
	if !ok || lo > 0 || hi < 0 {
		return mrzOutside
	}
	narrow := false
	for _, lay := range layoutsFor(z) {
		r := (hi - lo) / (lay.width * z.Pitch)
		narrow = narrow || r <= 1-mrzWidthTol
		if math.Abs(r-1) >= mrzWidthTol {
			continue
		}
		whole := float64(long.Steps) >= lay.glyphs-mrzWholeMissing
		if whole && math.Abs((lo+hi)/2-rowMid) > mrzMaxOffCentre*(hi-lo) {
			return mrzOffCentre
		}
		return mrzFits
	}
	// Narrower than the layout yet holding the whole row: the pitch read
	// on a small card is coarse, so the width says little.
	tA := (long.A.X-mid.X)*z.U.X + (long.A.Y-mid.Y)*z.U.Y
	tB := (long.B.X-mid.X)*z.U.X + (long.B.Y-mid.Y)*z.U.Y
	if narrow && lo < math.Min(tA, tB) && hi > math.Max(tA, tB) {
		return mrzNarrow
	}
	return mrzWrongSize
}

// zoneMiddle returns the middle of the zone's rows, the middle of its
// longest row along U relative to it, and that row.
func zoneMiddle(z mrzZone) (mid Point, rowMid float64, long mrzRow) {
	for _, r := range z.Rows {
		mid.X += (r.A.X + r.B.X) / 2 / float64(len(z.Rows))
		mid.Y += (r.A.Y + r.B.Y) / 2 / float64(len(z.Rows))
	}
	long = z.Rows[0]
	for _, r := range z.Rows {
		if r.Steps > long.Steps {
			long = r
		}
	}
	rowMid = ((long.A.X+long.B.X)/2-mid.X)*z.U.X + ((long.A.Y+long.B.Y)/2-mid.Y)*z.U.Y
	return mid, rowMid, long
}

// recentred returns, for an outline holding a whole row off its centre
// (one end snapped to a line past the page: the lower booklet page, a
// sleeve),
// the two centred outlines that keep one of its ends and mirror it
// about the row's middle; the full-resolution refit then finds the
// mirrored end's edge. Other outlines give none.
func recentred(z mrzZone, q Quad) []Quad {
	mid, rowMid, long := zoneMiddle(z)
	lo, hi, kLo, kHi, ok := chordSides(q, mid, z.U)
	whole := false
	for _, lay := range layoutsFor(z) {
		whole = whole || float64(long.Steps) >= lay.glyphs-mrzWholeMissing
	}
	if !ok || lo > 0 || hi < 0 || !whole || math.Abs((lo+hi)/2-rowMid) <= mrzMaxOffCentre*(hi-lo) {
		return nil
	}
	move := func(k int, by float64) Quad {
		out := q
		for _, c := range [2]int{k, (k + 1) % 4} {
			out[c] = Point{out[c].X + by*z.U.X, out[c].Y + by*z.U.Y}
		}
		return out
	}
	return []Quad{move(kHi, 2*rowMid-lo-hi), move(kLo, 2*rowMid-hi-lo)}
}

// chordSides returns the parameters t (p + t·u) where the line through p
// along u enters and leaves the convex quad q, and the sides (k: from
// q[k] to q[k+1]) it crosses there.
func chordSides(q Quad, p, u Point) (lo, hi float64, kLo, kHi int, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for k := range 4 {
		a, b := q[k], q[(k+1)%4]
		e := b.Sub(a)
		den := u.X*e.Y - u.Y*e.X
		if math.Abs(den) < 1e-12 {
			continue
		}
		w := a.Sub(p)
		t := (w.X*e.Y - w.Y*e.X) / den // along u
		s := (w.X*u.Y - w.Y*u.X) / den // along the edge
		if s < 0 || s > 1 {
			continue
		}
		if t < lo {
			lo, kLo = t, k
		}
		if t > hi {
			hi, kHi = t, k
		}
	}
	return lo, hi, kLo, kHi, hi > lo
}
