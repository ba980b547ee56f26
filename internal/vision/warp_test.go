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

func TestWarpQuadIntoReusesDst(t *testing.T) {
	img := noisyRGB(80, 60, [3]uint8{90, 140, 60}, 50, 5)
	q := Quad{{10, 8}, {70, 12}, {66, 50}, {6, 46}}
	tests := []struct {
		name  string
		dst   *RGB
		w, h  int
		reuse bool
	}{
		{"nil dst", nil, 40, 25, false},
		{"larger dst with stale pixels", noisyRGB(50, 40, [3]uint8{1, 2, 3}, 1, 1), 40, 25, true},
		{"smaller dst", NewRGB(4, 4), 40, 25, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := WarpQuad(img, q, tc.w, tc.h)
			require.NoError(t, err)
			var old *uint8 // the array dst held before the call
			if tc.dst != nil {
				old = &tc.dst.Pix[0]
			}
			got, err := WarpQuadInto(tc.dst, img, q, tc.w, tc.h)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			assert.Equal(t, tc.reuse, &got.Pix[0] == old, "buffer reused")
		})
	}
}
