package preflight

import (
	"math"
	"runtime"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// The downscaling DCT path. A photo too big for the budget at the
// quality floor (a 100 MP phone photo) must lose pixels. Decoding it
// whole, resizing and encoding cost more than ImageMagick's search
// (image/jpeg decodes 100 MP in ~1.9 s of CPU, the resize takes 1.2 s and
// the encode 2.3 s). Here the coefficients the DCT path already read are
// decoded straight to m/8 of the size (jpegcoef_idct.go: an m-point
// inverse DCT of each block's m×m lowest frequencies), made upright,
// transformed once (jpegcoef_fdct.go) and written with the same exact
// quality search as a transcode: one decode at the reduced size, no
// resize, one encode. The document that sets the resolution floor is
// found on the DC image (one value per block: 1/8 of the size, free).
//
// The scale is a multiple of 1/8: the largest at which the floor quality
// fits, so at most one eighth below the scale the pixel path would pick,
// with the quality up to match the budget.

// ActionScaled is Info.Action when the input was downscaled in the DCT
// domain (decoded at m/8 of its size) and encoded once.
const ActionScaled = "dct-scaled"

// ScaledEncoderName is Info.Encoder for the downscaling DCT path.
const ScaledEncoderName = "dct scaled"

// maxScaledTries bounds the scales tried: each costs a reduced decode and
// a transform (a quarter of a second at 100 MP).
const maxScaledTries = 3

// scaledTranscode runs the downscaling DCT path on the input's
// coefficients c (read here when the plain DCT path did not); ok is false
// when the pixel path must do the job: not a sequential YCbCr JPEG,
// nothing at a scale of at least 1/8 and the resolution floor fits at
// the quality floor.
func scaledTranscode(data []byte, c *coefImage, cfg *recompressConfig, info *Info) (out []byte, ok bool, err error) {
	if !cfg.transcode || info.InputFormat != "jpeg" {
		return nil, false, nil
	}
	// read reads the coefficients when the plain DCT path did not, and
	// again after a try wrote its output over them (scaledCoefs spends
	// c): rare, as the sampled scale fits at the floor, and a second
	// decode then costs less than fresh memory for every output.
	read := func() bool {
		if c == nil || c.comps == nil {
			c, err = readCoefs(data, cfg, info)
		}
		return err == nil && c != nil
	}
	if !read() {
		return nil, false, err
	}
	if _, ok := c.subsampleRatio(); !ok {
		return nil, false, nil
	}
	o := readJPEGFacts(data).orientation
	uw, uh := c.scan.width, c.scan.height
	if o >= 5 && o <= 8 {
		uw, uh = uh, uw
	}
	var floor float64
	info.timed("detect", func() { floor = c.minScaleDC(o, uw, uh, cfg) })
	meta := keptSegments(c.segs, cfg.keep)
	w := coefWrite{policy: cfg.policy, budget: cfg.policy.MaxBytes - metadataSize(meta), stuffRate: stuffRate(data, c), pre: c.structuralSegments()}
	lowest := max(1, int(math.Ceil(8*floor-1e-9)))
	var m int
	var sampled map[int]float64
	info.timed("probe", func() { m, sampled = c.chooseScale(cfg.policy, w.budget, w.stuffRate, lowest) })
	if m > 7 {
		return nil, false, nil
	}
	// The sample's bands and their transforms are garbage now: collected
	// here, their pages take the search's symbols and the output check's
	// buffers instead of fresh ones (desk 100 MP: 431 → 414 MB peak RSS,
	// 4 k page faults fewer).
	runtime.GC()
	for try := 0; try < maxScaledTries && m >= lowest; try, m = try+1, m-1 {
		if !read() {
			return nil, false, err
		}
		var up *coefImage
		info.timed("decode", func() { up, err = c.scaledUpright(m, o, true) })
		if err != nil {
			return nil, false, nil
		}
		w.scale = float64(up.scan.width) / float64(uw)
		// The search's first guess: the sample's bytes at the floor
		// when m was sampled, else the floor at the budget.
		w.in = RecompressInput{Width: up.scan.width, Height: up.scan.height, Quality: cfg.policy.MinQuality, Bytes: w.budget}
		if b, ok := sampled[m]; ok {
			w.in.Bytes = int(b)
		}
		if enc, written := w.run(up, info); written != nil {
			cfg.written = written.reducedImage
			info.Action, info.Encoder, info.Orientation = ActionScaled, ScaledEncoderName, o
			info.InputWidth, info.InputHeight = uw, uh
			return insertSegments(enc, meta), true, nil
		}
	}
	return nil, false, nil
}

// scaledUpright is c decoded at m/8 of its size, turned upright for EXIF
// orientation o and transformed back into coefficients. With overwrite
// set, c may be spent on it (scaledCoefs: c.comps is then nil).
func (c *coefImage) scaledUpright(m, o int, overwrite bool) (*coefImage, error) {
	if o < 2 || o > 8 {
		if up, ok, err := c.scaledCoefs(m, overwrite); ok || err != nil {
			return up, err
		}
	}
	planes, err := c.scaledPlanes(m)
	if err != nil {
		return nil, err
	}
	w, h := planes.Rect.Dx(), planes.Rect.Dy()
	if o >= 5 && o <= 8 {
		w, h = h, w
	}
	return coefsFromPlanes(uprightPlanes(planes, o, w, h))
}

// chooseScale returns 8 when the input fits budget at full size at the
// quality floor, and otherwise the largest m in lowest..7 (scale m/8) at which
// the image, made at m/8 and transformed, fits budget at the policy's
// quality floor, judged on a sample of bands (sampleBands: within 1 % of
// the whole on the benchmark's 100 MP photo); lowest when none does. The
// first guess is where the input's coefficients at the floor would fit
// if the bytes fell with the pixels to the power β = 0.85; the samples
// then step from it, so one or two are made. A power law fitted to a
// sample at 4/8 instead was measured and rejected: the bytes fall
// slowly from 8/8 to 7/8 (what 7/8 drops, the floor's tables mostly
// zero anyway), and it put 7/8 within the budget when it was 4 % over.
//
// It also returns the sampled bytes at the floor by m, which guide the
// quality search at the chosen scale.
func (c *coefImage) chooseScale(p RecompressPolicy, budget int, stuffRate float64, lowest int) (int, map[int]float64) {
	target := float64(budget) * (1 - p.Margin) / (1 + stuffRate)
	atFloor := func(c *coefImage, step int) float64 {
		t, err := c.tablesAt(qualityMille(p.MinQuality))
		if err != nil {
			return math.Inf(1)
		}
		st, k := c.countSample(t, step)
		return float64(st.dataBytes()) * k
	}
	step := transcodeSampleStep
	if c.mcusY < transcodeMinSampleRows*step {
		step = 1
	}
	full := atFloor(c, step)
	if full <= target {
		// No downscale needed: the plain DCT path declined for another
		// reason (an EXIF turn over partial MCUs), and the pixel path
		// keeps the full size.
		return 8, nil
	}
	m := min(7, max(lowest, int(math.Round(8*math.Pow(target/full, 1/1.7)))))
	sample, k := c.sampleBands()
	sampled := map[int]float64{}
	fits := func(m int) bool {
		up, err := sample.scaledUpright(m, 1, false)
		if err != nil {
			return false
		}
		sampled[m] = atFloor(up, 1) * k
		return sampled[m] <= target
	}
	if fits(m) {
		for m < 7 && fits(m+1) {
			m++
		}
		return m, sampled
	}
	for m > lowest {
		m--
		if fits(m) {
			break
		}
	}
	return m, sampled
}

// sampleBandRows is the height in MCU rows of a band of sampleBands:
// 8 rows make whole output MCUs at every m/8.
const sampleBandRows = 8

// sampleMinBands is the fewest bands a sample takes: four bands of a
// 100 MP photo (128 rows each, one in 16) measured within 1.5 %.
const sampleMinBands = 4

// sampleBands returns every n-th band of sampleBandRows MCU rows of c
// as an image of its own, n being the most (8 or 16) that leaves at least
// sampleMinBands bands (c whole when it has too few), and the factor from
// its bytes to c's. The sample reads c's packed values in place (its
// offsets point into c's store; only the per-block offsets, ends and
// masks are copied): copying the values took a fresh 8 MB slab per
// component, whose zeroing and first touch were most of sampleBands'
// 20 ms of CPU on the 100 MP photo. c must not be written while the
// sample is in use.
func (c *coefImage) sampleBands() (*coefImage, float64) {
	bands := ceilDiv(c.mcusY, sampleBandRows)
	step := 16
	for step > 1 && bands < sampleMinBands*step {
		step /= 2
	}
	if step < transcodeSampleStep {
		return c, 1
	}
	var picked [][2]int // MCU rows lo..hi-1 of each band
	rows := 0
	for b := 0; b < bands; b += step {
		lo, hi := b*sampleBandRows, min((b+1)*sampleBandRows, c.mcusY)
		picked = append(picked, [2]int{lo, hi})
		rows += hi - lo
	}
	scan := *c.scan
	vmax := c.comps[0].bv
	for _, cc := range c.comps {
		vmax = max(vmax, cc.bv)
	}
	scan.height = rows * 8 * vmax
	s := &coefImage{scan: &scan, quant: c.quant, mcusX: c.mcusX, mcusY: rows}
	for _, cc := range c.comps {
		sc := cc // its store, vals, shared
		sc.bhgt = rows * cc.bv
		n := sc.bw * sc.bhgt
		sc.end, sc.nz, sc.off = make([]uint8, 0, n), make([]uint64, 0, n), make([]uint32, 0, n)
		for _, band := range picked {
			lo, hi := band[0]*cc.bv*cc.bw, band[1]*cc.bv*cc.bw // blocks of the band's MCU rows
			sc.end = append(sc.end, cc.end[lo:hi]...)
			sc.nz = append(sc.nz, cc.nz[lo:hi]...)
			sc.off = append(sc.off, cc.off[lo:hi]...)
		}
		s.comps = append(s.comps, sc)
	}
	return s, float64(c.mcusY) / float64(rows)
}

// minScaleDC is the resolution floor as a scale of the upright uw×uh
// image, with the document found on the DC image (1/8 of the size, made
// upright and at most floorDetectSide long).
func (c *coefImage) minScaleDC(o, uw, uh int, cfg *recompressConfig) float64 {
	dc, err := c.scaledPlanes(1)
	if err != nil {
		return 1
	}
	dw, dh := dc.Rect.Dx(), dc.Rect.Dy()
	if o >= 5 && o <= 8 {
		dw, dh = dh, dw
	}
	k := min(1, float64(floorDetectSide)/float64(max(dw, dh)))
	w, h := max(1, int(float64(dw)*k)), max(1, int(float64(dh)*k))
	small := vision.FromImage(uprightPlanes(dc, o, w, h))
	return minScale(small, float64(uw)/float64(small.W), cfg)
}
