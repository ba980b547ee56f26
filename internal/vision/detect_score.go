package vision

import (
	"math"
	"runtime"
)

// scoreParams tunes the full score of a hypothesis.
type scoreParams struct {
	edgeMin float64 // projected gradient below this is noise, no support
	edgeMag float64 // projected gradient counted as full support
	probe   int     // search ±probe px across a side for its edge
	step    int     // walk the sides every step px (0 or 1: every pixel)
	hidden  bool    // leave steps hidden by occluders out of the weakest side (detect_occlusion.go)
	// steps is the occluder test's working memory (a walk's supports),
	// reused from outline to outline within one detection (nil: each
	// outline allocates).
	steps *[]float64
	// memo, when set, remembers the side walks of one detection
	// (detect_sidememo.go; nil: every side is walked).
	memo *sideMemo
}

// stepSupport is the colour step across a side counted as full contrast
// support, in 8-bit levels between the bands at ±stepOffset px.
const (
	stepMin    = 6
	stepFull   = 18
	stepOffset = 4
)

// overshoot is how far past each corner a side's line is checked for
// continuing edge, as a fraction of the side's length, and
// overshootWeight how much continuing edge costs.
const (
	overshoot       = 0.15
	overshootWeight = 0.3
)

// sideSupport walks the in-frame part of segment a→b and returns the mean
// support: at each step the strongest gradient within ±probe px across
// the side whose normal agrees with the side's, ramped from edgeMin
// (nothing) to edgeMag (full support). Returns the in-frame length too.
//
// Each step's gradient support is capped by the colour step between the
// two sides (±stepOffset px): a document border is a step between two
// regions, while a printed line or a box's fold has the same colour on
// both sides.
func sideSupport(g *gradField, img *RGB, a, b Point, sp scoreParams) (support, length float64) {
	var sum float64
	var n int
	if memoSides && sp.memo.serves(g, img, a, b, sp) {
		w := sp.memo.walk(g, img, a, b, sp, sp.steps)
		sum, n, length = w.sum, w.n, w.length
	} else {
		sum, n, length = walkSide(g, img, a, b, sp, nil)
	}
	if n == 0 {
		return 0, length
	}
	return sum / float64(n), length
}

// sideStep is one step of a side walk: the pixel-centre position, the
// side's unit normal (pointing into a clockwise quad) and the support.
type sideStep struct{ X, Y, NX, NY, Support float64 }

// sidePath is where a walk of the in-frame part of a→b steps: the k-th
// step is at at(k), and there are n of them (0 when the in-frame part is
// shorter than a pixel). The occluder test (detect_occlusion.go) revisits
// a walk's steps from the path and the recorded supports alone.
type sidePath struct {
	a              Point
	ux, uy, nx, ny float64
	start          float64 // the in-frame part's start along a→b, px
	stride, n      int
	length         float64 // the in-frame part's length, px
}

// newSidePath is the path of the walk of a→b in a w×h field every step
// px (0 or 1: every pixel).
func newSidePath(w, h int, a, b Point, step int) sidePath {
	t0, t1, ok := clippedT(a, b, float64(w), float64(h))
	if !ok {
		return sidePath{}
	}
	full := a.Dist(b)
	p := sidePath{a: a, length: (t1 - t0) * full, stride: max(step, 1)}
	if p.length < 1 {
		return p
	}
	p.ux, p.uy = (b.X-a.X)/full, (b.Y-a.Y)/full
	p.nx, p.ny = -p.uy, p.ux
	p.start = t0 * full
	steps := int(p.length)
	p.n = (steps + p.stride - 1) / p.stride
	return p
}

// at is the pixel-centre position of the k-th step.
func (p *sidePath) at(k int) (x, y float64) {
	t := p.start + float64(k*p.stride) + 0.5
	return p.a.X + p.ux*t - 0.5, p.a.Y + p.uy*t - 0.5
}

// step is the k-th step with its support.
func (p *sidePath) step(k int, support float64) sideStep {
	x, y := p.at(k)
	return sideStep{x, y, p.nx, p.ny, support}
}

