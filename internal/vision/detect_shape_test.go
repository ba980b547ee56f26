package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRectAspect(t *testing.T) {
	const w, h, f = 800.0, 600.0, 720.0
	flat := Quad{{100, 100}, {100 + 317.2, 100}, {100 + 317.2, 300}, {100, 300}}
	tests := []struct {
		name string
		q    Quad
		want float64
	}{
		{"fronto-parallel", flat, 1.586},
		{"portrait orientation", Quad{{100, 100}, {300, 100}, {300, 417.2}, {100, 417.2}}, 1.586},
		{"parallelogram", Quad{{100, 100}, {400, 130}, {400, 330}, {100, 300}}, 300.0 / 200},
	}
	// A card tilted away from a pinhole camera: project a 3D rectangle.
	proj := func(x, y, z float64) Point { return Point{w/2 + f*x/z, h/2 + f*y/z} }
	tilted := Quad{}
	for k, c := range [][2]float64{{-1.586, -1}, {1.586, -1}, {1.586, 1}, {-1.586, 1}} {
		// Rotate about the x axis by ~35°: y' = y cos, z' = z + y sin.
		y, z := c[1]*0.819, 6+c[1]*0.574
		tilted[k] = proj(c[0], y, z)
	}
	tests = append(tests, struct {
		name string
		q    Quad
		want float64
	}{"tilted 35° in perspective", tilted, 1.586})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, rectAspect(tc.q, w/2, h/2, f), 0.01)
		})
	}
	// The naive ratio is fooled by the tilt; the prior must not be.
	require.Greater(t, naiveAspect(tilted), 1.8)
	hp := hypoParams{W: w, H: h, Aspects: []float64{AspectID1}}
	assert.Greater(t, shapePrior(tilted, hp)+0.02, 0.9)
	square := Quad{{100, 100}, {300, 100}, {300, 300}, {100, 300}}
	assert.Less(t, shapePrior(square, hp), 0.1)
}
