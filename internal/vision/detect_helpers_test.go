package vision

import (
	"math"
	"math/rand/v2"
)

// fillQuadRGB paints the convex quad q into img with colour c (pixel
// centres inside q), with 4×4 supersampling so edges are anti-aliased like
// a camera's.
func fillQuadRGB(img *RGB, q Quad, c [3]uint8) {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range q {
		x0, y0, x1, y1 = math.Min(x0, p.X), math.Min(y0, p.Y), math.Max(x1, p.X), math.Max(y1, p.Y)
	}
	inside := func(x, y float64) bool {
		sgn := 0.0
		for k := range 4 {
			a, b := q[k], q[(k+1)%4]
			cr := (b.X-a.X)*(y-a.Y) - (b.Y-a.Y)*(x-a.X)
			if cr != 0 {
				if sgn == 0 {
					sgn = cr
				} else if (cr > 0) != (sgn > 0) {
					return false
				}
			}
		}
		return true
	}
	for y := max(0, int(y0)); y < min(img.H, int(y1)+1); y++ {
		for x := max(0, int(x0)); x < min(img.W, int(x1)+1); x++ {
			n := 0
			for sy := range 4 {
				for sx := range 4 {
					if inside(float64(x)+(float64(sx)+0.5)/4, float64(y)+(float64(sy)+0.5)/4) {
						n++
					}
				}
			}
			if n == 0 {
				continue
			}
			i := 3 * (y*img.W + x)
			for ch := range 3 {
				v := (float64(img.Pix[i+ch])*float64(16-n) + float64(c[ch])*float64(n)) / 16
				img.Pix[i+ch] = uint8(v + 0.5)
			}
		}
	}
}

// noisyRGB returns a w×h image of colour c with uniform noise of ±amp.
func noisyRGB(w, h int, c [3]uint8, amp int, seed uint64) *RGB {
	r := rand.New(rand.NewPCG(seed, 1))
	img := NewRGB(w, h)
	for i := range img.Pix {
		v := int(c[i%3]) + r.IntN(2*amp+1) - amp
		img.Pix[i] = uint8(min(max(v, 0), 255))
	}
	return img
}

// cardQuad returns an ID-1 shaped quad of the given width centred at
// (cx, cy), rotated by deg degrees.
func cardQuad(cx, cy, width, deg float64) Quad {
	hw, hh := width/2, width/AspectID1/2
	s, c := math.Sincos(deg * math.Pi / 180)
	var q Quad
	for k, p := range []Point{{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}} {
		q[k] = Point{cx + c*p.X - s*p.Y, cy + s*p.X + c*p.Y}
	}
	return q
}

// quadIoU is the intersection over union of two convex quads.
func quadIoU(a, b Quad) float64 {
	inter := IntersectionArea(a[:], b[:])
	u := a.Area() + b.Area() - inter
	if u <= 0 {
		return 0
	}
	return inter / u
}

// tiltedCard projects an ID-1 card of half-width 1 at distance 6 through a
// pinhole camera of focal length f centred in a w×h frame, after turning
// it by rot degrees in its plane and tilting it by tilt degrees about the
// horizontal axis; scale enlarges the card in the image.
func tiltedCard(w, h, f, rot, tilt, scale float64) Quad {
	sr, cr := math.Sincos(rot * math.Pi / 180)
	st, ct := math.Sincos(tilt * math.Pi / 180)
	var q Quad
	for k, c := range [][2]float64{{-1, -1 / AspectID1}, {1, -1 / AspectID1}, {1, 1 / AspectID1}, {-1, 1 / AspectID1}} {
		x, y := scale*(cr*c[0]-sr*c[1]), scale*(sr*c[0]+cr*c[1])
		y, z := y*ct, 6+y*st
		q[k] = Point{w/2 + f*x/z, h/2 + f*y/z}
	}
	return q
}
