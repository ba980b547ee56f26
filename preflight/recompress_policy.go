package preflight

import (
	"fmt"
	"math"
)

// This file is the decision logic of recompression, with no encoding
// inside: given what is known about the input and the sizes the encoder
// produced so far, it says which quality and scale to encode next. The
// native builds (image/jpeg, libjpeg-turbo through OpenCV) and the browser
// build (OffscreenCanvas.convertToBlob) all run this same code, so the
// three agree on what they trade away to meet the budget.
//
// The size model. For a baseline JPEG with the IJG tables scaled by
// quality q, every quantiser step is multiplied by s(q) = 5000/q % for
// q < 50 and 200-2q % above. Measured on photos and synthetic documents,
// bytes ≈ K · s(q)^-γ with γ between 0.55 and 0.95 for q in 30..92 (the
// rate of a quantised Laplacian source falls with the log of the step), and
// bytes ≈ K' · pixels^β with β between 0.75 and 1.0 when the image is
// resized. One encode fixes K; a second one at another quality fixes γ for
// this content, which is why one correction is enough.

// DefaultMaxBytes is the endpoint's upload limit. The endpoint says "2 MB"
// and its guard counts decimal megabytes: 2 000 000 bytes is the size that
// is accepted whichever way the server reads "MB", while 2 MiB (2 097 152)
// would be refused by a decimal check.
const DefaultMaxBytes = 2_000_000

// Policy defaults; RecompressPolicy documents each.
const (
	DefaultMinQuality       = 60
	DefaultMaxQuality       = 92
	DefaultDownscaleQuality = 62
	DefaultBudgetMargin     = 0.02
	// defaultGamma is the middle of the measured γ range; defaultBeta is
	// at the low end of β so that a predicted downscale errs towards too
	// small (fits the budget) rather than too large (a third encode).
	defaultGamma = 0.75
	defaultBeta  = 0.8
	// priorBitsPerPixel is the assumed size of a photo at quality 80 before
	// any encode, when the input is not a JPEG; only the first quality
	// guess depends on it.
	priorBitsPerPixel = 1.2
	// jpegOverhead is the bytes of a baseline JPEG that do not grow with
	// the pixels (markers, quantisation and Huffman tables): about 600
	// for image/jpeg and libjpeg alike. It matters for probes of flat
	// images, whose whole coded data is a few kilobytes.
	jpegOverhead = 600
)

// RecompressPolicy is what recompression must respect. The zero value is
// not useful; start from DefaultRecompressPolicy.
type RecompressPolicy struct {
	// MaxBytes is the budget: the output is never larger.
	MaxBytes int `json:"max_bytes"`
	// MinQuality is the lowest JPEG quality (IJG scale) the policy chooses
	// before it prefers to downscale. 827 fails under quality 20 and
	// warns under 50 (Thresholds.MinJPEGQuality, WarnJPEGQuality: the
	// labelled dev set has 827 at quality 5-10 and clean files from 76),
	// and its blockiness measure judges only files claiming 50 or more;
	// 60 keeps ten points over the warning, where compression does not
	// yet smear the fine print 826 measures. Lower floors buy little:
	// every quality point down from 60 saves ~2 % of the bytes.
	MinQuality int `json:"min_quality"`
	// MaxQuality is the highest quality chosen: above ~92 the bytes double
	// for differences nobody (and no check) sees.
	MaxQuality int `json:"max_quality"`
	// DownscaleQuality is the quality used once downscaling is needed:
	// just above the floor, so that the image shrinks as little as the
	// budget allows (measured against the original, resolution lost costs
	// more PSNR and SSIM than quality points: a text page at 0.8 scale
	// and quality 80 scored 22 dB where full size at quality 68 scored
	// 33), with two points left for the model's error.
	DownscaleQuality int `json:"downscale_quality"`
	// MinScale is the smallest linear scale allowed (0 < MinScale ≤ 1): the
	// scale at which the document still has the resolution 818 needs.
	// When even MinScale at MinQuality does not fit, the budget wins and
	// the quality goes below MinQuality (Info says so).
	MinScale float64 `json:"min_scale"`
	// Margin is the fraction of MaxBytes aimed below the limit, so that a
	// small prediction error still fits.
	Margin float64 `json:"margin"`
}

