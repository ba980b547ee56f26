package vision

import "math"

// mrzLayout places a page around its MRZ, in MRZ pitches (2.54 mm, ICAO
// 9303): the page's width and height, and the distance from the centre
// of the MRZ's last row to the page's bottom edge. The 24 whole passport
// pages of the dev set with an MRZ found measure a median of 3.5 for that
// distance (1.6–5.0, hence the snapping to a real line in snapToLine),
// 48 for the width and 33.8 for the height (ICAO: 49.2 and 34.6).
type mrzLayout struct {
	width, height, bottom float64
	glyphs                float64 // glyphs per row
}

// The TD3 passport data page (125 × 88 mm, 2 × 44 glyphs) and the TD1
// card (85.6 × 54 mm, 3 × 30 glyphs).
func layoutTD3() mrzLayout { return mrzLayout{125 / 2.54, 88 / 2.54, 3.5, 44} }
func layoutTD1() mrzLayout { return mrzLayout{85.6 / 2.54, 54 / 2.54, 1.5, 30} }

// layoutsFor returns the page layouts a zone may belong to: three rows
// are TD1, two TD3, a long row TD3 and a lone short row either (its
// other glyphs may be lost).
func layoutsFor(z mrzZone) []mrzLayout {
	steps := 0
	for _, r := range z.Rows {
		steps = max(steps, r.Steps)
	}
	switch {
	case len(z.Rows) == 3:
		return []mrzLayout{layoutTD1()}
	case len(z.Rows) == 2 || steps > 34:
		return []mrzLayout{layoutTD3()}
	}
	return []mrzLayout{layoutTD3(), layoutTD1()}
}

// Snapping windows, in pitches: how far from the place the layout
// predicts a real line may take over each side.
const (
	snapBottomIn   = 1.2 // bottom side: at least this far past the last row
	snapBottomOut  = 3
	snapTop        = 6
	snapAcross     = 5
	snapCos        = 0.99 // ~8°
	snapOverlap    = 0.25 // share of the side the line's spans must cover
	snapMinSupport = 0.3  // weakest edge support a side is moved to
)

// projectOn returns the foot of p on l.
func projectOn(l *edgeLine, p Point) Point {
	d := l.Dist(p)
	return Point{p.X - d*l.N.X, p.Y - d*l.N.Y}
}

// mrzQuads returns the page outlines an MRZ zone implies, in the
// zone's coordinates (a w×h frame): for each layout, each placement
// along the rows (placements) and each side of the rows the page may lie
// on (the rows alone do not tell which is the first), the outline the
// layout predicts and the one whose sides are moved to the best
// supported nearby line of lines.
func mrzQuads(z mrzZone, w, h float64, lines []edgeLine, g *gradField, img *RGB, sp scoreParams) []Quad {
	var out []Quad
	for _, lay := range layoutsFor(z) {
		for _, pl := range placements(z, lay, w, h) {
			for _, sgn := range [2]float64{1, -1} {
				sides := pageSides(z, lay, pl, sgn)
				q, ok := quadOfSides(sides)
				if !ok {
					continue
				}
				out = append(out, q)
				if sq, ok := snapPage(sides, q, lay, pl, lines, g, img, sp); ok {
					out = append(out, sq)
				}
			}
		}
	}
	return out
}

// placement is a page's width and the position of its middle along the
// zone's rows (along U).
type placement struct{ width, centre float64 }

// placements returns where the page may lie along the rows: centred on
// the longest row at the pitch's width; for a row cut by the frame, from
// its seen end (the row is centred on the page, glyphs-1 pitches long);
// otherwise also at the row length's width when the two disagree (a
// chain that merged or missed glyphs).
func placements(z mrzZone, lay mrzLayout, w, h float64) []placement {
	long := z.Rows[0]
	for _, r := range z.Rows {
		if r.Steps > long.Steps {
			long = r
		}
	}
	tA, tB := long.A.X*z.U.X+long.A.Y*z.U.Y, long.B.X*z.U.X+long.B.Y*z.U.Y
	byPitch := lay.width * z.Pitch
	out := []placement{{byPitch, (tA + tB) / 2}}
	half := (lay.glyphs - 1) / 2 * z.Pitch
	cutA, cutB := nearFrame(long.A, z.Pitch, w, h), nearFrame(long.B, z.Pitch, w, h)
	if cutA {
		out = append(out, placement{byPitch, tB - half})
	}
	if cutB {
		out = append(out, placement{byPitch, tA + half})
	}
	if byLen := long.A.Dist(long.B) * lay.width / (lay.glyphs - 1); !cutA && !cutB && math.Abs(byLen-byPitch) > 0.08*byPitch {
		out = append(out, placement{byLen, (tA + tB) / 2})
	}
	return out
}

