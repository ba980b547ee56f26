//go:build !(js && wasm)

package preflight

import (
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
	k := jpegReduction(h.width, h.height)
	if h.format != "jpeg" || k == 1 {
		return r.engine.decodeImage(data, h)
	}
	c, err := decodeCoefs(data, h.width*h.height)
	if err != nil || !c.colourKnown() {
		// Progressive, arithmetic-coded or damaged: the engine's decoder
		// reads what it can and words the error.
		return r.engine.decodeImage(data, h)
	}
	planes, err := c.scaledPlanes(8 / k)
	if err != nil {
		return r.engine.decodeImage(data, h) // grey or unusual subsampling
	}
	return vision.Orient(vision.FromImage(planes), h.orientation), nil
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