// DefaultRecompressPolicy returns the policy for the endpoint's 2 MB limit.
func DefaultRecompressPolicy() RecompressPolicy {
	return RecompressPolicy{
		MaxBytes:         DefaultMaxBytes,
		MinQuality:       DefaultMinQuality,
		MaxQuality:       DefaultMaxQuality,
		DownscaleQuality: DefaultDownscaleQuality,
		MinScale:         0, // no resolution floor unless the caller knows the document
		Margin:           DefaultBudgetMargin,
	}
}

// Validate reports a policy field outside its range.
func (p RecompressPolicy) Validate() error {
	switch {
	case p.MaxBytes < 1024:
		return fmt.Errorf("%w: max bytes %d (at least 1024)", ErrInvalidOption, p.MaxBytes)
	case p.MinQuality < 1 || p.MinQuality > 100:
		return fmt.Errorf("%w: min quality %d outside 1..100", ErrInvalidOption, p.MinQuality)
	case p.MaxQuality < p.MinQuality || p.MaxQuality > 100:
		return fmt.Errorf("%w: max quality %d outside %d..100", ErrInvalidOption, p.MaxQuality, p.MinQuality)
	case p.DownscaleQuality < p.MinQuality || p.DownscaleQuality > p.MaxQuality:
		return fmt.Errorf("%w: downscale quality %d outside %d..%d", ErrInvalidOption, p.DownscaleQuality, p.MinQuality, p.MaxQuality)
	case !(p.MinScale >= 0 && p.MinScale <= 1):
		return fmt.Errorf("%w: min scale %v outside 0..1", ErrInvalidOption, p.MinScale)
	case !(p.Margin >= 0 && p.Margin < 0.5):
		return fmt.Errorf("%w: margin %v outside [0, 0.5)", ErrInvalidOption, p.Margin)
	}
	return nil
}

// RecompressInput is what is known about the image before any encode.
type RecompressInput struct {
	// Width and Height are the upright pixel dimensions.
	Width  int `json:"width"`
	Height int `json:"height"`
	// Bytes is the size of the input file.
	Bytes int `json:"bytes"`
	// Quality is the input JPEG's quality estimated from its DQT tables
	// (0 when the input is not a JPEG). With Bytes it is a rough first
	// measurement of how this content compresses, used only to choose the
	// first encode of a small image.
	Quality int `json:"quality"`
}

// Attempt is one encode and its result.
type Attempt struct {
	Quality int     `json:"quality"`
	Scale   float64 `json:"scale"`
	Bytes   int     `json:"bytes"`
	// Probe marks an encode of a sample of the image (ProbeSample) rather
	// than the whole; Pixels is the sample's pixel count then.
	Probe  bool `json:"probe,omitempty"`
	Pixels int  `json:"pixels,omitempty"`
}

// Decision is the policy's answer: encode at Quality and Scale next (the
// whole image, or when Probe a ProbeSample of it), or, when Done, keep
// the attempt Best returns (Quality and Scale are its).
type Decision struct {
	Done    bool    `json:"done"`
	Probe   bool    `json:"probe,omitempty"`
	Quality int     `json:"quality"`
	Scale   float64 `json:"scale"`
}

// Probing: images of at least probeMinPixels are first measured on a
// sample (ProbeSample) of tiles taken across the whole image at full
// resolution. Two probe encodes of a sixth of the pixels cost a third of
// a full encode and give this content's γ, so the single full encode
// that follows lands within a few percent of the budget.
const (
	probeMinPixels = 3_000_000
	probeQuality   = 85
	// probeMinStep is the least quality distance between the two probes
	// that still measures γ (closer, the bytes differ by little more than
	// the noise of the sample).
	probeMinStep = 5
	// betaMaxScale is the largest scale at which a probe measures β: at
	// 0.97 the sampling error of the two probes (a few percent) made β
	// anything from 0.5 to 2 on a text page.
	betaMaxScale = 0.9
	// maxProbes bounds the probes before the first whole encode: the
	// two that measure γ, and up to three that close in on the quality.
	// Each costs a sixth of a 6 MP encode or less, a 48th of a 48 MP one.
	maxProbes = 5
)

// ScaledSize is the pixel size an image of w×h has at scale s, at least
// 1×1. Every encoder must resize to exactly this for the model to hold.
func ScaledSize(w, h int, s float64) (int, int) {
	if s >= 1 {
		return w, h
	}
	return max(1, int(math.Round(float64(w)*s))), max(1, int(math.Round(float64(h)*s)))
}

