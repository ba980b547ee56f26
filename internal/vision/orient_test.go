package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// orientFixture is a 3×2 image whose pixel (x, y) holds x+10y in red:
//
//	0  1  2
//	10 11 12
func orientFixture() *RGB {
	m := NewRGB(3, 2)
	for y := range 2 {
		for x := range 3 {
			m.Pix[3*(y*3+x)] = uint8(x + 10*y)
		}
	}
	return m
}

func reds(m *RGB) [][]uint8 {
	out := make([][]uint8, m.H)
	for y := range m.H {
		for x := range m.W {
			out[y] = append(out[y], m.Pix[3*(y*m.W+x)])
		}
	}
	return out
}

func TestOrient(t *testing.T) {
	tests := []struct {
		o    int
		want [][]uint8
	}{
		{1, [][]uint8{{0, 1, 2}, {10, 11, 12}}},
		{2, [][]uint8{{2, 1, 0}, {12, 11, 10}}},
		{3, [][]uint8{{12, 11, 10}, {2, 1, 0}}},
		{4, [][]uint8{{10, 11, 12}, {0, 1, 2}}},
		{5, [][]uint8{{0, 10}, {1, 11}, {2, 12}}},
		{6, [][]uint8{{10, 0}, {11, 1}, {12, 2}}},
		{7, [][]uint8{{12, 2}, {11, 1}, {10, 0}}},
		{8, [][]uint8{{2, 12}, {1, 11}, {0, 10}}},
		{0, [][]uint8{{0, 1, 2}, {10, 11, 12}}},
		{9, [][]uint8{{0, 1, 2}, {10, 11, 12}}},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, reds(Orient(orientFixture(), tc.o)), "orientation %d", tc.o)
	}
}

func TestOrientDegenerateSizes(t *testing.T) {
	row := NewRGB(4, 1)
	for x := range 4 {
		row.Pix[3*x] = uint8(x)
	}
	assert.Equal(t, [][]uint8{{0}, {1}, {2}, {3}}, reds(Orient(row, 6)))
	assert.Equal(t, [][]uint8{{3, 2, 1, 0}}, reds(Orient(row, 3)))
	empty := Orient(NewRGB(0, 5), 6)
	assert.Equal(t, 5, empty.W)
	assert.Equal(t, 0, empty.H)
}

func BenchmarkOrient6(b *testing.B) {
	m := NewRGB(4000, 3000)
	b.ReportAllocs()
	for b.Loop() {
		Orient(m, 6)
	}
}

func TestOrientPlaneMatchesOrient(t *testing.T) {
	// A 5×3 plane inside rows of stride 8 (padding holds 255, which must
	// never reach the output).
	const w, h, stride = 5, 3, 8
	pix := make([]uint8, stride*h)
	rgb := NewRGB(w, h)
	for y := range h {
		for x := range stride {
			pix[y*stride+x] = 255
			if x < w {
				pix[y*stride+x] = uint8(x + 10*y)
				rgb.Pix[3*(y*w+x)] = uint8(x + 10*y)
			}
		}
	}
	for o := 0; o <= 9; o++ {
		got := OrientPlane(pix, w, h, stride, o)
		want := Orient(rgb, o)
		assert.Equal(t, want.W, got.W, "orientation %d", o)
		assert.Equal(t, want.H, got.H, "orientation %d", o)
		red := make([]uint8, 0, want.W*want.H)
		for i := 0; i < len(want.Pix); i += 3 {
			red = append(red, want.Pix[i])
		}
		assert.Equal(t, red, got.Pix, "orientation %d", o)
	}
}
