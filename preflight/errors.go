package preflight

import "errors"

// Sentinel errors. Errors returned by this package wrap one of these (test
// with errors.Is); a rejected photo is never an error.
var (
	// ErrEmpty: the input has no bytes.
	ErrEmpty = errors.New("preflight: empty input")
	// ErrUnsupportedFormat: the bytes are not an image format we decode
	// (JPEG, PNG, WebP, TIFF, BMP, GIF); HEIC/HEIF and AVIF are recognised
	// and named in the message.
	ErrUnsupportedFormat = errors.New("preflight: unsupported image format")
	// ErrCorrupt: the image is truncated or malformed.
	ErrCorrupt = errors.New("preflight: corrupt image")
	// ErrTooLarge: the image header declares more pixels than allowed
	// (see WithMaxPixels); it is refused before decoding, so a
	// decompression bomb costs nothing.
	ErrTooLarge = errors.New("preflight: image too large")
	// ErrInvalidOption: an option was given a value outside its range.
	ErrInvalidOption = errors.New("preflight: invalid option")
)
