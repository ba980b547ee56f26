package synth

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Finger draws a finger over the scene: a capsule of radius r (px) from
// a to b, skin-coloured, darker towards its sides, with an anti-aliased
// outline, as a hand holding a document lays over the document's border.
// It changes no ground truth: the document's outline is where it was
// placed, hidden or not. It returns an error for a radius that is not
// positive and finite.
func (s *Scene) Finger(a, b vision.Point, r float64) error {
	if !(r > 0) || math.IsInf(r, 0) {
		return fmt.Errorf("%w: finger radius %v", ErrBadScene, r)
	}
	m := s.Img
	x0, x1 := int(math.Floor(math.Min(a.X, b.X)-r-1)), int(math.Ceil(math.Max(a.X, b.X)+r+1))
	y0, y1 := int(math.Floor(math.Min(a.Y, b.Y)-r-1)), int(math.Ceil(math.Max(a.Y, b.Y)+r+1))
	x0, y0 = max(x0, 0), max(y0, 0)
	x1, y1 = min(x1, m.W-1), min(y1, m.H-1)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			d := segmentDist(vision.Point{X: float64(x) + 0.5, Y: float64(y) + 0.5}, a, b)
			cover := math.Min(1, math.Max(0, r-d+0.5)) // anti-aliased outline
			if cover == 0 {
				continue
			}
			// Skin in indoor light, darker towards the finger's sides as
			// on a rounded body.
			c := mix(rgb{214, 160, 128}, rgb{150, 98, 72}, (d/r)*(d/r))
			i := 3 * (y*m.W + x)
			for k, v := range [3]uint8{c.r, c.g, c.b} {
				m.Pix[i+k] = uint8(math.Round(cover*float64(v) + (1-cover)*float64(m.Pix[i+k])))
			}
		}
	}
	return nil
}

// segmentDist is the distance from p to the segment a–b.
func segmentDist(p, a, b vision.Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}
