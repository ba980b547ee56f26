package vision

import (
	"math"
)

// Tracking: on live video the document moves little between frames, so
// its outline is looked for next to where it was instead of detected from
// scratch. Refitting four sides costs a few thousand samples; a detection
// costs a gradient of the whole frame, segments and hypotheses.
const (
	// trackMinSupport is the least share of a side's samples that must
	// straddle a colour step for the side to count as still there; the
	// weakest side may be lower (a finger on it) down to trackMinSide.
	trackMinSupport = 0.7
	trackMinSide    = 0.45
	// trackMaxAreaChange bounds the area ratio between the previous and
	// the tracked outline: a bigger change is a different object.
	trackMaxAreaChange = 1.3
	// trackMinStep is the colour step (8-bit levels, between the bands
	// stepOffset px either side) that counts a sample as on a border:
	// midway between the detector's stepMin and stepFull.
	trackMinStep = (stepMin + stepFull) / 2
)

// TrackDocument looks for the document whose outline was prev in the
// previous frame: each side is refitted onto the colour edge within
// ±radius px across it that runs along most of the side (trackSide), and the new outline is accepted only when
// every side seen in the frame is backed by a colour step along most of
// its length and the area changed little. ok is false when the document
// was lost; the caller then detects from scratch.
func TrackDocument(img *RGB, prev Quad, radius int) (det Detection, ok bool) {
	return new(TrackBuffers).Track(img, prev, radius)
}

// Track is TrackDocument with its working memory in b, reused from frame
// to frame of a live stream.
func (b *TrackBuffers) Track(img *RGB, prev Quad, radius int) (det Detection, ok bool) {
	if img == nil || img.W < 16 || img.H < 16 || len(img.Pix) < 3*img.W*img.H || prev.Area() < 64 || radius < 1 {
		return Detection{}, false
	}
	// Two passes: the first pulls the sides onto the moved edges, the
	// second, with a small radius, settles them on the exact step.
	q := b.trackQuad(img, prev, radius)
	q = b.trackQuad(img, q, trackNarrow)
	r := q.Area() / prev.Area()
	if r > trackMaxAreaChange || r < 1/trackMaxAreaChange {
		return Detection{}, false
	}
	var sum, tot float64
	weakest := 1.0
	for k := range 4 {
		s, l := stepSupport(img, q[k], q[(k+1)%4])
		if l < 8 {
			continue // off the frame: nothing to check
		}
		sum += s * l
		tot += l
		weakest = math.Min(weakest, s)
	}
	if tot == 0 || sum/tot < trackMinSupport || weakest < trackMinSide {
		return Detection{}, false
	}
	return Detection{Quad: orderCorners(q), Score: sum / tot}, true
}

// stepSupport is the share of samples along the in-frame part of a→b
// where the colours stepOffset px on either side differ by at least
// trackMinStep (a border between regions), and that part's length.
func stepSupport(img *RGB, a, b Point) (support, length float64) {
	t0, t1, ok := clippedT(a, b, float64(img.W), float64(img.H))
	if !ok {
		return 0, 0
	}
	// Skip the corners, as refineSide does: rounded corners, shadows.
	t0, t1 = math.Max(t0, 0.06), math.Min(t1, 0.94)
	full := a.Dist(b)
	length = (t1 - t0) * full
	if length < 1 {
		return 0, length
	}
	ux, uy := (b.X-a.X)/full, (b.Y-a.Y)/full
	// A share needs no more than a hundred samples: every 3 px, at most
	// 120 (the tracker runs this on four sides of every frame).
	n := min(int(length/3), 120)
	hit := 0
	for s := range n {
		t := t0*full + (float64(s)+0.5)*length/float64(n)
		if colourStep(img, a.X+ux*t-0.5, a.Y+uy*t-0.5, -uy, ux) >= trackMinStep {
			hit++
		}
	}
	return float64(hit) / float64(max(n, 1)), length
}

// trackQuad moves each side of q onto the line that trackSide finds
// within ±radius px across it, then intersects adjacent sides again. A
// side without a clear line keeps its position.
func (b *TrackBuffers) trackQuad(img *RGB, q Quad, radius int) Quad {
	return fitSides(img, q, radius, b.side)
}

const (
	// trackPeakMin is the least colour step (8-bit levels between
	// neighbouring pixels) of an edge candidate, and trackPeakRel the
	// least share of the sample's strongest step.
	trackPeakMin = 10
	trackPeakRel = 0.3
	// trackTol is how far (px) a candidate may lie from a line to count
	// as on it.
	trackTol = 1.0
	// trackTie is the share of the best line's support from which a line
	// nearer the previous side wins: a document border runs along the
	// whole side, a portrait's, a text line's or an MRZ's edge along part
	// of it, so support, not contrast, picks the border, and only lines
	// about as well supported are decided by nearness.
	trackTie = 0.9
)

