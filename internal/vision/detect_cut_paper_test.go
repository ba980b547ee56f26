package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCutPaper: a pale printed face passes, wood-coloured and dark ones
// do not, nor an outline wholly outside the frame.
func TestCutPaper(t *testing.T) {
	q := Quad{{-50, 10}, {90, 10}, {90, 90}, {-50, 90}}
	tests := []struct {
		name string
		img  *RGB
		q    Quad
		want bool
	}{
		{"pale print", stripedRGB(100, 100), q, true},
		{"wood", noisyRGB(100, 100, [3]uint8{170, 110, 60}, 10, 3), q, false},
		{"dark grey", noisyRGB(100, 100, [3]uint8{80, 80, 80}, 10, 4), q, false},
		{"outside the frame", stripedRGB(100, 100), Quad{{-90, 10}, {-10, 10}, {-10, 90}, {-90, 90}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, cutPaper(tc.img, tc.q))
		})
	}
}

// stripedRGB is a pale image with dark rows of "print" every 6 px, which
// reads as text rows.
func stripedRGB(w, h int) *RGB {
	img := NewRGB(w, h)
	for y := range h {
		for x := range w {
			v := uint8(225)
			if y%6 < 2 && (x/5)%3 != 0 {
				v = 40
			}
			i := 3 * (y*w + x)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = v, v, v
		}
	}
	return img
}
