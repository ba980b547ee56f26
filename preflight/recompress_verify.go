package preflight

import (
	"fmt"
	"math"
)

// verifiedCodes are the codes Info.Checks reports: the ones recompression
// can cause (818 through lost pixels, 826 through lost detail, 827
// through coarse tables or visible blocks).
func verifiedCodes() []Code {
	return []Code{CodeLivenessQuality, CodeBlurry, CodeCompressed}
}

// verifyOutput sets info.Checks from Check on the output, restricted to
// the stages that decide verifiedCodes() (withQualityOnly): the portrait
// search, glare and exposure cannot change with the quantisation and
// cost more than the rest (the whole-photo face search alone is ~0.7 s
// on a 12 MP card in the gocv build). A large output is decoded reduced
// from its coefficients, as Check decodes every large JPEG
// (reducingDecoder): the pure engine's full decode and colour conversion
// were half of the verification's time. The document is not looked for
// again when a detection on the input (the resolution floor) or on an
// earlier output found it: its outline is scaled to the output
// (WithDocumentQuads), which saves a detection (a third of a second at
// 100 MP). TestRecompressChecksMatchCheck holds the verdicts equal to the
// full Check's over the synthetic set.
func verifyOutput(out []byte, cfg *recompressConfig, info *Info) error {
	var rep *Report
	var err error
	opts := append(append([]Option(nil), cfg.checkOpts...), withQualityOnly())
	k, reuse := outputScale(out, info)
	if reuse && cfg.docQuad != nil {
		opts = append(opts, WithDocumentQuads(quadFromVision(cfg.docQuad.Scale(k))))
	}
	info.timed("verify", func() { rep, err = checkOutput(out, cfg.written, opts) })
	if err != nil {
		return fmt.Errorf("checking the output: %w", err)
	}
	if reuse && cfg.docQuad == nil && rep.Document != nil && len(rep.Document.Quads) > 0 {
		// Found on this output: a retry's output is checked with it.
		q := rep.Document.Quads[0].vision().Scale(1 / k)
		cfg.docQuad = &q
	}
	info.Checks = map[Code]bool{}
	for _, c := range verifiedCodes() {
		info.Checks[c] = !rep.Failed(c)
	}
	return nil
}

// withQualityOnly makes Check run only the stages that decide 818, 826
// and 827 (qualityStage). Its verdict on those codes is the full check's:
// the stages it leaves out add issues of other codes only and feed
// nothing to the ones it keeps. Unexported: a Report without the other
// codes is not a verdict callers should see.
func withQualityOnly() Option {
	return func(c *config) error {
		c.qualityOnly = true
		return nil
	}
}

// qualityStage says whether a stage of the check decides one of
// verifiedCodes(), or feeds one that does: detection and the geometry
// codes (cheap) find and place the document, rectify and source give the
// pixels that sharpness (826), compression (827) and resolution (818)
// measure.
func qualityStage(name string) bool {
	switch name {
	case "detect", "geometry", "rectify", "sharpness", "source", "compression", "resolution":
		return true
	}
	return false
}

// outputScale is output pixels per upright input pixel; ok is false when
// out's pixels are not the upright input's geometry scaled (a kept file
// with an EXIF rotation, or sizes whose axes disagree).
func outputScale(out []byte, info *Info) (k float64, ok bool) {
	h, err := readImageHeader(out, math.MaxInt32)
	if err != nil || h.orientation != 1 || info.InputWidth <= 0 || info.InputHeight <= 0 {
		return 0, false
	}
	kx, ky := float64(h.width)/float64(info.InputWidth), float64(h.height)/float64(info.InputHeight)
	return kx, math.Abs(kx-ky) <= 2/float64(min(info.InputWidth, info.InputHeight))+0.002
}
