package vision

import (
	"math"
	"slices"
)

// Ink contrast: a document carries print, dark strokes on light paper
// (or light on a dark ground), so the strongest steps across its
// interior are a good part of its brightness even when it is dim, blurred
// or washed out. A scene's flat patterns framed by straight lines (a
// facade's tiles between two pilasters, a wall's panels) have only faint
// seams. inkContrast is the 99th percentile of the horizontal step on the
// text-row grid over the interior's mean grey (+1); on the dev set every
// labelled document outline measures ≥ 0.22 (a washed-out printed copy;
// blurred, dark and over-exposed cards ≥ 0.28), and the facade patch the
// detector reported in a scene without a document 0.148. inkNone sits
// between the two, nearer the facade: a faded copy must stay a document.
const inkNone = 0.18

// inkContrast returns the interior's ink contrast (see above) on the
// text-row grid, long side along x, margins left out; 0 for a degenerate
// quad.
func inkContrast(img *RGB, q Quad) float64 {
	g, ok := rowGrid(img, q)
	if !ok {
		return 0
	}
	const w, h = rowGridW, rowGridH
	steps := make([]float64, 0, (w-2*rowMarginX)*(h-2*rowMarginY))
	sum := 0.0
	for y := rowMarginY; y < h-rowMarginY; y++ {
		row := g.Pix[y*w : (y+1)*w]
		for x := rowMarginX; x < w-rowMarginX; x++ {
			steps = append(steps, math.Abs(float64(row[x+1])-float64(row[x-1])))
			sum += float64(row[x])
		}
	}
	slices.Sort(steps)
	return steps[99*len(steps)/100] / (sum/float64(len(steps)) + 1)
}
