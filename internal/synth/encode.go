package synth

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"image/png"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// EncodeJPEG encodes m as a baseline JPEG at quality q (1..100, 4:2:0
// chroma as Go's encoder writes it).
func EncodeJPEG(m *vision.RGB, q int) ([]byte, error) {
	if m.W <= 0 || m.H <= 0 {
		return nil, fmt.Errorf("synth: jpeg encode: empty %dx%d image", m.W, m.H)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m.Image(), &jpeg.Options{Quality: q}); err != nil {
		return nil, fmt.Errorf("synth: jpeg encode: %w", err)
	}
	return buf.Bytes(), nil
}

// EncodePNG encodes m as an 8-bit RGBA PNG (opaque).
func EncodePNG(m *vision.RGB) ([]byte, error) {
	if m.W <= 0 || m.H <= 0 {
		return nil, fmt.Errorf("synth: png encode: empty %dx%d image", m.W, m.H)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, m.Image()); err != nil {
		return nil, fmt.Errorf("synth: png encode: %w", err)
	}
	return buf.Bytes(), nil
}

// JPEGRoundTrip returns m after encoding at quality q and decoding again:
// the blocking and ringing of a compressed upload.
func JPEGRoundTrip(m *vision.RGB, q int) (*vision.RGB, error) {
	data, err := EncodeJPEG(m, q)
	if err != nil {
		return nil, err
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("synth: jpeg decode: %w", err)
	}
	return vision.FromImage(img), nil
}
