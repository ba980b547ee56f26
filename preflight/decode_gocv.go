//go:build cgo && gocv

package preflight

import (
	"bytes"
	"fmt"

	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// decodeImage decodes with libjpeg-turbo and OpenCV's codecs. A JPEG at least twice
// analysisLongSide goes through libjpeg-turbo at 1/2, 1/4 or 1/8 size
// (DCT-domain scaling: a 12 MP photo decodes 3–5× faster than with
// image/jpeg). A smaller JPEG is decoded by image/jpeg, as in the pure
// engine, for the sake of identical verdicts: libjpeg-turbo's fancy chroma
// upsampling and rounding move pixels by only 0.1–0.6 levels on average,
// yet that alone changed the codes of 10.3 % of the dev set through the
// detector (README, "The gocv engine"), for a saving
// of a few tens of milliseconds. The reduced JPEG decode calls libjpeg
// as cv::imdecode would (libjpeg_gocv.go), without linking imgcodecs.
// Lossless formats decode to the same pixels in both libraries and go
// through OpenCV's imgcodecs, loaded on first use (lazyIMDecode), except GIF, which
// OpenCV cannot read, and TIFF, whose orientation tag OpenCV's libtiff
// path applies itself even with IMReadUnchanged (so it would be turned
// twice, or not at all in other OpenCV builds).
func (gocvEngine) decodeImage(data []byte, h imageHeader) (*vision.RGB, error) {
	flags := gocv.IMReadUnchanged // keeps alpha and 16 bits; never orients
	switch h.format {
	case "gif", "tiff":
		return goEngine{}.decodeImage(data, h)
	case "jpeg":
		reduced := reducedFlag(h.width, h.height)
		if reduced == gocv.IMReadColor {
			return goEngine{}.decodeImage(data, h)
		}
		// libjpeg fills a truncated scan with grey and only warns, where
		// image/jpeg fails: refuse it the same way in both engines.
		if !jpegComplete(data) {
			return nil, fmt.Errorf("%w: jpeg: truncated (no end-of-image marker after the last scan)", ErrCorrupt)
		}
	}
	var m gocv.Mat
	var err error
	if h.format == "jpeg" {
		denom := jpegReduction(h.width, h.height)
		if h.orientation < 2 || h.orientation > 8 { // upright: no turn through a Mat
			img, ok, err := decodeJPEGRGB(data, denom)
			if err != nil {
				return nil, fmt.Errorf("%w: jpeg: %v", ErrCorrupt, err)
			}
			if ok {
				return img, nil
			}
		}
		m, err = decodeJPEGMat(data, denom)
	} else {
		m, err = lazyIMDecode(data, flags)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, h.format, err)
	}
	defer m.Close()
	// IMDecode reports bad data as an empty Mat, not as an error.
	if m.Empty() {
		return nil, fmt.Errorf("%w: %s: OpenCV could not decode the data", ErrCorrupt, h.format)
	}
	orientMat(&m, h.orientation)
	return matToRGB(m)
}

// reducedFlag picks the strongest JPEG reduction that keeps the long side
// at least analysisLongSide.
func reducedFlag(w, h int) gocv.IMReadFlag {
	return reducedFlagFor(jpegReduction(w, h))
}

// jpegComplete reports whether an end-of-image marker follows the last
// start-of-scan. Entropy-coded data stuffs every 0xFF with 0x00, so both
// markers are unambiguous. The last EOI is looked for from the end, where
// it is, and a scan before it from the start, where the first one is: a
// backward search for the last SOS would read a baseline file's whole
// scan (6 ms for a 12 MP photo, a tenth of its reduced decode).
func jpegComplete(data []byte) bool {
	eoi := bytes.LastIndex(data, []byte{0xFF, 0xD9})
	return eoi > 0 && bytes.Contains(data[:eoi], []byte{0xFF, 0xDA}) && !bytes.Contains(data[eoi:], []byte{0xFF, 0xDA})
}

// decodeJPEGRGB decodes a JPEG at 1/denom straight into an RGB image: the
// pixels of decodeJPEGMat followed by matToRGB (libjpeg writes the same
// values in RGB order instead of BGR), without the BGR Mat and the
// conversion pass, 9 MB each for a 12 MP photo at 1/2, on the check's
// serial path. ok is false for CMYK and YCCK files, which OpenCV converts
// itself (decodeJPEGMat).
func decodeJPEGRGB(data []byte, denom int) (img *vision.RGB, ok bool, err error) {
	w, h, comps, err := jpegDims(data, denom)
	if err != nil {
		return nil, true, err
	}
	if comps == 4 {
		return nil, false, nil
	}
	out := vision.NewRGB(w, h)
	if _, _, _, err := jpegDecodeInto(data, denom, true, out.Pix, 3*w); err != nil {
		return nil, true, err
	}
	return out, true, nil
}
