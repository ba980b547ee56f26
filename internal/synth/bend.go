package synth

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// bendSeam is how far, in document pixels, each half of a bent document
// runs past the fold, so that the two halves' anti-aliased edges do not
// leave a seam of background between them.
const bendSeam = 1

// PlaceBent draws doc into the outline q (TL, TR, BR, BL) folded slightly
// across its middle, as a card bent between the fingers: the middles of
// its long sides move by bend times its height (|bend| ≤ 0.1) towards its
// bottom side (away from it when negative), so that each long side shows
// as two straight pieces meeting at an angle. Each half is mapped from its
// half of the document by its own homography. The ground truth stays q,
// the outline of the document's corners; the portrait is mapped through
// the half holding its centre. It returns an error for a bend out of
// range and for what Place rejects.
func (s *Scene) PlaceBent(doc *Document, q vision.Quad, bend, shadow float64) error {
	if doc == nil || doc.Img == nil {
		return fmt.Errorf("%w: nil document", ErrBadScene)
	}
	if !(math.Abs(bend) <= 0.1) {
		return fmt.Errorf("%w: bend %v", ErrBadScene, bend)
	}
	if q.Area() < 1 {
		return fmt.Errorf("%w: quad area %.2f", ErrBadScene, q.Area())
	}
	mid := func(a, b vision.Point) vision.Point { return vision.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2} }
	top, bottom := mid(q[0], q[1]), mid(q[3], q[2])
	dx, dy := bottom.X-top.X, bottom.Y-top.Y
	top = vision.Point{X: top.X + bend*dx, Y: top.Y + bend*dy}
	bottom = vision.Point{X: bottom.X + bend*dx, Y: bottom.Y + bend*dy}
	dw, dh := float64(doc.Img.W), float64(doc.Img.H)
	halves := [2]struct {
		scene vision.Quad
		x0    float64 // the half's left edge in the document
	}{
		{vision.Quad{q[0], top, bottom, q[3]}, 0},
		{vision.Quad{top, q[1], q[2], bottom}, dw / 2},
	}
	if shadow > 0 {
		s.shadow(q, shadow)
	}
	p := doc.Portrait
	pq := vision.Quad{{X: float64(p.X0), Y: float64(p.Y0)}, {X: float64(p.X1), Y: float64(p.Y0)},
		{X: float64(p.X1), Y: float64(p.Y1)}, {X: float64(p.X0), Y: float64(p.Y1)}}
	portraitHalf := 0
	if float64(p.X0+p.X1)/2 >= dw/2 {
		portraitHalf = 1
	}
	for k, h := range halves {
		docQ := vision.Quad{{X: h.x0, Y: 0}, {X: h.x0 + dw/2, Y: 0}, {X: h.x0 + dw/2, Y: dh}, {X: h.x0, Y: dh}}
		toScene, err := vision.HomographyFromQuads(docQ, h.scene)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrBadScene, err)
		}
		toDoc, err := vision.HomographyFromQuads(h.scene, docQ)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrBadScene, err)
		}
		// The drawn part runs bendSeam past the fold.
		lo, hi := math.Max(0, h.x0-bendSeam), math.Min(dw, h.x0+dw/2+bendSeam)
		region := vision.Quad{{X: lo, Y: 0}, {X: hi, Y: 0}, {X: hi, Y: dh}, {X: lo, Y: dh}}
		for i := range region {
			region[i] = toScene.Apply(region[i])
		}
		s.drawPart(doc, region, toDoc, (hi-lo)*dh)
		if k == portraitHalf {
			for i := range pq {
				pq[i] = toScene.Apply(pq[i])
			}
		}
	}
	s.Quads = append(s.Quads, q)
	s.Portraits = append(s.Portraits, pq)
	return nil
}
