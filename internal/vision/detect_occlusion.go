package vision

import "math"

// Occluders: a card held in the hand has fingers across its sides, and
// there the side has no edge, which the score counts against the
// outline as if the side were missing. A finger is one object on both
// sides of the border, unlike the document inside it and unlike the
// background beyond it: a step without edge support where the colours
// just inside and just outside the side agree with each other and differ
// from both the outline's interior and the background next to the seen
// part of the side is hidden, not missing, and is left out of the side's
// support. A side that is mostly hidden is not excused: it is as likely
// a line through the background. Only the weakest-side factor of the
// score uses this (scoreHypothesis); set on the whole dev set (README).
const (
	occluderOffset = 6  // px (working copy) either side of the side where the colours are compared
	occluderSame   = 30 // colour distance under which inside and outside are one object
	occluderApart  = 60 // colour distance from the interior's mean over which the inside is not the document
	// occluderBackground is the colour distance from the background over
	// which the outside is not the background: less than occluderApart,
	// as a hand differs less from a wooden floor (~50) than from a card.
	occluderBackground = 40
	occluderNone       = 0.25 // step support under which a step may be hidden
	occluderClipped    = 235  // a channel this bright is glare or overexposure, not a finger
	maxOccluded        = 0.5  // largest share of a side's steps excused
)

// occlusionGrid is the grid an outline's interior is sampled on for its
// mean colour.
const occlusionGrid = 12

// interiorMean returns the mean colour of q's interior in img, sampled
// at the centres of an occlusionGrid² grid inset by one cell (samples
// outside the image are skipped); ok is false for a quad that cannot be
// mapped or that has no sample inside the image.
func interiorMean(img *RGB, q Quad) (mean [3]float64, ok bool) {
	h, err := HomographyFromQuads(Quad{{0, 0}, {1, 0}, {1, 1}, {0, 1}}, q)
	if err != nil {
		return mean, false
	}
	n := 0.0
	const cells = occlusionGrid + 2
	for y := 1; y <= occlusionGrid; y++ {
		for x := 1; x <= occlusionGrid; x++ {
			p := h.Apply(Point{(float64(x) + 0.5) / cells, (float64(y) + 0.5) / cells})
			c, in := pixelAt(img, p.X-0.5, p.Y-0.5)
			if !in {
				continue
			}
			for k := range 3 {
				mean[k] += c[k]
			}
			n++
		}
	}
	if n == 0 {
		return mean, false
	}
	for k := range mean {
		mean[k] /= n
	}
	return mean, true
}

// unhiddenSupport is sideSupport over the steps of a→b that no occluder
// hides (see the occluder constants), given the interior's mean colour;
// it returns plain sideSupport when more than maxOccluded of the steps
// would be excused. scratch holds the walk's supports when sp.memo does
// not serve it.
func unhiddenSupport(g *gradField, img *RGB, a, b Point, sp scoreParams, interior [3]float64, scratch *[]float64) float64 {
	s, _, _ := unhiddenSteps(g, img, a, b, sp, interior, scratch)
	return s
}

// unhiddenSteps is unhiddenSupport that also returns the number of steps
// walked and of those excused as hidden (0 when none are excused: too
// many would be, or the side is never seen).
func unhiddenSteps(g *gradField, img *RGB, a, b Point, sp scoreParams, interior [3]float64, scratch *[]float64) (support float64, n, hidden int) {
	var sum float64
	var sups []float64
	if memoSides && sp.memo.serves(g, img, a, b, sp) {
		w := sp.memo.walk(g, img, a, b, sp, scratch)
		sum, sups = w.sum, w.supports
	} else {
		*scratch = (*scratch)[:0]
		sum, _, _ = walkSide(g, img, a, b, sp, scratch)
		sups = *scratch
	}
	n = len(sups)
	if n == 0 {
		return 0, 0, 0
	}
	p := newSidePath(g.W, g.H, a, b, sp.step)
	// The background: the mean colour just outside the steps where the
	// side is seen.
	var bg [3]float64
	seen := 0.0
	for k, sup := range sups {
		if sup < 1-occluderNone {
			continue
		}
		x, y := p.at(k)
		if c, ok := pixelAt(img, x-occluderOffset*p.nx, y-occluderOffset*p.ny); ok {
			for k := range bg {
				bg[k] += c[k]
			}
			seen++
		}
	}
	if seen == 0 {
		return sum / float64(n), n, 0
	}
	for k := range bg {
		bg[k] /= seen
	}
	for k, sup := range sups {
		if sup < occluderNone && occluded(img, p.step(k, sup), interior, bg) {
			hidden++
			sum -= sup
		}
	}
	if hidden == 0 || float64(hidden) > maxOccluded*float64(n) {
		return sum / float64(n), n, 0
	}
	return sum / float64(n-hidden), n, hidden
}

// occluded reports whether step s looks hidden by an object lying across
// the side: the same colour occluderOffset px inside and outside, far
// from the interior's mean colour and from the background's.
func occluded(img *RGB, s sideStep, interior, background [3]float64) bool {
	in, ok1 := pixelAt(img, s.X+occluderOffset*s.NX, s.Y+occluderOffset*s.NY)
	out, ok2 := pixelAt(img, s.X-occluderOffset*s.NX, s.Y-occluderOffset*s.NY)
	if !ok1 || !ok2 {
		return false
	}
	if max(in[0], in[1], in[2]) >= occluderClipped {
		return false // glare or a washed-out border, not an object across it
	}
	return colourDist(in, out) < occluderSame && colourDist(in, interior) > occluderApart && colourDist(out, background) > occluderBackground
}

// pixelAt returns the colour of the pixel nearest (x, y) in pixel-centre
// coordinates; ok is false outside the image.
func pixelAt(img *RGB, x, y float64) (c [3]float64, ok bool) {
	xi, yi := int(math.Round(x)), int(math.Round(y))
	if xi < 0 || yi < 0 || xi >= img.W || yi >= img.H {
		return c, false
	}
	i := 3 * (yi*img.W + xi)
	return [3]float64{float64(img.Pix[i]), float64(img.Pix[i+1]), float64(img.Pix[i+2])}, true
}

// colourDist is the Euclidean distance between two RGB colours.
func colourDist(a, b [3]float64) float64 {
	dr, dg, db := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return math.Sqrt(dr*dr + dg*dg + db*db)
}

// occlusionCheck applies unhiddenSupport to the sides of one outline,
// measuring the interior's mean colour once, when a side first needs it.
type occlusionCheck struct {
	img   *RGB
	q     Quad
	mean  [3]float64
	state int // 0: not measured, 1: measured, -1: unmeasurable
	steps []float64
}

// wholeSide is the side support above which a side is taken as seen in
// full: hidden steps would change little, and the walk is saved.
const wholeSide = 0.9

// support returns the support of side a→b, whose plain sideSupport is s,
// with hidden steps left out when sp.hidden is set.
func (o *occlusionCheck) support(g *gradField, a, b Point, sp scoreParams, s float64) float64 {
	if !sp.hidden || s >= wholeSide || o.state < 0 {
		return s
	}
	if o.state == 0 {
		m, ok := interiorMean(o.img, o.q)
		if !ok {
			o.state = -1
			return s
		}
		o.mean, o.state = m, 1
	}
	steps := sp.steps
	if steps == nil {
		steps = &o.steps
	}
	return unhiddenSupport(g, o.img, a, b, sp, o.mean, steps)
}
