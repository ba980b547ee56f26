package preflight

import (
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// sourceDoc is the document's luma at the photo's own resolution: the
// measures that must see the original pixel grid (JPEG blocks for 827,
// sensor noise for 818) cannot use the resampled flat document.
type sourceDoc struct {
	// gray is the luma of the quad's bounding box, clipped to the frame.
	gray *vision.Gray
	// x0, y0 is the crop's top-left corner in the image.
	x0, y0 int
	// quad is the document outline in the analysed image's pixels (the
	// crop's coordinates plus x0, y0); photoQuad is the same in photo
	// pixels, for the issue regions.
	quad, photoQuad vision.Quad
}

// cropSource extracts the luma of q's bounding box; nil when the box lies
// outside the image. q is in photo pixels and scale is photo pixels per
// img pixel (see decoded.scale); the crop is in img pixels. After a
// reduced decode the crop has no JPEG grid and less noise than the file:
// the measures then see the picture as the analysis does.
func cropSource(img *vision.RGB, scale float64, q vision.Quad) *sourceDoc {
	photoQuad := q
	q = q.Scale(1 / scale)
	b := quadBox(q, 0)
	b.X0, b.Y0 = max(b.X0, 0), max(b.Y0, 0)
	b.X1, b.Y1 = min(b.X1, img.W), min(b.Y1, img.H)
	if b.Dx() < 3 || b.Dy() < 3 {
		return nil
	}
	g := vision.NewGray(b.Dx(), b.Dy())
	for y := range g.H {
		src := img.Pix[3*((b.Y0+y)*img.W+b.X0):]
		dst := g.Pix[y*g.W : (y+1)*g.W]
		for x := range dst {
			r, gg, bb := uint32(src[3*x]), uint32(src[3*x+1]), uint32(src[3*x+2])
			dst[x] = uint8((19595*r + 38470*gg + 7471*bb + 1<<15) >> 16)
		}
	}
	return &sourceDoc{gray: g, x0: b.X0, y0: b.Y0, quad: q, photoQuad: photoQuad}
}

// span returns the x range [x0, x1) of crop row y that lies inside the
// quad shrunk by the factor inset towards its centre (so the document's
// border and the background next to it stay out); empty when x1 <= x0.
func (s *sourceDoc) span(y int, inset float64) (int, int) {
	var c vision.Point
	for _, p := range s.quad {
		c.X += p.X / 4
		c.Y += p.Y / 4
	}
	var q vision.Quad
	for i, p := range s.quad {
		q[i] = vision.Point{X: c.X + (p.X-c.X)*(1-inset) - float64(s.x0), Y: c.Y + (p.Y-c.Y)*(1-inset) - float64(s.y0)}
	}
	fy := float64(y) + 0.5
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range q {
		a, b := q[i], q[(i+1)%4]
		if (a.Y <= fy) == (b.Y <= fy) {
			continue
		}
		x := a.X + (fy-a.Y)/(b.Y-a.Y)*(b.X-a.X)
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	if lo > hi {
		return 0, 0
	}
	return max(int(math.Ceil(lo)), 0), min(int(math.Floor(hi)), s.gray.W)
}
