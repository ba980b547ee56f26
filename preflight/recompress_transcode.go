package preflight

import (
	"bytes"
	"errors"
	"math"
)

// The DCT path of Recompress. Most inputs are phone JPEGs that need a
// lower quality, not fewer pixels: their coefficients are requantised to
// the IJG tables of the highest quality that fits (jpegcoef_*.go), as
// jpegtran would with new tables. No IDCT, colour conversion, FDCT or
// chroma resampling, so it is several times faster than decoding and
// encoding, and the pixels are not rounded a second time. The size at a
// quality is counted exactly from the symbols, so the search for the
// quality writes once. Whatever it cannot do (downscaling, non-JPEG or
// progressive input, an EXIF rotation needing partial edge blocks) goes
// through the pixel path (reencode).

// ActionTranscoded is Info.Action when the input's DCT coefficients were
// requantised without decoding to pixels.
const ActionTranscoded = "transcoded"

// TranscodeEncoderName is Info.Encoder for the DCT path.
const TranscodeEncoderName = "dct requantise"

// maxTranscodeCounts bounds the exact size counts of the quality search:
// the model's guesses usually bracket the answer in three.
const maxTranscodeCounts = 8

// Transcode turns the DCT path on or off (default on): a JPEG that only
// needs a lower quality is requantised in the DCT domain instead of
// decoded and encoded again.
func Transcode(on bool) RecompressOption {
	return func(c *recompressConfig) error { c.transcode = on; return nil }
}

// transcode runs the DCT path; ok is false when the pixel path must do
// the job (info then keeps only the time spent, and the write when one
// came out over the budget after all). c is the input's coefficients
// when they were read, for the downscaling DCT path to reuse.
func transcode(data []byte, cfg *recompressConfig, info *Info) (out []byte, ok bool, c *coefImage, err error) {
	if !cfg.transcode || info.InputFormat != "jpeg" || needsDownscale(data, cfg.policy) {
		return nil, false, nil, nil
	}
	c, err = readCoefs(data, cfg, info)
	if err != nil || c == nil {
		return nil, false, nil, err
	}
	orientation := readJPEGFacts(data).orientation
	upright, ok := c.transform(orientation)
	if !ok {
		return nil, false, c, nil
	}
	meta := keptSegments(c.segs, cfg.keep)
	in := RecompressInput{Width: upright.scan.width, Height: upright.scan.height, Bytes: len(data)}
	in.Quality, _ = estimateJPEGQuality(&jpegFacts{quant: c.quant})
	w := coefWrite{policy: cfg.policy, in: in, budget: cfg.policy.MaxBytes - metadataSize(meta), stuffRate: stuffRate(data, c), pre: c.structuralSegments(), scale: 1}
	enc, written := w.run(upright, info)
	if written == nil {
		return nil, false, c, nil
	}
	cfg.written = written.reducedImage
	info.Action, info.Encoder, info.Orientation = ActionTranscoded, TranscodeEncoderName, orientation
	info.InputWidth, info.InputHeight = upright.scan.width, upright.scan.height
	return insertSegments(enc, meta), true, c, nil
}

// readCoefs reads the input's coefficients, timed as decoding; c is nil
// (and err nil) when the file is not one the DCT path reads, and err is
// set only for an input too large for any path.
func readCoefs(data []byte, cfg *recompressConfig, info *Info) (c *coefImage, err error) {
	info.timed("decode", func() { c, err = decodeCoefs(data, cfg.maxPixels) })
	if errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	if err != nil || !c.colourKnown() {
		return nil, nil
	}
	return c, nil
}

// stuffRate is the share of the input's coded bytes that are stuffed
// zeros: the only part of the size the counts do not give, which the
// input's own rate predicts well.
func stuffRate(data []byte, c *coefImage) float64 {
	return float64(bytes.Count(data[c.scan.dataStart:], []byte{0xFF, 0})) / float64(max(1, len(data)-c.scan.dataStart))
}

