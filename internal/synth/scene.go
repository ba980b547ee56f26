package synth

import (
	"errors"
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Scene is a rendered photo and its exact ground truth.
type Scene struct {
	// Img is the photo.
	Img *vision.RGB
	// Quads holds each placed document's corners (TL, TR, BR, BL of the
	// document) in Img's pixels, in placement order; corners may lie
	// outside the frame.
	Quads []vision.Quad
	// Portraits holds each document's portrait box, mapped into the scene
	// like Quads.
	Portraits []vision.Quad
}

// ErrBadScene reports an invalid scene size or placement.
var ErrBadScene = errors.New("synth: invalid scene")

// NewScene returns a w×h scene showing only the background.
func NewScene(w, h int, bg Background, seed int64) *Scene {
	m := vision.NewRGB(max(w, 0), max(h, 0))
	drawBackground(m, bg, newRand(seed, saltBackground))
	return &Scene{Img: m}
}

// Place draws doc so that its corners land on q (TL, TR, BR, BL; any
// convex quad, corners may be outside the frame), with anti-aliased
// edges, and records its ground truth. shadow in [0,1] is the opacity of
// a soft drop shadow under the document (0 for none).
func (s *Scene) Place(doc *Document, q vision.Quad, shadow float64) error {
	if doc == nil || doc.Img == nil {
		return fmt.Errorf("%w: nil document", ErrBadScene)
	}
	if q.Area() < 1 {
		return fmt.Errorf("%w: quad area %.2f", ErrBadScene, q.Area())
	}
	dw, dh := float64(doc.Img.W), float64(doc.Img.H)
	docQ := vision.Quad{{X: 0, Y: 0}, {X: dw, Y: 0}, {X: dw, Y: dh}, {X: 0, Y: dh}}
	toDoc, err := vision.HomographyFromQuads(q, docQ)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadScene, err)
	}
	toScene, err := vision.HomographyFromQuads(docQ, q)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadScene, err)
	}
	if shadow > 0 {
		s.shadow(q, shadow)
	}
	s.draw(doc, q, toDoc)
	p := doc.Portrait
	pq := vision.Quad{{X: float64(p.X0), Y: float64(p.Y0)}, {X: float64(p.X1), Y: float64(p.Y0)},
		{X: float64(p.X1), Y: float64(p.Y1)}, {X: float64(p.X0), Y: float64(p.Y1)}}
	for i := range pq {
		pq[i] = toScene.Apply(pq[i])
	}
	s.Quads = append(s.Quads, q)
	s.Portraits = append(s.Portraits, pq)
	return nil
}

// edges holds the quad's sides as lines a·x + b·y + c = signed distance,
// positive outside.
type edges [4][3]float64

func quadEdges(q vision.Quad) edges {
	sign := 1.0
	if area := (q[1].X-q[0].X)*(q[2].Y-q[0].Y) - (q[2].X-q[0].X)*(q[1].Y-q[0].Y); area < 0 {
		sign = -1
	}
	var e edges
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		// Outside is to the left of a→b for a clockwise (y-down) quad.
		e[i] = [3]float64{sign * dy / l, -sign * dx / l, sign * (dx*a.Y - dy*a.X) / l}
	}
	return e
}

// dist returns the signed distance of (x, y) to the quad: the largest
// outward distance to a side (exact along the sides, close near corners).
func (e *edges) dist(x, y float64) float64 {
	d := e[0][0]*x + e[0][1]*y + e[0][2]
	for _, l := range e[1:] {
		// Plain comparisons: math.Max's NaN and ±0 handling costs a third
		// of the render time here.
		if v := l[0]*x + l[1]*y + l[2]; v > d {
			d = v
		}
	}
	return d
}

// span returns the columns [x0, x1) within [lo, hi) of row centre py
// whose pixel centres may lie closer than pad outside the quad: the
// quad is convex, so on a row its neighbourhood is one interval, and the
// pixels outside it need no work at all.
func (e *edges) span(py, pad float64, lo, hi int) (x0, x1 int) {
	a, b := float64(lo), float64(hi)
	for _, l := range e {
		k := l[1]*py + l[2] - pad // l[0]·x + k < 0 keeps x
		switch {
		case l[0] > 1e-12:
			b = math.Min(b, -k/l[0])
		case l[0] < -1e-12:
			a = math.Max(a, -k/l[0])
		case k >= 0:
			return lo, lo
		}
	}
	// Pixel x has its centre at x+0.5; round outward by a pixel.
	x0 = max(lo, int(math.Floor(a-0.5))-1)
	x1 = min(hi, int(math.Ceil(b-0.5))+2)
	if x1 < x0 {
		x1 = x0
	}
	return x0, x1
}

// bounds returns the quad's bounding box grown by pad, clipped to w×h.
func bounds(q vision.Quad, pad float64, w, h int) vision.Rect {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range q {
		x0, y0, x1, y1 = math.Min(x0, p.X), math.Min(y0, p.Y), math.Max(x1, p.X), math.Max(y1, p.Y)
	}
	clampI := func(v float64, hi int) int { return int(math.Max(0, math.Min(v, float64(hi)))) }
	return vision.Rect{X0: clampI(math.Floor(x0-pad), w), Y0: clampI(math.Floor(y0-pad), h),
		X1: clampI(math.Ceil(x1+pad), w), Y1: clampI(math.Ceil(y1+pad), h)}
}