// quantScale is the IJG multiplier of the base quantisation tables at
// quality q (libjpeg's jpeg_quality_scaling), as a fraction; quality 100
// is floored at 1 % because tables clamp at 1.
func quantScale(q int) float64 {
	q = min(max(q, 1), 100)
	var s float64
	if q < 50 {
		s = 5000 / float64(q)
	} else {
		s = 200 - 2*float64(q)
	}
	return max(s, 1) / 100
}

// qualityForScale inverts quantScale: the (fractional) quality whose
// multiplier is s.
func qualityForScale(s float64) float64 {
	pct := s * 100
	if pct > 100 {
		return 5000 / pct
	}
	return (200 - pct) / 2
}

// sizeModel predicts bits per pixel bpp(q, s) = k · quantScale(q)^-γ ·
// s^(2β-2), so that bytes = bpp · pixels(s) / 8 ∝ (s²)^β.
type sizeModel struct {
	w, h           int
	k, gamma, beta float64
	gammaFitted    bool
}

// pixels of the attempt: its sample, or the whole image at its scale.
func (m sizeModel) pixels(a Attempt) float64 {
	if a.Probe && a.Pixels > 0 {
		return float64(a.Pixels)
	}
	w, h := ScaledSize(m.w, m.h, a.Scale)
	return float64(w) * float64(h)
}

// fitModel fits the model to the attempts: γ from the latest two of the
// same kind and scale at distinct qualities, k from the last attempt.
func fitModel(in RecompressInput, attempts []Attempt) sizeModel {
	m := sizeModel{w: max(in.Width, 1), h: max(in.Height, 1), gamma: defaultGamma, beta: defaultBeta}
	points := attempts
	if len(points) == 0 {
		// The input itself is a measurement when its quality is known.
		// Its encoder (a phone's, perhaps 4:4:4) is not ours, which the
		// first real encode corrects.
		if in.Quality > 0 && in.Bytes > 0 {
			points = []Attempt{{Quality: in.Quality, Scale: 1, Bytes: in.Bytes}}
		} else {
			px := m.pixels(Attempt{Scale: 1})
			points = []Attempt{{Quality: 80, Scale: 1, Bytes: int(px * priorBitsPerPixel / 8)}}
		}
	}
	bpp := func(a Attempt) float64 { return float64(max(a.Bytes-jpegOverhead, 1)) * 8 / m.pixels(a) }
	// γ from the latest pair at least probeMinStep apart when there is
	// one: next to each other, two qualities often round to nearly the
	// same tables, and their byte ratio says little about the slope.
	for _, step := range []int{probeMinStep, 1} {
		if m.fitGamma(points, bpp, step) {
			break
		}
	}
	// A probe below full size next to probes at full size gives β for
	// this content: how much denser the bits get as pixels are merged.
	if m.gammaFitted {
		for j := len(points) - 1; j >= 0 && m.beta == defaultBeta; j-- {
			b := points[j]
			if b.Scale > betaMaxScale || b.Scale <= 0 {
				continue // too close to full size to measure β
			}
			for i := j - 1; i >= 0; i-- {
				a := points[i]
				if a.Probe != b.Probe || a.Scale < 1 {
					continue
				}
				// a's bpp moved to b's quality at full size, against b.
				full := bpp(a) * math.Pow(quantScale(b.Quality)/quantScale(a.Quality), -m.gamma)
				// Up to 2: downscaling averages noise away, and a noisy
				// 24 MP photo measured 1.86. A tighter clamp leaves the
				// model off the measured full-size point (k comes from
				// the downscaled one), and it then promised that full
				// size fits when it did not.
				if beta := 1 + math.Log(bpp(b)/full)/(2*math.Log(b.Scale)); !math.IsNaN(beta) {
					m.beta = min(max(beta, 0.5), 2)
				}
				break
			}
		}
	}
	last := points[len(points)-1]
	m.k = bpp(last) / (math.Pow(quantScale(last.Quality), -m.gamma) * math.Pow(last.Scale, 2*m.beta-2))
	return m
}

// fitGamma sets γ from the latest two points of the same kind and scale
// at least step qualities apart; it says whether it found them.
func (m *sizeModel) fitGamma(points []Attempt, bpp func(Attempt) float64, step int) bool {
	for j := len(points) - 1; j > 0; j-- {
		for i := j - 1; i >= 0; i-- {
			a, b := points[i], points[j]
			if a.Probe != b.Probe || math.Abs(a.Scale-b.Scale) > 1e-9 || abs(a.Quality-b.Quality) < step {
				continue
			}
			g := -math.Log(bpp(b)/bpp(a)) / math.Log(quantScale(b.Quality)/quantScale(a.Quality))
			if !math.IsNaN(g) && !math.IsInf(g, 0) {
				m.gamma, m.gammaFitted = min(max(g, 0.3), 2), true
			}
			return true
		}
	}
	return false
}

