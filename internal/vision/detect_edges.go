package vision

import "math"

// gradField is the colour gradient of an image: at every pixel the
// strength of the strongest colour change and the unit normal of the
// edge (the direction of that change; its sign is arbitrary because a
// colour edge has no single polarity).
type gradField struct {
	W, H   int
	Mag    []float32
	NX, NY []float32
	// order and off are findSegments' working memory, kept with the
	// field so that DetectBuffers reuses them too.
	order []int32
	off   []bool
}

// colorGradient computes the Di Zenzo colour gradient with Sobel kernels:
// the structure tensor summed over R, G and B, whose largest eigenvalue is
// the squared strength and whose eigenvector is the normal. A card that
// differs from the desk only in hue has an edge here, where a grey
// gradient sees none. Magnitudes are in 8-bit levels per pixel (Sobel / 4
// per channel, combined as a Euclidean norm). Border pixels are zero.
func colorGradient(img *RGB) *gradField {
	g := &gradField{}
	g.compute(img, 0)
	return g
}

// compute sets g to the colour gradient of img (see colorGradient),
// reusing g's planes when they are large enough. Pixels whose strength
// is certainly below floor are left zero, strength and normal: the
// square root, eigenvector and its normalisation are most of the cost,
// and most pixels of a frame (desk, card face) are that weak, while the
// steps that read the field ignore them (floor must not exceed the
// weakest strength any of them uses).
func (g *gradField) compute(img *RGB, floor float32) {
	w, h := img.W, img.H
	g.W, g.H = w, h
	g.Mag, g.NX, g.NY = zeroed(g.Mag, w*h), zeroed(g.NX, w*h), zeroed(g.NY, w*h)
	if w < 3 || h < 3 {
		return
	}
	p := img.Pix
	s := 3 * w
	floorSq := 16 * floor * floor
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			// The 3×3 neighbourhood as three fixed-length row slices: the
			// taps below are constant indices, checked once per row slice
			// instead of once per byte (the browser build pays for every
			// check, on every pixel of every live frame).
			i := 3 * (y*w + x - 1)
			up, mid, dn := p[i-s:i-s+9:i-s+9], p[i:i+9:i+9], p[i+s:i+s+9:i+s+9]
			// Integer sums: exact, as the float32 sums were (below 2^24).
			var ai, bi, ci int32
			for ch := range 3 {
				tl, tc, tr := int32(up[ch]), int32(up[ch+3]), int32(up[ch+6])
				ml, mr := int32(mid[ch]), int32(mid[ch+6])
				bl, bc, br := int32(dn[ch]), int32(dn[ch+3]), int32(dn[ch+6])
				gx := (tr + 2*mr + br) - (tl + 2*ml + bl)
				gy := (bl + 2*bc + br) - (tl + 2*tc + tr)
				ai += gx * gx
				bi += gy * gy
				ci += gx * gy
			}
			// The largest eigenvalue lies in [(a+b)/2, a+b], and the
			// strength is its root over 4.
			if ai+bi == 0 || float32(ai+bi) < floorSq {
				continue
			}
			j := y*w + x
			a, b, c := float32(ai), float32(bi), float32(ci)
			d := float32(math.Sqrt(float64((a-b)*(a-b) + 4*c*c)))
			lam := (a + b + d) / 2
			g.Mag[j] = float32(math.Sqrt(float64(lam))) / 4
			// Eigenvector of [[a c][c b]] for lam; pick the better
			// conditioned of the two equivalent forms.
			vx, vy := lam-b, c
			if math.Abs(float64(a-b)) < 1e-6 && math.Abs(float64(c)) < 1e-6 {
				vx, vy = 1, 0
			} else if b > a {
				vx, vy = c, lam-a
			}
			n := float32(1 / math.Sqrt(float64(vx*vx+vy*vy)))
			g.NX[j], g.NY[j] = vx*n, vy*n
		}
	}
}

// zeroed returns s resized to n zero values, reusing its array when it
// is large enough.
func zeroed(s []float32, n int) []float32 {
	s = resized(s, n)
	clear(s)
	return s
}
