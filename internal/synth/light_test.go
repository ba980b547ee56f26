package synth

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func flat(w, h int, v uint8) *vision.RGB {
	m := vision.NewRGB(w, h)
	for i := range m.Pix {
		m.Pix[i] = v
	}
	return m
}

func TestSRGBRoundTripExact(t *testing.T) {
	lin, srgb := linearLUT(), srgbLUT()
	for v := range 256 {
		assert.Equal(t, uint8(v), toSRGB(srgb, lin[v]), "value %d", v)
	}
}

func TestExposure(t *testing.T) {
	lin := linearLUT()
	tests := []struct {
		name string
		in   uint8
		ev   float64
	}{
		{"zero is identity", 118, 0},
		{"+1 EV doubles linear light", 100, 1},
		{"-2 EV quarters it", 200, -2},
		{"+3 EV clips", 180, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Exposure(flat(4, 4, tc.in), tc.ev)
			want := math.Min(1, float64(lin[tc.in])*math.Exp2(tc.ev))
			// One 8-bit step of tolerance in linear terms around the result.
			got := float64(lin[out.Pix[0]])
			step := float64(lin[min(int(out.Pix[0])+1, 255)] - lin[max(int(out.Pix[0])-1, 0)])
			assert.InDelta(t, want, got, step)
		})
	}
}

func TestLightGradient(t *testing.T) {
	out := LightGradient(flat(200, 10, 128), 0.5, 0)
	left, mid, right := out.Pix[3*(5*200+0)], out.Pix[3*(5*200+100)], out.Pix[3*(5*200+199)]
	assert.Less(t, left, mid)
	assert.Less(t, mid, right)
	assert.InDelta(t, 128, int(mid), 1)
	// The gain at the right edge is 1.5 in linear light.
	lin := linearLUT()
	assert.InDelta(t, 1.5*float64(lin[128]), float64(lin[right]), 0.01)
}

func TestNoiseStatistics(t *testing.T) {
	for _, sigma := range []float64{2, 8, 20} {
		mean, std := offsetStats(Noise(flat(200, 200, 128), sigma, 9).Pix, 128)
		assert.InDelta(t, 0, mean, 0.1, "mean, sigma %v", sigma)
		assert.InDelta(t, sigma, std, 0.05*sigma+0.3, "std, sigma %v", sigma)
	}
	assert.Equal(t, Noise(flat(20, 20, 50), 5, 1).Pix, Noise(flat(20, 20, 50), 5, 1).Pix)
}

func TestGlareCoreCoversRequestedFraction(t *testing.T) {
	q := Pose{Center: vision.Point{X: 400, Y: 300}, Width: 500, Roll: 15}.Quad(ID1.Aspect())
	for _, frac := range []float64{0.005, 0.02, 0.08} {
		g := GlareOn(q, 0.5, 0.5, frac)
		assert.InDelta(t, frac*q.Area(), g.CoreArea(), 1e-6*q.Area())
		out := AddGlare(flat(800, 600, 40), g)
		var white float64
		for i := 0; i < len(out.Pix); i += 3 {
			if out.Pix[i] == 255 && out.Pix[i+1] == 255 && out.Pix[i+2] == 255 {
				white++
			}
		}
		assert.InDelta(t, g.CoreArea(), white, 0.03*g.CoreArea()+20, "frac %v", frac)
	}
	// The centre follows (u, v) on the document.
	g := GlareOn(q, 0, 0, 0.01)
	assert.InDelta(t, q[0].X, g.Center.X, 1e-9)
	assert.InDelta(t, q[0].Y, g.Center.Y, 1e-9)
}
