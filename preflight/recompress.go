package preflight

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"time"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// ErrBudget: the image cannot be made to fit the byte budget, even at
// quality 1 and the smallest scale the resolution floor allows.
var ErrBudget = errors.New("preflight: cannot fit the byte budget")

// Resolution floors for downscaling. 818 is decided on the document's
// effective resolution (Thresholds.MinPxPerMM, 2.6 px/mm: 223 px across
// an ID-1 card); the labelled dev set marks documents ~200 px wide as 818
// and leaves those under 300 px undecided, so 640 px across the document
// keeps a margin of almost 3×. When no document is found, the long side of
// the whole photo is kept at 1280 px or more (a card that fills half the
// frame then still gets 640 px).
const (
	DefaultMinDocumentWidth = 640
	DefaultMinLongSide      = 1280
)

// maxAttempts bounds the encodes, probes included: the policy needs up to
// three probes and one or two whole encodes; the rest are a guard against
// an encoder whose sizes the model cannot follow.
const maxAttempts = 10

// Recompression actions reported in Info.Action.
const (
	ActionUntouched = "untouched"  // the input was compliant and returned as is
	ActionStripped  = "stripped"   // metadata removed without re-encoding
	ActionReencoded = "re-encoded" // decoded, made upright and encoded again
	// ActionTranscoded (recompress_transcode.go): requantised in the
	// DCT domain; ActionScaled (recompress_scaled.go): decoded at m/8
	// from the coefficients and written once.
)

// Info says what Recompress did.
type Info struct {
	Action      string `json:"action"`
	InputFormat string `json:"input_format"`
	InputBytes  int    `json:"input_bytes"`
	OutputBytes int    `json:"output_bytes"`
	MaxBytes    int    `json:"max_bytes"`
	// InputWidth, InputHeight are the upright input size; Width, Height
	// the output's.
	InputWidth  int `json:"input_width"`
	InputHeight int `json:"input_height"`
	Width       int `json:"width"`
	Height      int `json:"height"`
	// Quality is the output's JPEG quality: the one encoded at, or for an
	// untouched JPEG the estimate from its tables (0 when unknown).
	Quality int `json:"quality"`
	// Scale is output width / upright input width.
	Scale float64 `json:"scale"`
	// Encodes counts the JPEG encodes run; Attempts lists them in order.
	Encodes  int       `json:"encodes"`
	Attempts []Attempt `json:"attempts,omitempty"`
	// Encoder names the encoder used ("" when nothing was encoded).
	Encoder string `json:"encoder,omitempty"`
	// Orientation is the EXIF orientation made upright in the pixels (1:
	// none was needed or the pixels were kept as stored).
	Orientation int `json:"orientation"`
	// BelowFloor is true when the resolution floor forced a quality under
	// the policy's MinQuality to meet the budget.
	BelowFloor bool `json:"below_floor,omitempty"`
	// Checks maps 818, 826 and 827 to whether the output passes them, as
	// Check measures the output bytes (running only the stages behind
	// those codes, with a large output decoded reduced as the gocv
	// engine decodes it); nil when verification was off.
	Checks map[Code]bool `json:"checks,omitempty"`
	// TimingsMS is the time spent per stage in milliseconds: decode,
	// detect (the resolution floor), probe (the DCT path's size counts),
	// encode (including the resizes they need), verify, total.
	TimingsMS map[string]float64 `json:"timings_ms"`
}

// timed adds the time f takes to the stage's total.
func (info *Info) timed(stage string, f func()) {
	t := time.Now()
	f()
	info.TimingsMS[stage] += ms(time.Since(t))
}

// recompressConfig is what RecompressOptions set.
type recompressConfig struct {
	policy      RecompressPolicy
	encoder     Encoder
	keep        []string
	strip       bool // strip metadata from compliant JPEGs too
	upright     bool // re-encode compliant JPEGs whose EXIF says rotate
	verify      bool
	transcode   bool // try the DCT path first (recompress_transcode.go)
	checkOpts   []Option
	minDocWidth int
	minLongSide int
	maxPixels   int
	// written decodes the output of a DCT path from its coefficients
	// still in memory (outputCoefs.reducedImage), set by the path for
	// the check of the output to read instead of its bytes
	// (checkOutput); nil after the pixel path. Recompress builds its
	// configuration per call, so this is the call's state. A func, not
	// the coefficients: the browser build never sets it, and a field of
	// the coefficient types would bring their type descriptors into the
	// wasm binary (+3 KB gzipped).
	written coefDecode
	// docQuad is the main document's outline in the upright input's
	// pixels once a detection found it (the resolution floor, or the
	// check of an earlier output): the check of an output reuses it,
	// scaled, instead of detecting again (verifyOutput). Per call, as
	// written.
	docQuad *vision.Quad
}

