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
	return WarpQuadInto(nil, img, q, w, h)
}

// WarpQuadInto is WarpQuad writing into dst, whose pixels are reused when
// large enough (dst may be nil); it returns the result.
func WarpQuadInto(dst *RGB, img *RGB, q Quad, w, h int) (*RGB, error) {
	hm, out, err := warpSetup(dst, q, w, h)
	if err != nil {
		return nil, err
	}
	maxX, maxY := float64(img.W-1), float64(img.H-1)
	stride, pix := 3*img.W, img.Pix
	for y := range h {
		// Per pixel this is hm.Apply and a clamped bilinear sample with
		// the same float operations in the same order (bit-identical),
		// with the row's constant products hoisted and the clamps as
		// plain comparisons: math.Min/Max's NaN and ±0 handling cost more
		// than the sample itself.
		yf := float64(y) + 0.5
		cx, cy, cw := hm[1]*yf, hm[4]*yf, hm[7]*yf
		row := out.Pix[3*y*w : 3*(y+1)*w]
		for x := range w {
			xf := float64(x) + 0.5
			d := hm[6]*xf + cw + hm[8]
			sx := (hm[0]*xf+cx+hm[2])/d - 0.5
			sy := (hm[3]*xf+cy+hm[5])/d - 0.5
			sx = clampFloat(sx, maxX)
			sy = clampFloat(sy, maxY)
			x0, y0 := int(sx), int(sy)
			fx, fy := sx-float64(x0), sy-float64(y0)
			dx, dy := tapSteps(img, x0, y0)
			i00 := y0*stride + 3*x0
			o := row[3*x : 3*x+3 : 3*x+3]
			if dx == 3 && dy == stride {
				// Inside the image (almost every pixel): the two rows of
				// the 2×2 neighbourhood as fixed-length slices, so the
				// taps are constant indices, checked once per slice
				// instead of once per byte.
				r0, r1 := pix[i00:i00+6:i00+6], pix[i00+stride:i00+stride+6:i00+stride+6]
				for c := range 3 {
					p00, p10 := float64(r0[c]), float64(r0[3+c])
					p01, p11 := float64(r1[c]), float64(r1[3+c])
					v := (p00*(1-fx)+p10*fx)*(1-fy) + (p01*(1-fx)+p11*fx)*fy
					o[c] = uint8(v + 0.5)
				}
				continue
			}
			q := pix[i00 : i00+dy+dx+3]
			for c := range 3 {
				p00, p10 := float64(q[c]), float64(q[dx+c])
				p01, p11 := float64(q[dy+c]), float64(q[dy+dx+c])
				v := (p00*(1-fx)+p10*fx)*(1-fy) + (p01*(1-fx)+p11*fx)*fy
				o[c] = uint8(v + 0.5)
			}
		}
	}
	return out, nil
}

// warpSetup validates a warp's output size, returns the homography from
// output to input pixels and sizes the output image (dst reused when
// large enough).
func warpSetup(dst *RGB, q Quad, w, h int) (Homography, *RGB, error) {
	if w <= 0 || h <= 0 {
		return Homography{}, nil, errors.New("vision: warp size must be positive")
	}
	dstQ := Quad{{0, 0}, {float64(w), 0}, {float64(w), float64(h)}, {0, float64(h)}}
	// Map output pixel centres to input coordinates.
	hm, err := HomographyFromQuads(dstQ, q)
	if err != nil {
		return Homography{}, nil, err
	}
	out := dst
	if out == nil {
		out = &RGB{}
	}
	out.W, out.H, out.Pix = w, h, resized(out.Pix, 3*w*h)
	return hm, out, nil
}

// tapSteps returns the byte steps from pixel (x0, y0) to its right and
// lower neighbours, 0 on the last column or row: a bilinear sample there
// repeats the edge.
func tapSteps(img *RGB, x0, y0 int) (dx, dy int) {
	dx, dy = 3, 3*img.W
	if x0 >= img.W-1 {
		dx = 0
	}
	if y0 >= img.H-1 {
		dy = 0
	}
	return dx, dy
}

// clampFloat clamps v to [0, hi] as math.Min(math.Max(v, 0), hi) does for
// the finite values a warp produces.
func clampFloat(v, hi float64) float64 {
	if v < 0 {
		return 0
	}
	if v > hi {
		return hi
	}
	return v
}
