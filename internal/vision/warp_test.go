package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHomographyMapsCorners(t *testing.T) {
	src := Quad{{10, 20}, {200, 35}, {190, 160}, {5, 140}}
	dst := Quad{{0, 0}, {100, 0}, {100, 63}, {0, 63}}
	h, err := HomographyFromQuads(src, dst)
	require.NoError(t, err)
	for i := range 4 {
		p := h.Apply(src[i])
		assert.InDelta(t, dst[i].X, p.X, 1e-6)
		assert.InDelta(t, dst[i].Y, p.Y, 1e-6)
	}
}

func TestHomographyDegenerate(t *testing.T) {
	_, err := HomographyFromQuads(Quad{{0, 0}, {1, 1}, {2, 2}, {3, 3}}, Quad{{0, 0}, {1, 0}, {1, 1}, {0, 1}})
	assert.ErrorIs(t, err, ErrDegenerate)
}

func TestWarpQuadIdentity(t *testing.T) {
	img := NewRGB(8, 4)
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	out, err := WarpQuad(img, Quad{{0, 0}, {8, 0}, {8, 4}, {0, 4}}, 8, 4)
	require.NoError(t, err)
	assert.Equal(t, img.Pix, out.Pix)
}