// RecompressOption configures Recompress; an out-of-range value makes
// Recompress return an error wrapping ErrInvalidOption.
type RecompressOption func(*recompressConfig) error

// MaxBytes sets the byte budget (default DefaultMaxBytes, 2 000 000: see
// its doc for why not 2 MiB).
func MaxBytes(n int) RecompressOption {
	return func(c *recompressConfig) error {
		c.policy.MaxBytes = n
		return c.policy.Validate()
	}
}

// WithPolicy replaces the whole policy (quality floor and ceiling,
// margin); MaxBytes given after it still applies.
func WithPolicy(p RecompressPolicy) RecompressOption {
	return func(c *recompressConfig) error {
		if err := p.Validate(); err != nil {
			return err
		}
		c.policy = p
		return nil
	}
}

// WithEncoder sets the JPEG encoder (default: the build's, image/jpeg or
// libjpeg-turbo through OpenCV).
func WithEncoder(e Encoder) RecompressOption {
	return func(c *recompressConfig) error {
		if e == nil {
			return fmt.Errorf("%w: nil encoder", ErrInvalidOption)
		}
		c.encoder = e
		return nil
	}
}

// KeepMetadata names metadata kinds (MetaExif, MetaICC, MetaXMP, MetaIPTC,
// MetaComment) copied into a re-encoded or stripped output; the default
// keeps none. GPS and maker notes are dropped even from a kept EXIF.
func KeepMetadata(kinds ...string) RecompressOption {
	return func(c *recompressConfig) error {
		for _, k := range kinds {
			if !slices.Contains(metaKinds, k) {
				return fmt.Errorf("%w: metadata kind %q (want one of %v)", ErrInvalidOption, k, metaKinds)
			}
		}
		c.keep = kinds
		return nil
	}
}

// StripMetadata removes metadata outside KeepMetadata from a compliant
// JPEG too. It rewrites the container only: the coded image is copied,
// not re-encoded, so nothing is lost.
func StripMetadata() RecompressOption {
	return func(c *recompressConfig) error { c.strip = true; return nil }
}

// Upright re-encodes a compliant JPEG whose EXIF orientation is not 1, so
// that readers ignoring EXIF (some OCR backends) see it upright. Without
// it such a file is returned as is: EXIF already says how to show it.
func Upright() RecompressOption {
	return func(c *recompressConfig) error { c.upright = true; return nil }
}

// Verify turns the check of the output (Info.Checks) on or off (default
// on). It runs Check on the output, which costs a decode and a detection.
func Verify(on bool) RecompressOption {
	return func(c *recompressConfig) error { c.verify = on; return nil }
}

// WithCheckOptions passes Check options (document type, device, max
// pixels) to the document detection that sets the resolution floor and to
// the verification of the output.
func WithCheckOptions(opts ...Option) RecompressOption {
	return func(c *recompressConfig) error {
		cc, err := buildConfig(opts)
		if err != nil {
			return err
		}
		c.checkOpts, c.maxPixels = opts, cc.maxPixels
		return nil
	}
}

// MinResolution sets the resolution floor: the document keeps at least
// docWidth pixels across, or when no document is found the photo keeps a
// long side of at least longSide (defaults DefaultMinDocumentWidth,
// DefaultMinLongSide).
func MinResolution(docWidth, longSide int) RecompressOption {
	return func(c *recompressConfig) error {
		if docWidth < 1 || longSide < 1 {
			return fmt.Errorf("%w: min resolution %d px document, %d px long side", ErrInvalidOption, docWidth, longSide)
		}
		c.minDocWidth, c.minLongSide = docWidth, longSide
		return nil
	}
}

