package vision

import (
	"math"
	"sort"
)

// The machine-readable zone (ICAO 9303) of passports and ID-card backs is
// the most regular print on a document: 2 rows of 44 (TD3) or 3 rows of
// 30 (TD1) OCR-B glyphs at a fixed pitch of 2.54 mm, parallel to the long
// side, at the bottom of the page. It stays visible where the page's own
// outline does not (a grey printed page on a newspaper, a side without
// contrast), and it gives the page's orientation, width and bottom edge.
// Finding it: dark glyph-sized blobs (findGlyphs), chains of them at a
// constant step (mrzRows), and two or three such chains side by side,
// equally long (mrzZones).

// glyph is one dark blob of glyph size: its centre and its size (the
// longer side of its bounding box).
type glyph struct {
	C Point
	S float64
}

// Glyph search parameters, on the working copy: the local mean is taken
// over a box of glyphWindow × the short side, and a pixel is print when
// it is glyphDark levels below it. Glyphs are between glyphMin px and
// glyphMax × the short side.
const (
	glyphWindow = 0.02
	glyphDark   = 20
	glyphMin    = 3
	glyphMax    = 0.04
)

// On an underexposed photo (mean grey below glyphDimPhoto) print lies as
// far below the paper relatively but a quarter as many levels (a page at
// 50, not 200), so a pixel is print when it is glyphDarkShare of the
// local mean below it, where that is less than glyphDark. Only there:
// the share on every page below 200 found stray zones on well-lit ones
// (short rows of regular print) that then misjudged their outlines. The
// dev set's underexposed photos measure a mean of 27-41 (one of 10), the
// next darkest 57 and more.
const (
	glyphDimPhoto  = 50
	glyphDarkShare = 0.1
)

// findGlyphs returns the dark blobs of glyph size of g: pixels clearly
// darker than their surroundings (an adaptive threshold on a box mean,
// relative on an underexposed photo), labelled into 4-connected blobs.
func findGlyphs(g *Gray) []glyph {
	w, h := g.W, g.H
	short := min(w, h)
	r := max(3, int(glyphWindow*float64(short)))
	sum := integral(g)
	share := 0.0 // 0: the absolute threshold alone
	if int(sum[len(sum)-1]) < glyphDimPhoto*w*h {
		share = glyphDarkShare
	}
	mask := make([]uint8, w*h)
	for y := range h {
		y0, y1 := max(0, y-r), min(h, y+r+1)
		for x := range w {
			x0, x1 := max(0, x-r), min(w, x+r+1)
			s := sum[y1*(w+1)+x1] - sum[y0*(w+1)+x1] - sum[y1*(w+1)+x0] + sum[y0*(w+1)+x0]
			n := (y1 - y0) * (x1 - x0)
			// p < mean − drop, times n.
			drop := glyphDark * n
			if share > 0 {
				drop = min(drop, int(share*float64(s)))
			}
			if int(g.Pix[y*w+x])*n < int(s)-drop {
				mask[y*w+x] = 1
			}
		}
	}
	maxS := max(glyphMin+1, int(glyphMax*float64(short)))
	var out []glyph
	for _, b := range FindBlobs(mask, w, h, 2) {
		bw, bh := b.Box.Dx(), b.Box.Dy()
		s := max(bw, bh)
		if s < glyphMin || s > maxS {
			continue
		}
		out = append(out, glyph{
			C: Point{float64(b.Box.X0+b.Box.X1) / 2, float64(b.Box.Y0+b.Box.Y1) / 2},
			S: float64(s),
		})
	}
	return out
}

// integral returns the (w+1)×(h+1) summed-area table of g; int32 holds
// the sum of a working copy (800 × 800 × 255 < 2³¹).
func integral(g *Gray) []int32 {
	w := g.W + 1
	sum := make([]int32, w*(g.H+1))
	for y := range g.H {
		row := int32(0)
		for x := range g.W {
			row += int32(g.Pix[y*g.W+x])
			sum[(y+1)*w+x+1] = sum[y*w+x+1] + row
		}
	}
	return sum
}

