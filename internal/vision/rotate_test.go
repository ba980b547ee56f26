package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRotateGray(t *testing.T) {
	// 3×2 image:  1 2 3
	//             4 5 6
	g := &Gray{W: 3, H: 2, Pix: []uint8{1, 2, 3, 4, 5, 6}}
	tests := []struct {
		quarter int
		w, h    int
		want    []uint8
	}{
		{0, 3, 2, []uint8{1, 2, 3, 4, 5, 6}},
		{1, 2, 3, []uint8{4, 1, 5, 2, 6, 3}},
		{2, 3, 2, []uint8{6, 5, 4, 3, 2, 1}},
		{3, 2, 3, []uint8{3, 6, 2, 5, 1, 4}},
		{-1, 2, 3, []uint8{3, 6, 2, 5, 1, 4}},
		{5, 2, 3, []uint8{4, 1, 5, 2, 6, 3}},
	}
	for _, tt := range tests {
		r := RotateGray(g, tt.quarter)
		assert.Equal(t, tt.w, r.W, "quarter %d", tt.quarter)
		assert.Equal(t, tt.h, r.H, "quarter %d", tt.quarter)
		assert.Equal(t, tt.want, r.Pix, "quarter %d", tt.quarter)
	}
}

func TestUnrotatePointInvertsRotateGray(t *testing.T) {
	// A single bright pixel must map back to where it came from: take the
	// centre of the bright pixel in the rotated image and unrotate it.
	const w, h = 5, 3
	for q := range 4 {
		for y := range h {
			for x := range w {
				g := NewGray(w, h)
				g.Pix[y*w+x] = 255
				r := RotateGray(g, q)
				idx := -1
				for i, v := range r.Pix {
					if v == 255 {
						idx = i
					}
				}
				require.GreaterOrEqual(t, idx, 0)
				c := Point{X: float64(idx%r.W) + 0.5, Y: float64(idx/r.W) + 0.5}
				back := UnrotatePoint(c, q, w, h)
				assert.InDelta(t, float64(x)+0.5, back.X, 1e-9, "q=%d (%d,%d)", q, x, y)
				assert.InDelta(t, float64(y)+0.5, back.Y, 1e-9, "q=%d (%d,%d)", q, x, y)
			}
		}
	}
}