func buildRecompressConfig(opts []RecompressOption) (recompressConfig, error) {
	c := recompressConfig{
		policy:      DefaultRecompressPolicy(),
		encoder:     defaultEncoder(),
		verify:      true,
		transcode:   true,
		minDocWidth: DefaultMinDocumentWidth,
		minLongSide: DefaultMinLongSide,
		maxPixels:   DefaultMaxPixels,
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return c, err
		}
	}
	return c, nil
}

// Recompress returns data as a JPEG of at most the byte budget
// (MaxBytes, default 2 000 000) that the endpoint does not reject as
// overly compressed (827) or, unless the input already was, too blurry
// (826), at a resolution 818 accepts.
//
// A JPEG within the budget is returned byte-identical (no generational
// loss) unless StripMetadata or Upright ask for a change. A larger
// baseline JPEG that only needs a lower quality is requantised in the DCT
// domain (Transcode, ActionTranscoded): no pixels are decoded, the
// highest quality that fits is found by counting, and it is written once.
// One that needs fewer pixels is decoded from its coefficients at m/8 of
// its size, the largest eighth that fits at the quality floor and keeps
// the resolution floor (ActionScaled, recompress_scaled.go), and written
// once the same way.
// Anything else (a progressive JPEG, grey or CMYK, a downscale the
// eighths cannot give, PNG, WebP, TIFF, BMP, GIF) is decoded, made upright from
// its EXIF orientation, stripped of metadata (see KeepMetadata) and
// encoded: the quality is predicted from the first encode and corrected at
// most once (RecompressPolicy), and the image is downscaled only when the
// quality would otherwise fall below the policy's floor, never below the
// resolution floor (MinResolution).
func Recompress(data []byte, opts ...RecompressOption) ([]byte, Info, error) {
	return recompress(data, opts, reencode)
}

// recompress is Recompress with the re-encoding step given: in Go, or by
// an ExternalImage.
func recompress(data []byte, opts []RecompressOption, reencode func([]byte, *recompressConfig, *Info) ([]byte, error)) ([]byte, Info, error) {
	cfg, err := buildRecompressConfig(opts)
	if err != nil {
		return nil, Info{}, err
	}
	start := time.Now()
	info := Info{InputBytes: len(data), MaxBytes: cfg.policy.MaxBytes, InputFormat: sniff(data), Orientation: 1, Scale: 1, TimingsMS: map[string]float64{}}
	if len(data) == 0 {
		return nil, info, ErrEmpty
	}
	out, done, err := keepCompliant(data, &cfg, &info)
	if err != nil {
		return nil, info, err
	}
	if !done {
		out, err = reencode(data, &cfg, &info)
		if err != nil {
			return nil, info, err
		}
	}
	info.OutputBytes = len(out)
	if cfg.verify {
		if cfg.written != nil {
			// The DCT paths leave the kept symbols of the search's count
			// (12 MB at 12 MP) and the sampled counts' garbage behind:
			// collected now, the output check's buffers take their pages
			// instead of fresh ones (desk 12 MP: 115 → 97 MB peak RSS,
			// 26.8 k → 22.4 k page faults; a collection of the ~45 MB
			// left, nearly all pointer-free, costs a few ms).
			runtime.GC()
		}
		if err := verifyOutput(out, &cfg, &info); err != nil {
			return nil, info, err
		}
		if !done && !info.Checks[CodeCompressed] {
			// The blocks show (827's blockiness measure: heavy noise
			// smoothed inside each block at a moderate quality): try
			// once more at a higher quality floor, which the policy
			// meets by downscaling, and keep that if 827 passes.
			if retry, ok := raiseQualityFloor(cfg.policy, info.Quality); ok {
				rcfg := cfg
				rcfg.policy = retry
				rinfo := info // the encodes and timings add up
				if out2, err := reencode(data, &rcfg, &rinfo); err == nil {
					rinfo.Attempts = append(slices.Clip(info.Attempts), rinfo.Attempts...)
					rinfo.OutputBytes = len(out2)
					if err := verifyOutput(out2, &rcfg, &rinfo); err == nil && rinfo.Checks[CodeCompressed] {
						out, info = out2, rinfo
					} else {
						info.Encodes = rinfo.Encodes
					}
				}
			}
		}
	}
	info.TimingsMS["total"] = ms(time.Since(start))
	return out, info, nil
}

