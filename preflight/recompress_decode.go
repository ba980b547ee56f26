package preflight

import (
	"fmt"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// recompressSource is the decoded input at full resolution, kept as
// stored: each attempt downscales first and orients the smaller result,
// so a 100 MP photo is turned (a full pass over memory) only when it is
// encoded at full size.
type recompressSource struct {
	imageHeader
	facts  *jpegFacts // nil unless JPEG
	stored *vision.RGB
	// cache holds the last upright image made, by size: the policy's
	// second attempt often reuses the first one's scale.
	cache *vision.RGB
}

// rgbEncoder is an Encoder that takes the RGB planes directly, saving the
// RGBA copy (OpenCVEncoder).
type rgbEncoder interface {
	encodeRGB(img *vision.RGB, quality int) ([]byte, error)
}

// decodeForRecompress decodes data at full resolution without orienting.
func decodeForRecompress(data []byte, maxPixels int) (*recompressSource, error) {
	h, err := readImageHeader(data, maxPixels)
	if err != nil {
		return nil, err
	}
	stored, err := decodeStored(data, h)
	if err != nil {
		return nil, err
	}
	src := &recompressSource{imageHeader: h, stored: stored}
	if src.format == "jpeg" {
		src.facts = readJPEGFacts(data)
	}
	return src, nil
}

// at returns the upright image resized to w×h (upright dimensions).
func (s *recompressSource) at(w, h int) *vision.RGB {
	if s.cache != nil && s.cache.W == w && s.cache.H == h {
		return s.cache
	}
	sw, sh := w, h
	if s.orientation >= 5 && s.orientation <= 8 {
		sw, sh = h, w
	}
	m := s.stored
	if sw != m.W || sh != m.H {
		m = resizeArea(m, sw, sh)
	}
	s.cache = vision.Orient(m, s.orientation)
	return s.cache
}

// encode runs the encode a Decision asks for: the whole upright image at
// its quality and scale, or a probe sample of it. It returns the bytes and
// the attempt they make.
func (s *recompressSource) encode(e Encoder, d Decision) ([]byte, Attempt, error) {
	uw, uh := s.uprightSize()
	w, h := ScaledSize(uw, uh, d.Scale)
	img := s.at(w, h)
	a := Attempt{Quality: d.Quality, Scale: d.Scale, Probe: d.Probe}
	var out []byte
	var err error
	switch re, ok := e.(rgbEncoder); {
	case d.Probe:
		g := ProbeLayout(w, h)
		a.Pixels = g.Pixels()
		out, err = e.Encode(probeMosaic(img, g), d.Quality)
	case ok:
		out, err = re.encodeRGB(img, d.Quality)
	default:
		out, err = e.Encode(img.Image(), d.Quality)
	}
	if err != nil {
		return nil, a, fmt.Errorf("encoding at quality %d: %w", d.Quality, err)
	}
	a.Bytes = len(out)
	return out, a, nil
}

// minScale is the resolution floor as a scale, with the document found on
// a copy of at most floorDetectSide, as RecompressExternal does: a
// full-size upright copy of a 100 MP photo would cost another 300 MB.
func (s *recompressSource) minScale(cfg *recompressConfig) float64 {
	small := s.stored
	if k := float64(floorDetectSide) / float64(max(small.W, small.H)); k < 1 {
		small = resizeArea(small, max(1, int(float64(small.W)*k)), max(1, int(float64(small.H)*k)))
	}
	small = vision.Orient(small, s.orientation)
	w, _ := s.uprightSize()
	return minScale(small, float64(w)/float64(small.W), cfg)
}
