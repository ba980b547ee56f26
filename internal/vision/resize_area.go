package vision

import (
	"math"
	"runtime"
)

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
// A large input is resized in two bands of output rows at once
// (resizeBands): the detector's working copy of a 12 MP photo is made
// while nothing else runs, and each band's sums are the ones the whole
// resize makes, so the output is the same bytes.
func resizeArea(dst []uint8, w, h int, src []uint8, sw, sh, stride, n int) {
	if w == sw && h == sh {
		for y := range h {
			copy(dst[n*y*w:n*(y+1)*w], src[y*stride:y*stride+n*w])
		}
		return
	}
	r := areaResize{dst: dst, w: w, h: h, src: src, sw: sw, sh: sh, stride: stride, n: n, tx: areaWeights(sw, w)}
	if resizeBands(sw*sh, h) < 2 {
		r.rows(0, 0, 0, h)
		return
	}
	r.inBands(h / 2)
}

// areaResize is one area resize (see resizeArea) and its column weights.
type areaResize struct {
	dst, src             []uint8
	w, h, sw, sh, stride int
	n                    int
	tx                   areaTable
}

// rows accumulates the output rows oy to end-1 from input row y on, the
// part of row y before lo already spent on earlier output rows (lo = y
// at a row's start): the vertical pass of the whole resize from that
// point, stopped at end.
func (r areaResize) rows(y int, lo float64, oy, end int) {
	n, w := r.n, r.w
	row := make([]float32, n*w) // one input row, resampled horizontally
	acc := make([]float32, n*w) // the output row being accumulated
	acc = acc[:len(row)]        // one length: the loops below index both unchecked
	step := float64(r.sh) / float64(r.h)
	for ; y < r.sh && oy < end; y++ {
		r.tx.resampleRow(row, r.src[y*r.stride:y*r.stride+n*r.sw], n)
		// Input row y covers [y, y+1); output row oy covers
		// [oy*step, (oy+1)*step). Split the row between the outputs it
		// straddles.
		for lo < float64(y+1) && oy < end {
			stop := float64(oy+1) * step
			hi := math.Min(float64(y+1), stop)
			wt := float32((hi - lo) / step)
			for i, v := range row {
				acc[i] += wt * v
			}
			lo = hi
			if hi >= stop-1e-9 {
				o := r.dst[n*oy*w : n*(oy+1)*w]
				o = o[:len(acc)]
				for i, v := range acc {
					o[i] = uint8(min(max(v+0.5, 0), 255))
				}
				clear(acc)
				oy++
			}
		}
		lo = float64(y + 1)
	}
}

// rowStart is where rows stands when output row oy is the next to
// accumulate: the input row and the part of it already spent. It replays
// the rows' bookkeeping without the pixels, the same float steps, so
// that a band starting there sums what the whole resize sums.
func (r areaResize) rowStart(oy int) (y int, lo float64) {
	step := float64(r.sh) / float64(r.h)
	at := 0
	for y = range r.sh {
		lo = float64(y)
		for lo < float64(y+1) {
			if at == oy {
				return y, lo
			}
			stop := float64(at+1) * step
			hi := math.Min(float64(y+1), stop)
			lo = hi
			if hi >= stop-1e-9 {
				at++
			}
		}
	}
	return r.sh, float64(r.sh)
}

// inBands resizes output rows [0, split) and [split, h) at once
// (bothAtOnce).
func (r areaResize) inBands(split int) {
	bothAtOnce(func() { r.rows(0, 0, 0, split) }, func() {
		y, lo := r.rowStart(split)
		r.rows(y, lo, split, r.h)
	})
}

// resizeBands is how many bands of output rows a resize of inPixels
// input pixels into outRows rows runs in: two for a large input when a
// second core may run Go code, else one (the browser build's single
// thread; small resizes, where a goroutine costs more than it saves).
func resizeBands(inPixels, outRows int) int {
	if inPixels < bandMinPixels || outRows < 2 || runtime.GOARCH == "wasm" || runtime.GOMAXPROCS(0) < 2 {
		return 1
	}
	return 2
}

// bandMinPixels is the smallest input resized in two bands: a megapixel
// takes ~3 ms to resize, a goroutine's start a few microseconds.
const bandMinPixels = 1 << 20

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