// blockyQualityStep is how far raiseQualityFloor lifts the floor above
// the quality whose output showed its blocks.
const blockyQualityStep = 10

// raiseQualityFloor is p with MinQuality and DownscaleQuality at least
// blockyQualityStep above q; ok is false when the ceiling leaves no room.
func raiseQualityFloor(p RecompressPolicy, q int) (RecompressPolicy, bool) {
	floor := min(q+blockyQualityStep, p.MaxQuality)
	if floor <= p.MinQuality || floor <= q {
		return p, false
	}
	p.MinQuality = floor
	p.DownscaleQuality = max(p.DownscaleQuality, floor)
	return p, p.Validate() == nil
}

// keepCompliant returns a JPEG within the budget as is, or stripped of
// metadata losslessly; done is false when it must be re-encoded.
func keepCompliant(data []byte, cfg *recompressConfig, info *Info) (out []byte, done bool, err error) {
	if info.InputFormat != "jpeg" || len(data) > cfg.policy.MaxBytes {
		return nil, false, nil
	}
	h, err := readImageHeader(data, cfg.maxPixels)
	if err != nil {
		return nil, false, err
	}
	info.InputWidth, info.InputHeight = h.uprightSize()
	info.Width, info.Height = h.width, h.height // stored, as the file is kept
	facts := readJPEGFacts(data)
	if cfg.upright && facts.orientation != 1 {
		return nil, false, nil
	}
	info.Quality, _ = estimateJPEGQuality(facts)
	if !cfg.strip {
		info.Action = ActionUntouched
		return data, true, nil
	}
	out, err = stripJPEG(data, cfg.keep)
	if err != nil {
		return nil, false, err
	}
	info.Action = ActionStripped
	return out, true, nil
}

// reencode requantises a JPEG in the DCT domain when that meets the
// policy, or downscales it there (recompress_scaled.go), and otherwise
// decodes, orients and encodes under the policy.
func reencode(data []byte, cfg *recompressConfig, info *Info) ([]byte, error) {
	cfg.written = nil // a retry's output is not the first try's
	out, ok, coefs, err := transcode(data, cfg, info)
	if ok || err != nil {
		return out, err
	}
	if out, ok, err := scaledTranscode(data, coefs, cfg, info); ok || err != nil {
		return out, err
	}
	var src *recompressSource
	info.timed("decode", func() { src, err = decodeForRecompress(data, cfg.maxPixels) })
	if err != nil {
		return nil, err
	}
	info.Encoder, info.Orientation = cfg.encoder.Name(), src.orientation
	var quality int
	if src.format == "jpeg" {
		quality, _ = estimateJPEGQuality(src.facts)
	}
	return encodeUnderPolicy(data, src.format, quality, goTarget{src: src, enc: cfg.encoder, cfg: cfg}, cfg, info)
}

// recompressTarget is the image the policy loop has encoded: decoded and
// encoded in Go (goTarget), or by the browser (externalTarget).
type recompressTarget interface {
	// uprightSize is the size of the upright image.
	uprightSize() (int, int)
	// encode runs the encode a Decision asks for, whole or probe.
	encode(d Decision) ([]byte, Attempt, error)
	// minScale is the resolution floor as a scale; it may cost a
	// detection, so it is asked only when downscaling is considered.
	minScale() (float64, error)
}

// goTarget is the Go-decoded source with the build's Encoder.
type goTarget struct {
	src *recompressSource
	enc Encoder
	cfg *recompressConfig
}

func (t goTarget) uprightSize() (int, int)                    { return t.src.uprightSize() }
func (t goTarget) encode(d Decision) ([]byte, Attempt, error) { return t.src.encode(t.enc, d) }
func (t goTarget) minScale() (float64, error)                 { return t.src.minScale(t.cfg), nil }