// walkSide walks the in-frame part of a→b one pixel at a time (see
// sideSupport) and returns the sum of the steps' supports, their number
// and the in-frame length; when rec is not nil it appends every step's
// support to *rec (the steps themselves are newSidePath's).
func walkSide(g *gradField, img *RGB, a, b Point, sp scoreParams, rec *[]float64) (sum float64, n int, length float64) {
	p := newSidePath(g.W, g.H, a, b, sp.step)
	if p.n == 0 {
		return 0, 0, p.length
	}
	nx, ny := p.nx, p.ny
	// The field's planes and sizes in locals: under wasm each use of a
	// field through g is a load, in the innermost loop of the scoring.
	// Bounds: the probes below keep to the inner pixels, and the planes
	// are re-sliced to hold them all (unchecked.go).
	gw, gh := g.W, g.H
	mag, nxs, nys := base(g.Mag[:gw*gh]), base(g.NX[:gw*gh]), base(g.NY[:gw*gh])
	set := base(g.set[:(gw*gh+63)/64])
	nx32, ny32 := float32(nx), float32(ny)
	// A step's support saturates at edgeMag (ramp is 1 from there on
	// when edgeMag > edgeMin): once a probe reaches it, the probes left
	// cannot change the step. A third of the probes of a recompression's
	// detections came after that (desk 12 MP: 0.83 of 2.50 M; desk
	// 100 MP, on the DC image: 0.64 of 1.86 M).
	full := math.Inf(1)
	if sp.edgeMag > sp.edgeMin {
		full = sp.edgeMag
	}
	for st := range p.n {
		px, py := p.at(st)
		best := float32(0)
	probes:
		for k := -sp.probe; k <= sp.probe; k++ {
			// Rounding by truncation is exact here: anything that would
			// round below 1 is rejected just below.
			x := int(px + float64(k)*nx + 0.5)
			y := int(py + float64(k)*ny + 0.5)
			if x < 1 || y < 1 || x >= gw-1 || y >= gh-1 {
				continue
			}
			i := y*gw + x
			// Most pixels are below the field's floor, zero: no normal
			// to read. The mask says so from cache, where the
			// magnitude's load missed it (walkSide's costliest line in
			// a profile of Check over the dev photos).
			if loadU64(set, i>>6)&(1<<(i&63)) == 0 {
				continue
			}
			mi := loadF32(mag, i)
			proj := loadF32(nxs, i)*nx32 + loadF32(nys, i)*ny32
			if proj < 0 {
				proj = -proj
			}
			if proj < 0.9 {
				continue
			}
			if m := mi * proj; m > best {
				best = m
				if float64(m) >= full {
					break probes
				}
			}
		}
		gs := ramp(float64(best), sp.edgeMin, sp.edgeMag)
		if gs > 0 {
			gs = fmin(gs, stepContrast(img, px, py, nx, ny))
		}
		sum += gs
		if rec != nil {
			*rec = append(*rec, gs)
		}
	}
	return sum, p.n, p.length
}

// scoreHypothesis sets h.Score from edge support along the sides seen in
// the frame, the weakest side's support (a document needs all its sides,
// though a finger may hide part of one), the shape prior, and mild
// preferences for outlines inside the frame and for larger documents.
func scoreHypothesis(g *gradField, img *RGB, h *hypothesis, hp hypoParams, sp scoreParams) {
	scoreHypothesisAbove(g, img, h, hp, sp, 0)
}

// scoreHypothesisAbove is scoreHypothesis for a caller that only needs
// the scores of at least floor. Walking the sides, it stops as soon as
// the score cannot reach floor even if every side left had full support
// (and no overshoot), and skips the overshoot walks, two per side, when
// the score without their penalty (a factor of at most 1) is below
// floor; h.Score is then that upper bound, still below floor.
func scoreHypothesisAbove(g *gradField, img *RGB, h *hypothesis, hp hypoParams, sp scoreParams, floor float64) {
	var sum, tot, over, overTot float64
	minSup := 1.0
	occ := occlusionCheck{img: img, q: h.Q}
	area := ClipArea(h.Q[:], hp.W, hp.H) / (hp.W * hp.H)
	size := sizePrior(area)
	vis := inFramePrior(h.Visible)
	if h.extrapol {
		vis *= 0.92
	}
	shape := shapePrior(h.Q, hp)
	// Each side's length (a call per use in the browser build), and the
	// length of the sides after it, which bounds what they can add.
	var full, after [4]float64
	for k := range 4 {
		full[k] = h.Q[k].Dist(h.Q[(k+1)%4])
	}
	after[2] = full[3]
	after[1] = after[2] + full[2]
	after[0] = after[1] + full[1]
	var sides [4]float64 // each seen side's length, 0 when not seen
	for k := range 4 {
		a, b := h.Q[k], h.Q[(k+1)%4]
		s, l := sideSupport(g, img, a, b, sp)
		if l >= 1 {
			sum += s * l
			tot += l
			side := full[k]
			sides[k] = side
			if l > 0.2*side {
				// Fingers across a side hide it, they do not remove it.
				minSup = math.Min(minSup, occ.support(g, a, b, sp, s))
			}
		}
		// The best the score can still be: the sides left fully
		// supported over their whole length (their in-frame part is no
		// longer, and the mean support is at most 1), minSup no lower,
		// no overshoot and no border penalty; with a margin for rounding.
		if rest := after[k]; floor > 0 && k < 3 && tot+rest > 0 {
			if bound := (sum + rest) / (tot + rest) * (0.4 + 0.6*minSup) * shape * size * vis * (1 + 1e-9); bound < floor {
				h.Score = bound
				return
			}
		}
	}
	if tot == 0 {
		h.Score = 0
		return
	}
	edge := sum / tot
	if h.extrapol {
		// A document that runs off the frame keeps its sides up to the
		// frame edge; a box whose sides stop short is not one.
		vis *= borderReach(g, img, h, hp, sp)
	}
	if bound := edge * (0.4 + 0.6*minSup) * 1 * shape * size * vis; bound < floor {
		h.Score = bound
		return
	}
	for k, side := range sides {
		if side == 0 {
			continue
		}
		// The side's line continued past both corners: a document's
		// border ends at its corners (rounded ones curve away), while an
		// outline built from a longer line (a stripe, a box, the card's
		// own edge for an inner rectangle) keeps finding edge there.
		for _, e := range overshootEnds(h.Q[k], h.Q[(k+1)%4], side) {
			if os, ol := sideSupport(g, img, e[0], e[1], sp); ol > 2 {
				over += os * ol
				overTot += ol
			}
		}
	}
	ov := 0.0
	if overTot > 0 {
		ov = over / overTot
	}
	h.Score = edge * (0.4 + 0.6*minSup) * (1 - overshootWeight*ov) * shape * size * vis
}

