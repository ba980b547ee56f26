package vision

import "math"

// Full-bleed scans: a specimen or a scanned document cropped to its own
// outline has no side the line detector can see, because every side is
// the image border. The image itself is then the document when its shape
// is a document's and its content looks like print on paper or plastic.
const (
	// frameAspectTol is the largest |log(image aspect / document
	// aspect)| of a full-bleed scan: a scan has no perspective, only a
	// crop a few pixels off the edge. Camera frames (4:3, 3:2, 16:9) lie
	// at least 0.055 from both ID-1 and ID-3, so they never qualify.
	frameAspectTol = 0.045
	// frameScore is the confidence given to the frame outline: just
	// above minDocScore, because it rests on content, not on edges.
	frameScore = 0.6
	// frameKeepArea: a detection covering this share of the frame is
	// the scanned document itself (with a thin margin), not a part of it.
	frameKeepArea = 0.8
)

// Paper-likeness of the whole image, as shares of its pixels: documents
// are mostly light (paper, plastic), mostly unsaturated (print on a pale
// ground, pastel security backgrounds), and carry print (strong edges).
// Desk, wood and clutter crops fail the first two, blank walls the last.
const (
	paperLight    = 150  // luma counted as light
	paperLowSat   = 0.25 // (max-min)/max counted as unsaturated
	paperStrong   = 40   // gradient (8-bit levels per pixel) counted as print
	minLightShare = 0.5
	minLowSat     = 0.4
	minPrintShare = 0.05
)

// withFullBleed returns dets, or the whole w×h image as the only
// document when the working copy looks like a full-bleed scan and the
// detections are only parts of it. Inside a scan the detector finds the
// portrait, printed boxes and the MRZ band, often with confident
// outlines, so a smaller detection never outranks the frame.
func withFullBleed(dets []Detection, work *RGB, g *gradField, aspects []float64, w, h int) []Detection {
	if len(dets) > 0 && ClipArea(dets[0].Quad[:], float64(w), float64(h)) >= frameKeepArea*float64(w*h) {
		return dets
	}
	if !documentAspect(float64(w)/float64(h), aspects) || !paperLike(work, g) {
		return dets
	}
	fw, fh := float64(w), float64(h)
	return []Detection{{Quad: Quad{{0, 0}, {fw, 0}, {fw, fh}, {0, fh}}, Score: frameScore}}
}

// documentAspect reports whether a frame of width/height ratio r (either
// orientation) has one of the document aspects within frameAspectTol.
func documentAspect(r float64, aspects []float64) bool {
	if r <= 0 || math.IsInf(r, 0) || math.IsNaN(r) {
		return false
	}
	r = math.Max(r, 1/r)
	for _, a := range aspects {
		if math.Abs(math.Log(r/a)) <= frameAspectTol {
			return true
		}
	}
	return false
}

// paperLike reports whether img, with its gradient g, looks like a
// document filling the frame (see the paper constants).
func paperLike(img *RGB, g *gradField) bool {
	n := img.W * img.H
	if n == 0 || len(g.Mag) != n {
		return false
	}
	var light, lowSat, print int
	for i := range n {
		r, gg, b := int(img.Pix[3*i]), int(img.Pix[3*i+1]), int(img.Pix[3*i+2])
		if 299*r+587*gg+114*b > paperLight*1000 {
			light++
		}
		hi, lo := max(r, gg, b), min(r, gg, b)
		if float64(hi-lo) < paperLowSat*float64(hi) {
			lowSat++
		}
		if g.Mag[i] > paperStrong {
			print++
		}
	}
	fn := float64(n)
	return float64(light) >= minLightShare*fn && float64(lowSat) >= minLowSat*fn && float64(print) >= minPrintShare*fn
}
