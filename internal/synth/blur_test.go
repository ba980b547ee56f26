package synth

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// stepImage is black on the left half and white on the right.
func stepImage(w, h int) *vision.RGB {
	m := vision.NewRGB(w, h)
	fillRect(m, vision.Rect{X0: w / 2, X1: w, Y1: h}, rgb{255, 255, 255})
	return m
}

// edgeWidth returns the 10–90 % rise distance of row y's red channel.
func edgeWidth(m *vision.RGB, y int) float64 {
	cross := func(level float64) float64 {
		for x := 1; x < m.W; x++ {
			a, b := float64(m.Pix[3*(y*m.W+x-1)]), float64(m.Pix[3*(y*m.W+x)])
			if a < level && b >= level {
				return float64(x-1) + (level-a)/(b-a)
			}
		}
		return math.NaN()
	}
	return cross(0.9*255) - cross(0.1*255)
}

func TestGaussianBlurEdgeWidth(t *testing.T) {
	// A Gaussian turns a step into an erf whose 10–90 % rise is 2.563 σ.
	for _, sigma := range []float64{1, 2, 4} {
		m := GaussianBlur(stepImage(128, 8), sigma)
		assert.InDelta(t, 2.563*sigma, edgeWidth(m, 4), 0.15*sigma+0.3, "sigma %v", sigma)
	}
}

func TestBlurKeepsFlatImagesAndSize(t *testing.T) {
	m := vision.NewRGB(37, 23)
	fillRect(m, vision.Rect{X1: 37, Y1: 23}, rgb{90, 140, 200})
	tests := []struct {
		name string
		out  *vision.RGB
	}{
		{"gaussian", GaussianBlur(m, 2.5)},
		{"gaussian zero", GaussianBlur(m, 0)},
		{"motion", MotionBlur(m, 9, 30)},
		{"motion short", MotionBlur(m, 1, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, m.Pix, tc.out.Pix)
			assert.NotSame(t, &m.Pix[0], &tc.out.Pix[0], "a new image, the input is untouched")
		})
	}
}

func TestMotionBlurIsDirectional(t *testing.T) {
	m := stepImage(128, 128)
	along := MotionBlur(m, 15, 90) // vertical smear does not touch a vertical edge
	across := MotionBlur(m, 15, 0)
	assert.InDelta(t, 0, edgeWidth(along, 64), 1)
	// A box of n pixels gives a linear ramp with a 10–90 % rise of 0.8 n.
	assert.InDelta(t, 0.8*15, edgeWidth(across, 64), 1.5)
}
