package vision

import (
	"math"
)

// Paper-likeness of a cut outline's part in the frame: the full-bleed
// scan's measure (detect_frame.go) on a grid of samples of the outline.
const (
	// cutGrid is the side of the grid paperShares samples.
	cutGrid = 24
	// cutMinLight is the least share of light samples (paperLight) in a
	// cut outline: less than a full-bleed scan's minLightShare, as a card
	// held indoors measures a mean luma of ~150 (the dev set's crop_cut
	// labels), half its samples under paperLight.
	cutMinLight = 0.25
)

// cutPaper reports whether the part of q inside the frame looks like a
// document's face: mostly unsaturated (print on a pale ground) and at
// least partly light. Wood, a desk or a hand under stripes that read as
// text rows do not.
func cutPaper(img *RGB, q Quad) bool {
	lowSat, light, ok := paperShares(img, q)
	return ok && lowSat >= minLowSat && light >= cutMinLight
}

// paperShares samples the part of q inside img on a grid and returns
// the shares of the samples that are unsaturated (paperLowSat) and light
// (paperLight); ok is false when no sample falls in the frame.
func paperShares(img *RGB, q Quad) (lowSat, light float64, ok bool) {
	hm, err := HomographyFromQuads(Quad{{0, 0}, {1, 0}, {1, 1}, {0, 1}}, q)
	if err != nil {
		return 0, 0, false
	}
	n := 0
	var ls, li int
	for y := range cutGrid {
		for x := range cutGrid {
			p := hm.Apply(Point{(float64(x) + 0.5) / cutGrid, (float64(y) + 0.5) / cutGrid})
			c, in := pixelAt(img, p.X-0.5, p.Y-0.5)
			if !in {
				continue
			}
			n++
			low, light := paperLook(c)
			if low {
				ls++
			}
			if light {
				li++
			}
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	return float64(ls) / float64(n), float64(li) / float64(n), true
}

// paperLook reports whether colour c is unsaturated (paperLowSat) and
// whether it is light (paperLight), as paperShares counts them.
func paperLook(c [3]float64) (lowSat, light bool) {
	hi, lo := math.Max(c[0], math.Max(c[1], c[2])), math.Min(c[0], math.Min(c[1], c[2]))
	return hi-lo < paperLowSat*hi, 0.299*c[0]+0.587*c[1]+0.114*c[2] > paperLight
}

// isPaper reports whether colour c looks like paper: unsaturated and
// light.
func isPaper(c [3]float64) bool {
	low, light := paperLook(c)
	return low && light
}
