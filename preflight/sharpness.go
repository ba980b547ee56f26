package preflight

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// sharpnessPreSigma is the Gaussian pre-smoothing (in rectified pixels)
// before the Laplacian: it removes pixel noise and JPEG ringing, which
// would otherwise read as detail, while sharp print edges survive it.
const sharpnessPreSigma = 1.0

// sharpnessStats are the 826 measures of the rectified document.
type sharpnessStats struct {
	// lapVar is the variance of the Laplacian of the grey document at
	// rectifiedWidth after sharpnessPreSigma smoothing (the dev set's
	// "sharpness"). Normalising the width makes it independent of the
	// photo's resolution.
	lapVar float64
	// edgeRatio is lapVar / mean squared gradient: it measures how narrow
	// the edges are regardless of the print's contrast (a pale grey copy
	// and a black-on-white card with the same focus score alike).
	edgeRatio float64
	// anisotropy is 1 - λmin/λmax of the gradient structure tensor: near 1
	// when detail survives in one direction only (motion blur).
	anisotropy float64
	// samples is the number of pixels measured; 0 when the document lies
	// outside the frame, and nothing can be said.
	samples int
}

// measureSharpness computes the sharpness of the rectified document. The
// recompression step uses it too, to verify its output is no blurrier.
func measureSharpness(r *rectified) sharpnessStats {
	p := r.buf.smoothed(r.gray, sharpnessPreSigma)
	e := vision.MeasureEdges(p, r.gray.W, r.gray.H, r.mask)
	s := sharpnessStats{lapVar: e.LaplacianVar, samples: e.Samples}
	if e.GradEnergy > 0 {
		s.edgeRatio = e.LaplacianVar / e.GradEnergy
	}
	tr, det := e.Jxx+e.Jyy, e.Jxx*e.Jyy-e.Jxy*e.Jxy
	if disc := tr*tr/4 - det; tr > 0 && disc >= 0 {
		l1, l2 := tr/2+math.Sqrt(disc), tr/2-math.Sqrt(disc)
		s.anisotropy = 1 - math.Max(l2, 0)/l1
	}
	return s
}

// checkSharpness adds 826 when the document is too blurry: a low
// Laplacian variance (fine detail gone), narrow-edge ratio (edges wide
// whatever the print contrast) or a strongly one-directional gradient
// (motion blur).
func checkSharpness(rep *Report, r *rectified, lim Thresholds) {
	s := measureSharpness(r)
	rep.Metrics["sharpness"] = s.lapVar
	rep.Metrics["sharpness_edge_ratio"] = s.edgeRatio
	rep.Metrics["sharpness_anisotropy"] = s.anisotropy
	if s.samples == 0 {
		return
	}
	fail := func(v, thr float64, detail string) {
		rep.add(Issue{Code: CodeBlurry, Severity: Fail, Value: v, Threshold: thr,
			Regions: quadRegion(r.quad, rep.Width, rep.Height), Detail: detail})
	}
	switch {
	case s.lapVar < lim.MinSharpness:
		fail(s.lapVar, lim.MinSharpness, fmt.Sprintf("sharpness %.2f is below %.2f (variance of the Laplacian at %d px width)", s.lapVar, lim.MinSharpness, rectifiedWidth))
	case s.edgeRatio < lim.MinEdgeRatio:
		fail(s.edgeRatio, lim.MinEdgeRatio, fmt.Sprintf("edges are wide: edge ratio %.3f is below %.3f", s.edgeRatio, lim.MinEdgeRatio))
	case s.anisotropy > lim.MaxAnisotropy:
		fail(s.anisotropy, lim.MaxAnisotropy, fmt.Sprintf("motion blur: detail survives in one direction only (anisotropy %.2f)", s.anisotropy))
	case s.lapVar < lim.MinSharpness*lim.SharpnessWarnFactor:
		rep.add(Issue{Code: CodeBlurry, Severity: Warn, Value: s.lapVar, Threshold: lim.MinSharpness,
			Regions: quadRegion(r.quad, rep.Width, rep.Height), Detail: "the document is slightly soft"})
	}
}
