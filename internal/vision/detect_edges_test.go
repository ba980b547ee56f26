package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestColorGradient(t *testing.T) {
	tests := []struct {
		name        string
		left, right [3]uint8
		wantMag     float64
		wantNX      float64
		vertical    bool
	}{
		{"grey step", [3]uint8{50, 50, 50}, [3]uint8{150, 150, 150}, 100 * math.Sqrt(3), 1, true},
		// Same luma, different hue: a grey gradient would miss it.
		{"hue only", [3]uint8{200, 100, 100}, [3]uint8{100, 151, 100}, math.Sqrt(100*100 + 51*51), 1, true},
		{"horizontal edge", [3]uint8{0, 0, 0}, [3]uint8{0, 0, 90}, 90, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := NewRGB(20, 20)
			for y := range 20 {
				for x := range 20 {
					c := tc.left
					if (tc.vertical && x >= 10) || (!tc.vertical && y >= 10) {
						c = tc.right
					}
					copy(img.Pix[3*(y*20+x):], c[:])
				}
			}
			g := colorGradient(img)
			// The pixels on both sides of the step see all of it
			// (Sobel / 4 measures the step between neighbours).
			for _, i := range []int{10*20 + 10, 9*20 + 9} {
				assert.InDelta(t, tc.wantMag, float64(g.Mag[i]), 1)
				if tc.vertical {
					assert.InDelta(t, tc.wantNX, math.Abs(float64(g.NX[i])), 1e-3)
				} else {
					assert.InDelta(t, 1, math.Abs(float64(g.NY[i])), 1e-3)
				}
			}
			assert.Zero(t, g.Mag[5*20+3], "flat area")
			assert.Zero(t, g.Mag[0], "border")
		})
	}
}

// TestColorGradientMatchesPixelFormula: every pixel of a noisy colour
// image gets the structure-tensor gradient of its own 3×3 Sobel taps,
// computed here the plain way, tap by tap (the production loop reads the
// neighbourhood through fixed-length row slices).
func TestColorGradientMatchesPixelFormula(t *testing.T) {
	img := noisyRGB(37, 23, [3]uint8{120, 85, 50}, 90, 5)
	g := colorGradient(img)
	at := func(x, y, ch int) int32 { return int32(img.Pix[3*(y*img.W+x)+ch]) }
	for y := 1; y < img.H-1; y++ {
		for x := 1; x < img.W-1; x++ {
			var a, b, c float32
			for ch := range 3 {
				gx := float32((at(x+1, y-1, ch) + 2*at(x+1, y, ch) + at(x+1, y+1, ch)) - (at(x-1, y-1, ch) + 2*at(x-1, y, ch) + at(x-1, y+1, ch)))
				gy := float32((at(x-1, y+1, ch) + 2*at(x, y+1, ch) + at(x+1, y+1, ch)) - (at(x-1, y-1, ch) + 2*at(x, y-1, ch) + at(x+1, y-1, ch)))
				a += gx * gx
				b += gy * gy
				c += gx * gy
			}
			d := math.Sqrt(float64((a-b)*(a-b) + 4*c*c))
			want := math.Sqrt((float64(a+b)+d)/2) / 4
			require.InDelta(t, want, float64(g.Mag[y*img.W+x]), 1e-3*want+1e-6, "pixel %d,%d", x, y)
		}
	}
}

// TestGradFieldFloor: with a floor the field is the plain one wherever
// the plain strength reaches the floor and zero (strength and normal)
// elsewhere, on noise faint and strong enough to straddle it.
func TestGradFieldFloor(t *testing.T) {
	for _, tc := range []struct {
		name  string
		amp   int
		floor float32
	}{
		{"faint noise, floor 4", 3, 4},
		{"strong noise, floor 4", 12, 4},
		{"card on noise, floor 10", 6, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := noisyRGB(80, 60, [3]uint8{120, 90, 60}, tc.amp, 7)
			if tc.floor == 10 {
				img = sceneWithCards(80, 60, cardQuad(40, 30, 40, 8))
			}
			plain := colorGradient(img)
			var g gradField
			g.compute(img, tc.floor)
			below := 0
			for i := range plain.Mag {
				if plain.Mag[i] >= tc.floor {
					require.Equal(t, plain.Mag[i], g.Mag[i], "pixel %d", i)
					require.Equal(t, plain.NX[i], g.NX[i], "pixel %d", i)
					require.Equal(t, plain.NY[i], g.NY[i], "pixel %d", i)
					continue
				}
				if plain.Mag[i] > 0 {
					below++
				}
				require.LessOrEqual(t, g.Mag[i], plain.Mag[i], "pixel %d", i)
				if g.Mag[i] == 0 {
					require.Zero(t, g.NX[i])
					require.Zero(t, g.NY[i])
				}
			}
			assert.Positive(t, below, "the image must have pixels below the floor")
		})
	}
}

// TestFastFloorSameOutlines: Fast mode's gradient floor (10) changes no
// outline of a clearly bordered card; the scores move only by the side
// supports between 4 and the floor, which the floor reads as zero.
func TestFastFloorSameOutlines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cards []Quad
	}{
		{"one card", []Quad{cardQuad(320, 240, 300, 5)}},
		{"tilted card", []Quad{{{150, 120}, {470, 128}, {466, 330}, {146, 322}}}},
		{"two cards", []Quad{cardQuad(170, 240, 220, -4), cardQuad(470, 240, 220, 3)}},
		{"no card", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := sceneWithCards(640, 480, tc.cards...)
			opt := DetectOptions{Fast: true}
			cfg := configFor(opt)
			require.Positive(t, cfg.gradFloor)
			got := detectWith(img, opt, cfg)
			cfg.gradFloor = 0
			want := detectWith(img, opt, cfg)
			require.Len(t, got, len(want))
			require.Len(t, got, len(tc.cards))
			for i := range want {
				assert.Equal(t, want[i].Quad, got[i].Quad)
				assert.InDelta(t, want[i].Score, got[i].Score, 0.01)
			}
		})
	}
}
