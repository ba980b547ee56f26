//go:build !js

package preflight

// Registered decoders: GIF and TIFF are accepted natively.
import (
	_ "golang.org/x/image/tiff"
	_ "image/gif"
)

// browserOmits reports whether this build leaves the decoder of format
// out: only the browser build does (decode_formats_js.go).
func browserOmits(string) bool { return false }
