package synth

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestEncodePNGIsLossless(t *testing.T) {
	s := NewScene(64, 48, Clutter, 2)
	data, err := EncodePNG(s.Img)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, s.Img.Pix, vision.FromImage(img).Pix)
}

func TestEncodeJPEGQualityOrdersSizeAndError(t *testing.T) {
	s := NewScene(256, 192, Wood, 2)
	doc := NewDocument(ID1, 2)
	require.NoError(t, s.Place(doc, Pose{Center: vision.Point{X: 128, Y: 96}, Width: 200}.Quad(doc.Aspect()), 0))
	var lastSize int
	lastErr := -1.0
	for _, q := range []int{95, 75, 40, 10} {
		data, err := EncodeJPEG(s.Img, q)
		require.NoError(t, err)
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		require.NoError(t, err)
		assert.Equal(t, image.Config{ColorModel: cfg.ColorModel, Width: 256, Height: 192}, cfg)
		rt, err := JPEGRoundTrip(s.Img, q)
		require.NoError(t, err)
		var e float64
		for i, v := range rt.Pix {
			d := float64(v) - float64(s.Img.Pix[i])
			e += d * d
		}
		if lastSize > 0 {
			assert.Less(t, len(data), lastSize, "quality %d is smaller", q)
			assert.Greater(t, e, lastErr, "quality %d is worse", q)
		}
		lastSize, lastErr = len(data), e
	}
}

func TestEncodeJPEGRejectsEmpty(t *testing.T) {
	_, err := EncodeJPEG(vision.NewRGB(0, 0), 90)
	assert.Error(t, err)
}
