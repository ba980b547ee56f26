//go:build !(cgo && gocv)

package preflight

import (
	"fmt"
	"image"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// defaultEncoder is the encoder Recompress uses unless WithEncoder says
// otherwise: image/jpeg in the pure-Go build.
func defaultEncoder() Encoder { return StdEncoder{} }

// decodeStored decodes the whole image at full resolution as stored
// (orientation not applied), for re-encoding: a JPEG keeps image/jpeg's
// YCbCr planes (planes), anything else becomes RGB (stored).
func decodeStored(data []byte, h imageHeader) (stored *vision.RGB, planes *image.YCbCr, err error) {
	img, err := safeDecode(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, h.format, err)
	}
	if m, ok := img.(*image.YCbCr); ok && planesSupported(m) {
		return nil, m, nil
	}
	return vision.FromImage(img), nil, nil
}

// resizeArea shrinks img to w×h by area averaging (vision.ResizeArea).
func resizeArea(img *vision.RGB, w, h int) *vision.RGB { return vision.ResizeArea(img, w, h) }
