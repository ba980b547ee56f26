package vision

import "math"

// shrinkRGB area-averages img so that its longer side is at most maxSide
// and returns the copy with the scale factors (output / input) per axis.
// It returns img itself with factors 1 when it is already small enough.
// Area averaging, unlike point sampling, keeps thin edges and suppresses
// noise, which is what the edge analysis downstream needs.
func shrinkRGB(img *RGB, maxSide int) (*RGB, float64, float64) {
	long := max(img.W, img.H)
	if long <= maxSide || maxSide <= 0 {
		return img, 1, 1
	}
	s := float64(maxSide) / float64(long)
	w := max(1, int(math.Round(float64(img.W)*s)))
	h := max(1, int(math.Round(float64(img.H)*s)))
	return resizeAreaRGB(img, w, h), float64(w) / float64(img.W), float64(h) / float64(img.H)
}

// areaTaps lists, for each output sample, the first input sample and the
// weights of the consecutive input samples it covers (weights sum to 1).
type areaTaps struct {
	first, count []int
	offset       []int
	weights      []float32
}

func newAreaTaps(in, out int) areaTaps {
	t := areaTaps{first: make([]int, out), count: make([]int, out), offset: make([]int, out)}
	step := float64(in) / float64(out)
	for i := range out {
		lo, hi := float64(i)*step, float64(i+1)*step
		j0 := int(lo)
		j1 := min(int(math.Ceil(hi)), in)
		t.first[i], t.count[i], t.offset[i] = j0, j1-j0, len(t.weights)
		for j := j0; j < j1; j++ {
			ov := math.Min(hi, float64(j+1)) - math.Max(lo, float64(j))
			t.weights = append(t.weights, float32(ov/step))
		}
	}
	return t
}

// resizeAreaRGB shrinks img to w×h by exact box (area) averaging; it is
// meant for downscaling (w <= img.W, h <= img.H).
func resizeAreaRGB(img *RGB, w, h int) *RGB {
	tx, ty := newAreaTaps(img.W, w), newAreaTaps(img.H, h)
	// Horizontal pass into a float row buffer per input row.
	tmp := make([]float32, 3*w*img.H)
	for y := range img.H {
		src := img.Pix[3*y*img.W : 3*(y+1)*img.W]
		dst := tmp[3*y*w : 3*(y+1)*w]
		for x := range w {
			var r, g, b float32
			ws := tx.weights[tx.offset[x] : tx.offset[x]+tx.count[x]]
			p := src[3*tx.first[x]:]
			for k, wt := range ws {
				r += wt * float32(p[3*k])
				g += wt * float32(p[3*k+1])
				b += wt * float32(p[3*k+2])
			}
			dst[3*x], dst[3*x+1], dst[3*x+2] = r, g, b
		}
	}
	out := NewRGB(w, h)
	acc := make([]float32, 3*w)
	for y := range h {
		clear(acc)
		ws := ty.weights[ty.offset[y] : ty.offset[y]+ty.count[y]]
		for k, wt := range ws {
			row := tmp[3*(ty.first[y]+k)*w : 3*(ty.first[y]+k+1)*w]
			for i, v := range row {
				acc[i] += wt * v
			}
		}
		o := out.Pix[3*y*w : 3*(y+1)*w]
		for i, v := range acc {
			o[i] = uint8(min(max(v+0.5, 0), 255))
		}
	}
	return out
}
