package synth

import (
	"fmt"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// PrintedCopy returns doc as a grey print on office paper cut to the
// document's size, as in the DLC-2021 photos: every pixel becomes the
// paper's grey level paper scaled by the document's luma, and fade
// (0..1) lightens the print towards blank paper (1 leaves a blank
// sheet), as an over-exposed photo of a printout does. The portrait and
// the rounded corners stay where they are.
func PrintedCopy(doc *Document, paper uint8, fade float64) (*Document, error) {
	if doc == nil || doc.Img == nil {
		return nil, fmt.Errorf("%w: nil document", ErrBadScene)
	}
	if fade < 0 || fade > 1 {
		return nil, fmt.Errorf("%w: fade %g outside [0, 1]", ErrBadScene, fade)
	}
	out := *doc
	out.Img = vision.NewRGB(doc.Img.W, doc.Img.H)
	g := doc.Img.Gray()
	p := float64(paper)
	for i, l := range g.Pix {
		// Ink darkens the paper in proportion to the document's darkness.
		v := uint8(p * (1 - (1-fade)*(1-float64(l)/255)))
		out.Img.Pix[3*i], out.Img.Pix[3*i+1], out.Img.Pix[3*i+2] = v, v, v
	}
	return &out, nil
}

// NewPaleTable returns a w×h scene of a wood table washed out by light:
// Wood's grain and rings with their luma pulled to level (mean grey
// level) and their colour reduced to sat (0..1) of the wood's own, so
// that a grey printout of the same brightness differs from it mostly in
// hue, and faintly.
func NewPaleTable(w, h int, level uint8, sat float64, seed int64) *Scene {
	s := NewScene(w, h, Wood, seed)
	g := s.Img.Gray()
	mean := 0.0
	for _, l := range g.Pix {
		mean += float64(l)
	}
	if len(g.Pix) > 0 {
		mean /= float64(len(g.Pix))
	}
	shift := float64(level) - mean
	for i, l := range g.Pix {
		px := s.Img.Pix[3*i : 3*i+3 : 3*i+3]
		for c := range px {
			v := float64(l) + shift + sat*(float64(px[c])-float64(l))
			px[c] = uint8(min(255, max(0, v+0.5)))
		}
	}
	return s
}
