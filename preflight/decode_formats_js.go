//go:build js

package preflight

// browserOmits reports whether this build leaves the decoder of format
// out. The browser build leaves GIF and TIFF out: no camera or phone
// produces them, browsers do not even show TIFF, and their decoders
// (image/gif, x/image/tiff with its LZW and CCITT readers, ~40 KB
// gzipped) are headroom under the wasm size goal (docs/wasm.md).
func browserOmits(format string) bool { return format == "gif" || format == "tiff" }