// inFramePrior is the score's preference for outlines in the frame, by
// the share visible: most photos show the whole document, and an outline
// mostly outside the frame is more often a desk edge than a document.
func inFramePrior(visible float64) float64 {
	return 1 - 0.5*math.Max(0, 0.92-visible)
}

// overshootEnds returns the continuations of side a→b past its corners
// that scoreHypothesis checks for edge: from 2 % to 100 % of overshoot
// times the side's length beyond a and beyond b; side is a.Dist(b), which
// the caller has at hand.
func overshootEnds(a, b Point, side float64) [2][2]Point {
	ext := overshoot * side
	u := Point{(b.X - a.X) / side, (b.Y - a.Y) / side}
	return [2][2]Point{
		{Point{a.X - 0.02*ext*u.X, a.Y - 0.02*ext*u.Y}, Point{a.X - ext*u.X, a.Y - ext*u.Y}},
		{Point{b.X + 0.02*ext*u.X, b.Y + 0.02*ext*u.Y}, Point{b.X + ext*u.X, b.Y + ext*u.Y}},
	}
}

// colourStep is the colour distance between the pixels stepOffset px on
// either side of (x, y) along the normal (nx, ny), in pixel-centre
// coordinates; it is stepFull when either lies outside the image.
func colourStep(img *RGB, x, y, nx, ny float64) float64 {
	d2, ok := colourStep2(img, x, y, nx, ny)
	if !ok {
		return stepFull // at the frame border the step is unknown: do not penalise
	}
	return math.Sqrt(float64(d2))
}

// stepContrast is ramp(colourStep(img, x, y, nx, ny), stepMin, stepFull),
// the contrast cap of one side step, without the square root where the
// ramp is flat: the root of a whole number at or past stepFull² is at or
// past stepFull (the root of a square is exact and rounding keeps order),
// so the ramp is 1, and at or below stepMin² it is 0.
func stepContrast(img *RGB, x, y, nx, ny float64) float64 {
	d2, ok := colourStep2(img, x, y, nx, ny)
	switch {
	case !ok || d2 >= stepFull*stepFull:
		return 1
	case d2 <= stepMin*stepMin:
		return 0
	}
	return ramp(math.Sqrt(float64(d2)), stepMin, stepFull)
}

