//go:build cgo && gocv

package preflight

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// matBytes is m's pixels, or nil for an empty Mat.
func matBytes(t *testing.T, m gocv.Mat) []byte {
	t.Helper()
	if m.Empty() {
		return nil
	}
	return append([]byte(nil), m.ToBytes()...)
}

// grayJPEG is a one-component JPEG of img's luma.
func grayJPEG(t *testing.T, img *vision.RGB) []byte {
	t.Helper()
	g := img.Gray()
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, &image.Gray{Pix: g.Pix, Stride: g.W, Rect: image.Rect(0, 0, g.W, g.H)}, &jpeg.Options{Quality: 85}))
	return buf.Bytes()
}

// libjpegPhotos is a desk photo of odd size, so that every reduction ends
// in partial MCUs, and its colour (4:2:0) and grey JPEGs.
func libjpegPhotos(t *testing.T) (scene *vision.RGB, colour, grey []byte) {
	t.Helper()
	scene, err := synth.DeskPhoto(1203, 901, 3, 1)
	require.NoError(t, err)
	colour, err = synth.EncodeJPEG(scene, 92)
	require.NoError(t, err)
	return scene, colour, grayJPEG(t, scene)
}

// The test binary links imgcodecs (gocv's own flags), so the calls that
// replace it in the binary are held to it: the same pixels after every
// reduction, the same bytes from the encoder.
func TestLibjpegMatchesImgcodecs(t *testing.T) {
	scene, colour, grey := libjpegPhotos(t)
	photos := []struct {
		name string
		data []byte
	}{
		{"colour 4:2:0", colour},
		{"grey", grey},
	}
	for _, p := range photos {
		for _, denom := range []int{1, 2, 4, 8} {
			t.Run(p.name+"/1:"+string(rune('0'+denom)), func(t *testing.T) {
				want, err := gocv.IMDecode(p.data, reducedFlagFor(denom)|gocv.IMReadIgnoreOrientation)
				require.NoError(t, err)
				defer want.Close()
				got, err := decodeJPEGMat(p.data, denom)
				require.NoError(t, err)
				defer got.Close()
				assert.Equal(t, [3]int{want.Rows(), want.Cols(), int(want.Type())}, [3]int{got.Rows(), got.Cols(), int(got.Type())})
				assert.True(t, bytes.Equal(matBytes(t, want), matBytes(t, got)), "pixels differ from cv::imdecode's")
			})
		}
	}

	rgba := scene.Image()
	for _, q := range []int{1, 55, 90, 100} {
		src, err := rgbMat(scene)
		require.NoError(t, err)
		bgr := gocv.NewMat()
		gocv.CvtColor(src, &bgr, gocv.ColorBGRToRGB) // the same channel swap both ways
		src.Close()
		want, err := gocv.IMEncodeWithParams(gocv.JPEGFileExt, bgr, []int{gocv.IMWriteJpegQuality, q, gocv.IMWriteJpegOptimize, 1})
		require.NoError(t, err)
		fromRGB, err := cvEncoder{}.encodeRGB(scene, q)
		require.NoError(t, err)
		fromRGBA, err := cvEncoder{}.Encode(rgba, q)
		require.NoError(t, err)
		sub, err := cvEncoder{}.Encode(rgba.SubImage(image.Rect(7, 5, 1000, 800)).(*image.RGBA), q)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want.GetBytes(), fromRGB), "quality %d, RGB: %d bytes, imencode %d", q, len(fromRGB), len(want.GetBytes()))
		assert.True(t, bytes.Equal(want.GetBytes(), fromRGBA), "quality %d, RGBA: %d bytes, imencode %d", q, len(fromRGBA), len(want.GetBytes()))
		d, err := jpeg.DecodeConfig(bytes.NewReader(sub))
		require.NoError(t, err)
		assert.Equal(t, [2]int{993, 795}, [2]int{d.Width, d.Height}, "a sub-image encodes its own bounds")
		want.Close()
		bgr.Close()
	}
}

func TestLibjpegRejectsBadInput(t *testing.T) {
	scene, err := synth.DeskPhoto(320, 240, 3, 1)
	require.NoError(t, err)
	jpg, err := synth.EncodeJPEG(scene, 90)
	require.NoError(t, err)
	cases := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not a jpeg", []byte("GIF89a not a jpeg")},
		{"header only", jpg[:200]},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := decodeJPEGMat(tc.data, 2)
			defer m.Close()
			require.ErrorIs(t, err, errLibjpeg)
		})
	}
	_, err = libjpegEncode(make([]byte, 10), 4, 4, 12, false, 90)
	require.ErrorIs(t, err, ErrInvalidOption, "too few pixels")
	_, err = cvEncoder{}.encodeRGB(scene, 0)
	require.ErrorIs(t, err, ErrInvalidOption)
	assert.Regexp(t, `^libjpeg-turbo \d+\.\d+\.\d+$`, cvEncoder{}.Name())
}
