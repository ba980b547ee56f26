package cascade

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestIntegralMatchesBruteForce(t *testing.T) {
	g := noiseImage(13, 7, 3)
	sum := make([]uint32, 14*8)
	integral(sum, g)
	for y := range 8 {
		for x := range 14 {
			var want uint32
			for yy := range y {
				for xx := range x {
					want += uint32(g.At(xx, yy))
				}
			}
			assert.Equal(t, want, sum[y*14+x], "(%d,%d)", x, y)
		}
	}
}

// TestIntegralBoxSumsSurviveWrapAround: on an image whose total exceeds
// 2³², box sums taken as A−B−C+D in uint32 stay exact.
func TestIntegralBoxSumsSurviveWrapAround(t *testing.T) {
	const w, h = 5000, 3500 // 255·w·h ≈ 4.5e9 > 2³²
	g := vision.NewGray(w, h)
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	sum := make([]uint32, (w+1)*(h+1))
	integral(sum, g)
	s := w + 1
	x0, y0, x1, y1 := w-40, h-30, w, h
	box := sum[y1*s+x1] - sum[y0*s+x1] - sum[y1*s+x0] + sum[y0*s+x0]
	assert.Equal(t, uint32(255*40*30), box)
}

func TestLBPBitOrder(t *testing.T) {
	// A 3×3 grid of 1×1 blocks: only the top-left block is brighter than
	// the centre, which is OpenCV's bit 7; only the left one is bit 0.
	tests := []struct {
		bright int // index in the 3×3 grid, row-major
		want   uint32
	}{
		{0, 128}, {1, 64}, {2, 32}, {5, 16}, {8, 8}, {7, 4}, {6, 2}, {3, 1},
	}
	for _, tt := range tests {
		g := vision.NewGray(3, 3)
		for i := range g.Pix {
			g.Pix[i] = 10
		}
		g.Pix[4] = 50
		g.Pix[tt.bright] = 200
		sum := make([]uint32, 16)
		integral(sum, g)
		c := &Cascade{features: []feature{{0, 0, 1, 1}}, stages: []stage{{weak: []stump{{}}}}}
		plan := make([]plannedStump, 1)
		span := c.plan(plan, 4)
		assert.Equal(t, 16, span)
		assert.Equal(t, tt.want, lbp(unsafe.Pointer(&sum[0]), &plan[0].ofs), "bright block %d", tt.bright)
	}
}