// glyphGrid buckets glyph centres for neighbour queries.
type glyphGrid struct {
	cell  float64
	cols  int
	rows  int
	cells [][]int
}

func newGlyphGrid(gl []glyph, w, h int, cell float64) *glyphGrid {
	gg := &glyphGrid{cell: cell, cols: int(float64(w)/cell) + 1, rows: int(float64(h)/cell) + 1}
	gg.cells = make([][]int, gg.cols*gg.rows)
	for i, g := range gl {
		c := gg.index(g.C)
		gg.cells[c] = append(gg.cells[c], i)
	}
	return gg
}

func (gg *glyphGrid) index(p Point) int {
	cx := min(gg.cols-1, max(0, int(p.X/gg.cell)))
	cy := min(gg.rows-1, max(0, int(p.Y/gg.cell)))
	return cy*gg.cols + cx
}

// near appends to buf the index of every glyph whose cell lies within r
// of p and returns it.
func (gg *glyphGrid) near(p Point, r float64, buf []int) []int {
	x0, x1 := int((p.X-r)/gg.cell), int((p.X+r)/gg.cell)
	y0, y1 := int((p.Y-r)/gg.cell), int((p.Y+r)/gg.cell)
	for cy := max(0, y0); cy <= min(gg.rows-1, y1); cy++ {
		for cx := max(0, x0); cx <= min(gg.cols-1, x1); cx++ {
			buf = append(buf, gg.cells[cy*gg.cols+cx]...)
		}
	}
	return buf
}

// mrzRow is a chain of glyphs at a constant step: its first and last
// glyph centres (along the fitted line), the step and the glyph count.
type mrzRow struct {
	A, B  Point
	Pitch float64
	Size  float64 // median glyph size
	N     int     // glyphs in the chain
	Steps int     // positions from first to last, missing glyphs included
	// Jitter is the RMS distance of the glyph centres from the fixed
	// pitch grid between the ends, in pitches.
	Jitter float64
}

// Row search: a row has at least rowMinSteps positions, at most one in
// rowMaxMiss of them empty and never two in a row; each glyph lies
// within rowTol of a step from where the chain predicts it; neighbours
// are rowMinStep..rowMaxStep glyph sizes apart and of similar size
// (rowSizeRatio). OCR-B glyphs are about 0.6 pitch wide and 1.0 high,
// so MRZ steps are ~1 glyph size; proportional print (a newspaper)
// breaks the constant step within a word or two.
const (
	rowMinSteps  = 24
	rowMaxMiss   = 8 // one in 8
	rowTol       = 0.22
	rowMinStep   = 0.6
	rowMaxStep   = 1.8
	rowSizeRatio = 2.0
	rowMaxPitch  = 1.6 // pitch over median glyph size
	rowMaxJitter = 0.08
	// rowShortChain: a failed chain shorter than this is prose; longer
	// ones may have entered an MRZ row at a wrong step (blocking their
	// glyphs as starts lost the dev set's broken rows at 24).
	rowShortChain = 6
)

