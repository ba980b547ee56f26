package vision

import "math"

// SmoothFloat returns g blurred by a Gaussian of standard deviation sigma
// (separable, kernel radius 3σ, edges repeated) as a float32 plane of the
// same size. Measures that differentiate the image (sharpness, noise) work
// on it, so that rounding to 8 bits does not add its own fine detail.
// sigma <= 0 returns g converted unchanged.
func SmoothFloat(g *Gray, sigma float64) []float32 {
	out, _ := SmoothFloatInto(nil, nil, g, sigma)
	return out
}

// SmoothFloatInto is SmoothFloat with the result and the intermediate
// pass written into out and tmp, reused when large enough (either may be
// nil); it returns both, for the caller to keep for the next call.
func SmoothFloatInto(out, tmp []float32, g *Gray, sigma float64) ([]float32, []float32) {
	n := g.W * g.H
	out = resized(out, n)
	if sigma > 0 && n > 0 {
		if k := gaussKernel(sigma); len(k) == 7 {
			tmp = resized(tmp, n)
			smooth7(out, tmp, g, (*[7]float32)(k))
			return out, tmp
		}
	}
	for i, v := range g.Pix {
		out[i] = float32(v)
	}
	if sigma <= 0 || n == 0 {
		return out, tmp
	}
	k := gaussKernel(sigma)
	r := len(k) / 2
	tmp = resized(tmp, n)
	// Horizontal pass into tmp, vertical pass back into out.
	for y := range g.H {
		row := out[y*g.W : (y+1)*g.W]
		dst := tmp[y*g.W : (y+1)*g.W]
		for x := range g.W {
			var s float32
			if x >= r && x+r < g.W {
				// Inside the row no tap needs clamping: the same sum
				// without the clamps, which cost more than the taps.
				taps := row[x-r : x+r+1]
				for i, kv := range k {
					s += kv * taps[i]
				}
			} else {
				for i, kv := range k {
					xx := min(max(x+i-r, 0), g.W-1)
					s += kv * row[xx]
				}
			}
			dst[x] = s
		}
	}
	// The vertical pass sums each pixel's taps in one go (in tap order,
	// so the sums are those of adding row after row): one write per
	// pixel instead of one per tap.
	rows := make([][]float32, len(k))
	for y := range g.H {
		dst := out[y*g.W : (y+1)*g.W]
		for i := range k {
			yy := min(max(y+i-r, 0), g.H-1)
			rows[i] = tmp[yy*g.W : (yy+1)*g.W]
		}
		for x := range dst {
			var s float32
			for i, kv := range k {
				s += kv * rows[i][x]
			}
			dst[x] = s
		}
	}
	return out, tmp
}

// resized returns s with length n, reusing its array when it is large
// enough; the values are not cleared.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// gaussKernel is a normalised 1-D Gaussian of radius ceil(3σ).
func gaussKernel(sigma float64) []float32 {
	r := int(math.Ceil(3 * sigma))
	k := make([]float32, 2*r+1)
	sum := 0.0
	for i := -r; i <= r; i++ {
		v := math.Exp(-float64(i*i) / (2 * sigma * sigma))
		k[i+r] = float32(v)
		sum += v
	}
	for i := range k {
		k[i] = float32(float64(k[i]) / sum)
	}
	return k
}
