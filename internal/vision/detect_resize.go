package vision

import "math"

// shrinkRGB area-averages img so that its longer side is at most maxSide
// and returns the copy with the scale factors (output / input) per axis.
// It returns img itself with factors 1 when it is already small enough.
// Area averaging (ResizeArea), unlike point sampling, keeps thin edges and suppresses
// noise, which is what the edge analysis downstream needs.
func shrinkRGB(img *RGB, maxSide int) (*RGB, float64, float64) {
	long := max(img.W, img.H)
	if long <= maxSide || maxSide <= 0 {
		return img, 1, 1
	}
	s := float64(maxSide) / float64(long)
	w := max(1, int(math.Round(float64(img.W)*s)))
	h := max(1, int(math.Round(float64(img.H)*s)))
	return ResizeArea(img, w, h), float64(w) / float64(img.W), float64(h) / float64(img.H)
}
