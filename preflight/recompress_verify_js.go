//go:build js && wasm

package preflight

import (
	"context"
	"image"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// checkOutput is Check in the browser build: its outputs are encoded by
// the browser, never by a DCT path, and the coefficient decoding stays
// out of the binary.
func checkOutput(out []byte, _ coefDecode, opts []Option) (*Report, error) {
	return Check(context.Background(), out, opts...)
}

// reducedImage is never made in the browser build (checkOutput).
func (oc *outputCoefs) reducedImage(imageHeader, engine) (*vision.RGB, func(image.Rectangle) *vision.Gray, bool) {
	return nil, nil, false
}
