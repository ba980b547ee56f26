package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShrinkRGBWorkingCopy(t *testing.T) {
	tests := []struct {
		name         string
		w, h, max    int
		wantW, wantH int
	}{
		{"already small", 300, 200, 400, 300, 200},
		{"landscape halves", 800, 400, 400, 400, 200},
		{"portrait non-integer", 900, 1600, 800, 450, 800},
		{"odd size", 1001, 333, 500, 500, 166},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := NewRGB(tc.w, tc.h)
			out, sx, sy := shrinkRGB(img, tc.max)
			assert.Equal(t, tc.wantW, out.W)
			assert.Equal(t, tc.wantH, out.H)
			assert.InDelta(t, float64(tc.wantW)/float64(tc.w), sx, 1e-12)
			assert.InDelta(t, float64(tc.wantH)/float64(tc.h), sy, 1e-12)
		})
	}
}

func TestResizeAreaRGBAverages(t *testing.T) {
	// Columns alternate 0 and 200: a 2× shrink averages each pair to 100,
	// while point sampling would give 0 or 200.
	img := NewRGB(8, 4)
	for y := range 4 {
		for x := range 8 {
			if x%2 == 1 {
				i := 3 * (y*8 + x)
				img.Pix[i], img.Pix[i+1], img.Pix[i+2] = 200, 200, 200
			}
		}
	}
	out := resizeAreaRGB(img, 4, 2)
	require.Len(t, out.Pix, 4*2*3)
	for _, v := range out.Pix {
		assert.Equal(t, uint8(100), v)
	}
	// A non-integer factor keeps a flat image flat.
	flat := noisyRGB(10, 7, [3]uint8{50, 120, 230}, 0, 1)
	out = resizeAreaRGB(flat, 3, 2)
	for i, v := range out.Pix {
		assert.Equal(t, []uint8{50, 120, 230}[i%3], v)
	}
}
