//go:build !(cgo && gocv)

package preflight

// defaultEncoder is the encoder Recompress uses unless WithEncoder says
// otherwise: image/jpeg in the pure-Go build.
func defaultEncoder() Encoder { return StdEncoder{} }