// coefWrite is a write of coefficients under the policy: the budget left
// after the kept metadata, the segments written before the tables, and
// the scale reported for the attempts.
type coefWrite struct {
	policy    RecompressPolicy
	in        RecompressInput
	budget    int
	stuffRate float64
	pre       [][]byte
	scale     float64
}

// run finds the finest tables in the policy's quality range whose output
// of c fits the budget and writes c once with them (once more, a step
// coarser, when more zero bytes were stuffed than predicted). It sets
// the encodes, attempts, size and quality in info, and returns what was
// written as coefficients (for checkOutput); nil when nothing in the
// range fits.
func (w coefWrite) run(c *coefImage, info *Info) ([]byte, *outputCoefs) {
	var ch transcodeChoice
	ok := false
	info.timed("probe", func() { ch, ok = c.searchScale(w.policy, w.in, w.budget, w.stuffRate, w.pre) })
	if !ok {
		return nil, nil
	}
	var enc []byte
	for {
		info.timed("encode", func() { enc, _ = c.encode(ch.tables, ch.st, w.pre) })
		info.Encodes++
		q, _ := estimateJPEGQuality(&jpegFacts{quant: ch.tables})
		info.Attempts = append(info.Attempts, Attempt{Quality: q, Scale: w.scale, Bytes: len(enc)})
		if len(enc) <= w.budget {
			break
		}
		// More stuffing than predicted: a step coarser, by the miss.
		ch.mille = int(math.Ceil(float64(ch.mille) * float64(len(enc)) / float64(w.budget)))
		if ch.mille > qualityMille(w.policy.MinQuality) {
			return nil, nil
		}
		var err error
		if ch.tables, err = c.tablesAt(ch.mille); err != nil {
			return nil, nil
		}
		ch.st = c.count(ch.tables)
	}
	info.Width, info.Height = c.scan.width, c.scan.height
	info.Scale, info.BelowFloor = w.scale, false
	info.Quality, _ = estimateJPEGQuality(&jpegFacts{quant: ch.tables})
	return enc, &outputCoefs{img: c, tables: ch.tables}
}

// transcodeSampleStep is the share (one MCU in so many) of the sampled
// counts that guide the search (countSample): an eighth of the MCUs
// predicts the whole within a few tenths of a percent on the bench
// photos, and the exact count then corrects it.
const transcodeSampleStep = 8

// transcodeChoice is a scale of the tables and what it gives.
type transcodeChoice struct {
	mille  int
	tables [4]*[64]uint16
	st     *coefStats
	bytes  int // predicted, stuffing included
}

// hopelessRatio is how far over the budget the size model may put the
// input at the policy's quality floor before the DCT path is not tried:
// a 100 MP phone photo needs a downscale, and reading its coefficients
// first would cost a second for nothing. The model's γ is a default
// here, off by a factor 1.5 at worst on the photos measured.
const hopelessRatio = 2.0

// needsDownscale says whether the input JPEG, judged by its size and
// its tables' quality, cannot fit the budget at the quality floor.
func needsDownscale(data []byte, p RecompressPolicy) bool {
	q, ok := estimateJPEGQuality(readJPEGFacts(data))
	if !ok {
		return false
	}
	// Only ratios matter: any pixel count will do.
	in := RecompressInput{Width: 1000, Height: 1000, Bytes: len(data), Quality: q}
	return fitModel(in, nil).bytes(p.MinQuality, 1) > hopelessRatio*float64(p.MaxBytes)
}

