package preflight

import (
	"bytes"
	"fmt"
	"image"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// storedSize is an image's size as stored, with the EXIF orientation that
// turns it upright.
type storedSize struct {
	width, height int
	orientation   int
}

// uprightSize is the size once the orientation is applied: 5..8 swap the
// axes.
func (s storedSize) uprightSize() (int, int) {
	if s.orientation >= 5 && s.orientation <= 8 {
		return s.height, s.width
	}
	return s.width, s.height
}

// readHeader validates the format and size of data without decoding.
func readHeader(data []byte, maxPixels int) (storedSize, error) {
	format := sniff(data)
	switch format {
	case "":
		return storedSize{}, fmt.Errorf("%w: not a recognised image (JPEG, PNG, WebP, TIFF, BMP or GIF expected)", ErrUnsupportedFormat)
	case "heic", "avif", "jxl":
		return storedSize{}, fmt.Errorf("%w: %s is not supported; convert it to JPEG first", ErrUnsupportedFormat, format)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return storedSize{}, fmt.Errorf("%w: %s header: %v", ErrCorrupt, format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return storedSize{}, fmt.Errorf("%w: %s declares %dx%d pixels", ErrCorrupt, format, cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > int64(maxPixels) {
		return storedSize{}, fmt.Errorf("%w: %dx%d is %d pixels, the limit is %d", ErrTooLarge, cfg.Width, cfg.Height, px, maxPixels)
	}
	s := storedSize{width: cfg.Width, height: cfg.Height, orientation: 1}
	if format == "jpeg" {
		s.orientation = readJPEGFacts(data).orientation
	}
	return s, nil
}

// recompressSource is the decoded input at full resolution, kept as
// stored: each attempt downscales first and orients the smaller result,
// so a 100 MP photo is turned (a full pass over memory) only when it is
// encoded at full size.
type recompressSource struct {
	storedSize
	format string
	facts  *jpegFacts // nil unless JPEG
	stored *vision.RGB
	// cache holds the last upright image made, by size: the policy's
	// second attempt often reuses the first one's scale.
	cache *vision.RGB
}

// decodeForRecompress decodes data at full resolution without orienting.
func decodeForRecompress(data []byte, maxPixels int) (*recompressSource, error) {
	h, err := readHeader(data, maxPixels)
	if err != nil {
		return nil, err
	}
	img, err := safeDecode(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, sniff(data), err)
	}
	src := &recompressSource{storedSize: h, format: sniff(data), stored: vision.FromImage(img)}
	if src.format == "jpeg" {
		src.facts = readJPEGFacts(data)
	}
	return src, nil
}

// upright returns the image at full size, upright.
func (s *recompressSource) upright() *vision.RGB {
	w, h := s.uprightSize()
	return s.at(w, h)
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
		m = vision.ResizeArea(m, sw, sh)
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
	var rgba *image.RGBA
	if d.Probe {
		g := ProbeLayout(w, h)
		rgba, a.Pixels = probeMosaic(img, g), g.Pixels()
	} else {
		rgba = img.Image()
	}
	out, err := e.Encode(rgba, d.Quality)
	if err != nil {
		return nil, a, fmt.Errorf("encoding %dx%d at quality %d: %w", rgba.Rect.Dx(), rgba.Rect.Dy(), d.Quality, err)
	}
	a.Bytes = len(out)
	return out, a, nil
}
