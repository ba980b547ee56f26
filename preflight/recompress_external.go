package preflight

import (
	"fmt"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// ExternalImage is the input image as decoded, resized and encoded outside
// Go: in the browser build, createImageBitmap (EXIF orientation applied,
// high-quality resize) and OffscreenCanvas.convertToBlob, the browser's own
// libjpeg-turbo. RecompressExternal runs the same policy with it as
// Recompress runs with an Encoder, so both builds trade the same way.
type ExternalImage interface {
	// Name identifies the encoder in Info.
	Name() string
	// Encode returns a baseline JPEG, without metadata, of the upright
	// image resized to w×h, at quality q (1..100, IJG scale).
	Encode(w, h, q int) ([]byte, error)
	// EncodeProbe returns a JPEG of the probe mosaic of the upright image
	// resized to w×h: band i of g.Tiles (top-left corner, g.TileW×g.TileH
	// pixels) copied to column i%g.Cols, row i/g.Cols.
	EncodeProbe(g ProbeGrid, w, h, q int) ([]byte, error)
	// Pixels returns the upright image resized to w×h as packed RGBA, for
	// finding the document behind the resolution floor.
	Pixels(w, h int) ([]byte, error)
}

// floorDetectSide is the long side of the copy the document is looked for
// in when the resolution floor is needed: the detector works at 800 px.
const floorDetectSide = 1024

// RecompressExternal is Recompress with the pixels handled by img, whose
// upright image is data's: the input is checked and, when compliant, kept
// as Recompress keeps it; otherwise Go never decodes it, and img encodes
// what the policy asks for. Info.Checks (on by default, see Verify) still
// decodes the output in Go.
func RecompressExternal(data []byte, img ExternalImage, opts ...RecompressOption) ([]byte, Info, error) {
	if img == nil {
		return nil, Info{}, fmt.Errorf("%w: nil external image", ErrInvalidOption)
	}
	return recompress(data, opts, func(data []byte, cfg *recompressConfig, info *Info) ([]byte, error) {
		h, err := readImageHeader(data, cfg.maxPixels)
		if err != nil {
			return nil, err
		}
		var quality int
		if h.format == "jpeg" {
			quality, _ = estimateJPEGQuality(readJPEGFacts(data))
		}
		info.Encoder, info.Orientation = img.Name(), h.orientation
		return encodeUnderPolicy(data, h.format, quality, externalTarget{img: img, size: h, cfg: cfg}, cfg, info)
	})
}

// externalTarget adapts an ExternalImage to the policy loop.
type externalTarget struct {
	img  ExternalImage
	size imageHeader
	cfg  *recompressConfig
}

func (t externalTarget) uprightSize() (int, int) { return t.size.uprightSize() }

func (t externalTarget) encode(d Decision) ([]byte, Attempt, error) {
	uw, uh := t.uprightSize()
	w, h := ScaledSize(uw, uh, d.Scale)
	a := Attempt{Quality: d.Quality, Scale: d.Scale, Probe: d.Probe}
	var out []byte
	var err error
	if d.Probe {
		g := ProbeLayout(w, h)
		a.Pixels = g.Pixels()
		out, err = t.img.EncodeProbe(g, w, h, d.Quality)
	} else {
		out, err = t.img.Encode(w, h, d.Quality)
	}
	if err != nil {
		return nil, a, fmt.Errorf("%s encoding %dx%d at quality %d: %w", t.img.Name(), w, h, d.Quality, err)
	}
	if sniff(out) != "jpeg" {
		return nil, a, fmt.Errorf("%w: %s returned %d bytes that are no JPEG", ErrCorrupt, t.img.Name(), len(out))
	}
	a.Bytes = len(out)
	return out, a, nil
}

func (t externalTarget) minScale() (float64, error) {
	uw, uh := t.uprightSize()
	k := max(1, float64(max(uw, uh))/floorDetectSide)
	w, h := max(1, int(float64(uw)/k)), max(1, int(float64(uh)/k))
	rgba, err := t.img.Pixels(w, h)
	if err != nil {
		return 0, fmt.Errorf("%s pixels %dx%d: %w", t.img.Name(), w, h, err)
	}
	if len(rgba) < 4*w*h {
		return 0, fmt.Errorf("%w: %s gave %d bytes for %dx%d RGBA", ErrCorrupt, t.img.Name(), len(rgba), w, h)
	}
	return minScale(vision.FromRGBA(nil, rgba, w, h), float64(uw)/float64(w), t.cfg), nil
}
