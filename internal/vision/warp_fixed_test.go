package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWarpQuadFixedIntoMatchesFloat(t *testing.T) {
	img := noisyRGB(120, 90, [3]uint8{90, 140, 60}, 120, 7)
	tests := []struct {
		name string
		q    Quad
		w, h int
	}{
		{"inside, perspective", Quad{{10, 8}, {100, 14}, {96, 80}, {6, 70}}, 60, 38},
		{"upscaled", Quad{{30, 30}, {50, 31}, {49, 45}, {31, 44}}, 80, 50},
		{"corners outside the image", Quad{{-20, -10}, {140, 0}, {130, 100}, {-10, 95}}, 64, 40},
		{"touching the last row and column", Quad{{60, 45}, {119, 45}, {119, 89}, {60, 89}}, 59, 44},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := WarpQuad(img, tc.q, tc.w, tc.h)
			require.NoError(t, err)
			got, err := WarpQuadFixedInto(nil, img, tc.q, tc.w, tc.h)
			require.NoError(t, err)
			require.Equal(t, []int{tc.w, tc.h, len(want.Pix)}, []int{got.W, got.H, len(got.Pix)})
			worst := 0
			for i := range want.Pix {
				worst = max(worst, int(got.Pix[i])-int(want.Pix[i]), int(want.Pix[i])-int(got.Pix[i]))
			}
			assert.LessOrEqual(t, worst, 1, "largest difference from WarpQuad, levels")
		})
	}
}

func TestWarpQuadFixedIntoErrors(t *testing.T) {
	img := NewRGB(16, 16)
	tests := []struct {
		name string
		q    Quad
		w, h int
	}{
		{"zero width", Quad{{0, 0}, {8, 0}, {8, 8}, {0, 8}}, 0, 8},
		{"negative height", Quad{{0, 0}, {8, 0}, {8, 8}, {0, 8}}, 8, -1},
		{"collinear corners", Quad{{0, 0}, {1, 1}, {2, 2}, {3, 3}}, 8, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := WarpQuadFixedInto(nil, img, tc.q, tc.w, tc.h)
			assert.Error(t, err)
			assert.Nil(t, out)
		})
	}
}

func TestWarpQuadFixedIntoReusesDst(t *testing.T) {
	img := noisyRGB(80, 60, [3]uint8{90, 140, 60}, 50, 5)
	q := Quad{{10, 8}, {70, 12}, {66, 50}, {6, 46}}
	dst := noisyRGB(50, 40, [3]uint8{1, 2, 3}, 1, 1)
	old := &dst.Pix[0]
	want, err := WarpQuadFixedInto(nil, img, q, 40, 25)
	require.NoError(t, err)
	got, err := WarpQuadFixedInto(dst, img, q, 40, 25)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Same(t, old, &got.Pix[0], "buffer reused")
}

func BenchmarkWarpQuadFixedInto(b *testing.B) {
	img := noisyRGB(640, 480, [3]uint8{90, 140, 60}, 50, 5)
	q := Quad{{100, 80}, {540, 100}, {520, 400}, {90, 380}}
	var dst *RGB
	b.ReportAllocs()
	for b.Loop() {
		dst, _ = WarpQuadFixedInto(dst, img, q, 200, 126)
	}
}
