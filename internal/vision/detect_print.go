package vision

import (
	"math"
	"slices"
)

// Printed copies: a document printed in grey on office paper and cut out
// (the DLC-2021 photos) lies on a table with no physical card edge: the
// paper's border against the table is a faint, often washed-out step in
// brightness, weaker than the wood grain or the newspaper under it, so
// the outline scores under minDocScore (its sides measure 0.1–0.4 on the
// dev set's misses). What sets the paper apart is its colour: print and
// paper are grey, while a table, a newspaper under warm light, wood, all
// carry some hue. On the chroma plane (max − min of R, G, B, stretched to
// the image's own range) the sheet is a crisp dark rectangle whatever its
// brightness. When the first passes find nothing, the detector runs the
// line-based search once more on that plane and reports its best outline
// if it is crisp there (printMinScore) and reads as a document in the
// photo itself: text rows (rowsFull, as for the weak portrait holder),
// print spread over it, no frame or picture (notDocument), no face filling
// it (a person's photo).
const (
	// printMinScore is the weakest score, measured on the chroma plane,
	// of a printed copy's outline: the same bar as a card's on the photo.
	printMinScore = minDocScore
	// copyRows is the text-row measure a printed copy must reach.
	copyRows = rowsFull
	// printLow and printHigh are the percentiles of the chroma plane
	// stretched to 0 and 255: a washed-out photo's hues span a few levels.
	printLow, printHigh = 0.001, 0.98
	// printMinRange is the narrowest chroma range (8-bit levels, between
	// printLow and printHigh) stretched: below it the photo is grey
	// throughout (a grayscale scan) and the plane is only noise.
	printMinRange = 12
	// printVisible is the least share of a printed copy's outline inside
	// the frame: the search is for whole sheets, as a faint border leaves
	// too little to place one that runs off the photo, and an outline
	// past the frame on the chroma plane is the table's light falloff.
	printVisible = 0.97
	// printInset and printRing place sheetMedians' samples: inside, a
	// margin of the outline's size from each side; outside, a ring this
	// far past each side (shares of the outline's size).
	printInset, printRing = 0.1, 0.08
	// printGreyer bounds a sheet's median chroma (on the plane) by this
	// share of its surroundings': paper is grey, the table is not (on the
	// dev set, a printed passport on a newspaper and a table: 79 against
	// 148; a dim card on a newspaper: 188 against 233).
	printGreyer = 0.85
	// printPaper bounds a sheet's median luma from below by this share of
	// its surroundings': paper is white, printed on or not, and no darker
	// than the table under the same light (the printed passport: 1.02),
	// while the dark parts of a scene that stand out on the chroma plane
	// are not paper (black chips on a green circuit board: 0.30).
	printPaper = 0.75
)

// chromaPlane returns work's chroma (max − min of R, G, B per pixel),
// stretched linearly so that its printLow and printHigh percentiles map
// to 0 and 255, as a grey RGB image the detector's stages take; ok is
// false when the photo carries almost no colour (printMinRange).
func chromaPlane(work *RGB) (out *RGB, ok bool) {
	n := work.W * work.H
	if n == 0 || len(work.Pix) < 3*n {
		return nil, false
	}
	c := make([]uint8, n)
	var hist [256]int
	for i := range c {
		p := work.Pix[3*i : 3*i+3 : 3*i+3]
		v := max(p[0], p[1], p[2]) - min(p[0], p[1], p[2])
		c[i] = v
		hist[v]++
	}
	lo, hi := histPercentile(&hist, n, printLow), histPercentile(&hist, n, printHigh)
	if hi-lo < printMinRange {
		return nil, false
	}
	var lut [256]uint8
	for v := range lut {
		lut[v] = uint8(math.Round(255 * math.Sqrt(clampFloat(float64(v-lo)/float64(hi-lo), 1))))
	}
	out = NewRGB(work.W, work.H)
	for i, v := range c {
		s := lut[v]
		out.Pix[3*i], out.Pix[3*i+1], out.Pix[3*i+2] = s, s, s
	}
	return out, true
}

// histPercentile returns the smallest level whose cumulative count in
// hist (n values in all) reaches share of n.
func histPercentile(hist *[256]int, n int, share float64) int {
	want, acc := int(math.Ceil(share*float64(n))), 0
	for v, k := range hist {
		acc += k
		if acc >= want {
			return v
		}
	}
	return 255
}