// mrzRows returns the chains of glyphs at a constant step that are long
// enough for an MRZ row.
func mrzRows(gl []glyph, w, h int) []mrzRow {
	if len(gl) < rowMinSteps {
		return nil
	}
	maxS := 0.0
	for _, g := range gl {
		maxS = math.Max(maxS, g.S)
	}
	grid := newGlyphGrid(gl, w, h, rowMaxStep*maxS+1)
	// inRow marks glyphs of rows found; chained those of chains that
	// failed short (rowShortChain): a start among them grows the same
	// chain again (in prose nearly every glyph is in one), so they start
	// none.
	inRow := make([]bool, len(gl))
	chained := make([]bool, len(gl))
	var rows []mrzRow
	var near []int
	var rb rowBuffers
	for i := range gl {
		if inRow[i] || chained[i] {
			continue
		}
		a := gl[i]
		starts := near[:0]
		rb.cand = grid.near(a.C, rowMaxStep*a.S, rb.cand[:0])
		for _, j := range rb.cand {
			b := gl[j]
			d := b.C.Sub(a.C)
			if j == i || inRow[j] || d.X < 0 || (d.X == 0 && d.Y <= 0) {
				continue
			}
			dist := math.Hypot(d.X, d.Y)
			if dist >= rowMinStep*a.S && dist <= rowMaxStep*a.S && similarSize(a.S, b.S) {
				starts = append(starts, j)
			}
		}
		near = starts
		// Nearest first: a start two glyphs apart would chain every
		// other glyph.
		sort.Slice(starts, func(x, y int) bool { return gl[starts[x]].C.Dist(a.C) < gl[starts[y]].C.Dist(a.C) })
		for _, j := range starts {
			row, members, ok := growRow(gl, grid, i, j, &rb)
			if ok {
				for _, m := range members {
					inRow[m] = true
				}
				rows = append(rows, row)
				break
			}
			if len(members) < rowShortChain {
				for _, m := range members {
					chained[m] = true
				}
			}
		}
	}
	return rows
}

func similarSize(a, b float64) bool {
	return a <= rowSizeRatio*b && b <= rowSizeRatio*a
}

// member is a glyph of a chain and its position (step index).
type member struct {
	idx, pos int
}

// rowBuffers is the row search's working memory, reused from chain to
// chain: prose starts thousands of short chains.
type rowBuffers struct {
	cand    []int
	members []member
	idx     []int
}

// growRow extends the chain i→j both ways while glyphs keep appearing
// at the chain's step and returns it when it is long and regular enough;
// the chain's glyphs are returned either way, in rb (valid until the
// next call).
func growRow(gl []glyph, grid *glyphGrid, i, j int, rb *rowBuffers) (mrzRow, []int, bool) {
	members := append(rb.members[:0], member{i, 0}, member{j, 1})
	defer func() { rb.members = members }()
	taken := func(k int) bool {
		for _, m := range members {
			if m.idx == k {
				return true
			}
		}
		return false
	}
	// step is re-estimated from the chain's ends as it grows, so the
	// tolerance does not compound along 44 glyphs.
	step := func() Point {
		first, last := members[0], members[len(members)-1]
		d := gl[last.idx].C.Sub(gl[first.idx].C)
		n := float64(last.pos - first.pos)
		return Point{d.X / n, d.Y / n}
	}
	for _, dir := range [2]int{1, -1} {
		miss := 0
		for {
			d := step()
			end := members[len(members)-1]
			if dir < 0 {
				end = members[0]
			}
			pos := end.pos + dir*(miss+1)
			want := Point{gl[end.idx].C.X + float64(dir*(miss+1))*d.X, gl[end.idx].C.Y + float64(dir*(miss+1))*d.Y}
			tol := rowTol * math.Hypot(d.X, d.Y)
			best, bestD := -1, tol
			rb.cand = grid.near(want, tol, rb.cand[:0])
			for _, k := range rb.cand {
				if dd := gl[k].C.Dist(want); dd <= bestD && similarSize(gl[k].S, gl[end.idx].S) && !taken(k) {
					best, bestD = k, dd
				}
			}
			if best < 0 {
				miss++
				if miss > 1 {
					break
				}
				continue
			}
			miss = 0
			if dir > 0 {
				members = append(members, member{best, pos})
			} else {
				members = append(members, member{})
				copy(members[1:], members)
				members[0] = member{best, pos}
			}
		}
	}
	first, last := members[0], members[len(members)-1]
	steps := last.pos - first.pos + 1
	idx := rb.idx[:0]
	for _, mb := range members {
		idx = append(idx, mb.idx)
	}
	rb.idx = idx
	if steps < rowMinSteps || len(members)*rowMaxMiss < steps*(rowMaxMiss-1) {
		return mrzRow{}, idx, false
	}
	// Fit the row's line through all members (total least squares) and
	// place its ends on it.
	var m lineMoments
	sizes := make([]float64, len(members))
	for k, mb := range members {
		m.add(gl[mb.idx].C, 1)
		sizes[k] = gl[mb.idx].S
	}
	line := m.fit()
	u := line.Dir()
	pa, pb := gl[first.idx].C, gl[last.idx].C
	if (pb.X-pa.X)*u.X+(pb.Y-pa.Y)*u.Y < 0 {
		u = Point{-u.X, -u.Y}
	}
	proj := func(p Point) Point {
		dd := line.Dist(p)
		return Point{p.X - dd*line.N.X, p.Y - dd*line.N.Y}
	}
	a, b := proj(pa), proj(pb)
	sort.Float64s(sizes)
	row := mrzRow{
		A: a, B: b, Pitch: a.Dist(b) / float64(steps-1),
		Size: sizes[len(sizes)/2], N: len(members), Steps: steps,
	}
	// Jitter: how far the glyph centres sit from a fixed-pitch grid
	// seen in perspective (a quadratic in the position index fits it
	// closely along one row), RMS in pitches.
	ts := make([]float64, len(members))
	ks := make([]float64, len(members))
	for i, mb := range members {
		ts[i], ks[i] = line.T(gl[mb.idx].C), float64(mb.pos-first.pos)
	}
	row.Jitter = quadraticResidual(ks, ts) / row.Pitch
	if row.Pitch > rowMaxPitch*row.Size || row.Jitter > rowMaxJitter {
		return mrzRow{}, idx, false
	}
	return row, idx, true
}

