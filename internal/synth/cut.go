package synth

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Cut is a set of frame sides a document runs past.
type Cut uint8

// Frame sides for Cut.
const (
	CutLeft Cut = 1 << iota
	CutRight
	CutTop
	CutBottom
)

// cutSearchSteps is the bisection's number of halvings: 2^-40 of the
// search range is far below a pixel.
const cutSearchSteps = 40

// CutQuad returns the outline (TL, TR, BR, BL) of a document of the given
// aspect (width / height) turned by deg degrees in a w×h frame, running
// past the frame sides in cut and showing the share visible (0..1) of its
// area inside the frame, as a card held too close to the camera. One side
// or two adjacent sides: the document, its long side span of the frame's
// width (0 < span), is slid out across those sides from where it touches
// them.
// Two opposite sides (CutLeft|CutRight or CutTop|CutBottom): it stays
// centred and grows until the frame shows visible of it. It returns an
// error when no placement shows visible of the document.
func CutQuad(w, h int, aspect, span, deg, visible float64, cut Cut) (vision.Quad, error) {
	fw, fh := float64(w), float64(h)
	if w <= 0 || h <= 0 || !(aspect > 0) || !(span > 0) || !(visible > 0 && visible < 1) || cut == 0 || cut > CutLeft|CutRight|CutTop|CutBottom {
		return vision.Quad{}, fmt.Errorf("%w: cut %04b of a %dx%d frame at aspect %v, span %v, visible %v", ErrBadScene, cut, w, h, aspect, span, visible)
	}
	card := func(width, dx, dy float64) vision.Quad {
		hw, hh := width/2, width/aspect/2
		s, c := math.Sincos(deg * math.Pi / 180)
		var q vision.Quad
		for k, p := range [4]vision.Point{{X: -hw, Y: -hh}, {X: hw, Y: -hh}, {X: hw, Y: hh}, {X: -hw, Y: hh}} {
			q[k] = vision.Point{X: fw/2 + dx + c*p.X - s*p.Y, Y: fh/2 + dy + s*p.X + c*p.Y}
		}
		return q
	}
	shown := func(q vision.Quad) float64 { return vision.ClipArea(q[:], fw, fh) / q.Area() }
	var place func(t float64) vision.Quad // shows less of the card as t grows
	lo, hi := 0.0, 1.0
	switch cut {
	case CutLeft | CutRight:
		place = func(t float64) vision.Quad { return card(fw*(1+t), 0, 0) }
		hi = 4
	case CutTop | CutBottom:
		place = func(t float64) vision.Quad { return card(fh*aspect*(1+t), 0, 0) }
		hi = 4
	default:
		if cut&(CutLeft|CutRight) == CutLeft|CutRight || cut&(CutTop|CutBottom) == CutTop|CutBottom {
			return vision.Quad{}, fmt.Errorf("%w: cut %04b mixes opposite and adjacent sides", ErrBadScene, cut)
		}
		// From touching the cut sides, the document slides out across
		// them by t times its bounding box.
		width := span * fw
		var bw, bh float64
		for _, p := range card(width, 0, 0) {
			bw, bh = math.Max(bw, 2*math.Abs(p.X-fw/2)), math.Max(bh, 2*math.Abs(p.Y-fh/2))
		}
		if bw > fw || bh > fh {
			return vision.Quad{}, fmt.Errorf("%w: a %.0fx%.0f document does not fit the %dx%d frame", ErrBadScene, bw, bh, w, h)
		}
		var dx, dy, ux, uy float64
		if cut&CutLeft != 0 {
			dx, ux = (bw-fw)/2, -bw
		}
		if cut&CutRight != 0 {
			dx, ux = (fw-bw)/2, bw
		}
		if cut&CutTop != 0 {
			dy, uy = (bh-fh)/2, -bh
		}
		if cut&CutBottom != 0 {
			dy, uy = (fh-bh)/2, bh
		}
		place = func(t float64) vision.Quad { return card(width, dx+t*ux, dy+t*uy) }
	}
	if shown(place(lo)) < visible || shown(place(hi)) > visible {
		return vision.Quad{}, fmt.Errorf("%w: no placement shows %v of the document", ErrBadScene, visible)
	}
	for range cutSearchSteps {
		mid := (lo + hi) / 2
		if shown(place(mid)) > visible {
			lo = mid
		} else {
			hi = mid
		}
	}
	return place((lo + hi) / 2), nil
}
