package vision

import (
	"errors"
	"math"
)

// Homography is a 3×3 projective transform, row-major, mapping (x, y, 1).
type Homography [9]float64

// Apply maps p through h.
func (h Homography) Apply(p Point) Point {
	w := h[6]*p.X + h[7]*p.Y + h[8]
	return Point{(h[0]*p.X + h[1]*p.Y + h[2]) / w, (h[3]*p.X + h[4]*p.Y + h[5]) / w}
}

// ErrDegenerate is returned for a quad whose corners do not span a plane
// (three collinear corners, or two equal).
var ErrDegenerate = errors.New("vision: degenerate quad")

// HomographyFromQuads returns h with h(src[i]) = dst[i] for the 4 corners,
// by solving the 8×8 linear system with partial pivoting.
func HomographyFromQuads(src, dst Quad) (Homography, error) {
	var a [8][9]float64
	for i := range 4 {
		x, y, u, v := src[i].X, src[i].Y, dst[i].X, dst[i].Y
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := range 8 {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return Homography{}, ErrDegenerate
		}
		a[c], a[p] = a[p], a[c]
		for r := range 8 {
			if r == c {
				continue
			}
			f := a[r][c] / a[c][c]
			for k := c; k < 9; k++ {
				a[r][k] -= f * a[c][k]
			}
		}
	}
	var h Homography
	for i := range 8 {
		h[i] = a[i][8] / a[i][i]
	}
	h[8] = 1
	return h, nil
}

// WarpQuad rectifies the quad q of img into a w×h image: the quad's TL,
// TR, BR, BL corners go to the output's corners. Samples are bilinear;
// points outside img repeat the nearest edge pixel. Each output pixel is
// mapped back through the inverse homography, so the cost is O(w·h)
// whatever the input size. When the quad is much larger than the output
// the caller should downscale img first to avoid aliasing.
func WarpQuad(img *RGB, q Quad, w, h int) (*RGB, error) {
	if w <= 0 || h <= 0 {
		return nil, errors.New("vision: warp size must be positive")
	}
	dstQ := Quad{{0, 0}, {float64(w), 0}, {float64(w), float64(h)}, {0, float64(h)}}
	// Map output pixel centres to input coordinates.
	hm, err := HomographyFromQuads(dstQ, q)
	if err != nil {
		return nil, err
	}
	out := NewRGB(w, h)
	maxX, maxY := float64(img.W-1), float64(img.H-1)
	for y := range h {
		for x := range w {
			p := hm.Apply(Point{float64(x) + 0.5, float64(y) + 0.5})
			sx := math.Min(math.Max(p.X-0.5, 0), maxX)
			sy := math.Min(math.Max(p.Y-0.5, 0), maxY)
			x0, y0 := int(sx), int(sy)
			x1, y1 := min(x0+1, img.W-1), min(y0+1, img.H-1)
			fx, fy := sx-float64(x0), sy-float64(y0)
			o := 3 * (y*w + x)
			for c := range 3 {
				p00 := float64(img.Pix[3*(y0*img.W+x0)+c])
				p10 := float64(img.Pix[3*(y0*img.W+x1)+c])
				p01 := float64(img.Pix[3*(y1*img.W+x0)+c])
				p11 := float64(img.Pix[3*(y1*img.W+x1)+c])
				v := (p00*(1-fx)+p10*fx)*(1-fy) + (p01*(1-fx)+p11*fx)*fy
				out.Pix[o+c] = uint8(v + 0.5)
			}
		}
	}
	return out, nil
}