// bytes predicts the size of the whole image at quality q and scale s.
func (m sizeModel) bytes(q int, s float64) float64 {
	return jpegOverhead + m.k*math.Pow(quantScale(q), -m.gamma)*math.Pow(s, 2*m.beta-2)*m.pixels(Attempt{Scale: s})/8
}

// quality returns the (fractional) quality at which the model predicts
// target bytes for the whole image at scale s.
func (m sizeModel) quality(target, s float64) float64 {
	bpp := max(target-jpegOverhead, 1) * 8 / m.pixels(Attempt{Scale: s})
	qs := math.Pow(bpp/(m.k*math.Pow(s, 2*m.beta-2)), -1/m.gamma)
	return qualityForScale(qs)
}

// scale returns the linear scale at which the model predicts target bytes
// at quality q: bytes ∝ s^(2β).
func (m sizeModel) scale(target float64, q int) float64 {
	return math.Pow(max(target-jpegOverhead, 1)/(m.bytes(q, 1)-jpegOverhead), 1/(2*m.beta))
}

// plan chooses quality and scale for the whole image: full size at the
// highest quality that fits if it is at or above the floor; otherwise the
// scale at which DownscaleQuality fits, but not below MinScale, where the
// quality gives instead.
func (p RecompressPolicy) plan(m sizeModel, target float64) Decision {
	if q := m.quality(target, 1); q >= float64(p.MinQuality) {
		return Decision{Quality: min(int(math.Floor(q)), p.MaxQuality), Scale: 1}
	}
	if s := min(m.scale(target, p.DownscaleQuality), 1); s >= p.MinScale {
		return Decision{Quality: p.DownscaleQuality, Scale: s}
	}
	s := max(p.MinScale, 1e-3)
	return Decision{Quality: min(int(math.Floor(m.quality(target, s))), p.MaxQuality), Scale: s}
}

// Next decides the next encode from the input facts and the attempts so
// far (oldest first), or says Done when Best has the attempt to keep:
// after one whole encode that the model cannot improve on, or after two
// of which one fits. When the
// last attempt was at quality 1 and MinScale and still too large, nothing
// smaller is allowed: the caller stops and reports the budget unmet.
func (p RecompressPolicy) Next(in RecompressInput, attempts []Attempt) Decision {
	target := float64(p.MaxBytes) * (1 - p.Margin)
	var full []Attempt
	for _, a := range attempts {
		if !a.Probe {
			full = append(full, a)
		}
	}
	if n := len(full); n > 0 && !attempts[len(attempts)-1].Probe {
		if best, ok := p.Best(attempts); ok && (n >= 2 || p.goodEnough(in, attempts, best, target)) {
			return Decision{Done: true, Quality: best.Quality, Scale: best.Scale}
		}
		// After a miss aim lower: the model was wrong once for this
		// content, and the next encode should be the last.
		if full[n-1].Bytes > p.MaxBytes {
			target *= 1 - p.Margin*float64(n)
		}
	}
	m := fitModel(in, attempts)
	d := p.plan(m, target)
	if len(full) == 0 && in.Width*in.Height >= probeMinPixels {
		if pd, ok := p.nextProbe(m, attempts, d); ok {
			return p.snap(in, pd)
		}
	}
	return p.clampDecision(in, full, p.snap(in, d))
}

