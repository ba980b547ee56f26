package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
