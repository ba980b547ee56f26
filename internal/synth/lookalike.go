package synth

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Part names a region of a document whose colour a lookalike table takes.
type Part int

// Document parts for NewLookalikeScene.
const (
	// Header is the coloured band along the document's top edge.
	Header Part = iota
	// Paper is the printed ground along its other three edges.
	Paper
)

// String names the part.
func (p Part) String() string {
	if p == Header {
		return "header"
	}
	return "paper"
}

// NewLookalikeScene returns a w×h scene of wood grain tinted so that its
// mean colour lies delta 8-bit levels (on every channel; brighter or
// darker by seed) from the mean colour of doc's part: a card on a table
// of nearly its own colour, whose outer edge is fainter along that part
// than the lines printed inside it (header band, border, machine-readable
// zone). The grain keeps its contrast, so the edge's contrast varies
// along it as on a real table. It returns an error for a nil document or
// a negative delta.
func NewLookalikeScene(w, h int, doc *Document, part Part, delta float64, seed int64) (*Scene, error) {
	if doc == nil || doc.Img == nil || doc.Img.W < 1 || doc.Img.H < 1 {
		return nil, fmt.Errorf("%w: nil document", ErrBadScene)
	}
	if !(delta >= 0) {
		return nil, fmt.Errorf("%w: delta %v", ErrBadScene, delta)
	}
	s := NewScene(w, h, Wood, seed)
	target := partColour(doc, part)
	if newRand(seed, saltLookalike).IntN(2) == 0 {
		delta = -delta
	}
	var mean [3]float64
	n := float64(w * h)
	for i, v := range s.Img.Pix {
		mean[i%3] += float64(v) / n
	}
	for i, v := range s.Img.Pix {
		c := i % 3
		s.Img.Pix[i] = clamp8(float64(v) - mean[c] + target[c] + delta)
	}
	return s, nil
}

// partColour is the mean colour of a strip along doc's edge in part: the
// header band's rows above its title, or the paper between the left edge and the
// printed border below the band.
func partColour(doc *Document, part Part) [3]float64 {
	m := doc.Img
	lay := doc.Kind.layout()
	hb := int(lay.header * float64(m.H))
	// Above the band's title glyphs.
	r := vision.Rect{X0: m.W / 8, Y0: 1, X1: m.W * 7 / 8, Y1: max(2, hb/4)}
	if part == Paper {
		in := max(2, m.H*15/1000)
		r = vision.Rect{X0: 0, Y0: hb + in, X1: max(1, in), Y1: m.H - in}
	}
	r = clipRect(r, m.W, m.H)
	var sum [3]float64
	var n float64
	for y := r.Y0; y < r.Y1; y++ {
		for x := r.X0; x < r.X1; x++ {
			i := 3 * (y*m.W + x)
			for c := range 3 {
				sum[c] += float64(m.Pix[i+c])
			}
			n++
		}
	}
	if n == 0 {
		return [3]float64{128, 128, 128}
	}
	for c := range sum {
		sum[c] = math.Round(sum[c] / n)
	}
	return sum
}
