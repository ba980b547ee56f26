package cascade

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestResizeInto(t *testing.T) {
	tests := []struct {
		name         string
		src          *vision.Gray
		w, h         int
		wantMin, max uint8
	}{
		{"flat stays flat", patternImage(40, 30, func(int, int) uint8 { return 77 }), 13, 9, 77, 77},
		{"halving a ramp keeps its range inside", patternImage(40, 30, func(x, _ int) uint8 { return uint8(x * 6) }), 20, 15, 3, 231},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := vision.NewGray(tt.w, tt.h)
			resizeInto(dst, tt.src, make([]int32, 2*tt.w))
			lo, hi := dst.Pix[0], dst.Pix[0]
			for _, v := range dst.Pix {
				lo, hi = min(lo, v), max(hi, v)
			}
			assert.Equal(t, tt.wantMin, lo)
			assert.Equal(t, tt.max, hi)
		})
	}
}

func TestResizeIntoHalvesAStep(t *testing.T) {
	// Left half 0, right half 200: halving must keep the edge in the middle.
	src := patternImage(8, 2, func(x, _ int) uint8 { return uint8(200 * (x / 4)) })
	dst := vision.NewGray(4, 1)
	resizeInto(dst, src, make([]int32, 8))
	assert.Equal(t, []uint8{0, 0, 200, 200}, dst.Pix)
}
