package vision

import "math"

// ResizeArea shrinks img to w×h by exact area averaging: every output
// pixel is the mean of the input area it covers, with fractional weights at
// its borders (OpenCV's INTER_AREA). It is the downscaler for re-encoding:
// detail finer than the output grid is averaged instead of aliased, so the
// smaller JPEG neither shows moiré nor spends bytes on it. Sizes larger
// than the input on an axis keep that axis (it never upsamples); w or h
// below 1 count as 1. The input rows are streamed: memory beyond the
// output is two rows.
func ResizeArea(img *RGB, w, h int) *RGB {
	w, h = min(max(w, 1), img.W), min(max(h, 1), img.H)
	if w == img.W && h == img.H {
		out := NewRGB(w, h)
		copy(out.Pix, img.Pix)
		return out
	}
	tx := areaWeights(img.W, w)
	out := NewRGB(w, h)
	row := make([]float32, 3*w) // one input row, resampled horizontally
	acc := make([]float32, 3*w) // the output row being accumulated
	step := float64(img.H) / float64(h)
	oy := 0
	for y := range img.H {
		tx.resampleRow(row, img.Pix[3*y*img.W:3*(y+1)*img.W])
		// Input row y covers [y, y+1); output row oy covers
		// [oy*step, (oy+1)*step). Split the row between the outputs it
		// straddles.
		lo := float64(y)
		for lo < float64(y+1) && oy < h {
			end := float64(oy+1) * step
			hi := math.Min(float64(y+1), end)
			wt := float32((hi - lo) / step)
			for i, v := range row {
				acc[i] += wt * v
			}
			lo = hi
			if hi >= end-1e-9 {
				o := out.Pix[3*oy*w : 3*(oy+1)*w]
				for i, v := range acc {
					o[i] = uint8(min(max(v+0.5, 0), 255))
				}
				clear(acc)
				oy++
			}
		}
	}
	return out
}

// areaTable lists, per output column, the first input column and the
// weights of the consecutive input columns it covers (summing to 1).
type areaTable struct {
	first, offset, count []int
	weights              []float32
}

func areaWeights(in, out int) areaTable {
	t := areaTable{first: make([]int, out), offset: make([]int, out), count: make([]int, out)}
	step := float64(in) / float64(out)
	for i := range out {
		lo, hi := float64(i)*step, math.Min(float64(i+1)*step, float64(in))
		j0, j1 := int(lo), min(int(math.Ceil(hi-1e-9)), in)
		t.first[i], t.offset[i], t.count[i] = j0, len(t.weights), j1-j0
		for j := j0; j < j1; j++ {
			cover := math.Min(hi, float64(j+1)) - math.Max(lo, float64(j))
			t.weights = append(t.weights, float32(cover/step))
		}
	}
	return t
}

// resampleRow writes the horizontally area-averaged RGB row src into dst.
func (t areaTable) resampleRow(dst []float32, src []uint8) {
	for x := range t.first {
		var r, g, b float32
		p := src[3*t.first[x]:]
		for k, wt := range t.weights[t.offset[x] : t.offset[x]+t.count[x]] {
			r += wt * float32(p[3*k])
			g += wt * float32(p[3*k+1])
			b += wt * float32(p[3*k+2])
		}
		dst[3*x], dst[3*x+1], dst[3*x+2] = r, g, b
	}
}