// trackSide finds the document border across segment a→b. The strongest
// step along each sample is not used: near a border a dark portrait or a
// text block is often a stronger step than paper on the table, and
// picking it side after side walks the outline inwards. Instead every
// local step maximum along each sample is a candidate, and the line
// (within ±radius of the side, tilted by at most radius px end to end)
// that the most samples have a candidate on wins; among lines with
// nearly as much support, the one nearest the previous side. The line is
// then fitted to the candidates on it.
func (tb *TrackBuffers) side(img *RGB, a, b Point, radius int) (edgeLine, bool) {
	sp, ok := newSideSpan(a, b, float64(img.W), float64(img.H))
	if !ok {
		return edgeLine{}, false
	}
	// A sample every 2 px in the narrow second pass, every radius/2 px
	// in the wide first one, which only has to pull the side onto the
	// moved edge for the second to settle: its cost grows with the
	// radius twice, in the profile and in the line grid.
	step := max(3, radius/2)
	n := min(int(sp.len/float64(step)), trackMaxSamples)
	prof := resized(tb.prof, 2*radius+2)
	// cands[start[s]:start[s+1]] are the sub-pixel offsets of sample s's
	// step maxima: one array for all samples, not one per sample, as
	// this runs on eight sides per live frame.
	cands := tb.cands[:0]
	start := resized(tb.start, n+1)
	centres := resized(tb.centres, n)
	defer func() { tb.prof, tb.cands, tb.start, tb.centres = prof, cands, start, centres }()
	// The wide pass reads the nearest pixel, a quarter of a bilinear
	// sample's work: it only has to land within a pixel of the edge,
	// which the narrow pass then fits to a fraction of one.
	nearest := radius > trackNarrow
	for s := range n {
		start[s] = len(cands)
		c := sp.centre(s, n)
		centres[s] = c
		sp.stepProfile(prof, img, c, radius, nearest)
		// Comparisons, not math.Max (a call in the browser build): the
		// steps are roots, never NaN.
		best := 0.0
		for _, v := range prof {
			if v > best {
				best = v
			}
		}
		floor := math.Max(trackPeakMin, trackPeakRel*best)
		for i, v := range prof {
			if v < floor || (i > 0 && prof[i-1] > v) || (i+1 < len(prof) && prof[i+1] >= v) {
				continue
			}
			off := float64(i) - float64(radius) - 0.5
			if i > 0 && i+1 < len(prof) {
				l, r := prof[i-1], prof[i+1]
				if d := l - 2*v + r; d < 0 {
					off += 0.5 * (l - r) / d
				}
			}
			cands = append(cands, off)
		}
	}
	start[n] = len(cands)
	// Lines as offsets oa at the first sample and ob at the last. hit
	// marks, per sample, the whole offsets within trackTol+0.5 of one of
	// its candidates, so a line's support is one lookup per sample.
	span := 2*radius + 1
	hit := resized(tb.hit, n*span)
	clear(hit)
	tb.hit = hit
	for s := range n {
		for _, v := range cands[start[s]:start[s+1]] {
			lo := max(-radius, int(math.Ceil(v-trackTol-0.5)))
			hi := min(radius, int(math.Floor(v+trackTol+0.5)))
			for k := lo; k <= hi; k++ {
				hit[s*span+k+radius] = true
			}
		}
	}
	den := float64(max(n-1, 1))
	// The offset is shifted by radius+0.5 so that rounding is a
	// truncation of a positive number: this loop runs hundreds of
	// thousands of times per frame, and math.Round is a call in the
	// browser build.
	support := func(oa, ob float64, stride int) int {
		c := 0
		base, slope := oa+float64(radius)+0.5, (ob-oa)/den
		for s := 0; s < n; s += stride {
			if hit[s*span+int(base+slope*float64(s))] {
				c++
			}
		}
		return c
	}
	// The grid of lines is scored on every stride-th sample; the lines
	// scoring near the best are scored again on all of them.
	stride := max(1, n/64)
	// A line below 0.75 of the best so far is below 0.75 of the final
	// best too, so only the others are kept: a few dozen of the grid's
	// hundreds.
	found := tb.lines[:0]
	defer func() { tb.lines = found }()
	bestSup := 0
	for ia := -radius; ia <= radius; ia++ {
		for ib := max(-radius, ia-radius); ib <= min(radius, ia+radius); ib++ {
			c := support(float64(ia), float64(ib), stride)
			bestSup = max(bestSup, c)
			if c > 0 && float64(c) >= 0.75*float64(bestSup) {
				found = append(found, trackLine{float64(ia), float64(ib), c})
			}
		}
	}
	kept := found[:0]
	coarse := bestSup
	bestSup = 0
	for _, l := range found {
		if float64(l.sup) >= 0.75*float64(coarse) {
			l.sup = support(l.oa, l.ob, 1)
			kept = append(kept, l)
			bestSup = max(bestSup, l.sup)
		}
	}
	found = kept
	if bestSup < max(6, n/4) {
		return edgeLine{}, false
	}
	// Among the lines about as well supported as the best, the nearest
	// to the previous side (the first in grid order on a tie).
	var pick trackLine
	near := math.Inf(1)
	for _, l := range found {
		if d := math.Abs(l.oa) + math.Abs(l.ob); float64(l.sup) >= trackTie*float64(bestSup) && d < near {
			pick, near = l, d
		}
	}
	pts := tb.pts[:0]
	defer func() { tb.pts = pts }()
	for s := range n {
		o := pick.oa + (pick.ob-pick.oa)*float64(s)/den
		bd, bv := math.Inf(1), 0.0
		for _, v := range cands[start[s]:start[s+1]] {
			if d := math.Abs(v - o); d < bd {
				bd, bv = d, v
			}
		}
		if bd <= 2*trackTol {
			pts = append(pts, Point{centres[s].X + bv*sp.nx, centres[s].Y + bv*sp.ny})
		}
	}
	if len(pts) < max(6, n/4) {
		return edgeLine{}, false
	}
	return robustLineInto(pts, &tb.res)
}
