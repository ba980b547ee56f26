package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMeasureEdges(t *testing.T) {
	const w, h = 8, 8
	flat := make([]float32, w*h)
	vstep := make([]float32, w*h) // a vertical edge: 0 left, 10 right
	ramp := make([]float32, w*h)  // gradient 2 per pixel along x
	for y := range h {
		for x := range w {
			if x >= 4 {
				vstep[y*w+x] = 10
			}
			ramp[y*w+x] = float32(2 * x)
		}
	}
	// The mask hides the edge columns, so the step must not count.
	hideEdge := make([]uint8, w*h)
	for y := range h {
		for x := range w {
			if x < 2 || x > 5 {
				hideEdge[y*w+x] = 1
			}
		}
	}
	tests := []struct {
		name    string
		p       []float32
		mask    []uint8
		lapVar  float64
		grad    float64
		jxx     float64
		jyy     float64
		samples int
	}{
		{"flat", flat, nil, 0, 0, 0, 0, 36},
		// Inner 6×6 pixels; columns 3 and 4 carry Laplacian +10 / -10 and
		// central gradient 5: E[l²] = 2·6·100/36, mean 0.
		{"vertical step", vstep, nil, 1200.0 / 36, 12 * 25.0 / 36, 12 * 25.0 / 36, 0, 36},
		{"ramp has gradient, no Laplacian", ramp, nil, 0, 4, 4, 0, 36},
		{"masked step", vstep, hideEdge, 0, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := MeasureEdges(tc.p, w, h, tc.mask)
			assert.Equal(t, tc.samples, s.Samples)
			assert.InDelta(t, tc.lapVar, s.LaplacianVar, 1e-6)
			assert.InDelta(t, tc.grad, s.GradEnergy, 1e-6)
			assert.InDelta(t, tc.jxx, s.Jxx, 1e-6)
			assert.InDelta(t, tc.jyy, s.Jyy, 1e-6)
		})
	}
}
