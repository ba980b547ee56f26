package vision

import (
	"math"
	"math/bits"
)

// gradField is the colour gradient of an image: at every pixel the
// strength of the strongest colour change and the unit normal of the
// edge (the direction of that change; its sign is arbitrary because a
// colour edge has no single polarity).
type gradField struct {
	W, H   int
	Mag    []float32
	NX, NY []float32
	// set has bit i%64 of word i/64 set where Mag[i] is not zero, for
	// the side walks (walkSide): most pixels are zero, and the mask of a
	// detection's 800 px field (60 KB) stays in cache where the
	// magnitudes (1.9 MB) do not.
	set []uint64
	// order, sorted, off, region, stack and segs are findSegments' working
	// memory, kept with the field so that DetectBuffers reuses them too;
	// the segments it returns are valid until its next call on the field.
	order, sorted []int32
	off           []bool
	region, stack []int32
	segs          []segment
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
	g.set = resized(g.set, (w*h+63)/64)
	clear(g.set)
	if w < 3 || h < 3 {
		return
	}
	p := img.Pix
	s := 3 * w
	floorSq := 16 * floor * floor
	// The planes in locals: a load per use through g under wasm. Bounds:
	// each row's three source rows are re-sliced to their 3·w bytes, and
	// the planes hold w·h values (unchecked.go).
	pm, px, py := base(g.Mag), base(g.NX), base(g.NY)
	for y := 1; y < h-1; y++ {
		// Sobel is separable: with V = up + 2·mid + down and D = down − up
		// per column and channel, gx = V(x+1) − V(x−1) and
		// gy = D(x−1) + 2·D(x) + D(x+1). The columns slide along the
		// row, so each pixel reads one new column (9 bytes) instead of
		// its whole 3×3 neighbourhood (24); the sums are integers, exact
		// as before.
		up, mid, dn := p[(y-1)*s:y*s:y*s], p[y*s:(y+1)*s:(y+1)*s], p[(y+1)*s:(y+2)*s:(y+2)*s]
		v0r, v0g, v0b, d0r, d0g, d0b := sobelColumn(up[0:3:3], mid[0:3:3], dn[0:3:3])
		v1r, v1g, v1b, d1r, d1g, d1b := sobelColumn(up[3:6:6], mid[3:6:6], dn[3:6:6])
		pu, pc, pd := base(up), base(mid), base(dn)
		for x := 1; x < w-1; x++ {
			// sobelColumn of column x+1, written out: a call per pixel
			// would cost more than the column (it is over the inlining
			// budget).
			i := 3 * (x + 1)
			u0, u1, u2 := int32(load8(pu, i)), int32(load8(pu, i+1)), int32(load8(pu, i+2))
			m0, m1, m2 := int32(load8(pc, i)), int32(load8(pc, i+1)), int32(load8(pc, i+2))
			l0, l1, l2 := int32(load8(pd, i)), int32(load8(pd, i+1)), int32(load8(pd, i+2))
			v2r, v2g, v2b := u0+2*m0+l0, u1+2*m1+l1, u2+2*m2+l2
			d2r, d2g, d2b := l0-u0, l1-u1, l2-u2
			gxr, gyr := v2r-v0r, d0r+2*d1r+d2r
			gxg, gyg := v2g-v0g, d0g+2*d1g+d2g
			gxb, gyb := v2b-v0b, d0b+2*d1b+d2b
			v0r, v0g, v0b, d0r, d0g, d0b = v1r, v1g, v1b, d1r, d1g, d1b
			v1r, v1g, v1b, d1r, d1g, d1b = v2r, v2g, v2b, d2r, d2g, d2b
			ai := gxr*gxr + gxg*gxg + gxb*gxb
			bi := gyr*gyr + gyg*gyg + gyb*gyb
			ci := gxr*gyr + gxg*gyg + gxb*gyb
			// The largest eigenvalue lies in [(a+b)/2, a+b], and the
			// strength is its root over 4.
			if ai+bi == 0 || float32(ai+bi) < floorSq {
				continue
			}
			j := y*w + x
			a, b, c := float32(ai), float32(bi), float32(ci)
			d := float32(math.Sqrt(float64((a-b)*(a-b) + 4*c*c)))
			lam := (a + b + d) / 2
			m := float32(math.Sqrt(float64(lam))) / 4
			storeF32(pm, j, m)
			if m != 0 {
				g.set[j>>6] |= 1 << (j & 63)
			}
			// Eigenvector of [[a c][c b]] for lam; pick the better
			// conditioned of the two equivalent forms. a, b and c are
			// integers below 2²⁴, exact in float32, so "|a−b| and |c|
			// below 1e-6" is an integer test.
			vx, vy := lam-b, c
			if ai == bi && ci == 0 {
				vx, vy = 1, 0
			} else if b > a {
				vx, vy = c, lam-a
			}
			n := float32(1 / math.Sqrt(float64(vx*vx+vy*vy)))
			storeF32(px, j, vx*n)
			storeF32(py, j, vy*n)
		}
	}
}

// sobelColumn returns, per channel, the vertical smoothing
// up + 2·mid + down and the vertical difference down − up of one pixel
// column (three RGB pixels, one per row).
func sobelColumn(up, mid, dn []uint8) (vr, vg, vb, dr, dg, db int32) {
	u, m, d := up[:3:3], mid[:3:3], dn[:3:3]
	vr = int32(u[0]) + 2*int32(m[0]) + int32(d[0])
	vg = int32(u[1]) + 2*int32(m[1]) + int32(d[1])
	vb = int32(u[2]) + 2*int32(m[2]) + int32(d[2])
	return vr, vg, vb, int32(d[0]) - int32(u[0]), int32(d[1]) - int32(u[1]), int32(d[2]) - int32(u[2])
}

// nonZero is the number of pixels whose magnitude is not zero (the bits
// of the mask compute sets; 0 for a field it did not compute).
func (g *gradField) nonZero() int {
	n := 0
	for _, w := range g.set {
		n += bits.OnesCount64(w)
	}
	return n
}

// zeroed returns s resized to n zero values, reusing its array when it
// is large enough.
func zeroed(s []float32, n int) []float32 {
	s = resized(s, n)
	clear(s)
	return s
}
