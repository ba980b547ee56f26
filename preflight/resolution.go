package preflight

import (
	"fmt"
	"math"
)

// noiseInset keeps the document's border strip (rounded corners, the
// background just outside a slightly loose quad) out of the noise measure.
const noiseInset = 0.08

// estimateNoise returns the standard deviation of the luma noise of the
// document at the photo's resolution, in grey levels. It is Immerkær's
// operator (the 3×3 second-difference mask that cancels planes and
// linear ramps, whose response to white noise σ has σ·6 spread), made
// robust to print edges by taking the median of the absolute responses
// instead of the mean: edges and text cover well under half of a
// document. Every second row is sampled, which is plenty.
func estimateNoise(s *sourceDoc) float64 {
	var hist [2048]int
	n := 0
	g := s.gray
	for y := 1; y+1 < g.H; y += 2 {
		x0, x1 := s.span(y, noiseInset)
		x0, x1 = max(x0, 1), min(x1, g.W-1)
		up, row, dn := g.Pix[(y-1)*g.W:], g.Pix[y*g.W:], g.Pix[(y+1)*g.W:]
		for x := x0; x < x1; x++ {
			v := int(up[x-1]) - 2*int(up[x]) + int(up[x+1]) -
				2*int(row[x-1]) + 4*int(row[x]) - 2*int(row[x+1]) +
				int(dn[x-1]) - 2*int(dn[x]) + int(dn[x+1])
			if v < 0 {
				v = -v
			}
			hist[min(v, len(hist)-1)]++
			n++
		}
	}
	if n == 0 {
		return 0
	}
	half, acc := (n+1)/2, 0
	for v, c := range hist {
		acc += c
		if acc >= half {
			// Median |N(0, 6σ)| = 0.6745·6σ.
			return float64(v) / (0.6745 * 6)
		}
	}
	return 0
}

// checkResolution adds 818 when the document has too few pixels per
// millimetre for liveness analysis (effective resolution from its
// physical size), or when its noise drowns the fine print.
func checkResolution(rep *Report, r *rectified, src *sourceDoc, lim Thresholds) {
	ppmm := r.pxPerMM()
	noise := estimateNoise(src)
	rep.Metrics["px_per_mm"] = ppmm
	rep.Metrics["noise_sigma"] = noise
	if rep.Document != nil {
		rep.Document.DPI = math.Round(ppmm * 25.4)
	}
	regions := quadRegion(r.quad, rep.Width, rep.Height)
	switch {
	case ppmm < lim.MinPxPerMM:
		rep.add(Issue{Code: CodeLivenessQuality, Severity: Fail, Value: ppmm, Threshold: lim.MinPxPerMM, Regions: regions,
			Detail: fmt.Sprintf("the document is %.0f px wide: %.1f px/mm (%.0f dpi), too little for liveness", r.srcWidth, ppmm, ppmm*25.4)})
	case noise > lim.MaxNoise:
		rep.add(Issue{Code: CodeLivenessQuality, Severity: Fail, Value: noise, Threshold: lim.MaxNoise, Regions: regions,
			Detail: fmt.Sprintf("the picture is too noisy (noise σ %.1f grey levels)", noise)})
	case ppmm < lim.MinPxPerMM*1.25:
		rep.add(Issue{Code: CodeLivenessQuality, Severity: Warn, Value: ppmm, Threshold: lim.MinPxPerMM, Regions: regions,
			Detail: "the document is only just large enough; move closer"})
	}
}
