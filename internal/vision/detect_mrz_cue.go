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
			h := hypothesis{Q: q, Lines: [4]int{-1, -1, -1, -1}, anchor: true}
			if plausibleQuad(&h, p) {
				out = append(out, h)
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
		size := math.Min(1, 0.8+0.2*math.Sqrt(area/0.3))
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

// rerank weighs the outlines that contain a zone by whether its ICAO
// layout fits them: the zone's rows must cross the outline nearly from
// side to side (the page is lay.width pitches wide). It sorts hyps by
// Rank.
func (c mrzCue) rerank(hyps []hypothesis) {
	if len(c.zones) == 0 {
		return
	}
	for i := range hyps {
		h := &hyps[i]
		for _, z := range c.zones {
			if agree, inside := zoneFits(z, h.Q); inside {
				if agree {
					h.Rank *= mrzAgree
				} else {
					h.Rank *= mrzDisagree
				}
				break
			}
		}
	}
	sort.SliceStable(hyps, func(i, j int) bool { return hyps[i].Rank > hyps[j].Rank })
}

// zoneFits reports whether the zone's middle lies inside q (inside) and
// whether q's chord through it along the rows is as long as one of the
// zone's layouts makes the page, within 15 %.
func zoneFits(z mrzZone, q Quad) (agree, inside bool) {
	var mid Point
	for _, r := range z.Rows {
		mid.X += (r.A.X + r.B.X) / 2 / float64(len(z.Rows))
		mid.Y += (r.A.Y + r.B.Y) / 2 / float64(len(z.Rows))
	}
	lo, hi, ok := chord(q, mid, z.U)
	if !ok || lo > 0 || hi < 0 {
		return false, false
	}
	for _, lay := range layoutsFor(z) {
		if r := (hi - lo) / (lay.width * z.Pitch); r > 0.85 && r < 1.15 {
			return true, true
		}
	}
	return false, true
}

// chord returns the parameters t (p + t·u) where the line through p
// along u enters and leaves the convex quad q.
func chord(q Quad, p, u Point) (lo, hi float64, ok bool) {
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
		lo, hi = math.Min(lo, t), math.Max(hi, t)
	}
	return lo, hi, hi > lo
}