// printedCopy returns, as the only pick, the best-scoring outline found
// on work's chroma plane (chromaPlane) when it scores at least
// printMinScore there and its interior in work reads as a document
// (isPrintedCopy); nil otherwise. It is the detector's last look, taken
// only when the photo's own edges gave nothing: most photos never pay
// for it.
func printedCopy(work *RGB, hp hypoParams, sp scoreParams, cfg detectConfig) []hypothesis {
	plane, ok := chromaPlane(work)
	if !ok {
		return nil
	}
	short := math.Min(hp.W, hp.H)
	g := colorGradient(plane)
	segs := findSegments(g, segmentParams{minMag: 4, minLen: math.Max(8, 0.025*short)})
	segs = append(segs, coarseSegments(plane, short)...)
	lines := groupLines(segs, 2)
	hp.Buf = nil
	hyps := enumerateHypotheses(lines, hp)
	sp.memo = nil // the memo remembers walks on the photo's gradient
	scoreAll(g, plane, hyps, hp, sp)
	best := -1
	for i, h := range hyps {
		if h.Score >= printMinScore && h.Visible >= printVisible && (best < 0 || h.Score > hyps[best].Score) {
			best = i
		}
	}
	var pick hypothesis
	switch {
	case best >= 0:
		pick = hyps[best]
	default:
		// No outline on the plane: a sheet seen as a region only.
		regions := sheetRegions(plane, hp)
		if len(regions) == 0 || regions[0].Visible < printVisible {
			return nil
		}
		pick = regions[0]
		scoreHypothesis(g, plane, &pick, hp, sp)
	}
	// The winner is rejected, not replaced (as in keepDocuments): the
	// next outline in a scene of posters is another poster.
	if !isPrintedCopy(work, plane, pick, cfg) {
		return nil
	}
	return []hypothesis{pick}
}

// isPrintedCopy reports whether h, found on work's chroma plane plane,
// is a sheet of paper with a document printed on it: greyer than the
// table around it (printGreyer) and no darker (printPaper), and its
// interior in work reads as a document: text rows, print spread over it,
// no framed picture, no face filling it.
func isPrintedCopy(work, plane *RGB, h hypothesis, cfg detectConfig) bool {
	cin, cout, ok := sheetMedians(plane.Gray(), h.Q)
	if !ok || cin > printGreyer*cout {
		return false
	}
	lin, lout, _ := sheetMedians(work.Gray(), h.Q)
	if lin < printPaper*lout {
		return false
	}
	return textRows(work, h.Q) >= copyRows && !notDocument(work, h) && !cfg.portrait.framesFace(h.Q)
}

// bilinearAt returns the point at (u, v) of q's bilinear parametrisation
// (q[0] at 0,0, q[1] at 1,0, q[2] at 1,1, q[3] at 0,1); u, v outside
// [0, 1] extend it past the sides.
func bilinearAt(q Quad, u, v float64) Point {
	a, b := (1-u)*(1-v), u*(1-v)
	c, d := u*v, (1-u)*v
	return Point{a*q[0].X + b*q[1].X + c*q[2].X + d*q[3].X, a*q[0].Y + b*q[1].Y + c*q[2].Y + d*q[3].Y}
}

// sheetMedians returns the median of g inside q (a grid over its middle,
// printInset from each side) and in a ring around it (printRing past
// each side, the parts outside the frame left out); ok is false when
// the ring lies wholly outside the frame.
func sheetMedians(g *Gray, q Quad) (in, out float64, ok bool) {
	const n = 12
	var ins, outs []float64
	sample := func(dst []float64, p Point) []float64 {
		x, y := int(p.X), int(p.Y)
		if p.X < 0 || p.Y < 0 || x >= g.W || y >= g.H {
			return dst
		}
		return append(dst, float64(g.Pix[y*g.W+x]))
	}
	for i := range n {
		t := (float64(i) + 0.5) / n
		for j := range n {
			s := printInset + (1-2*printInset)*(float64(j)+0.5)/n
			ins = sample(ins, bilinearAt(q, t*(1-2*printInset)+printInset, s))
		}
		outs = sample(outs, bilinearAt(q, t, -printRing))
		outs = sample(outs, bilinearAt(q, t, 1+printRing))
		outs = sample(outs, bilinearAt(q, -printRing, t))
		outs = sample(outs, bilinearAt(q, 1+printRing, t))
	}
	if len(ins) == 0 || len(outs) == 0 {
		return 0, 0, false
	}
	slices.Sort(ins)
	slices.Sort(outs)
	return ins[len(ins)/2], outs[len(outs)/2], true
}
