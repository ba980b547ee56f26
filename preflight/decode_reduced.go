//go:build !(js && wasm)

package preflight

import (
	"image"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// reducedJPEG is an engine whose decoder reads a large baseline JPEG at
// 1/2, 1/4 or 1/8 of its size straight from its coefficients (the scaled
// inverse DCT of jpegcoef_idct.go), as the gocv engine does through
// libjpeg-turbo; everything else is the wrapped engine's. Check uses it
// for the pure-Go engine (reducingDecoder): image/jpeg's full decode and
// colour conversion of a 12 MP photo cost a fifth of the check, and as
// much as the requantisation of a Recompress output, for an analysis that
// works on a photo reduced to analysisLongSide anyway.
type reducedJPEG struct{ engine }

func (r reducedJPEG) decodeImage(data []byte, h imageHeader) (*vision.RGB, error) {
	img, _, err := r.decodeWithLuma(data, h)
	return img, err
}

// decodeWithLuma is decodeImage also offering decoded.lumaCrop from the
// coefficients when the reduction hides the block grid (1/4 and smaller)
// and the photo is stored upright (EXIF orientation 1: a rotated one
// keeps 827 on the tables and the reduced pixels, as before).
func (r reducedJPEG) decodeWithLuma(data []byte, h imageHeader) (*vision.RGB, func(image.Rectangle) *vision.Gray, error) {
	k := jpegReduction(h.width, h.height)
	if h.format != "jpeg" || k == 1 {
		img, err := r.engine.decodeImage(data, h)
		return img, nil, err
	}
	c, err := decodeCoefs(data, h.width*h.height)
	if err != nil || !c.colourKnown() {
		// Progressive, arithmetic-coded or damaged: the engine's decoder
		// reads what it can and words the error.
		img, err := r.engine.decodeImage(data, h)
		return img, nil, err
	}
	planes, err := c.scaledPlanes(8 / k)
	if err != nil {
		img, err := r.engine.decodeImage(data, h) // grey or unusual subsampling
		return img, nil, err
	}
	return vision.Orient(vision.FromImage(planes), h.orientation), c.gridCrop(k, h.orientation, nil), nil
}

// reducingDecoder is eng with large JPEGs decoded reduced (reducedJPEG)
// when eng would decode them at full size; an engine that already
// reduces them (gocv) is returned as it is.
func reducingDecoder(eng engine) engine {
	if eng.name() == pureEngineName {
		return reducedJPEG{eng}
	}
	return eng
}
