//go:build js && wasm

package preflight

// reducingDecoder is eng itself in the browser build: there the output
// to verify was encoded by the browser, and the coefficient decoder
// reducedJPEG needs (jpegcoef_*.go) would grow the wasm binary by ~20 KB
// gzipped for a saving on large photos only.
func reducingDecoder(eng engine) engine { return eng }
