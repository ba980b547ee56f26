//go:build !(js && wasm)

package preflight

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestJPEGReduction(t *testing.T) {
	cases := []struct {
		w, h, want int
	}{
		{1920, 1080, 1},
		{3999, 3000, 1},
		{4000, 3000, 2},
		{3000, 8000, 4},
		{16000, 9000, 8},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, jpegReduction(tc.w, tc.h), "%dx%d", tc.w, tc.h)
	}
}

// TestReducedJPEGDecode: a large colour JPEG comes out at the reduced
// size, upright, close to the full decode reduced by area averaging; what
// the coefficients path does not read (small, grey, damaged) is the
// wrapped engine's decode, error included.
func TestReducedJPEGDecode(t *testing.T) {
	photo, err := synth.DeskPhoto(4400, 1200, 2, 3)
	require.NoError(t, err)
	big := encodeTest(t, photo, 92)
	var greyBuf bytes.Buffer
	require.NoError(t, jpeg.Encode(&greyBuf, photoGray(photo), &jpeg.Options{Quality: 92}))
	grey := greyBuf.Bytes()
	small := encodeTest(t, synth.GradientPhoto(640, 480), 90)
	dec := reducedJPEG{goEngine{}}

	for _, o := range []int{1, 6} {
		h := imageHeader{format: "jpeg", width: 4400, height: 1200, orientation: o}
		got, err := dec.decodeImage(big, h)
		require.NoError(t, err)
		full, err := goEngine{}.decodeImage(big, h)
		require.NoError(t, err)
		assert.Equal(t, [2]int{full.W / 2, full.H / 2}, [2]int{got.W, got.H}, "orientation %d", o)
		assert.Greater(t, psnrRGB(vision.ResizeArea(full, got.W, got.H), got), 30.0, "orientation %d", o)
	}

	for _, tc := range []struct {
		name string
		data []byte
		h    imageHeader
	}{
		{"small", small, imageHeader{format: "jpeg", width: 640, height: 480, orientation: 1}},
		{"grey", grey, imageHeader{format: "jpeg", width: 4400, height: 1200, orientation: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := dec.decodeImage(tc.data, tc.h)
			require.NoError(t, err)
			want, err := goEngine{}.decodeImage(tc.data, tc.h)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
	t.Run("truncated", func(t *testing.T) {
		_, err := dec.decodeImage(big[:len(big)/2], imageHeader{format: "jpeg", width: 4400, height: 1200, orientation: 1})
		assert.ErrorIs(t, err, ErrCorrupt)
	})
}

// photoGray is m's luma as an image.Gray, for a one-component JPEG.
func photoGray(m *vision.RGB) image.Image {
	g := image.NewGray(image.Rect(0, 0, m.W, m.H))
	copy(g.Pix, m.Gray().Pix)
	return g
}
