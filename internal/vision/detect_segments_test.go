package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

func TestUnitVector(t *testing.T) {
	tests := []struct {
		name         string
		x, y         float64
		wantX, wantY float64
	}{
		{"zero", 0, 0, 1, 0},
		{"axis", 0, -3, 0, -1},
		{"3-4-5", 3, 4, 0.6, 0.8},
		{"both negative", -5, -12, -5.0 / 13, -12.0 / 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := unitVector(tt.x, tt.y)
			assert.InDelta(t, tt.wantX, x, 1e-12)
			assert.InDelta(t, tt.wantY, y, 1e-12)
		})
	}
}

// TestDoubleAngleTolerance checks the region-growing test in double
// angles against the plain one: a normal joins a region whose normal is
// at most 22.5° away, either way round.
func TestDoubleAngleTolerance(t *testing.T) {
	for region := 0.0; region < 180; region += 7 {
		r := region * math.Pi / 180
		rc, rs := unitVector(math.Cos(2*r), math.Sin(2*r))
		for delta := -180.0; delta <= 180; delta += 0.5 {
			if math.Abs(math.Abs(math.Mod(math.Abs(delta), 180))-22.5) < 0.1 || math.Abs(math.Mod(math.Abs(delta), 180)-157.5) < 0.1 {
				continue // the boundary itself: rounding decides
			}
			a := r + delta*math.Pi/180
			nx, ny := math.Cos(a), math.Sin(a)
			plain := math.Abs(nx*math.Cos(r)+ny*math.Sin(r)) >= angleTolCos
			double := (nx*nx-ny*ny)*rc+2*nx*ny*rs >= angleTolCos2
			require.Equal(t, plain, double, "region %v°, normal %+v° away", region, delta)
		}
	}
}

// TestRidgeListNeverGrows: suppressNonMaxima reserves room for the
// ridges from the gradient's mask, which counts exactly the pixels of
// non-zero magnitude, and the ridges fit in it (the list is not grown).
func TestRidgeListNeverGrows(t *testing.T) {
	noisy := noisyRGB(320, 240, [3]uint8{120, 90, 70}, 40, 9)
	fillQuadRGB(noisy, cardQuad(160, 120, 200, -9), [3]uint8{230, 225, 210})
	for _, img := range []*RGB{noisy, sceneWithCards(300, 200, cardQuad(150, 100, 160, 5))} {
		g := colorGradient(img)
		want := 0
		for _, m := range g.Mag {
			if m != 0 {
				want++
			}
		}
		require.Equal(t, want, g.nonZero())
		suppressNonMaxima(g, 4)
		require.NotEmpty(t, g.order)
		require.LessOrEqual(t, len(g.order), want)
		require.Equal(t, want, cap(g.order), "the ridge list grew past its room")
	}
}
