package vision

import "math"

// Printed copies by region: under dim light a grey sheet on a newspaper
// shows on the chroma plane as a patch a few levels greyer than the
// paper around it, with no edge the line search can follow (the noise of
// the plane is as strong as the step), yet the patch as a whole stands
// out: the plane smoothed and split at Otsu's level leaves the sheet as
// a filled rectangle of a document's aspect. Such regions are proposed
// when the line search on the plane finds no outline at all; the
// outline is the rectangle with the region's area and second moments.
const (
	regionSmooth = 2.0 // Gaussian sigma (px) of the plane before the split
	// regionMinArea and regionMaxArea bound a sheet's region, as shares
	// of the image: the endpoint wants 10 %; a region over half the
	// photo is the table's light falloff.
	regionMinArea, regionMaxArea = 0.05, 0.5
	// regionFill is the least share of its rectangle a region must fill,
	// and regionOverfill the most (a filled rectangle measures 1; ragged
	// borders from the smoothing lose a few per cent).
	regionFill, regionOverfill = 0.85, 1.1
	// regionAspect is the largest relative difference between a region's
	// long/short ratio and a document aspect.
	regionAspect = 0.12
)

// otsuLevel returns Otsu's threshold of hist (n values): the level that
// best splits it into two classes, the values at most the level and the
// rest.
func otsuLevel(hist *[256]int, n int) int {
	sum := 0.0
	for v, c := range hist {
		sum += float64(v * c)
	}
	below, sumBelow, best, level := 0, 0.0, -1.0, 0
	for v, c := range hist {
		below += c
		if below == 0 || below == n {
			continue
		}
		sumBelow += float64(v * c)
		mb := sumBelow / float64(below)
		ma := (sum - sumBelow) / float64(n-below)
		if s := float64(below) * float64(n-below) * (mb - ma) * (mb - ma); s > best {
			best, level = s, v
		}
	}
	return level
}

// sheetRegions returns the outlines of the plane's grey regions (below
// Otsu's level after smoothing) that are filled rectangles of a
// document's aspect (regionFill, regionAspect) covering regionMinArea to
// regionMaxArea of the image, largest first, unscored.
func sheetRegions(plane *RGB, hp hypoParams) []hypothesis {
	g := plane.Gray()
	sm := SmoothFloat(g, regionSmooth)
	var hist [256]int
	for i, v := range sm {
		g.Pix[i] = uint8(min(255, v+0.5))
		hist[g.Pix[i]]++
	}
	level := otsuLevel(&hist, len(sm))
	mask := make([]uint8, len(sm))
	for i, v := range g.Pix {
		if int(v) <= level {
			mask[i] = 1
		}
	}
	area := float64(g.W * g.H)
	var out []hypothesis
	for _, b := range FindBlobs(mask, g.W, g.H, int(regionMinArea*area)) {
		if float64(b.Area) > regionMaxArea*area {
			continue
		}
		q, ok := regionRect(mask, g.W, b)
		if !ok {
			continue
		}
		h := hypothesis{Q: q, Lines: [4]int{-1, -1, -1, -1}}
		if plausibleQuad(&h, hp) && aspectMatch(q, hp.Aspects) {
			out = append(out, h)
		}
	}
	// Largest first: the sheet, not a patch of it.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Q.Area() > out[j-1].Q.Area(); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// regionRect returns the rectangle with the area and second moments of
// the mask's set pixels inside blob b's box (a filled rectangle W×H has
// variances W²/12 and H²/12 along its axes); ok is false when the region
// fills it less than regionFill or more than regionOverfill.
func regionRect(mask []uint8, w int, b Blob) (Quad, bool) {
	var n, sx, sy, sxx, syy, sxy float64
	for y := b.Box.Y0; y < b.Box.Y1; y++ {
		row := mask[y*w : (y+1)*w]
		for x := b.Box.X0; x < b.Box.X1; x++ {
			if row[x] == 0 {
				continue
			}
			fx, fy := float64(x)+0.5, float64(y)+0.5
			n++
			sx += fx
			sy += fy
			sxx += fx * fx
			syy += fy * fy
			sxy += fx * fy
		}
	}
	if n == 0 {
		return Quad{}, false
	}
	cx, cy := sx/n, sy/n
	vxx, vyy, vxy := sxx/n-cx*cx, syy/n-cy*cy, sxy/n-cx*cy
	// Eigen-decomposition of the 2×2 covariance.
	tr, det := vxx+vyy, vxx*vyy-vxy*vxy
	disc := math.Sqrt(math.Max(0, tr*tr/4-det))
	l1, l2 := tr/2+disc, tr/2-disc
	if l2 <= 0 {
		return Quad{}, false
	}
	theta := 0.5 * math.Atan2(2*vxy, vxx-vyy)
	long, short := math.Sqrt(12*l1), math.Sqrt(12*l2)
	if fill := float64(b.Area) / (long * short); fill < regionFill || fill > regionOverfill {
		return Quad{}, false
	}
	u := Point{math.Cos(theta) * long / 2, math.Sin(theta) * long / 2}
	v := Point{-math.Sin(theta) * short / 2, math.Cos(theta) * short / 2}
	return Quad{
		{cx - u.X - v.X, cy - u.Y - v.Y},
		{cx + u.X - v.X, cy + u.Y - v.Y},
		{cx + u.X + v.X, cy + u.Y + v.Y},
		{cx - u.X + v.X, cy - u.Y + v.Y},
	}, true
}

// aspectMatch reports whether q's long/short side ratio lies within
// regionAspect (relative) of one of aspects.
func aspectMatch(q Quad, aspects []float64) bool {
	a, b := (q[0].Dist(q[1])+q[2].Dist(q[3]))/2, (q[1].Dist(q[2])+q[3].Dist(q[0]))/2
	if a == 0 || b == 0 {
		return false
	}
	r := math.Max(a, b) / math.Min(a, b)
	for _, asp := range aspects {
		if math.Abs(r-asp) <= regionAspect*asp {
			return true
		}
	}
	return false
}
