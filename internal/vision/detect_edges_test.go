package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestColorGradient(t *testing.T) {
	tests := []struct {
		name        string
		left, right [3]uint8
		wantMag     float64
		wantNX      float64
		vertical    bool
	}{
		{"grey step", [3]uint8{50, 50, 50}, [3]uint8{150, 150, 150}, 100 * math.Sqrt(3), 1, true},
		// Same luma, different hue: a grey gradient would miss it.
		{"hue only", [3]uint8{200, 100, 100}, [3]uint8{100, 151, 100}, math.Sqrt(100*100 + 51*51), 1, true},
		{"horizontal edge", [3]uint8{0, 0, 0}, [3]uint8{0, 0, 90}, 90, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := NewRGB(20, 20)
			for y := range 20 {
				for x := range 20 {
					c := tc.left
					if (tc.vertical && x >= 10) || (!tc.vertical && y >= 10) {
						c = tc.right
					}
					copy(img.Pix[3*(y*20+x):], c[:])
				}
			}
			g := colorGradient(img)
			// The pixels on both sides of the step see all of it
			// (Sobel / 4 measures the step between neighbours).
			for _, i := range []int{10*20 + 10, 9*20 + 9} {
				assert.InDelta(t, tc.wantMag, float64(g.Mag[i]), 1)
				if tc.vertical {
					assert.InDelta(t, tc.wantNX, math.Abs(float64(g.NX[i])), 1e-3)
				} else {
					assert.InDelta(t, 1, math.Abs(float64(g.NY[i])), 1e-3)
				}
			}
			assert.Zero(t, g.Mag[5*20+3], "flat area")
			assert.Zero(t, g.Mag[0], "border")
		})
	}
}
