package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestMeasureEdgesMaskWindow: with a mask full of holes, exactly the
// pixels whose whole 3×3 neighbourhood is set are measured, as counted
// pixel by pixel here.
func TestMeasureEdgesMaskWindow(t *testing.T) {
	const w, h = 23, 17
	p := make([]float32, w*h)
	for i := range p {
		p[i] = float32((i * 37) % 101)
	}
	for _, tc := range []struct {
		name string
		hole func(x, y int) bool
	}{
		{"scattered holes", func(x, y int) bool { return (x*7+y*3)%11 == 0 }},
		{"a hole column", func(x, _ int) bool { return x == 9 }},
		{"a hole row", func(_, y int) bool { return y == 5 }},
		{"no holes", func(_, _ int) bool { return false }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mask := make([]uint8, w*h)
			for y := range h {
				for x := range w {
					if !tc.hole(x, y) {
						mask[y*w+x] = 1
					}
				}
			}
			want, sumL, sumL2 := 0, 0.0, 0.0
			for y := 1; y < h-1; y++ {
				for x := 1; x < w-1; x++ {
					all := true
					for dy := -1; dy <= 1; dy++ {
						for dx := -1; dx <= 1; dx++ {
							all = all && mask[(y+dy)*w+x+dx] != 0
						}
					}
					if all {
						i := y*w + x
						l := float64(p[i-1] + p[i+1] + p[i-w] + p[i+w] - 4*p[i])
						want++
						sumL += l
						sumL2 += l * l
					}
				}
			}
			s := MeasureEdges(p, w, h, mask)
			require.Equal(t, want, s.Samples)
			mean := sumL / float64(want)
			assert.InDelta(t, sumL2/float64(want)-mean*mean, s.LaplacianVar, 1e-6)
		})
	}
}