// pageSides returns the page's sides top, right, bottom, left as lines
// N·x = C with N pointing out of the page, for the page lying on the
// side of the rows opposite to sgn·V (its bottom edge beyond the row
// furthest along sgn·V). Height and bottom margin scale with the
// placement's width: a pitch read from a chain that merged glyphs would
// mislead them.
func pageSides(z mrzZone, lay mrzLayout, pl placement, sgn float64) [4]edgeLine {
	p := pl.width / lay.width
	n := Point{sgn * z.V.X, sgn * z.V.Y}
	last := math.Inf(-1)
	for _, r := range z.Rows {
		last = math.Max(last, (r.A.X+r.B.X)/2*n.X+(r.A.Y+r.B.Y)/2*n.Y)
	}
	return [4]edgeLine{
		{N: Point{-n.X, -n.Y}, C: -(last + (lay.bottom-lay.height)*p)},
		{N: z.U, C: pl.centre + pl.width/2},
		{N: n, C: last + lay.bottom*p},
		{N: Point{-z.U.X, -z.U.Y}, C: -(pl.centre - pl.width/2)},
	}
}

// snapPage moves each side of the predicted page q (sides as
// pageSides) to the best supported line of lines within its window,
// and returns the outline when at least one side moved.
func snapPage(sides [4]edgeLine, q Quad, lay mrzLayout, pl placement, lines []edgeLine, g *gradField, img *RGB, sp scoreParams) (Quad, bool) {
	p := pl.width / lay.width
	windows := [4][2]float64{
		{-snapTop * p, snapTop * p},
		{-snapAcross * p, snapAcross * p},
		{-(lay.bottom - snapBottomIn) * p, snapBottomOut * p},
		{-snapAcross * p, snapAcross * p},
	}
	moved := false
	for k := range sides {
		if l, ok := snapToLine(sides[k], q[k], q[(k+1)%4], windows[k], lines, g, img, sp); ok {
			sides[k], moved = l, true
		}
	}
	if !moved {
		return Quad{}, false
	}
	return quadOfSides(sides)
}

// nearFrame reports whether p lies within rowCut pitches of the edge of
// a w×h frame: a row ending there may run on beyond it.
func nearFrame(p Point, pitch, w, h float64) bool {
	m := rowCut * pitch
	return p.X < m || p.Y < m || p.X > w-m || p.Y > h-m
}

// rowCut is how close to the frame edge, in pitches, a row's end is taken
// as cut off by it.
const rowCut = 1.5

// quadOfSides returns the corners of the sides top, right, bottom, left
// (TL = left∩top, TR = top∩right, ...): side k runs from corner k to
// corner k+1.
func quadOfSides(s [4]edgeLine) (Quad, bool) {
	var q Quad
	for k := range 4 {
		p, ok := intersect(&s[(k+3)%4], &s[k])
		if !ok {
			return Quad{}, false
		}
		q[k] = p
	}
	return q, true
}

// snapToLine returns the line of lines, near-parallel to side (whose part
// between corners a and b is the predicted side), that lies within
// window (signed, outwards positive) of it at the side's middle and
// covers snapOverlap of it, the one with the best edge support between
// the predicted corners (a long line elsewhere, a newspaper's rule, must
// not win by its length) when that reaches snapMinSupport.
func snapToLine(side edgeLine, a, b Point, window [2]float64, lines []edgeLine, g *gradField, img *RGB, sp scoreParams) (edgeLine, bool) {
	mid := Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
	length := a.Dist(b)
	best, bestSup := edgeLine{}, snapMinSupport
	found := false
	for _, l := range lines {
		dot := l.N.X*side.N.X + l.N.Y*side.N.Y
		if math.Abs(dot) < snapCos {
			continue
		}
		off := -l.Dist(mid) // how far out the line lies from mid
		if dot < 0 {
			off = -off
		}
		if off < window[0] || off > window[1] {
			continue
		}
		t0, t1 := l.T(a), l.T(b)
		if t0 > t1 {
			t0, t1 = t1, t0
		}
		cover := 0.0
		for _, s := range l.Spans {
			cover += math.Max(0, math.Min(s.T1, t1)-math.Max(s.T0, t0))
		}
		if cover < snapOverlap*length {
			continue
		}
		pa, pb := projectOn(&l, a), projectOn(&l, b)
		if sup, n := sideSupport(g, img, pa, pb, sp); n >= 1 && sup > bestSup {
			best, bestSup, found = l, sup, true
		}
	}
	return best, found
}