// quadraticResidual returns the RMS residual of the least-squares fit
// y = a + b·x + c·x² (0 when the fit is degenerate).
func quadraticResidual(x, y []float64) float64 {
	var m [3][4]float64 // normal equations, augmented
	for i := range x {
		p := [3]float64{1, x[i], x[i] * x[i]}
		for r := range 3 {
			for c := range 3 {
				m[r][c] += p[r] * p[c]
			}
			m[r][3] += p[r] * y[i]
		}
	}
	for c := range 3 { // Gauss-Jordan with partial pivoting
		piv := c
		for r := c + 1; r < 3; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[piv][c]) {
				piv = r
			}
		}
		m[c], m[piv] = m[piv], m[c]
		if math.Abs(m[c][c]) < 1e-12 {
			return 0
		}
		for r := range 3 {
			if r == c {
				continue
			}
			f := m[r][c] / m[c][c]
			for k := c; k < 4; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	a, b, cc := m[0][3]/m[0][0], m[1][3]/m[1][1], m[2][3]/m[2][2]
	ss := 0.0
	for i := range x {
		d := y[i] - (a + b*x[i] + cc*x[i]*x[i])
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(x)))
}

// mrzZone is one to three MRZ rows side by side: U runs along the rows
// (first glyph to last), V across them from the first row to the last.
// A zone of one row is an MRZ whose other rows were not resolved (blur,
// glare, a small page).
type mrzZone struct {
	Rows  []mrzRow
	U, V  Point
	Pitch float64
}

// Zone search: rows of one zone are parallel within zoneCos, of equal
// pitch within zoneRatio, zoneMinSpace..zoneMaxSpace pitches apart (ICAO
// 9303 rows are ~2.4 pitches apart; TD1's first and last twice that) and
// overlap along U by zoneOverlap of the shorter. Rows closer than
// zoneSame pitches are one row found twice (a glyph split in two blobs
// starts a second chain).
const (
	zoneCos      = 0.995 // ~6°
	zoneRatio    = 0.2
	zoneMinSpace = 1.3
	zoneMaxSpace = 7
	zoneSame     = 0.5
	zoneOverlap  = 0.8
	loneRowSteps = 32
)

