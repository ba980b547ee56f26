// Package cascade detects objects with OpenCV's boosted LBP cascades
// (the XML written by opencv_traincascade), in pure Go, so the default and
// the WebAssembly builds find faces without OpenCV.
//
// A detector slides the cascade's window over an image pyramid (the image
// is scaled, not the features, as OpenCV does) on uint32 integral images,
// then merges overlapping hits like OpenCV's groupRectangles. The
// frontal-face cascade OpenCV ships (lbpcascade_frontalface_improved.xml,
// BSD-3-Clause, licence header kept in the file) is embedded, converted
// to a compact binary form (Decode) so that the XML parser's code stays
// out of the wasm build:
//
//	c := cascade.FrontalFace()
//	faces := c.Detect(gray, cascade.Options{MinNeighbors: 3, MinSize: 60})
package cascade
