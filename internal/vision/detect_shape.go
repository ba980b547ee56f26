package vision

import "math"

// rectAspect estimates the width/height ratio (>= 1) of the rectangle
// whose perspective image is q, by Zhang and He's whiteboard method with
// the principal point at (cx, cy) and focal length f in pixels. For a
// parallelogram it reduces to the ratio of side lengths.
func rectAspect(q Quad, cx, cy, f float64) float64 {
	m := func(p Point) [3]float64 { return [3]float64{p.X - cx, p.Y - cy, 1} }
	m1, m2, m4, m3 := m(q[0]), m(q[1]), m(q[2]), m(q[3]) // TL, TR, BR, BL
	k2 := dot3(cross3(m1, m4), m3) / dot3(cross3(m2, m4), m3)
	k3 := dot3(cross3(m1, m4), m2) / dot3(cross3(m3, m4), m2)
	var n2, n3 [3]float64
	for i := range 3 {
		n2[i] = k2*m2[i] - m1[i]
		n3[i] = k3*m3[i] - m1[i]
	}
	f2 := f * f
	num := (n2[0]*n2[0]+n2[1]*n2[1])/f2 + n2[2]*n2[2]
	den := (n3[0]*n3[0]+n3[1]*n3[1])/f2 + n3[2]*n3[2]
	r := math.Sqrt(num / den)
	if math.IsNaN(r) || math.IsInf(r, 0) || r <= 0 {
		r = naiveAspect(q)
	}
	if r < 1 {
		r = 1 / r
	}
	return r
}

// naiveAspect is the ratio of the mean lengths of opposite sides (>= 1).
func naiveAspect(q Quad) float64 {
	w := (q[0].Dist(q[1]) + q[3].Dist(q[2])) / 2
	h := (q[1].Dist(q[2]) + q[0].Dist(q[3])) / 2
	if h == 0 || w == 0 {
		return math.Inf(1)
	}
	if w < h {
		w, h = h, w
	}
	return w / h
}

func cross3(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

func dot3(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

// shapeSigma is the tolerance of the aspect prior in log ratio: focal
// length and corner errors make the estimate wander by ~10 %.
const shapeSigma = 0.12

// shapePrior scores how well q's rectified aspect matches the expected
// document aspects: 1 for a perfect match, falling off as a Gaussian in
// the log ratio, never below a small floor (odd shapes stay possible but
// lose to document-shaped outlines).
func shapePrior(q Quad, p hypoParams) float64 {
	// The focal length and principal point are unknown (crops move the
	// centre, phones differ), so the plain side ratio gets a say too: the
	// better of the two estimates counts.
	f := 0.9 * math.Max(p.W, p.H)
	best := math.Inf(1)
	for _, r := range []float64{rectAspect(q, p.W/2, p.H/2, f), naiveAspect(q)} {
		for _, a := range p.Aspects {
			best = math.Min(best, math.Abs(math.Log(r/a)))
		}
	}
	return math.Max(math.Exp(-best*best/(2*shapeSigma*shapeSigma)), 0.02)
}