// mrzZones groups rows into zones of one to three rows, longest rows
// first.
func mrzZones(rows []mrzRow) []mrzZone {
	sort.Slice(rows, func(a, b int) bool { return rows[a].Steps > rows[b].Steps })
	var zones []mrzZone
	used := make([]bool, len(rows))
	for i := range rows {
		if used[i] {
			continue
		}
		used[i] = true
		z := []int{i}
		for j := i + 1; j < len(rows); j++ {
			if used[j] {
				continue
			}
			join := true
			for _, k := range z {
				rel := zoneRelation(rows[k], rows[j])
				if rel == sameRow {
					used[j] = true // a duplicate of a row already in the zone
				}
				if rel != nextRow {
					join = false
					break
				}
			}
			if join {
				used[j] = true
				z = append(z, j)
			}
		}
		// A lone row must be long: short runs of regular print occur in
		// prose by chance, two of them side by side hardly.
		if len(z) <= 3 && (len(z) > 1 || rows[i].Steps >= loneRowSteps) {
			zones = append(zones, newZone(rows, z))
		}
	}
	return zones
}

// rowRelation is how two rows lie to each other.
type rowRelation int

const (
	apart   rowRelation = iota // unrelated
	sameRow                    // one row found twice
	nextRow                    // rows of one MRZ
)

// zoneRelation tells whether rows a and b are rows of one MRZ, or one
// row found twice.
func zoneRelation(a, b mrzRow) rowRelation {
	ua, ub := unit(b.B.Sub(b.A)), unit(a.B.Sub(a.A))
	dot := ua.X*ub.X + ua.Y*ub.Y
	if math.Abs(dot) < zoneCos || math.Abs(a.Pitch-b.Pitch) > zoneRatio*math.Min(a.Pitch, b.Pitch) {
		return apart
	}
	if dot < 0 {
		b.A, b.B = b.B, b.A
	}
	la := lineFromPoints(a.A, a.B)
	ta0, ta1 := la.T(a.A), la.T(a.B)
	tb0, tb1 := la.T(b.A), la.T(b.B)
	lo, hi := math.Max(math.Min(ta0, ta1), math.Min(tb0, tb1)), math.Min(math.Max(ta0, ta1), math.Max(tb0, tb1))
	if hi-lo < zoneOverlap*math.Min(math.Abs(ta1-ta0), math.Abs(tb1-tb0)) {
		return apart
	}
	mid := Point{(b.A.X + b.B.X) / 2, (b.A.Y + b.B.Y) / 2}
	switch space := math.Abs(la.Dist(mid)) / a.Pitch; {
	case space < zoneSame:
		return sameRow
	case space >= zoneMinSpace && space <= zoneMaxSpace:
		return nextRow
	}
	return apart
}

// newZone builds the zone of rows z: rows ordered across, U from the
// longest row's direction.
func newZone(rows []mrzRow, z []int) mrzZone {
	u := unit(rows[z[0]].B.Sub(rows[z[0]].A))
	out := mrzZone{U: u, V: Point{-u.Y, u.X}}
	for _, k := range z {
		r := rows[k]
		if d := r.B.Sub(r.A); d.X*u.X+d.Y*u.Y < 0 {
			r.A, r.B = r.B, r.A
		}
		out.Rows = append(out.Rows, r)
		out.Pitch += r.Pitch / float64(len(z))
	}
	across := func(r mrzRow) float64 { return (r.A.X+r.B.X)*out.V.X + (r.A.Y+r.B.Y)*out.V.Y }
	sort.Slice(out.Rows, func(a, b int) bool { return across(out.Rows[a]) < across(out.Rows[b]) })
	return out
}

// unit returns p scaled to length 1 (p itself when it is zero).
func unit(p Point) Point {
	n := math.Hypot(p.X, p.Y)
	if n == 0 {
		return p
	}
	return Point{p.X / n, p.Y / n}
}

// findMRZ returns the machine-readable zones of g.
func findMRZ(g *Gray) []mrzZone {
	return mrzZones(mrzRows(findGlyphs(g), g.W, g.H))
}
