package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFindSegmentsOnRectangle(t *testing.T) {
	tests := []struct {
		name string
		deg  float64
	}{
		{"level", 0},
		{"tilted 17°", 17},
		{"tilted 45°", 45},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := noisyRGB(400, 300, [3]uint8{90, 70, 50}, 6, 3)
			q := cardQuad(200, 150, 220, tc.deg)
			fillQuadRGB(img, q, [3]uint8{220, 220, 210})
			segs := findSegments(colorGradient(img), segmentParams{minMag: 4, minLen: 20})
			// Every side must be covered by one long segment close to it.
			for k := range 4 {
				a, b := q[k], q[(k+1)%4]
				side := lineFromPoints(a, b)
				best := 0.0
				for _, s := range segs {
					if math.Abs(side.Dist(s.A)) < 1.5 && math.Abs(side.Dist(s.B)) < 1.5 {
						best = math.Max(best, s.Len)
					}
				}
				assert.Greater(t, best, 0.8*a.Dist(b), "side %d", k)
			}
		})
	}
}

func TestFindSegmentsIgnoresNoise(t *testing.T) {
	img := noisyRGB(200, 200, [3]uint8{128, 128, 128}, 20, 7)
	segs := findSegments(colorGradient(img), segmentParams{minMag: 4, minLen: 20})
	assert.Empty(t, segs)
}

func TestHalfAngle(t *testing.T) {
	for _, deg := range []float64{0, 30, 89, 120, 179} {
		th := deg * math.Pi / 180
		x, y := halfAngle(math.Cos(2*th), math.Sin(2*th))
		// The result is the unit normal at th, up to sign.
		assert.InDelta(t, 1, math.Abs(x*math.Cos(th)+y*math.Sin(th)), 1e-9, "%v°", deg)
	}
}
