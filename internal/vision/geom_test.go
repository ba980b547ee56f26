package vision

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClipArea(t *testing.T) {
	tests := []struct {
		name string
		quad Quad
		want float64
	}{
		{"inside", Quad{{10, 10}, {20, 10}, {20, 20}, {10, 20}}, 100},
		{"half out left", Quad{{-5, 10}, {5, 10}, {5, 20}, {-5, 20}}, 50},
		{"fully out", Quad{{-50, -50}, {-40, -50}, {-40, -40}, {-50, -40}}, 0},
		{"covers frame", Quad{{-10, -10}, {110, -10}, {110, 110}, {-10, 110}}, 100 * 100},
		{"clockwise in y-up", Quad{{10, 20}, {20, 20}, {20, 10}, {10, 10}}, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, ClipArea(tc.quad[:], 100, 100), 1e-9)
		})
	}
}

func TestIntersectionArea(t *testing.T) {
	a := []Point{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	b := []Point{{5, 5}, {15, 5}, {15, 15}, {5, 15}}
	assert.InDelta(t, 25, IntersectionArea(a, b), 1e-9)
	assert.InDelta(t, 100, IntersectionArea(a, a), 1e-9)
}

// TestAreasAllocateNothing: the detector computes hundreds of areas per
// live frame; they clip on the stack.
func TestAreasAllocateNothing(t *testing.T) {
	r := Quad{{0, 0}, {30, 0}, {30, 30}, {0, 30}}
	s := Quad{{10, 10}, {40, 10}, {40, 40}, {10, 40}}
	// A diamond of area 2·30² = 1800 whose corners stick out of a 40×40
	// frame by 10 px each: four triangles of 20×10/2 are cut off.
	d := Quad{{20, -10}, {50, 20}, {20, 50}, {-10, 20}}
	for _, tc := range []struct {
		name string
		f    func() float64
		want float64
	}{
		{"ClipArea", func() float64 { return ClipArea(r[:], 20, 10) }, 200},
		{"IntersectionArea", func() float64 { return IntersectionArea(r[:], s[:]) }, 400},
		{"ClipArea partly outside", func() float64 { return ClipArea(d[:], 40, 40) }, 1800 - 4*100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, tc.f(), 1e-9)
			assert.Zero(t, testing.AllocsPerRun(10, func() { tc.f() }))
		})
	}
}

// TestClipAreaInsideMatchesClipping: for outlines inside the box (the
// shortcut) and across its edges, ClipArea is bit for bit the area of the
// clipped polygon.
func TestClipAreaInsideMatchesClipping(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const w, h = 213.0, 160.0
	box := []Point{{0, 0}, {w, 0}, {w, h}, {0, h}}
	for i := range 500 {
		cx, cy := r.Float64()*w, r.Float64()*h
		rx, ry := 5+r.Float64()*120, 5+r.Float64()*90
		th := r.Float64()
		q := Quad{
			{cx - rx*math.Cos(th), cy - ry*math.Sin(th+0.3)},
			{cx + rx*math.Sin(th), cy - ry*math.Cos(th)},
			{cx + rx*math.Cos(th), cy + ry*math.Sin(th+0.3)},
			{cx - rx*math.Sin(th), cy + ry*math.Cos(th)},
		}
		want := math.Abs(polyArea(clipConvex(nil, nil, q[:], box)))
		require.Equal(t, want, ClipArea(q[:], w, h), "quad %d %v (inside: %v)", i, q, inBox(q[:], w, h))
	}
}
