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
	out := NewRGB(w, h)
	resizeArea(out.Pix, w, h, img.Pix, img.W, img.H, 3*img.W, 3)
	return out
}

// ResizeAreaPlane is ResizeArea for one 8-bit plane of w×h samples whose
// rows start stride bytes apart (a decoder's Y, Cb or Cr plane): the
// planes of a YCbCr image are resized each at its own size, without
// converting to RGB and back.
func ResizeAreaPlane(pix []uint8, w, h, stride, dw, dh int) *Gray {
	dw, dh = min(max(dw, 1), w), min(max(dh, 1), h)
	out := NewGray(dw, dh)
	resizeArea(out.Pix, dw, dh, pix, w, h, stride, 1)
	return out
}

// resizeArea writes the area-averaged w×h image of n interleaved channels
// into dst (packed rows) from the sw×sh src whose rows are stride apart.
func resizeArea(dst []uint8, w, h int, src []uint8, sw, sh, stride, n int) {
	if w == sw && h == sh {
		for y := range h {
			copy(dst[n*y*w:n*(y+1)*w], src[y*stride:y*stride+n*w])
		}
		return
	}
	tx := areaWeights(sw, w)
	row := make([]float32, n*w) // one input row, resampled horizontally
	acc := make([]float32, n*w) // the output row being accumulated
	acc = acc[:len(row)]        // one length: the loops below index both unchecked
	step := float64(sh) / float64(h)
	oy := 0
	for y := range sh {
		tx.resampleRow(row, src[y*stride:y*stride+n*sw], n)
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
				o := dst[n*oy*w : n*(oy+1)*w]
				o = o[:len(acc)]
				for i, v := range acc {
					o[i] = uint8(min(max(v+0.5, 0), 255))
				}
				clear(acc)
				oy++
			}
		}
	}
}

// areaTable lists, per output column, the first input column and the
// weights of the consecutive input columns it covers (summing to 1).
type areaTable struct {
	first, offset, count []int
	weights              []float32
	in                   int // input columns
}

func areaWeights(in, out int) areaTable {
	t := areaTable{first: make([]int, out), offset: make([]int, out), count: make([]int, out), in: in}
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

// resampleRow writes the horizontally area-averaged row src of n
// interleaved channels (1 or 3) into dst. The sums run in the same order
// as a plain loop's; only the bounds checks go (unchecked.go): this is
// most of every area resize, the detector's working copy included.
func (t areaTable) resampleRow(dst []float32, src []uint8, n int) {
	// Bounds: output column x reads the input columns first[x] to
	// first[x]+count[x]-1, all below t.in, and the weights offset[x] to
	// offset[x]+count[x]-1, all in t.weights (areaWeights); src is
	// re-sliced to the t.in columns it must hold and dst to the output
	// columns (a short one panics here).
	src = src[:n*t.in]
	dst = dst[:n*len(t.first)]
	ps, pw := base(src), base(t.weights)
	if n == 1 {
		for x := range t.first {
			var v float32
			o, w0 := t.first[x], t.offset[x]
			for k := range t.count[x] {
				v += loadF32(pw, w0+k) * float32(load8(ps, o+k))
			}
			dst[x] = v
		}
		return
	}
	for x := range t.first {
		var r, g, b float32
		o, w0 := 3*t.first[x], t.offset[x]
		for k := range t.count[x] {
			wt := loadF32(pw, w0+k)
			r += wt * float32(load8(ps, o+3*k))
			g += wt * float32(load8(ps, o+3*k+1))
			b += wt * float32(load8(ps, o+3*k+2))
		}
		dst[3*x], dst[3*x+1], dst[3*x+2] = r, g, b
	}
}