// colourStep2 is colourStep squared, in integers; ok is false when either
// pixel lies outside the image.
func colourStep2(img *RGB, x, y, nx, ny float64) (d2 int32, ok bool) {
	fx0, fy0 := x+stepOffset*nx, y+stepOffset*ny
	fx1, fy1 := x-stepOffset*nx, y-stepOffset*ny
	var x0, y0, x1, y1 int
	if runtime.GOARCH != "wasm" && smallCoord(fx0) && smallCoord(fy0) && smallCoord(fx1) && smallCoord(fy1) {
		// roundInt's native path, inlined: roundInt is too large to
		// inline, and its four calls were ~60 % of colourStep2's time
		// in a profile of Check over the dev photos.
		x0, y0, x1, y1 = roundSmall(fx0), roundSmall(fy0), roundSmall(fx1), roundSmall(fy1)
	} else {
		x0, y0, x1, y1 = roundInt(fx0), roundInt(fy0), roundInt(fx1), roundInt(fy1)
	}
	if x0 < 0 || y0 < 0 || x1 < 0 || y1 < 0 || x0 >= img.W || x1 >= img.W || y0 >= img.H || y1 >= img.H {
		return 0, false
	}
	i, j := 3*(y0*img.W+x0), 3*(y1*img.W+x1)
	// 3-byte slices: one bounds check per pixel rather than per byte.
	// The squared distance in integers (at most 3·255², exact in
	// float64 as before): three conversions where the float differences
	// took six.
	p, q := img.Pix[i:i+3:i+3], img.Pix[j:j+3:j+3]
	dr := int32(p[0]) - int32(q[0])
	dg := int32(p[1]) - int32(q[1])
	db := int32(p[2]) - int32(q[2])
	return dr*dr + dg*dg + db*db, true
}

// ramp maps v linearly from lo (0) to hi (1), clamped.
func ramp(v, lo, hi float64) float64 {
	// Comparisons, not math.Min/Max: this runs for every step of every
	// side scored, and their NaN and ±0 handling is a call in the
	// browser build.
	return clampFloat((v-lo)/(hi-lo), 1)
}

// borderReach is the weakest edge support, over the sides that leave the
// frame, of the last fifth of each side's visible part (next to the frame
// edge), as a factor between 0.3 and 1.
func borderReach(g *gradField, img *RGB, h *hypothesis, hp hypoParams, sp scoreParams) float64 {
	worst := 1.0
	for k := range 4 {
		if h.Lines[k] < 0 {
			continue
		}
		a, b := h.Q[k], h.Q[(k+1)%4]
		t0, t1, ok := clippedT(a, b, hp.W, hp.H)
		if !ok || (t0 == 0 && t1 == 1) {
			continue
		}
		lo, hi := t0, t1
		switch {
		case t1 < 1: // b is outside: look near t1
			lo = t1 - 0.2*(t1-t0)
		default: // a is outside: look near t0
			hi = t0 + 0.2*(t1-t0)
		}
		pa := Point{a.X + lo*(b.X-a.X), a.Y + lo*(b.Y-a.Y)}
		pb := Point{a.X + hi*(b.X-a.X), a.Y + hi*(b.Y-a.Y)}
		if s, l := sideSupport(g, img, pa, pb, sp); l >= 2 {
			worst = math.Min(worst, s)
		}
	}
	return 0.3 + 0.7*worst
}

// roundInt is int(math.Round(v)) (half away from zero) for the finite
// coordinates of an image: colourStep runs for every step of every side
// scored, and math.Round is a call everywhere. Natively, coordinates well
// inside the integers convert to int directly, which truncates (one
// instruction, where math.Trunc is a call without SSE4.1 in the baseline
// amd64 build), and the remainder v−i is exact; anything else (NaN, huge
// values), and everything in the browser build, where they are single
// instructions and the wasm has no room to grow, goes through Trunc, Abs
// and Copysign.
func roundInt(v float64) int {
	if runtime.GOARCH != "wasm" && smallCoord(v) {
		return roundSmall(v)
	}
	t := math.Trunc(v)
	if math.Abs(v-t) >= 0.5 {
		t += math.Copysign(1, v)
	}
	return int(t)
}

// smallCoord reports whether v is well inside the integers, where
// roundSmall is roundInt (false for NaN).
func smallCoord(v float64) bool { return v > -1<<52 && v < 1<<52 }

// roundSmall is roundInt's native path, for v with smallCoord(v): the
// truncation is exact and so is the remainder v−i.
func roundSmall(v float64) int {
	i := int(v)
	d := v - float64(i)
	if d >= 0.5 {
		i++
	}
	if d <= -0.5 {
		i--
	}
	return i
}

// sizePrior weighs an outline by its share of the frame (area, 0..1):
// 1 from 30 % up, 0.75 for a vanishing one. People frame the document
// they photograph, so a small box nearly tied with a large outline is
// more often a sticker, a key or a printed box than the document. The
// weight was 0.8 at zero until session 7: on the dev set 0.75 turns
// three small wrong winners (a newspaper's quote box over a blurred
// passport, a USB stick's label beside a card, a RAM chip in a scene
// without a document) into the document's sheet or no outline, and loses one
// small document (4 % of its frame) to a large box it was tied with.
func sizePrior(area float64) float64 {
	return math.Min(1, 0.75+0.25*math.Sqrt(area/0.3))
}