// nextProbe says which probe to encode before the first whole-image
// encode, if any: one at probeQuality, then one near the planned quality
// to measure γ, then, when the plan downscales, one at the planned scale.
func (p RecompressPolicy) nextProbe(m sizeModel, attempts []Attempt, d Decision) (Decision, bool) {
	downscaled := false // one probe below full size refits k there
	for _, a := range attempts {
		downscaled = downscaled || (a.Probe && a.Scale < 1)
	}
	switch {
	case len(attempts) == 0:
		return Decision{Probe: true, Quality: probeQuality, Scale: 1}, true
	case !m.gammaFitted:
		q := d.Quality
		if d.Scale < 1 {
			q = p.MinQuality // γ is measured at full size, towards the floor
		}
		last := attempts[len(attempts)-1]
		if abs(q-last.Quality) < probeMinStep {
			// Step towards the plan: γ varies along the quality scale,
			// so the two probes should bracket or lead to the answer.
			if q >= last.Quality && last.Quality+probeMinStep <= 100 {
				q = last.Quality + probeMinStep
			} else {
				q = last.Quality - probeMinStep
			}
		}
		return Decision{Probe: true, Quality: min(max(q, 1), 100), Scale: last.Scale}, true
	case d.Scale < 1 && !downscaled:
		return Decision{Probe: true, Quality: d.Quality, Scale: d.Scale}, true
	case d.Scale >= 1 && !downscaled && len(attempts) < maxProbes:
		// The power law bends at high qualities (the IJG tables round
		// to small integers there): γ fitted over five points
		// over-predicted a smooth photo's bytes by 9 %, so the whole
		// encode undershot and a second was needed. Probes at the
		// planned quality and the next one up bracket the target with
		// the local γ, so the single whole encode is the highest
		// quality that fits.
		for _, q := range []int{d.Quality, d.Quality + 1} {
			if q <= p.MaxQuality && !probed(attempts, q) {
				return Decision{Probe: true, Quality: q, Scale: 1}, true
			}
		}
	}
	return Decision{}, false
}

// probed says whether a probe at quality q and full size was encoded.
func probed(attempts []Attempt, q int) bool {
	for _, a := range attempts {
		if a.Probe && a.Quality == q && a.Scale >= 1 {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Best returns the whole-image attempt to keep: the largest within
// MaxBytes (at one scale, the highest quality). ok is false when none
// fits yet.
func (p RecompressPolicy) Best(attempts []Attempt) (best Attempt, ok bool) {
	for _, a := range attempts {
		if !a.Probe && a.Bytes <= p.MaxBytes && (!ok || a.Bytes > best.Bytes) {
			best, ok = a, true
		}
	}
	return best, ok
}

// goodEnough says whether the best fitting attempt, after one whole
// encode, should be kept without a second: it is at the ceiling, it fills
// the budget to within twice the margin, or the model refitted on it predicts no higher quality (and
// no clearly larger scale) within the target. A second encode that then
// misses costs nothing but time: Best still keeps the first.
func (p RecompressPolicy) goodEnough(in RecompressInput, attempts []Attempt, best Attempt, target float64) bool {
	if best.Quality >= p.MaxQuality && best.Scale >= 1 {
		return true
	}
	// Within twice the margin of the limit the budget is used: the next
	// quality up would add 2–4 % of bytes for a point, and a whole
	// encode (a third of the time or more) to find out.
	if float64(best.Bytes) >= float64(p.MaxBytes)*(1-2*p.Margin) {
		return true
	}
	d := p.plan(fitModel(in, attempts), target)
	if d.Scale > best.Scale {
		// Going up in size is worth an encode only for a clear gain:
		// near the switch from downscaling to full size at the floor
		// quality, the prediction is too close to call.
		return d.Scale < best.Scale*1.1 || d.Quality < p.MinQuality+3
	}
	return d.Quality <= best.Quality
}

// snap moves the scale to the one of the pixel size actually produced.
func (p RecompressPolicy) snap(in RecompressInput, d Decision) Decision {
	d.Scale = min(max(d.Scale, 1e-3), 1)
	d.Quality = min(max(d.Quality, 1), 100)
	if d.Scale < 1 && in.Width > 0 {
		w, _ := ScaledSize(in.Width, in.Height, d.Scale)
		d.Scale = float64(w) / float64(in.Width)
	}
	return d
}

// clampDecision never repeats a whole-image attempt that was too large: a
// repeat would give the same bytes. It steps down for sure instead,
// quality first while above the floor, then scale, then quality again
// once the resolution floor binds.
func (p RecompressPolicy) clampDecision(in RecompressInput, full []Attempt, d Decision) Decision {
	if len(full) == 0 {
		return d
	}
	last := full[len(full)-1]
	if last.Bytes <= p.MaxBytes || d.Quality < last.Quality || d.Scale < last.Scale {
		return d
	}
	switch {
	case last.Quality > p.MinQuality:
		d.Quality, d.Scale = max(p.MinQuality, last.Quality-5), last.Scale
	case last.Scale*0.9 >= p.MinScale:
		d.Quality, d.Scale = last.Quality, last.Scale*0.9
	default:
		d.Quality, d.Scale = max(1, last.Quality-10), last.Scale
	}
	return p.snap(in, d)
}
