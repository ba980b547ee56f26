package cascade

import "github.com/idpreflight/idpreflight/internal/vision"

// resizeInto scales src to dst's size bilinearly (pixel centres aligned,
// as OpenCV's INTER_LINEAR, so the pure and the gocv engines see nearly
// the same pyramid). xs holds scratch of at least 2*dst.W ints.
func resizeInto(dst, src *vision.Gray, xs []int32) {
	sx := float64(src.W) / float64(dst.W)
	sy := float64(src.H) / float64(dst.H)
	// Horizontal taps: source index and 8-bit weight of the right sample.
	x0, wx := xs[:dst.W], xs[dst.W:2*dst.W]
	for x := range dst.W {
		i, w := tap(x, sx, src.W)
		x0[x], wx[x] = int32(i), w
	}
	for y := range dst.H {
		i, wy := tap(y, sy, src.H)
		r0 := src.Pix[i*src.W : (i+1)*src.W]
		r1 := r0
		if i+1 < src.H {
			r1 = src.Pix[(i+1)*src.W : (i+2)*src.W]
		}
		out := dst.Pix[y*dst.W : (y+1)*dst.W]
		for x := range out {
			a := x0[x]
			b := min(a+1, int32(src.W-1))
			w := wx[x]
			top := int32(r0[a])*(256-w) + int32(r0[b])*w
			bot := int32(r1[a])*(256-w) + int32(r1[b])*w
			out[x] = uint8((top*(256-wy) + bot*wy + 1<<15) >> 16)
		}
	}
}

// tap returns the first source sample of output index o at scale s
// (source pixels per output pixel) over n samples, and the 8-bit weight
// of the next one; positions outside the source clamp to its edge.
func tap(o int, s float64, n int) (int, int32) {
	f := (float64(o)+0.5)*s - 0.5
	i := int(f)
	if f < 0 {
		f, i = 0, 0
	}
	if i >= n-1 {
		i, f = n-1, float64(n-1)
	}
	return i, int32((f - float64(i)) * 256)
}
