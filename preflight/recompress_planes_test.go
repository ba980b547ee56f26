package preflight

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// planesOf decodes a JPEG of m encoded with the given chroma subsampling
// (image/jpeg always writes 4:2:0; other ratios are made by hand from
// m's full-resolution YCbCr).
func planesOf(t *testing.T, m *vision.RGB, ratio image.YCbCrSubsampleRatio) *image.YCbCr {
	t.Helper()
	full := image.NewYCbCr(image.Rect(0, 0, m.W, m.H), image.YCbCrSubsampleRatio444)
	for i := 0; i < m.W*m.H; i++ {
		p := m.Pix[3*i : 3*i+3]
		full.Y[i], full.Cb[i], full.Cr[i] = color.RGBToYCbCr(p[0], p[1], p[2])
	}
	if ratio == image.YCbCrSubsampleRatio444 {
		return full
	}
	out := image.NewYCbCr(full.Rect, ratio)
	copy(out.Y, full.Y)
	for y := range m.H {
		for x := range m.W {
			c := out.COffset(x, y)
			out.Cb[c], out.Cr[c] = full.Cb[y*m.W+x], full.Cr[y*m.W+x]
		}
	}
	return out
}

func TestUprightPlanesMatchesTheRGBPath(t *testing.T) {
	img := quadrants(192, 128)
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio440} {
		src := planesOf(t, img, ratio)
		require.True(t, planesSupported(src))
		for _, o := range []int{1, 3, 6, 8} {
			for _, size := range [][2]int{{192, 128}, {96, 64}, {60, 40}} {
				w, h := size[0], size[1]
				if o >= 5 {
					w, h = h, w
				}
				got := uprightPlanes(src, o, w, h)
				require.Equal(t, image.Rect(0, 0, w, h), got.Rect, "ratio %v orientation %d", ratio, o)
				require.Equal(t, image.YCbCrSubsampleRatio420, got.SubsampleRatio)
				want := vision.Orient(vision.ResizeArea(vision.FromImage(src), size[0], size[1]), o)
				// Chroma is averaged at half resolution here: only
				// the quadrants' borders may differ.
				assert.Less(t, meanAbsDiff(vision.FromImage(got), want), 3.0, "ratio %v orientation %d size %v", ratio, o, size)
				assertUpright(t, want, vision.FromImage(got))
			}
		}
	}
}

func TestUprightPlanesKeepsA420SourceAsIs(t *testing.T) {
	src := planesOf(t, quadrants(64, 48), image.YCbCrSubsampleRatio420)
	assert.Same(t, src, uprightPlanes(src, 1, 64, 48))
	assert.NotSame(t, src, uprightPlanes(src, 2, 64, 48))
}

func TestPlanesSupported(t *testing.T) {
	tests := []struct {
		ratio image.YCbCrSubsampleRatio
		want  bool
	}{
		{image.YCbCrSubsampleRatio420, true},
		{image.YCbCrSubsampleRatio422, true},
		{image.YCbCrSubsampleRatio440, true},
		{image.YCbCrSubsampleRatio444, true},
		{image.YCbCrSubsampleRatio411, false},
		{image.YCbCrSubsampleRatio410, false},
	}
	for _, tt := range tests {
		m := image.NewYCbCr(image.Rect(0, 0, 32, 16), tt.ratio)
		assert.Equal(t, tt.want, planesSupported(m), "%v", tt.ratio)
	}
	sub := image.NewYCbCr(image.Rect(0, 0, 32, 32), image.YCbCrSubsampleRatio420).SubImage(image.Rect(16, 16, 32, 32)).(*image.YCbCr)
	assert.False(t, planesSupported(sub), "a sub-image's planes do not start at its origin")
}

func TestStdEncoderPlanesMatchesRGBA(t *testing.T) {
	img := quadrants(64, 48)
	data := encodeTest(t, img, 95)
	m, err := jpeg.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	fromPlanes, err := StdEncoder{}.encodePlanes(m.(*image.YCbCr), 90)
	require.NoError(t, err)
	fromRGBA, err := StdEncoder{}.Encode(vision.FromImage(m).Image(), 90)
	require.NoError(t, err)
	a, err := jpeg.Decode(bytes.NewReader(fromPlanes))
	require.NoError(t, err)
	b, err := jpeg.Decode(bytes.NewReader(fromRGBA))
	require.NoError(t, err)
	assert.Less(t, meanAbsDiff(vision.FromImage(a), vision.FromImage(b)), 1.0)
	_, err = StdEncoder{}.encodePlanes(m.(*image.YCbCr), 0)
	assert.ErrorIs(t, err, ErrInvalidOption)
}
