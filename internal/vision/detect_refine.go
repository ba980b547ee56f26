package vision

import (
	"math"
	"slices"
)

// refineQuad moves each side of q (in img's pixels) onto the strongest
// colour edge within ±radius px across it, fitting a line robustly to the
// edge points found along the side, then intersects adjacent sides again.
// The ends of each side are skipped so rounded corners do not bend the
// fit. A side without enough edge evidence keeps its position.
func refineQuad(img *RGB, q Quad, radius int) Quad {
	return fitSides(img, q, radius, refineSide)
}

// sideFitter places one side a→b of a quad on the image's evidence within
// ±radius px; ok is false when the evidence is too weak.
type sideFitter func(img *RGB, a, b Point, radius int) (l edgeLine, ok bool)

// fitSides moves each side of q with fit, keeping a side in place where
// fit finds nothing, and intersects adjacent sides again. A corner that
// would move implausibly far (beyond 3 radii) leaves the quad unchanged.
func fitSides(img *RGB, q Quad, radius int, fit sideFitter) Quad {
	var lines [4]edgeLine
	for k := range 4 {
		a, b := q[k], q[(k+1)%4]
		l, ok := fit(img, a, b, radius)
		if !ok {
			l = lineFromPoints(a, b)
		}
		lines[k] = l
	}
	out := q
	for k := range 4 {
		c, ok := intersect(&lines[(k+3)%4], &lines[k])
		if !ok || c.Dist(q[k]) > 3*float64(radius)+2 {
			return q
		}
		out[k] = c
	}
	return out
}

// refineSide finds edge points across segment a→b and fits a line.
func refineSide(img *RGB, a, b Point, radius int) (edgeLine, bool) {
	return (*refineBuffers)(nil).side(img, a, b, radius)
}

// refineBuffers is refineSide's working memory (the colour profile, the
// edge points and the fit's residuals), reused from side to side and,
// in DetectBuffers, from frame to frame. A nil *refineBuffers allocates
// afresh.
type refineBuffers struct {
	prof []float64
	pts  []Point
	res  []float64
	// nearest samples the profiles at the nearest pixel instead of
	// bilinearly (Fast mode: see detectConfig.refineNearest).
	nearest bool
}

// side is refineSide in rb's memory (a sideFitter).
func (rb *refineBuffers) side(img *RGB, a, b Point, radius int) (edgeLine, bool) {
	sp, ok := newSideSpan(a, b, float64(img.W), float64(img.H))
	if !ok {
		return edgeLine{}, false
	}
	n := min(int(sp.len/2), 300)
	var prof, res []float64
	var pts []Point
	if rb != nil {
		prof, pts, res = rb.prof, rb.pts, rb.res
	}
	prof = resized(prof, 2*radius+3)
	if cap(pts) < n {
		pts = make([]Point, 0, n)
	}
	pts = pts[:0]
	for s := range n {
		c := sp.centre(s, n)
		sp.stepProfile(prof, img, c, radius, rb != nil && rb.nearest)
		best, bi := 0.0, -1
		for i := 0; i <= 2*radius+1; i++ {
			if prof[i] > best {
				best, bi = prof[i], i
			}
		}
		if bi < 0 || best < 10 {
			continue
		}
		off := float64(bi) - float64(radius) - 0.5
		if bi > 0 && bi < 2*radius+1 {
			l, c, r := prof[bi-1], prof[bi], prof[bi+1]
			if d := l - 2*c + r; d < 0 {
				off += 0.5 * (l - r) / d
			}
		}
		pts = append(pts, Point{c.X + off*sp.nx, c.Y + off*sp.ny})
	}
	if rb != nil {
		rb.prof, rb.pts = prof, pts
	}
	if len(pts) < max(6, n/4) {
		return edgeLine{}, false
	}
	l, ok := robustLineInto(pts, &res)
	if rb != nil {
		rb.res = res
	}
	return l, ok
}

// robustLine fits a line to pts, then refits twice on the points closest
// to the previous fit (trimming the worst third), so stray points from
// text or shadows do not pull the side.
func robustLine(pts []Point) (edgeLine, bool) {
	return robustLineInto(pts, nil)
}

// robustLineInto is robustLine with its residuals in *buf, reused when
// large enough (buf may be nil): the live tracker fits eight sides a frame.
func robustLineInto(pts []Point, buf *[]float64) (edgeLine, bool) {
	var m lineMoments
	for _, p := range pts {
		m.add(p, 1)
	}
	l := m.fit()
	var scratch []float64
	if buf != nil {
		scratch = *buf
	}
	scratch = resized(scratch, 2*len(pts))
	if buf != nil {
		*buf = scratch
	}
	res, sorted := scratch[:len(pts)], scratch[len(pts):]
	for range 2 {
		for i, p := range pts {
			res[i] = math.Abs(l.Dist(p))
		}
		copy(sorted, res)
		slices.Sort(sorted)
		cut := math.Max(sorted[len(sorted)*2/3], 0.5)
		var mm lineMoments
		for i, p := range pts {
			if res[i] <= cut {
				mm.add(p, 1)
			}
		}
		if mm.w < 4 {
			return edgeLine{}, false
		}
		l = mm.fit()
	}
	return l, true
}

func sq(x float64) float64 { return x * x }

// sampleRGB returns the bilinear colour at (x, y) in image coordinates
// (pixel centres at +0.5), clamped to the image.
func sampleRGB(img *RGB, x, y float64) [3]float64 {
	// clampFloat, not math.Min/Max: this runs tens of thousands of
	// times per tracked frame, and their NaN and ±0 handling is a call.
	sx := clampFloat(x-0.5, float64(img.W-1))
	sy := clampFloat(y-0.5, float64(img.H-1))
	x0, y0 := int(sx), int(sy)
	x1, y1 := min(x0+1, img.W-1), min(y0+1, img.H-1)
	fx, fy := sx-float64(x0), sy-float64(y0)
	var out [3]float64
	i00, i10 := 3*(y0*img.W+x0), 3*(y0*img.W+x1)
	i01, i11 := 3*(y1*img.W+x0), 3*(y1*img.W+x1)
	for c := range 3 {
		p00 := float64(img.Pix[i00+c])
		p10 := float64(img.Pix[i10+c])
		p01 := float64(img.Pix[i01+c])
		p11 := float64(img.Pix[i11+c])
		out[c] = (p00*(1-fx)+p10*fx)*(1-fy) + (p01*(1-fx)+p11*fx)*fy
	}
	return out
}
