//go:build !(cgo && gocv)

package preflight

import (
	"fmt"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// defaultEncoder is the encoder Recompress uses unless WithEncoder says
// otherwise: image/jpeg in the pure-Go build.
func defaultEncoder() Encoder { return StdEncoder{} }

// decodeStored decodes the whole image at full resolution as stored
// (orientation not applied), for re-encoding.
func decodeStored(data []byte, h imageHeader) (*vision.RGB, error) {
	img, err := safeDecode(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, h.format, err)
	}
	return vision.FromImage(img), nil
}

// resizeArea shrinks img to w×h by area averaging (vision.ResizeArea).
func resizeArea(img *vision.RGB, w, h int) *vision.RGB { return vision.ResizeArea(img, w, h) }
