package preflight

import (
	"fmt"
	"image"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// recompressSource is the decoded input at full resolution, kept as
// stored: each attempt downscales first and orients the smaller result,
// so a 100 MP photo is turned (a full pass over memory) only when it is
// encoded at full size. A JPEG decoded in Go keeps the decoder's YCbCr
// planes (planes), which an encoder taking planes (planesEncoder) encodes
// without any colour conversion; anything else is RGB (stored).
type recompressSource struct {
	imageHeader
	facts  *jpegFacts // nil unless JPEG
	stored *vision.RGB
	planes *image.YCbCr
	// cache and planesCache hold the last upright image made, by size:
	// the policy's second attempt often reuses the first one's scale.
	cache       *vision.RGB
	planesCache *image.YCbCr
}

// rgbEncoder is an Encoder that takes the RGB planes directly, saving the
// RGBA copy (OpenCVEncoder).
type rgbEncoder interface {
	encodeRGB(img *vision.RGB, quality int) ([]byte, error)
}

// planesEncoder is an Encoder that takes 4:2:0 YCbCr planes directly
// (StdEncoder: image/jpeg copies them into its blocks as they are).
type planesEncoder interface {
	encodePlanes(img *image.YCbCr, quality int) ([]byte, error)
}

// decodeForRecompress decodes data at full resolution without orienting.
func decodeForRecompress(data []byte, maxPixels int) (*recompressSource, error) {
	h, err := readImageHeader(data, maxPixels)
	if err != nil {
		return nil, err
	}
	stored, planes, err := decodeStored(data, h)
	if err != nil {
		return nil, err
	}
	src := &recompressSource{imageHeader: h, stored: stored, planes: planes}
	if src.format == "jpeg" {
		src.facts = readJPEGFacts(data)
	}
	return src, nil
}

// rgb returns the stored image as RGB, converting the planes once when
// an encoder without planes support (WithEncoder) needs it.
func (s *recompressSource) rgb() *vision.RGB {
	if s.stored == nil {
		s.stored = vision.FromImage(s.planes)
	}
	return s.stored
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
	m := s.rgb()
	if sw != m.W || sh != m.H {
		m = resizeArea(m, sw, sh)
	}
	s.cache = vision.Orient(m, s.orientation)
	return s.cache
}

// planesAt is at for the planes, as 4:2:0.
func (s *recompressSource) planesAt(w, h int) *image.YCbCr {
	if c := s.planesCache; c != nil && c.Rect.Dx() == w && c.Rect.Dy() == h {
		return c
	}
	s.planesCache = uprightPlanes(s.planes, s.orientation, w, h)
	return s.planesCache
}

// encode runs the encode a Decision asks for: the whole upright image at
// its quality and scale, or a probe sample of it. It returns the bytes and
// the attempt they make.
func (s *recompressSource) encode(e Encoder, d Decision) ([]byte, Attempt, error) {
	uw, uh := s.uprightSize()
	w, h := ScaledSize(uw, uh, d.Scale)
	a := Attempt{Quality: d.Quality, Scale: d.Scale, Probe: d.Probe}
	var g ProbeGrid
	if d.Probe {
		g = ProbeLayout(w, h)
		a.Pixels = g.Pixels()
	}
	var out []byte
	var err error
	pe, planar := e.(planesEncoder)
	re, rgb := e.(rgbEncoder)
	switch {
	case planar && s.planes != nil && d.Probe && d.Scale < 1:
		out, err = pe.encodePlanes(s.scaledProbePlanes(w, h, g), d.Quality)
	case planar && s.planes != nil && d.Probe:
		out, err = pe.encodePlanes(probeMosaicPlanes(s.planesAt(w, h), g), d.Quality)
	case planar && s.planes != nil:
		out, err = pe.encodePlanes(s.planesAt(w, h), d.Quality)
	case d.Probe && d.Scale < 1:
		out, err = e.Encode(s.scaledProbeRGB(w, h, g), d.Quality)
	case d.Probe:
		out, err = e.Encode(probeMosaic(s.at(w, h), g), d.Quality)
	case rgb:
		out, err = re.encodeRGB(s.at(w, h), d.Quality)
	default:
		out, err = e.Encode(s.at(w, h).Image(), d.Quality)
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
	uw, uh := s.uprightSize()
	k := min(1, float64(floorDetectSide)/float64(max(uw, uh)))
	w, h := max(1, int(float64(uw)*k)), max(1, int(float64(uh)*k))
	var small *vision.RGB
	if s.planes != nil && s.stored == nil {
		small = vision.FromImage(uprightPlanes(s.planes, s.orientation, w, h))
	} else {
		sw, sh := w, h
		if s.orientation >= 5 && s.orientation <= 8 {
			sw, sh = h, w
		}
		small = vision.Orient(resizeArea(s.stored, sw, sh), s.orientation)
	}
	return minScale(small, float64(uw)/float64(small.W), cfg)
}
