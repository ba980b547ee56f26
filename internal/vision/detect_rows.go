package vision

import (
	"math"
	"slices"
)

// rowGridW × rowGridH is the grid an outline's interior is rectified to
// for the text-row measure, long side along x: at 60 rows an ID-1 card's
// text lines (~4 mm apart on 54 mm) are ~4 rows apart, still resolved.
const (
	rowGridW = 96
	rowGridH = 60
)

// rowMarginX and rowMarginY are the grid columns and rows left out at
// each side: an outline slightly off its true edge would otherwise bring
// that edge in, and an edge crossing the sampled columns from row to row
// reads as rows of text on a blank interior.
const (
	rowMarginX = 4
	rowMarginY = 3
)

// rowCoring is the smallest grey step counted as print: below it are
// sensor noise and the quantisation steps of a smooth gradient, whose
// pattern changes from row to row as text would.
const rowCoring = 3

// textRows measures how much the interior of q is organised in rows of
// text along its long side, as documents are: the upper quartile of the
// change of horizontal-gradient energy from one grid row to the next,
// relative to the mean energy. Text lines alternate with the blank space
// between them, so the energy jumps at every line's top and bottom (at
// more than a quarter of the rows for lines up to 8 rows apart); a photo,
// a poster, a keyboard key or a blank sheet has little or evenly spread
// energy, and a single line across a blank interior (a frame's inner
// edge) does not move the quartile. It returns 0 for a degenerate quad.
func textRows(img *RGB, q Quad) float64 {
	g, ok := rowGrid(img, q)
	if !ok {
		return 0
	}
	const w, h = rowGridW, rowGridH
	const rows = h - 2*rowMarginY
	var energy [rows]float64
	total := 0.0
	for r := range rows {
		line := g.Pix[(r+rowMarginY)*w : (r+rowMarginY+1)*w]
		e := 0.0
		for x := rowMarginX; x < w-rowMarginX; x++ {
			if d := math.Abs(float64(line[x+1]) - float64(line[x-1])); d >= rowCoring {
				e += d
			}
		}
		energy[r] = e / (w - 2*rowMarginX)
		total += energy[r]
	}
	var change [rows - 1]float64
	for r := range change {
		change[r] = math.Abs(energy[r+1] - energy[r])
	}
	slices.Sort(change[:])
	// +1 keeps a blank interior (no energy at all) from dividing by ~0.
	return change[3*len(change)/4] / (total/rows + 1)
}

// rowGrid returns q's interior in img rectified to the text-row grid
// (rowGridW × rowGridH grey pixels), its long side along x; ok is false
// for a degenerate quad.
func rowGrid(img *RGB, q Quad) (*Gray, bool) {
	if q[0].Dist(q[1])+q[2].Dist(q[3]) < q[1].Dist(q[2])+q[3].Dist(q[0]) {
		q = Quad{q[1], q[2], q[3], q[0]}
	}
	m, err := WarpQuad(img, q, rowGridW, rowGridH)
	if err != nil {
		return nil, false
	}
	return m.Gray(), true
}
