package synth

import (
	"bytes"
	"image"
	_ "image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestCraftedHeadersDeclareTheirSize(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		format string
	}{
		{"jpeg", JPEGHeader(60000, 50000), "jpeg"},
		{"png", PNGHeader(60000, 50000), "png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, format, err := image.DecodeConfig(bytes.NewReader(tc.data))
			require.NoError(t, err)
			assert.Equal(t, tc.format, format)
			assert.Equal(t, [2]int{60000, 50000}, [2]int{cfg.Width, cfg.Height})
			_, _, err = image.Decode(bytes.NewReader(tc.data))
			assert.Error(t, err, "nothing to decode")
		})
	}
}

func TestHEICIsNotDecodable(t *testing.T) {
	assert.Equal(t, "ftypheic", string(HEIC()[4:12]))
	_, _, err := image.DecodeConfig(bytes.NewReader(HEIC()))
	assert.ErrorIs(t, err, image.ErrFormat)
}

func TestInsertSegmentKeepsAValidJPEG(t *testing.T) {
	m := NewScene(40, 30, Gradient, 1).Img
	jpg, err := EncodeJPEG(m, 90)
	require.NoError(t, err)
	for _, seg := range [][]byte{EXIFSegment(6, false, false), EXIFSegment(3, true, true)} {
		out, err := InsertSegment(jpg, seg)
		require.NoError(t, err)
		assert.Equal(t, seg, out[2:2+len(seg)])
		_, err = jpeg.Decode(bytes.NewReader(out))
		assert.NoError(t, err)
	}
	_, err = InsertSegment([]byte("GIF89a"), EXIFSegment(1, false, false))
	assert.Error(t, err)
}

func TestEXIFSegmentLayout(t *testing.T) {
	seg := EXIFSegment(6, true, false)
	assert.Equal(t, []byte{0xFF, 0xE1}, seg[:2])
	assert.Equal(t, len(seg)-2, int(seg[2])<<8|int(seg[3]))
	assert.Equal(t, "Exif\x00\x00MM", string(seg[4:12]))
	// Tag 0x0112, type SHORT, value 6 left-aligned, big-endian.
	entry := seg[4+6+8+2:]
	assert.Equal(t, []byte{0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0}, entry[:12])
}

func TestOddFormatsRoundTrip(t *testing.T) {
	m := NewScene(48, 32, Clutter, 4).Img
	p16, err := EncodePNG16(m)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(p16))
	require.NoError(t, err)
	assert.IsType(t, &image.RGBA64{}, img)
	assert.Equal(t, m.Pix, vision.FromImage(img).Pix)

	pa, want, err := EncodePNGAlpha(m, 5)
	require.NoError(t, err)
	img, err = png.Decode(bytes.NewReader(pa))
	require.NoError(t, err)
	assert.IsType(t, &image.NRGBA{}, img)
	assert.Equal(t, want.Pix, vision.FromImage(img).Pix)
	assert.Equal(t, []uint8{255, 255, 255}, want.Pix[:3])

	g, err := EncodeGIF(m)
	require.NoError(t, err)
	img, _, err = image.Decode(bytes.NewReader(g))
	require.NoError(t, err)
	assert.IsType(t, &image.Paletted{}, img)
	assert.Equal(t, image.Rect(0, 0, 48, 32), img.Bounds())
}
