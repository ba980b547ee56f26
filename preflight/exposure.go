package preflight

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// exposureStats are the luminance measures of 828 on the flat document.
type exposureStats struct {
	mean        float64 // mean luma, 0..255
	darkFrac    float64 // share of pixels at or below clipDark
	brightFrac  float64 // share of pixels at or above clipBright
	std         float64 // standard deviation of the luma
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
	return exposureFromHist(&hist)
}

// frameSamples is about how many pixels measureFrameExposure looks at:
// a grid this dense gives the mean to a fraction of a grey level.
// liveFrameSamples is the live frames' grid: a frame without a document
// is judged for guidance many times a second, and every fourth pixel
// of every fourth row of a 640×480 frame (19 200) still gives the mean
// to a fraction of a level, at a sixteenth of the reads.
const (
	frameSamples     = 250_000
	liveFrameSamples = 20_000
)

// measureFrameExposure computes the luminance statistics of the whole
// picture on a regular grid of about samples pixels.
func measureFrameExposure(img *vision.RGB, samples int) exposureStats {
	var hist [256]int
	step := 1
	for img.W/step*(img.H/step) > samples {
		step++
	}
	for y := step / 2; y < img.H; y += step {
		row := img.Pix[3*y*img.W : 3*(y+1)*img.W]
		for x := step / 2; x < img.W; x += step {
			r, g, b := uint32(row[3*x]), uint32(row[3*x+1]), uint32(row[3*x+2])
			hist[(19595*r+38470*g+7471*b+1<<15)>>16]++
		}
	}
	return exposureFromHist(&hist)
}

// exposureFromHist turns a luma histogram into exposureStats.
func exposureFromHist(hist *[256]int) exposureStats {
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
	for v, c := range hist {
		d := float64(v) - s.mean
		s.std += d * d * float64(c)
	}
	s.std = math.Sqrt(s.std / n)
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
	rep.Metrics["doc_luma_std"] = s.std
	judgeExposure(rep, s, lim, "document", quadRegion(r.quad, rep.Width, rep.Height))
}

// checkFrameExposure adds 828 from the whole picture when no document
// was found: a photo too dark or too bright to find the document in is
// too dark or too bright, and saying so is more useful than 819 alone.
// The same limits apply; on the dev set whole frames measure 64-197
// when the document is well exposed, below 42 or above 215 when not.
// samples is the size of the grid (frameSamples, liveFrameSamples).
func checkFrameExposure(rep *Report, img *vision.RGB, lim Thresholds, samples int) {
	s := measureFrameExposure(img, samples)
	rep.Metrics["frame_mean_luma"] = s.mean
	rep.Metrics["frame_bright_fraction"] = s.brightFrac
	judgeExposure(rep, s, lim, "picture", []Region{{X: 0, Y: 0, W: rep.Width, H: rep.Height}})
}

// judgeExposure adds the 828 issue that the statistics of what (the
// document or the picture) call for, if any.
func judgeExposure(rep *Report, s exposureStats, lim Thresholds, what string, regions []Region) {
	if s.sampleCount == 0 {
		return
	}
	add := func(sev Severity, v, thr float64, detail string) {
		rep.add(Issue{Code: CodeExposure, Severity: sev, Value: v, Threshold: thr, Detail: detail, Regions: regions})
	}
	switch {
	case s.mean < lim.MinLuma:
		add(Fail, s.mean, lim.MinLuma, fmt.Sprintf("the %s is too dark: mean luma %.0f", what, s.mean))
	case s.mean > lim.MaxLuma:
		add(Fail, s.mean, lim.MaxLuma, fmt.Sprintf("the %s is too bright: mean luma %.0f", what, s.mean))
	case s.brightFrac > lim.MaxClippedBright:
		add(Fail, s.brightFrac, lim.MaxClippedBright, fmt.Sprintf("%.0f %% of the %s is burnt out to white", 100*s.brightFrac, what))
	case s.darkFrac > lim.MaxClippedDark:
		add(Fail, s.darkFrac, lim.MaxClippedDark, fmt.Sprintf("%.0f %% of the %s is crushed to black", 100*s.darkFrac, what))
	case s.mean < lim.MinLuma+lim.ExposureWarnMargin:
		add(Warn, s.mean, lim.MinLuma, "the "+what+" is rather dark")
	case s.mean > lim.MaxLuma-lim.ExposureWarnMargin:
		add(Warn, s.mean, lim.MaxLuma, "the "+what+" is rather bright")
	}
}
