package vision

import "math"

// sideSpan is the stretch of a quad side a→b that the edge fitters
// (refineSide, TrackBuffers.side) sample: the part inside the frame,
// less 6 % at each end, where rounded corners and corner shadows bend
// the border away from the line.
type sideSpan struct {
	a              Point
	t0, full, len  float64 // start (share of the side), side length, span length (px)
	ux, uy, nx, ny float64 // unit vectors along and across the side
}

// newSideSpan is side a→b's span in a w×h frame; false when less than
// 8 px of it is inside, too little to fit a line to.
func newSideSpan(a, b Point, w, h float64) (sideSpan, bool) {
	t0, t1, ok := clippedT(a, b, w, h)
	if !ok {
		return sideSpan{}, false
	}
	t0, t1 = math.Max(t0, 0.06), math.Min(t1, 0.94)
	full := a.Dist(b)
	length := (t1 - t0) * full
	if length < 8 {
		return sideSpan{}, false
	}
	ux, uy := (b.X-a.X)/full, (b.Y-a.Y)/full
	return sideSpan{a: a, t0: t0, full: full, len: length, ux: ux, uy: uy, nx: -uy, ny: ux}, true
}

// centre is the middle of the s-th of n equal pieces of the span.
func (sp sideSpan) centre(s, n int) Point {
	t := sp.t0*sp.full + (float64(s)+0.5)*sp.len/float64(n)
	return Point{sp.a.X + sp.ux*t, sp.a.Y + sp.uy*t}
}

// stepProfile fills prof[0 .. 2·radius+1] with the colour steps across
// the span at c: prof[i] is the RGB distance between the samples at
// offsets i-radius-1 and i-radius along the normal, so it is centred at
// i-radius-0.5. nearest reads the nearest pixel instead of a bilinear
// sample (a quarter of the work, for passes that only need to land
// within a pixel). Direct calls, not a function value: under wasm those
// are not inlined, and this runs for every profile sample.
func (sp sideSpan) stepProfile(prof []float64, img *RGB, c Point, radius int, nearest bool) {
	var prev [3]float64
	for k := -radius - 1; k <= radius+1; k++ {
		var v [3]float64
		x, y := c.X+float64(k)*sp.nx, c.Y+float64(k)*sp.ny
		if nearest {
			v = nearestRGB(img, x, y)
		} else {
			v = sampleRGB(img, x, y)
		}
		if k > -radius-1 {
			prof[k+radius] = math.Sqrt(sq(v[0]-prev[0]) + sq(v[1]-prev[1]) + sq(v[2]-prev[2]))
		}
		prev = v
	}
}
