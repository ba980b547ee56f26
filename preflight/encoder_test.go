package preflight

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStdEncoder(t *testing.T) {
	img := quadrants(64, 48).Image()
	var e Encoder = StdEncoder{}
	assert.Equal(t, "image/jpeg", e.Name())
	prev := 0
	for _, q := range []int{1, 30, 60, 90, 100} {
		b, err := e.Encode(img, q)
		require.NoError(t, err)
		m, err := jpeg.Decode(bytes.NewReader(b))
		require.NoError(t, err)
		assert.Equal(t, image.Rect(0, 0, 64, 48), m.Bounds())
		assert.InDelta(t, q, mustQuality(t, b), 1)
		assert.GreaterOrEqual(t, len(b), prev, "bytes grow with quality")
		prev = len(b)
	}
	for _, q := range []int{0, 101, -5} {
		_, err := e.Encode(img, q)
		assert.ErrorIs(t, err, ErrInvalidOption)
	}
}

func TestDefaultEncoderIsTheBuilds(t *testing.T) {
	assert.Equal(t, EngineName == "gocv", defaultEncoder().Name() != StdEncoder{}.Name())
}
