package synth

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestBackgroundsDiffer(t *testing.T) {
	// Each background has its own character: plain is one colour, the
	// others vary; wood and clutter have more edges than a gradient.
	edges := func(m *vision.RGB) int {
		n := 0
		g := m.Gray()
		for i := 1; i < len(g.Pix); i++ {
			if i%g.W == 0 {
				continue // no neighbour across the row end
			}
			if d := int(g.Pix[i]) - int(g.Pix[i-1]); d > 20 || d < -20 {
				n++
			}
		}
		return n
	}
	distinct := func(m *vision.RGB) int {
		seen := map[[3]uint8]bool{}
		for i := 0; i < len(m.Pix); i += 3 {
			seen[[3]uint8{m.Pix[i], m.Pix[i+1], m.Pix[i+2]}] = true
		}
		return len(seen)
	}
	plain := NewScene(200, 120, Plain, 1).Img
	grad := NewScene(200, 120, Gradient, 1).Img
	wood := NewScene(200, 120, Wood, 1).Img
	clutter := NewScene(200, 120, Clutter, 1).Img
	assert.Equal(t, 1, distinct(plain))
	assert.Greater(t, distinct(grad), 20)
	assert.Greater(t, edges(wood), edges(grad))
	assert.Greater(t, edges(clutter), edges(grad))
}

func TestValueNoiseRange(t *testing.T) {
	v := valueNoise(newRand(1, 1), 50, 30, 7)
	assert.Len(t, v, 50*30)
	for _, x := range v {
		assert.True(t, x >= 0 && x <= 1)
	}
}
