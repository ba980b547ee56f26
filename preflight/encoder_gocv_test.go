//go:build cgo && gocv

package preflight

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestCVEncoder(t *testing.T) {
	scene := conformanceScene(t, 80, 48)
	full := scene.Image()
	sub := full.SubImage(image.Rect(8, 4, 72, 44)).(*image.RGBA)
	cases := []struct {
		name string
		img  *image.RGBA
	}{{"packed", full}, {"sub-image", sub}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Both encoders subsample chroma 4:2:0, which costs a lot on
			// the clutter scene: compare with image/jpeg's own loss.
			loss := func(enc Encoder) float64 {
				data, err := enc.Encode(tc.img, 95)
				require.NoError(t, err)
				got, err := jpeg.Decode(bytes.NewReader(data))
				require.NoError(t, err)
				require.Equal(t, tc.img.Bounds().Size(), got.Bounds().Size())
				return meanAbsDiff(vision.FromImage(got), vision.FromImage(tc.img))
			}
			assert.LessOrEqual(t, loss(cvEncoder{}), loss(StdEncoder{})+1)
		})
	}
	_, err := cvEncoder{}.Encode(full, 0)
	require.ErrorIs(t, err, ErrInvalidOption)
	_, err = cvEncoder{}.Encode(image.NewRGBA(image.Rect(0, 0, 0, 0)), 90)
	require.ErrorIs(t, err, ErrInvalidOption)
}
