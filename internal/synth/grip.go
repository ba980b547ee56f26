package synth

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// gripDepth is how far past the side a gripping finger starts, and
// gripTip how far onto the document its tip lies, in finger radii: the
// finger runs from the hand behind the document over its border.
const (
	gripDepth = 4
	gripTip   = 1.5
)

// Grip draws n fingers of radius r (px) holding the document outlined by
// q by its side k (q[k]→q[k+1]): spread evenly along the side, each
// crossing it square from gripDepth radii outside to gripTip radii
// inside, as a hand pinching a card held up to the camera. Parts outside
// the frame are left out. It changes no ground truth, and returns an
// error for a side outside 0..3, n < 1, a radius Finger rejects or a
// degenerate side.
func (s *Scene) Grip(q vision.Quad, k, n int, r float64) error {
	if k < 0 || k > 3 || n < 1 {
		return fmt.Errorf("%w: grip of side %d with %d fingers", ErrBadScene, k, n)
	}
	a, b := q[k], q[(k+1)%4]
	l := math.Hypot(b.X-a.X, b.Y-a.Y)
	if !(l > 0) || math.IsInf(l, 0) {
		return fmt.Errorf("%w: grip of a degenerate side %v–%v", ErrBadScene, a, b)
	}
	// The side's normal, turned away from the outline's centre.
	nx, ny := -(b.Y-a.Y)/l, (b.X-a.X)/l
	cx, cy := (q[0].X+q[1].X+q[2].X+q[3].X)/4, (q[0].Y+q[1].Y+q[2].Y+q[3].Y)/4
	if (cx-(a.X+b.X)/2)*nx+(cy-(a.Y+b.Y)/2)*ny > 0 {
		nx, ny = -nx, -ny
	}
	for i := range n {
		t := float64(i+1) / float64(n+1)
		p := vision.Point{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)}
		from := vision.Point{X: p.X + gripDepth*r*nx, Y: p.Y + gripDepth*r*ny}
		to := vision.Point{X: p.X - gripTip*r*nx, Y: p.Y - gripTip*r*ny}
		if err := s.Finger(from, to, r); err != nil {
			return err
		}
	}
	return nil
}
