package vision

import "math"

// segment is a straight piece of edge found in the gradient field.
type segment struct {
	A, B Point   // end points
	Len  float64 // |B - A|
	Mag  float64 // mean gradient strength along it
}

// segmentParams tunes findSegments.
type segmentParams struct {
	minMag float32 // weakest pixel that may join a region
	minLen float64 // shortest segment kept
}

// angleTolCos is the cosine of the largest angle (22.5°, as in LSD) between
// a pixel's edge normal and its region's normal; angleTolCos2 is the
// cosine of twice that angle (cos 2a = 2cos²a − 1), the same test on
// double angles, where opposite normals coincide.
const (
	angleTolCos  = 0.924
	angleTolCos2 = 2*angleTolCos*angleTolCos - 1
)

// findSegments groups pixels into straight edge segments the way LSD does
// (region growing over pixels whose edge normals agree, strongest pixels
// first) and fits a line to each region by its principal axis. Regions
// that are too short, too thick or too sparse for a line are dropped.
func findSegments(g *gradField, p segmentParams) []segment {
	w := g.W
	// Only ridge pixels (local maxima across the edge, as in Canny) may
	// join: on textured desks a blurry edge would otherwise grow into the
	// texture beside it and stop looking like a line. Only they can seed
	// a region, so only they are ordered.
	used := suppressNonMaxima(g, p.minMag)
	order := ridgesByStrength(g)
	// Working lists from the field's memory (reused with DetectBuffers).
	region, stack, segs := g.region[:0], g.stack[:0], g.segs[:0]
	// Offsets of the eight neighbours, in the order of a row-major scan.
	w32 := int32(w)
	nb := [8]int32{-w32 - 1, -w32, -w32 + 1, -1, 1, w32 - 1, w32, w32 + 1}
	// The planes in locals: a load per use through g under wasm. Bounds:
	// regions grow from inner pixels only (border pixels are always
	// used), so every neighbour read is inside the re-sliced planes
	// (unchecked.go).
	nxs, nys, usedp := base(g.NX[:w*g.H]), base(g.NY[:w*g.H]), base(used[:w*g.H])
	for _, seed := range order {
		if used[seed] {
			continue
		}
		region, stack = region[:0], stack[:0]
		used[seed] = true
		region = append(region, seed)
		stack = append(stack, seed)
		// Region normal as a double-angle sum, so opposite normals agree.
		// A pixel joins when its normal lies within the tolerance of the
		// region's, tested in double angles against the sum's direction:
		// one root per joining pixel, where halving the angle took three.
		sx, sy := loadF32(nxs, int(seed)), loadF32(nys, int(seed))
		c2 := float64(sx*sx - sy*sy)
		s2 := float64(2 * sx * sy)
		rc, rs := unitVector(c2, s2)
		for len(stack) > 0 {
			q := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			// q is an inner pixel (border pixels are always used), so its
			// eight neighbours are in the image: no coordinates, no
			// division, no range tests.
			for _, d := range nb {
				k := int(q + d)
				if loadBool(usedp, k) {
					continue
				}
				nx32, ny32 := loadF32(nxs, k), loadF32(nys, k)
				nx, ny := float64(nx32), float64(ny32)
				if (nx*nx-ny*ny)*rc+2*nx*ny*rs < angleTolCos2 {
					continue
				}
				storeBool(usedp, k, true)
				region = append(region, int32(k))
				stack = append(stack, int32(k))
				c2 += float64(nx32*nx32 - ny32*ny32)
				s2 += float64(2 * nx32 * ny32)
				rc, rs = unitVector(c2, s2)
			}
		}
		if s, ok := fitSegment(g, region, p.minLen); ok {
			segs = append(segs, s)
		}
	}
	g.region, g.stack, g.segs = region, stack, segs
	return segs
}