// searchScale finds the finest table scale (per mille, qualityMille) in
// the policy's quality range whose output fits budget: sampled counts
// guide the search, exact counts decide. ok is false when even the
// coarsest allowed scale does not fit (the pixel path downscales then)
// or the tables cannot be written. The 827 floor is checked on the
// output tables, as 827 reads them.
func (c *coefImage) searchScale(p RecompressPolicy, in RecompressInput, budget int, stuffRate float64, pre [][]byte) (transcodeChoice, bool) {
	predict := func(st *coefStats, tables [4]*[64]uint16, rows float64) int {
		data := float64(st.dataBytes()) * rows
		return len(c.header(tables, st, pre)) + 2 + int(math.Ceil(data*(1+stuffRate*1.1)))
	}
	sr := scaleSearch{in: in, calib: 1, fine: qualityMille(p.MaxQuality) - 1, coarse: qualityMille(p.MinQuality) + 1}
	step := transcodeSampleStep
	if c.mcusY < transcodeMinSampleRows*step {
		step = 1 // too few rows for a sample: count them all
	}
	// Neighbouring scales often round to the same tables (the steps are
	// whole numbers): the bisection asked for 2 of its 8–10 samples
	// again on the 24 and 48 MP bench photos.
	seen := map[tablesKey]int{}
	var set *sampleSet // copied out at the first sample
	sr.estimate = func(s int) (int, error) {
		t, err := c.tablesAt(s)
		if err != nil {
			return 0, err
		}
		key := keyOf(t)
		if n, ok := seen[key]; ok {
			return n, nil
		}
		if set == nil {
			set = c.sampleSetOf(step)
		}
		st, k := set.count(c, t)
		n := predict(st, t, k)
		seen[key] = n
		return n, nil
	}
	// The samples aim a little under the budget: an exact count that
	// misses costs a whole count more.
	target := int(float64(budget) * (1 - transcodeSampleMargin))
	for range maxTranscodeCounts {
		s, err := sr.bisect(target)
		if err != nil || s >= sr.coarse {
			return transcodeChoice{}, false
		}
		t, _ := c.tablesAt(s)
		st := c.count(t)
		n := predict(st, t, 1)
		if n <= budget {
			if eq, _ := estimateJPEGQuality(&jpegFacts{quant: t}); eq < p.MinQuality {
				// The input's own tables are coarser than the floor:
				// 827 would read the output as worse than allowed.
				return transcodeChoice{}, false
			}
			return transcodeChoice{mille: s, tables: t, st: st, bytes: n}, true
		}
		// A miss: s is too fine for sure, and the samples read low by
		// n / estimate.
		sr.fine = s
		if e := sr.sampled[s]; e > 0 {
			sr.calib = float64(n) / float64(e)
		}
	}
	return transcodeChoice{}, false
}

// tablesKey is the content of a set of quantisation tables, a nil table
// all zeros.
type tablesKey [4][64]uint16

// keyOf is t's content.
func keyOf(t [4]*[64]uint16) tablesKey {
	var k tablesKey
	for i, p := range t {
		if p != nil {
			k[i] = *p
		}
	}
	return k
}

// transcodeMinSampleRows is the fewest MCU rows a sample takes; a
// smaller image is counted whole.
const transcodeMinSampleRows = 16

// transcodeSampleMargin is the fraction of the budget the sampled
// estimates leave for their own error.
const transcodeSampleMargin = 0.003

// colourKnown says whether the components are ones whose tables
// tablesAt can choose: grey, or YCbCr (an Adobe segment saying RGB or
// CMYK would get chrominance tables on colour planes).
func (c *coefImage) colourKnown() bool {
	switch len(c.comps) {
	case 1:
		return true
	case 3:
		for _, s := range c.segs {
			body := s.raw[4:]
			if s.marker == 0xEE && bytes.HasPrefix(body, []byte("Adobe")) && (len(body) < 12 || body[11] != 1) {
				return false
			}
		}
		return !(c.comps[0].id == 'R' && c.comps[1].id == 'G' && c.comps[2].id == 'B')
	}
	return false
}

// structuralSegments are the input's APP0 JFIF and APP14 Adobe
// segments, which say how to read the colours, for the output.
func (c *coefImage) structuralSegments() [][]byte {
	var out [][]byte
	for _, s := range c.segs {
		if (s.marker == 0xE0 || s.marker == 0xEE) && s.kind() == "structural" {
			out = append(out, s.raw)
		}
	}
	return out
}
