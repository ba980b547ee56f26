package vision

// EdgeStats summarises the derivatives of a float plane over the pixels
// whose 3×3 neighbourhood lies inside the plane and inside the mask.
type EdgeStats struct {
	// LaplacianVar is the variance of the 4-neighbour Laplacian: large
	// for fine sharp detail, it falls as the cube of the blur width on
	// edges, and scales with contrast squared.
	LaplacianVar float64
	// GradEnergy is the mean squared central-difference gradient
	// (gx² + gy²); it falls only linearly with blur width, so
	// LaplacianVar / GradEnergy is a contrast-free measure of edge width.
	GradEnergy float64
	// Jxx, Jyy, Jxy are the mean structure tensor entries; their
	// eigenvalues tell whether the detail is lost in one direction only
	// (motion blur).
	Jxx, Jyy, Jxy float64
	// Samples is the number of pixels measured.
	Samples int
}

// MeasureEdges computes EdgeStats of the w×h plane p. mask, when not nil,
// has one byte per pixel; a pixel counts only if its 3×3 neighbourhood is
// all non-zero in the mask, so edges of a valid region never count.
func MeasureEdges(p []float32, w, h int, mask []uint8) EdgeStats {
	var s EdgeStats
	var sumL, sumL2 float64
	for y := 1; y < h-1; y++ {
		// col(x) says whether the mask is set in column x of rows y-1..y+1;
		// a pixel's 3×3 neighbourhood is then three columns, kept as the
		// window slides (three lookups a pixel instead of nine).
		col := func(x int) bool {
			return mask[(y-1)*w+x] != 0 && mask[y*w+x] != 0 && mask[(y+1)*w+x] != 0
		}
		var left, mid bool
		if mask != nil {
			left, mid = col(0), col(1)
		}
		for x := 1; x < w-1; x++ {
			i := y*w + x
			if mask != nil {
				right := col(x + 1)
				ok := left && mid && right
				left, mid = mid, right
				if !ok {
					continue
				}
			}
			c, l, r, u, d := p[i], p[i-1], p[i+1], p[i-w], p[i+w]
			lap := float64(l + r + u + d - 4*c)
			gx, gy := float64(r-l)/2, float64(d-u)/2
			sumL += lap
			sumL2 += lap * lap
			s.Jxx += gx * gx
			s.Jyy += gy * gy
			s.Jxy += gx * gy
			s.Samples++
		}
	}
	if s.Samples == 0 {
		return s
	}
	n := float64(s.Samples)
	mean := sumL / n
	s.LaplacianVar = sumL2/n - mean*mean
	s.Jxx, s.Jyy, s.Jxy = s.Jxx/n, s.Jyy/n, s.Jxy/n
	s.GradEnergy = s.Jxx + s.Jyy
	return s
}
