package preflight

import "fmt"

// exposureStats are the luminance measures of 828 on the flat document.
type exposureStats struct {
	mean        float64 // mean luma, 0..255
	darkFrac    float64 // share of pixels at or below clipDark
	brightFrac  float64 // share of pixels at or above clipBright
	sampleCount int
}

// Luma levels counted as clipped. 250 matches the dev set's doc_sat_frac
// (all channels >= 250); 5 is the black a sensor floor gives after JPEG.
const (
	clipDark   = 5
	clipBright = 250
)

// measureExposure computes the luminance statistics of the rectified
// document, ignoring padding from parts outside the frame.
func measureExposure(r *rectified) exposureStats {
	var hist [256]int
	for i, v := range r.gray.Pix {
		if r.mask[i] != 0 {
			hist[v]++
		}
	}
	var s exposureStats
	sum := 0
	for v, n := range hist {
		s.sampleCount += n
		sum += v * n
		if v <= clipDark {
			s.darkFrac += float64(n)
		}
		if v >= clipBright {
			s.brightFrac += float64(n)
		}
	}
	if s.sampleCount == 0 {
		return s
	}
	n := float64(s.sampleCount)
	s.mean, s.darkFrac, s.brightFrac = float64(sum)/n, s.darkFrac/n, s.brightFrac/n
	return s
}

// checkExposure adds 828 when the document is too dark or too bright: its
// mean luma is outside [MinLuma, MaxLuma], or too much of it is clipped.
// A mean within ExposureWarnMargin of a limit is a warning.
func checkExposure(rep *Report, r *rectified, lim Thresholds) {
	s := measureExposure(r)
	rep.Metrics["doc_mean_luma"] = s.mean
	rep.Metrics["doc_dark_fraction"] = s.darkFrac
	rep.Metrics["doc_bright_fraction"] = s.brightFrac
	if s.sampleCount == 0 {
		return
	}
	add := func(sev Severity, v, thr float64, detail string) {
		rep.add(Issue{Code: CodeExposure, Severity: sev, Value: v, Threshold: thr, Detail: detail,
			Regions: quadRegion(r.quad, rep.Width, rep.Height)})
	}
	switch {
	case s.mean < lim.MinLuma:
		add(Fail, s.mean, lim.MinLuma, fmt.Sprintf("the document is too dark: mean luma %.0f", s.mean))
	case s.mean > lim.MaxLuma:
		add(Fail, s.mean, lim.MaxLuma, fmt.Sprintf("the document is too bright: mean luma %.0f", s.mean))
	case s.brightFrac > lim.MaxClippedBright:
		add(Fail, s.brightFrac, lim.MaxClippedBright, fmt.Sprintf("%.0f %% of the document is burnt out to white", 100*s.brightFrac))
	case s.darkFrac > lim.MaxClippedDark:
		add(Fail, s.darkFrac, lim.MaxClippedDark, fmt.Sprintf("%.0f %% of the document is crushed to black", 100*s.darkFrac))
	case s.mean < lim.MinLuma+lim.ExposureWarnMargin:
		add(Warn, s.mean, lim.MinLuma, "the document is rather dark")
	case s.mean > lim.MaxLuma-lim.ExposureWarnMargin:
		add(Warn, s.mean, lim.MaxLuma, "the document is rather bright")
	}
}