// encodeUnderPolicy encodes t as the policy decides (probes, then one or two whole
// encodes) and returns the kept encode with the kept metadata of data
// (a JPEG of the given format and estimated quality) inserted.
func encodeUnderPolicy(data []byte, format string, quality int, t recompressTarget, cfg *recompressConfig, info *Info) ([]byte, error) {
	info.Action = ActionReencoded
	info.InputWidth, info.InputHeight = t.uprightSize()

	// Metadata kept from a JPEG input travels into the output and counts
	// against the budget.
	var meta [][]byte
	if format == "jpeg" && len(cfg.keep) > 0 {
		if segs, _, err := splitJPEG(data); err == nil {
			meta = keptSegments(segs, cfg.keep)
		}
	}
	policy := cfg.policy
	policy.MaxBytes -= metadataSize(meta)
	if err := policy.Validate(); err != nil {
		return nil, fmt.Errorf("%w: the kept metadata leaves %d bytes for the image", ErrBudget, policy.MaxBytes)
	}
	in := RecompressInput{Width: info.InputWidth, Height: info.InputHeight}
	if format == "jpeg" {
		in.Bytes, in.Quality = len(data), quality
	}

	var attempts []Attempt
	var best []byte
	floorSet := false
	for len(attempts) < maxAttempts {
		d := policy.Next(in, attempts)
		if d.Scale < 1 && !floorSet {
			// The resolution floor matters only once downscaling is on
			// the table; finding the document costs a detection.
			var s float64
			var err error
			info.timed("detect", func() { s, err = t.minScale() })
			if err != nil {
				return nil, err
			}
			policy.MinScale = s
			floorSet = true
			d = policy.Next(in, attempts)
		}
		if d.Done || exhausted(policy, attempts) {
			break
		}
		var enc []byte
		var a Attempt
		var err error
		stage := "encode"
		if d.Probe {
			stage = "probe"
		}
		info.timed(stage, func() { enc, a, err = t.encode(d) })
		if err != nil {
			return nil, err
		}
		attempts = append(attempts, a)
		if a.Probe {
			continue
		}
		info.Encodes++
		// Keep the encode Best would pick: the largest that fits.
		if len(enc) <= policy.MaxBytes && len(enc) > len(best) {
			best = enc
			info.Width, info.Height = ScaledSize(info.InputWidth, info.InputHeight, d.Scale)
			info.Quality, info.Scale, info.BelowFloor = d.Quality, d.Scale, d.Quality < policy.MinQuality
		}
	}
	info.Attempts = attempts
	if best == nil {
		return nil, fmt.Errorf("%w: nothing within %d bytes after %d encodes", ErrBudget, policy.MaxBytes, info.Encodes)
	}
	return insertSegments(best, meta), nil
}

// minScale is the smallest scale that keeps the document (or, when none
// is found, the photo's long side) above the resolution floor; the
// document found is kept in cfg.docQuad. img is the
// upright photo at 1/k of its size (k ≥ 1), which is enough to find the
// document.
func minScale(img *vision.RGB, k float64, cfg *recompressConfig) float64 {
	w, h := float64(img.W)*k, float64(img.H)*k
	s := float64(cfg.minLongSide) / math.Max(w, h)
	ccfg, err := buildConfig(cfg.checkOpts)
	if err != nil {
		ccfg = defaultConfig()
	}
	dets := newEngine().detectDocuments(img, vision.DetectOptions{Aspects: aspectsFor(ccfg.docType)})
	if len(dets) > 0 {
		q := dets[0].Quad.Scale(k)
		cfg.docQuad = &q
		width := math.Max(q[0].Dist(q[1]), q[3].Dist(q[2]))
		if width > 0 {
			s = float64(cfg.minDocWidth) / width
		}
	}
	return min(s, 1)
}

// EstimateJPEGQuality returns the IJG quality (1..100) of a JPEG's
// luminance table, read from its bytes without decoding, as the 827 check
// reads it; ok is false when data holds no table.
func EstimateJPEGQuality(data []byte) (q int, ok bool) {
	if sniff(data) != "jpeg" {
		return 0, false
	}
	return estimateJPEGQuality(readJPEGFacts(data))
}

// exhausted says whether the last whole encode was already the smallest
// allowed (quality 1 at the resolution floor) and still too large.
func exhausted(p RecompressPolicy, attempts []Attempt) bool {
	for i := len(attempts) - 1; i >= 0; i-- {
		if a := attempts[i]; !a.Probe {
			return a.Quality == 1 && a.Scale <= p.MinScale+1e-9 && a.Bytes > p.MaxBytes
		}
	}
	return false
}
