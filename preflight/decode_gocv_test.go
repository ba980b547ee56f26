//go:build cgo && gocv

package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// largePattern is a w×h image with smooth gradients and a few hard
// edges, cheap to make at camera sizes.
func largePattern(w, h int) *vision.RGB {
	m := vision.NewRGB(w, h)
	for y := range h {
		for x := range w {
			i := 3 * (y*w + x)
			m.Pix[i] = uint8(x * 255 / w)
			m.Pix[i+1] = uint8(y * 255 / h)
			if (x/256+y/256)%2 == 0 {
				m.Pix[i+2] = 200
			}
		}
	}
	return m
}

func TestGocvReducedDecode(t *testing.T) {
	src := largePattern(4096, 2048)
	jpg, err := synth.EncodeJPEG(src, 90)
	require.NoError(t, err)
	half, err := synth.Downscale(src, 0.5)
	require.NoError(t, err)
	cases := []struct {
		name          string
		orientation   int
		width, height int // photo size after orientation
		want          *vision.RGB
	}{
		{"upright", 1, 4096, 2048, half},
		{"rotated 90° clockwise", 6, 2048, 4096, vision.Orient(half, 6)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := decodeBytes(withOrientation(jpg, tc.orientation), DefaultMaxPixels, gocvEngine{})
			require.NoError(t, err)
			assert.Equal(t, [2]int{tc.width, tc.height}, [2]int{d.width, d.height})
			assert.Equal(t, [2]int{tc.want.W, tc.want.H}, [2]int{d.rgb.W, d.rgb.H}, "decoded at half size")
			assert.InDelta(t, 2, d.scale(), 1e-9)
			assert.Less(t, meanAbsDiff(d.rgb, tc.want), 3.0)
		})
	}
	_, err = decodeBytes(jpg[:len(jpg)/2], DefaultMaxPixels, gocvEngine{})
	require.ErrorIs(t, err, ErrCorrupt)
}

// TestGocvReducedCheckReportsPhotoPixels checks that a reduced decode is
// invisible in the report: sizes and quads are in the photo's pixels.
func TestGocvReducedCheckReportsPhotoPixels(t *testing.T) {
	jpg, err := synth.EncodeJPEG(largePattern(4096, 2048), 85)
	require.NoError(t, err)
	q := Quad{{X: 1000, Y: 500}, {X: 3000, Y: 500}, {X: 3000, Y: 1761}, {X: 1000, Y: 1761}}
	rep, err := Check(t.Context(), jpg, WithDocumentQuads(q))
	require.NoError(t, err)
	assert.Equal(t, [2]int{4096, 2048}, [2]int{rep.Width, rep.Height})
	require.NotNil(t, rep.Document)
	assert.Equal(t, q, rep.Document.Quads[0])
	assert.InDelta(t, float64(2000*1261)/(4096*2048), rep.Document.AreaFraction, 1e-6)
}
