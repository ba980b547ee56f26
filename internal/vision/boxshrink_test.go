package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShrinkRGB(t *testing.T) {
	// 4×2 image: left 2×2 block black/white alternating, right block grey.
	img := &RGB{W: 4, H: 2, Pix: []uint8{
		0, 0, 0, 255, 255, 255, 100, 100, 100, 100, 100, 100,
		255, 255, 255, 0, 0, 0, 100, 100, 100, 100, 100, 100,
	}}
	tests := []struct {
		name string
		r    Rect
		k    int
		want []uint8
		w, h int
	}{
		{"k2 averages blocks", Rect{0, 0, 4, 2}, 2, []uint8{128, 128, 128, 100, 100, 100}, 2, 1},
		{"k1 copies", Rect{2, 0, 3, 1}, 1, []uint8{100, 100, 100}, 1, 1},
		{"partial block", Rect{1, 0, 4, 2}, 2, []uint8{114, 114, 114, 100, 100, 100}, 2, 1},
		{"clipped region", Rect{-5, -5, 2, 1}, 2, []uint8{128, 128, 128}, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := ShrinkRGB(img, tc.r, tc.k)
			require.NoError(t, err)
			assert.Equal(t, tc.w, out.W)
			assert.Equal(t, tc.h, out.H)
			assert.Equal(t, tc.want, out.Pix)
		})
	}
}

func TestShrinkRGBErrors(t *testing.T) {
	img := NewRGB(4, 4)
	_, err := ShrinkRGB(img, Rect{0, 0, 4, 4}, 0)
	assert.Error(t, err)
	_, err = ShrinkRGB(img, Rect{5, 5, 9, 9}, 2)
	assert.Error(t, err)
}

func BenchmarkShrinkRGB12MP(b *testing.B) {
	img := NewRGB(4000, 3000)
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ShrinkRGB(img, Rect{0, 0, 4000, 3000}, 3); err != nil {
			b.Fatal(err)
		}
	}
}

func TestShrinkRGBIntoReusesDst(t *testing.T) {
	big := noisyRGB(40, 30, [3]uint8{90, 120, 150}, 40, 3)
	small := noisyRGB(20, 16, [3]uint8{200, 60, 30}, 40, 4)
	tests := []struct {
		name  string
		first *RGB // shrunk into dst before img
		img   *RGB
		k     int
		reuse bool // the second call fits in the first's buffer
	}{
		{"smaller after larger", big, small, 2, true},
		{"larger after smaller", small, big, 2, false},
		{"same size", big, big, 4, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dst, err := ShrinkRGBInto(nil, tc.first, Rect{X1: tc.first.W, Y1: tc.first.H}, tc.k)
			require.NoError(t, err)
			got, err := ShrinkRGBInto(dst, tc.img, Rect{X1: tc.img.W, Y1: tc.img.H}, tc.k)
			require.NoError(t, err)
			want, err := ShrinkRGB(tc.img, Rect{X1: tc.img.W, Y1: tc.img.H}, tc.k)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			assert.Equal(t, tc.reuse, &got.Pix[0] == &dst.Pix[0], "buffer reused")
		})
	}
}
