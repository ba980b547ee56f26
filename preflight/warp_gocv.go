//go:build cgo && gocv

package preflight

import (
	"image"
	"image/color"

	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// warpQuad rectifies with cv::warpPerspective (bilinear, replicated
// border), on the same pixel convention as vision.WarpQuad: the homography
// maps continuous coordinates, where pixel centres sit at +0.5 and
// OpenCV's at integers.
func (gocvEngine) warpQuad(img *vision.RGB, q vision.Quad, w, h int) (*vision.RGB, error) {
	if w <= 0 || h <= 0 {
		return vision.WarpQuad(img, q, w, h) // its error for the bad size
	}
	dstQ := vision.Quad{{X: 0, Y: 0}, {X: float64(w), Y: 0}, {X: float64(w), Y: float64(h)}, {X: 0, Y: float64(h)}}
	hm, err := vision.HomographyFromQuads(dstQ, q)
	if err != nil {
		return nil, err
	}
	// M = T(-0.5) · H · T(+0.5): OpenCV output pixel → input pixel.
	m := gocv.NewMatWithSize(3, 3, gocv.MatTypeCV64F)
	defer m.Close()
	c := centreShift(hm)
	for i, v := range c {
		m.SetDoubleAt(i/3, i%3, v)
	}
	src, err := rgbMat(img)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	out := vision.NewRGB(w, h)
	dst, err := rgbMat(out)
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	gocv.WarpPerspectiveWithParams(src, &dst, m, image.Pt(w, h),
		gocv.InterpolationLinear|gocv.WarpInverseMap, gocv.BorderReplicate, color.RGBA{})
	return out, nil
}

// centreShift conjugates a homography between continuous coordinates into
// one between OpenCV's integer pixel centres: T(-0.5) · h · T(+0.5).
func centreShift(h vision.Homography) vision.Homography {
	var a [9]float64
	// h · T(+0.5): column 2 gains 0.5·(col0 + col1).
	for r := range 3 {
		a[3*r] = h[3*r]
		a[3*r+1] = h[3*r+1]
		a[3*r+2] = h[3*r+2] + 0.5*(h[3*r]+h[3*r+1])
	}
	// T(-0.5) · a: rows 0 and 1 lose 0.5·row 2.
	for c := range 3 {
		a[c] -= 0.5 * a[6+c]
		a[3+c] -= 0.5 * a[6+c]
	}
	return a
}
