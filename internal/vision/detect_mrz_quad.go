package vision

import "math"

// mrzLayout places a page around its MRZ, in MRZ pitches (2.54 mm, ICAO
// 9303): the page's width and height, and the distance from the centre
// of the MRZ's last row to the page's bottom edge (dev-set passports
// measure 2–4, hence the snapping to a real line in snapToLine).
type mrzLayout struct {
	width, height, bottom float64
}

// The TD3 passport data page (125 × 88 mm, 2 × 44 glyphs) and the TD1
// card (85.6 × 54 mm, 3 × 30 glyphs).
func layoutTD3() mrzLayout { return mrzLayout{125 / 2.54, 88 / 2.54, 3} }
func layoutTD1() mrzLayout { return mrzLayout{85.6 / 2.54, 54 / 2.54, 1.5} }

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
	snapBottomIn  = 1.2 // bottom side: at least this far past the last row
	snapBottomOut = 3
	snapTop       = 6
	snapAcross    = 5
	snapCos       = 0.99 // ~8°
	snapOverlap   = 0.25 // share of the side the line's spans must cover
)

// mrzQuads returns the page outlines an MRZ zone implies, in the
// zone's coordinates: for each layout and each side of the rows the page
// may lie on (the rows alone do not tell which is the first), the
// outline the layout predicts and the one whose sides are moved to the
// strongest nearby line of lines.
func mrzQuads(z mrzZone, lines []edgeLine) []Quad {
	var out []Quad
	long := z.Rows[0]
	for _, r := range z.Rows {
		if r.Steps > long.Steps {
			long = r
		}
	}
	mid := Point{(long.A.X + long.B.X) / 2, (long.A.Y + long.B.Y) / 2}
	along := mid.X*z.U.X + mid.Y*z.U.Y
	for _, lay := range layoutsFor(z) {
		for _, sgn := range [2]float64{1, -1} {
			n := Point{sgn * z.V.X, sgn * z.V.Y}
			last := math.Inf(-1)
			for _, r := range z.Rows {
				c := (r.A.X+r.B.X)/2*n.X + (r.A.Y+r.B.Y)/2*n.Y
				last = math.Max(last, c)
			}
			p := z.Pitch
			// Sides as lines N·x = C, N pointing out of the page.
			bottom := edgeLine{N: n, C: last + lay.bottom*p}
			top := edgeLine{N: Point{-n.X, -n.Y}, C: -(last + (lay.bottom-lay.height)*p)}
			right := edgeLine{N: z.U, C: along + lay.width/2*p}
			left := edgeLine{N: Point{-z.U.X, -z.U.Y}, C: -(along - lay.width/2*p)}
			sides := [4]edgeLine{top, right, bottom, left}
			q, ok := quadOfSides(sides)
			if !ok {
				continue
			}
			out = append(out, q)
			windows := [4][2]float64{
				{-snapTop * p, snapTop * p},
				{-snapAcross * p, snapAcross * p},
				{-(lay.bottom - snapBottomIn) * p, snapBottomOut * p},
				{-snapAcross * p, snapAcross * p},
			}
			snapped, moved := sides, false
			for k := range sides {
				a, b := q[k], q[(k+1)%4]
				if l, ok := snapToLine(sides[k], a, b, windows[k], lines); ok {
					snapped[k], moved = l, true
				}
			}
			if sq, ok := quadOfSides(snapped); ok && moved {
				out = append(out, sq)
			}
		}
	}
	return out
}

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
// covers snapOverlap of it, the one with the largest weight.
func snapToLine(side edgeLine, a, b Point, window [2]float64, lines []edgeLine) (edgeLine, bool) {
	mid := Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
	length := a.Dist(b)
	best, found := edgeLine{}, false
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
		if cover < snapOverlap*length || (found && l.Weight <= best.Weight) {
			continue
		}
		best, found = l, true
	}
	return best, found
}

