// Package vision holds the pure-Go image primitives of idpreflight. Every
// function works on packed []uint8 planes (Gray, RGB) rather than on
// image.Image, so hot loops index slices instead of calling At(), and the
// same code runs natively and in the WebAssembly build.
package vision