// suppressNonMaxima returns a mask that is true for pixels that may not
// join a segment: too weak, or weaker than a neighbour across the edge;
// border pixels are always true (findSegments relies on it). The pixels
// left false (the ridges) are also listed in g.order, in index order.
func suppressNonMaxima(g *gradField, minMag float32) []bool {
	w, h := g.W, g.H
	off := resized(g.off, w*h)
	g.off = off
	// All true by doubling copies: a word-wide memmove rather than a
	// store per byte.
	if len(off) > 0 {
		off[0] = true
		for n := 1; n < len(off); n *= 2 {
			copy(off[n:], off[:n])
		}
	}
	// Room for every ridge at once: a ridge's magnitude is not zero, so
	// there are at most as many as the field's mask has bits. Grown by
	// append, the list (~280 000 ridges on an 800 px photo) was copied a
	// dozen times into fresh pages, ~9 ms of a fresh process's 12 MP
	// recompression (pprof, growslice under suppressNonMaxima, 10
	// processes); pages of the room left unused are never touched.
	ridges := g.order[:0]
	if n := g.nonZero(); cap(ridges) < n {
		ridges = make([]int32, 0, n)
	}
	// Bounds: i is an inner pixel and j a step to one of its eight
	// neighbours, all inside the re-sliced planes (unchecked.go).
	mag, nxs, nys, offp := base(g.Mag[:w*h]), base(g.NX[:w*h]), base(g.NY[:w*h]), base(off)
	for y := 1; y < h-1; y++ {
		for i := y*w + 1; i < (y+1)*w-1; i++ {
			m := loadF32(mag, i)
			if m < minMag {
				continue
			}
			// Neighbour step along the normal, quantised to 8 directions.
			nx, ny := loadF32(nxs, i), loadF32(nys, i)
			j := 0
			if nx > 0.38 {
				j = 1
			} else if nx < -0.38 {
				j = -1
			}
			if ny > 0.38 {
				j += w
			} else if ny < -0.38 {
				j -= w
			}
			if m >= loadF32(mag, i+j) && m > loadF32(mag, i-j) {
				storeBool(offp, i, false)
				ridges = append(ridges, int32(i))
			}
		}
	}
	g.order = ridges
	return off
}

// unitVector returns (x, y) scaled to unit length, or (1, 0) for zero.
func unitVector(x, y float64) (float64, float64) {
	// A plain root, not math.Hypot, whose overflow guard is a call in
	// the browser build: the sums of unit vectors here cannot overflow.
	n := math.Sqrt(x*x + y*y)
	if n == 0 {
		return 1, 0
	}
	return x / n, y / n
}

// ridgesByStrength returns the ridge pixels suppressNonMaxima listed in
// g.order, strongest first (a counting sort on quantised strength, stable:
// equal bins stay in index order).
func ridgesByStrength(g *gradField) []int32 {
	const bins = 1024
	const top = 256 // strengths above this share the top bin
	var count [bins + 1]int32
	q := func(m float32) int { return min(int(m*(bins/top)), bins-1) }
	ridges := g.order
	for _, i := range ridges {
		count[q(g.Mag[i])]++
	}
	// Start offsets, strongest bin first.
	var start [bins]int32
	off := int32(0)
	for b := bins - 1; b >= 0; b-- {
		start[b] = off
		off += count[b]
	}
	out := resized(g.sorted, len(ridges))
	g.sorted = out
	for _, i := range ridges {
		b := q(g.Mag[i])
		out[start[b]] = i
		start[b]++
	}
	return out
}

// fitSegment fits a line to a region by its strength-weighted principal
// axis and checks that the region looks like a line: long enough, thin
// (perpendicular spread) and dense along its length.
func fitSegment(g *gradField, region []int32, minLen float64) (segment, bool) {
	if len(region) < int(minLen/2) || len(region) < 4 {
		return segment{}, false
	}
	w := g.W
	var sw, sx, sy float64
	for _, k := range region {
		m := float64(g.Mag[k])
		// One division for both coordinates: a division is dear under
		// wasm, and every ridge pixel of a frame passes here three times.
		y := int(k) / w
		sw += m
		sx += m * float64(int(k)-y*w)
		sy += m * float64(y)
	}
	cx, cy := sx/sw, sy/sw
	var xx, yy, xy float64
	for _, k := range region {
		m := float64(g.Mag[k])
		y := int(k) / w
		dx, dy := float64(int(k)-y*w)-cx, float64(y)-cy
		xx += m * dx * dx
		yy += m * dy * dy
		xy += m * dx * dy
	}
	// Principal direction of the 2×2 covariance.
	theta := 0.5 * math.Atan2(2*xy, xx-yy)
	dx, dy := math.Cos(theta), math.Sin(theta)
	tmin, tmax := math.Inf(1), math.Inf(-1)
	var perp2 float64
	for _, k := range region {
		y := int(k) / w
		px, py := float64(int(k)-y*w)-cx, float64(y)-cy
		t := px*dx + py*dy
		tmin, tmax = fmin(tmin, t), fmax(tmax, t)
		d := -px*dy + py*dx
		perp2 += float64(g.Mag[k]) * d * d
	}
	length := tmax - tmin
	if length < minLen {
		return segment{}, false
	}
	spread := math.Sqrt(perp2 / sw)
	if spread > 1.5+0.01*length {
		return segment{}, false
	}
	if float64(len(region)) < 0.6*length {
		return segment{}, false
	}
	// Pixel centres are at integer coordinates here; the image
	// convention puts pixel x's centre at x + 0.5.
	a := Point{cx + tmin*dx + 0.5, cy + tmin*dy + 0.5}
	b := Point{cx + tmax*dx + 0.5, cy + tmax*dy + 0.5}
	return segment{A: a, B: b, Len: length, Mag: sw / float64(len(region))}, true
}
