package vision

import (
	"math"
	"slices"
)

// Content spread: a document's print covers most of its face (text
// lines, the portrait, guilloche, a barcode on the back), while the
// small boxes a scene is full of carry one mark in one spot: a keyboard
// key's legend, a switch's label, a sticker's logo. The text-row
// measure cannot tell them apart, as it is relative to the interior's
// mean energy and one mark in a blank box is all rows. The spread is the
// share of an interior grid's cells holding at least a quarter of the
// strong cells' print energy; on the dev set every labelled document
// outline measures ≥ 0.35, the keyboard key the detector reported in a
// scene without a document 0.10.
const (
	spreadCellW = 8 // grid columns per cell of the text-row grid
	spreadCellH = 6 // grid rows per cell
	// spreadShare is the share of the strong cells' energy (the 90th
	// percentile) over which a cell counts as printed.
	spreadShare = 0.25
	// spreadNone is the spread under which an outline holds no document,
	// about halfway (geometrically) between the key and the least spread
	// document.
	spreadNone = 0.2
)

// contentSpread returns the share of q's interior cells that hold print
// (see spreadShare), on the text-row grid (rowGridW × rowGridH, margins
// left out); 0 for a degenerate quad.
func contentSpread(img *RGB, q Quad) float64 {
	m, err := WarpQuad(img, q, rowGridW, rowGridH)
	if err != nil {
		return 0
	}
	g := m.Gray()
	const nx = (rowGridW - 2*rowMarginX) / spreadCellW
	const ny = (rowGridH - 2*rowMarginY) / spreadCellH
	var cells [nx * ny]float64
	for cy := range ny {
		for cx := range nx {
			e := 0.0
			for y := rowMarginY + cy*spreadCellH; y < rowMarginY+(cy+1)*spreadCellH; y++ {
				row := g.Pix[y*rowGridW : (y+1)*rowGridW]
				up, down := g.Pix[(y-1)*rowGridW:y*rowGridW], g.Pix[(y+1)*rowGridW:(y+2)*rowGridW]
				for x := rowMarginX + cx*spreadCellW; x < rowMarginX+(cx+1)*spreadCellW; x++ {
					d := math.Abs(float64(row[x+1])-float64(row[x-1])) + math.Abs(float64(down[x])-float64(up[x]))
					// The same coring as the text rows, for two differences.
					if d >= 2*rowCoring {
						e += d
					}
				}
			}
			cells[cy*nx+cx] = e
		}
	}
	slices.Sort(cells[:]) // the count below does not need the cells' places
	strong := cells[9*len(cells)/10]
	if strong == 0 {
		return 0
	}
	n := 0
	for _, e := range cells {
		if e >= spreadShare*strong {
			n++
		}
	}
	return float64(n) / float64(len(cells))
}