// shadow darkens the background under a shifted copy of q with a soft
// edge, the shadow of a document lifted slightly off the surface.
func (s *Scene) shadow(q vision.Quad, opacity float64) {
	size := math.Sqrt(q.Area())
	off, soft := 0.025*size, 0.03*size
	for i := range q {
		q[i].X += off
		q[i].Y += off
	}
	e := quadEdges(q)
	b := bounds(q, soft, s.Img.W, s.Img.H)
	m := s.Img
	for y := b.Y0; y < b.Y1; y++ {
		for x := b.X0; x < b.X1; x++ {
			d := e.dist(float64(x)+0.5, float64(y)+0.5)
			t := math.Max(0, math.Min(1, 0.5-d/(2*soft)))
			k := 1 - opacity*smooth(t)
			i := 3 * (y*m.W + x)
			m.Pix[i] = uint8(float64(m.Pix[i]) * k)
			m.Pix[i+1] = uint8(float64(m.Pix[i+1]) * k)
			m.Pix[i+2] = uint8(float64(m.Pix[i+2]) * k)
		}
	}
}

// draw samples doc for every scene pixel the quad touches. Coverage comes
// from the signed distance to the quad's sides (and to the rounded
// corners), which gives one pixel of anti-aliasing at any pose.
func (s *Scene) draw(doc *Document, q vision.Quad, toDoc vision.Homography) {
	s.drawPart(doc, q, toDoc, float64(doc.Img.W*doc.Img.H))
}

// drawPart is draw for a q showing docArea pixels of the document (part
// of it for a bent document's half, PlaceBent).
func (s *Scene) drawPart(doc *Document, q vision.Quad, toDoc vision.Homography, docArea float64) {
	m := s.Img
	// Sample from a pre-shrunk texture when the document appears much
	// smaller than its texture, so that fine print does not alias.
	shrink := math.Sqrt(docArea / q.Area())
	tex, texScale := doc.Img, 1.0
	for shrink >= 2 {
		tex = halve(tex)
		texScale /= 2
		shrink /= 2
	}
	pxPerDoc := math.Sqrt(q.Area() / docArea)
	r := doc.CornerRadius
	dw, dh := float64(doc.Img.W), float64(doc.Img.H)
	e := quadEdges(q)
	b := bounds(q, 1, m.W, m.H)
	for y := b.Y0; y < b.Y1; y++ {
		py := float64(y) + 0.5
		x0, x1 := e.span(py, 0.5, b.X0, b.X1)
		for x := x0; x < x1; x++ {
			px := float64(x) + 0.5
			d := e.dist(px, py)
			if d >= 0.5 {
				continue
			}
			uv := toDoc.Apply(vision.Point{X: px, Y: py})
			if r > 0 {
				cx, cy := math.Max(r, math.Min(uv.X, dw-r)), math.Max(r, math.Min(uv.Y, dh-r))
				if cx != uv.X && cy != uv.Y {
					d = math.Max(d, (math.Hypot(uv.X-cx, uv.Y-cy)-r)*pxPerDoc)
				}
			}
			cov := math.Min(1, 0.5-d)
			if cov <= 0 {
				continue
			}
			i := 3 * (y*m.W + x)
			sampleInto(tex, uv.X*texScale, uv.Y*texScale, cov, m.Pix[i:i+3])
		}
	}
}

// sampleInto blends the bilinear sample of tex at (u, v) (texture pixels,
// centres at +0.5) into dst with weight cov.
func sampleInto(tex *vision.RGB, u, v, cov float64, dst []uint8) {
	fx := math.Max(0, math.Min(u-0.5, float64(tex.W-1)))
	fy := math.Max(0, math.Min(v-0.5, float64(tex.H-1)))
	x0, y0 := int(fx), int(fy)
	x1, y1 := min(x0+1, tex.W-1), min(y0+1, tex.H-1)
	tx, ty := fx-float64(x0), fy-float64(y0)
	i00, i10 := 3*(y0*tex.W+x0), 3*(y0*tex.W+x1)
	i01, i11 := 3*(y1*tex.W+x0), 3*(y1*tex.W+x1)
	for c := range 3 {
		top := float64(tex.Pix[i00+c])*(1-tx) + float64(tex.Pix[i10+c])*tx
		bot := float64(tex.Pix[i01+c])*(1-tx) + float64(tex.Pix[i11+c])*tx
		val := top*(1-ty) + bot*ty
		dst[c] = uint8(float64(dst[c])*(1-cov) + val*cov + 0.5)
	}
}

// halve returns m shrunk by 2 with a 2×2 box filter (odd edges dropped).
func halve(m *vision.RGB) *vision.RGB {
	w, h := max(1, m.W/2), max(1, m.H/2)
	out := vision.NewRGB(w, h)
	for y := range h {
		y0, y1 := min(2*y, m.H-1), min(2*y+1, m.H-1)
		for x := range w {
			x0, x1 := min(2*x, m.W-1), min(2*x+1, m.W-1)
			for c := range 3 {
				s := int(m.Pix[3*(y0*m.W+x0)+c]) + int(m.Pix[3*(y0*m.W+x1)+c]) +
					int(m.Pix[3*(y1*m.W+x0)+c]) + int(m.Pix[3*(y1*m.W+x1)+c])
				out.Pix[3*(y*w+x)+c] = uint8((s + 2) / 4)
			}
		}
	}
	return out
}
