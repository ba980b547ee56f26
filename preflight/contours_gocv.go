//go:build cgo && gocv

package preflight

import (
	"image"
	"math"
	"sort"

	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// contourParams tunes contourQuads. Every size is relative to the working
// copy, so one setting serves the full detector's ~800 px copy and Fast
// mode's ~213 px one.
type contourParams struct {
	// blur is the Gaussian kernel's size, px. The edges are found on the
	// working copy itself: at half its size (a quarter of the Canny
	// cost, which dominates) the synthetic cards' outlines came out
	// 1–2 px off (IoU 0.93 instead of ≥ 0.95) and one on wood was lost.
	blur int
	// cannyLevels lists the (low, high) hysteresis thresholds of each
	// Canny pass, on the 3×3 Sobel |dx|+|dy| of the blurred colour image:
	// a strong pass keeps a cluttered desk's texture out of the card's
	// outline.
	cannyLevels [][2]float32
	// minArea is the smallest outline, as a share of the image (the
	// detector's own floor, vision's minAreaFraction).
	minArea float64
	// minSolidity is the least share of its convex hull a contour must
	// fill: a document's outline is convex, a finger or glare spot only
	// bites into it.
	minSolidity float64
	// epsilons lists approxPolyDP's tolerances, as shares of the hull's
	// perimeter, tried in turn until the hull fits a 4-gon.
	epsilons []float64
	// maxQuads caps the outlines handed to the scorer, largest first;
	// each costs a full score (~0.1 ms at 800 px).
	maxQuads int
	// sameCorner is the corner distance, as a share of the short side,
	// under which two outlines count as one.
	sameCorner float64
}

// defaultContourParams are the settings measured on the synthetic scenes
// of contours_gocv_test.go and the dev set (README, "The gocv engine"):
// a second, weak Canny pass at (15, 45) put an outline with IoU ≥ 0.9
// among the proposals for 121 instead of 110 of the 236 single-document
// photos, yet the detector picked the same outlines on all of them
// (detect-only eval identical but for two IoUs ±0.001), for twice the
// cost (45 instead of 21 ms CPU per call on a card on wood).
func defaultContourParams() contourParams {
	return contourParams{
		blur:        5,
		cannyLevels: [][2]float32{{40, 120}},
		minArea:     0.02,
		minSolidity: 0.6,
		epsilons:    []float64{0.02, 0.035, 0.05, 0.08},
		maxQuads:    40,
		sameCorner:  0.02,
	}
}

// contourQuads proposes document outlines on the detector's working copy
// with OpenCV: the colour image is blurred (Gaussian), edged by Canny at
// each of p.cannyLevels (OpenCV's Canny takes the strongest channel's
// gradient, so a card that differs from the desk only in hue still has an
// edge), the edges are closed by a 3×3 morphological closing to bridge
// one-pixel gaps (a dilation bridged more but merged the card's border
// with wood grain), and every contour (RETR_LIST: inner and outer ones)
// whose convex hull is large and well filled is fitted by approxPolyDP to
// a 4-gon, whose sides are then refitted to the contour's points
// (vision.FitQuadSides) so that rounded corners do not cut them. Otsu's
// threshold of the grey image adds the outlines of bright or dark
// regions. Corners are in working pixels (pixel centres at +0.5). It
// returns nil when OpenCV cannot wrap the image; every Mat it opens is
// closed before it returns.
func contourQuads(work *vision.RGB, p contourParams) []vision.Quad {
	if work == nil || work.W < 16 || work.H < 16 || len(work.Pix) < 3*work.W*work.H {
		return nil
	}
	src, err := rgbMat(work)
	if err != nil {
		return nil
	}
	defer src.Close()
	blur := gocv.NewMat()
	defer blur.Close()
	gocv.GaussianBlur(src, &blur, image.Pt(p.blur, p.blur), 0, 0, gocv.BorderDefault)
	kernel := gocv.GetStructuringElement(gocv.MorphRect, image.Pt(3, 3))
	defer kernel.Close()

	edges := gocv.NewMat()
	defer edges.Close()
	var found []vision.Quad
	for _, lv := range p.cannyLevels {
		gocv.Canny(blur, &edges, lv[0], lv[1])
		gocv.MorphologyEx(edges, &edges, gocv.MorphClose, kernel)
		found = append(found, maskQuads(edges, p)...)
	}
	gray := gocv.NewMat()
	defer gray.Close()
	gocv.CvtColor(blur, &gray, gocv.ColorRGBToGray)
	gocv.Threshold(gray, &edges, 0, 255, gocv.ThresholdBinary|gocv.ThresholdOtsu)
	found = append(found, maskQuads(edges, p)...)
	return distinctQuads(found, p.sameCorner*float64(min(work.W, work.H)), p.maxQuads)
}

// maskQuads returns the 4-gon fits of the large, well-filled contours of
// a binary mask, largest hull first.
func maskQuads(mask gocv.Mat, p contourParams) []vision.Quad {
	contours := gocv.FindContours(mask, gocv.RetrievalList, gocv.ChainApproxNone)
	defer contours.Close()
	minArea := p.minArea * float64(mask.Rows()*mask.Cols())
	// A closed curve around minArea is at least 2√(π·minArea) long (a
	// circle), and an 8-connected contour has a point every √2 px or
	// less: shorter contours (most of a textured desk's) are skipped
	// before their hull is computed.
	minPoints := max(4, int(2*math.Sqrt(math.Pi*minArea)/math.Sqrt2))
	var out []vision.Quad
	for i := range contours.Size() {
		c := contours.At(i) // a view into contours: not closed on its own
		if c.Size() < minPoints {
			continue
		}
		if q, ok := hullQuad(c, minArea, p); ok {
			out = append(out, q)
		}
	}
	return out
}

// hullQuad fits contour c's convex hull with a 4-gon, trying
// p.epsilons in turn; it fails for small or poorly filled contours and
// hulls that fit no 4-gon.
func hullQuad(c gocv.PointVector, minArea float64, p contourParams) (vision.Quad, bool) {
	hullMat := gocv.NewMat()
	defer hullMat.Close()
	gocv.ConvexHull(c, &hullMat, true, true)
	hull := gocv.NewPointVectorFromMat(hullMat)
	defer hull.Close()
	hullArea := gocv.ContourArea(hull)
	if hullArea < minArea || gocv.ContourArea(c) < p.minSolidity*hullArea {
		return vision.Quad{}, false
	}
	perim := gocv.ArcLength(hull, true)
	for _, eps := range p.epsilons {
		approx := gocv.ApproxPolyDP(hull, eps*perim, true)
		pts := approx.ToPoints()
		approx.Close()
		if len(pts) > 4 {
			continue
		}
		if len(pts) < 4 {
			return vision.Quad{}, false
		}
		var q vision.Quad
		for k, pt := range pts {
			q[k] = centre(pt)
		}
		// The contour lies within eps·perim of the fit's sides.
		return vision.FitQuadSides(q, contourPoints(c), eps*perim), true
	}
	return vision.Quad{}, false
}

// centre is the pixel centre of OpenCV's integer point p in vision's
// coordinates, where pixel (0, 0) spans [0,1]².
func centre(p image.Point) vision.Point {
	return vision.Point{X: float64(p.X) + 0.5, Y: float64(p.Y) + 0.5}
}

// contourPoints copies c's points to vision's coordinates.
func contourPoints(c gocv.PointVector) []vision.Point {
	pts := c.ToPoints()
	out := make([]vision.Point, len(pts))
	for i, p := range pts {
		out[i] = centre(p)
	}
	return out
}

// distinctQuads keeps the largest of the outlines whose corners all lie
// within tol px of each other, up to n, largest first.
func distinctQuads(qs []vision.Quad, tol float64, n int) []vision.Quad {
	sort.SliceStable(qs, func(a, b int) bool { return qs[a].Area() > qs[b].Area() })
	var out []vision.Quad
	for _, q := range qs {
		if len(out) == n {
			break
		}
		dup := false
		for _, o := range out {
			if sameOutline(q, o, tol) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, q)
		}
	}
	return out
}

// sameOutline reports whether every corner of a lies within tol of a
// corner of b (in any order: fits start at different corners).
func sameOutline(a, b vision.Quad, tol float64) bool {
	for _, p := range a {
		near := math.Inf(1)
		for _, q := range b {
			near = math.Min(near, p.Dist(q))
		}
		if near > tol {
			return false
		}
	}
	return true
}
