package preflight

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
)

// Encoder turns pixels into baseline JPEG bytes. Recompress calls it once
// per attempt the policy asks for; the pure-Go build uses image/jpeg, the
// gocv build libjpeg-turbo through OpenCV, and the browser build does not
// encode in Go at all (it runs RecompressPolicy with the browser's encoder).
type Encoder interface {
	// Name identifies the encoder in Info.
	Name() string
	// Encode returns a JPEG of img at quality 1..100 (IJG scale, 4:2:0
	// chroma), carrying no metadata.
	Encode(img *image.RGBA, quality int) ([]byte, error)
}

// StdEncoder encodes with the standard library's image/jpeg, then codes
// the result again with Huffman tables fitted to it (losslessly). It is
// the default of the pure-Go build and is available in every build.
type StdEncoder struct{}

// Name returns "image/jpeg".
func (StdEncoder) Name() string { return "image/jpeg" }

// Encode encodes img at quality q.
func (StdEncoder) Encode(img *image.RGBA, q int) ([]byte, error) { return stdEncode(img, q) }

// encodePlanes encodes 4:2:0 planes at quality q: image/jpeg copies them
// into its blocks as they are, where an RGBA image is converted pixel by
// pixel.
func (StdEncoder) encodePlanes(img *image.YCbCr, q int) ([]byte, error) { return stdEncode(img, q) }

func stdEncode(img image.Image, q int) ([]byte, error) {
	if q < 1 || q > 100 {
		return nil, fmt.Errorf("%w: JPEG quality %d outside 1..100", ErrInvalidOption, q)
	}
	var buf bytes.Buffer
	// A starting capacity near the budget saves the buffer's regrowth.
	buf.Grow(img.Bounds().Dx() * img.Bounds().Dy() / 4)
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		return nil, fmt.Errorf("image/jpeg encode: %w", err)
	}
	// Tables fitted to the image, as libjpeg's optimize_coding: the same
	// pixels in 4–8 % fewer bytes. image/jpeg's output always qualifies;
	// should it not, its own bytes are still a valid JPEG.
	if out, err := optimizeHuffman(buf.Bytes()); err == nil {
		return out, nil
	}
	return buf.Bytes(), nil
}
