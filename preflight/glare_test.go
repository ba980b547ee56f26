package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestCheckGlare(t *testing.T) {
	s := synthCard(t, 800, 1)
	tests := []struct {
		name string
		u, v float64 // glare centre on the document
		frac float64 // saturated core / document area
		fail bool
	}{
		{"none", 0, 0, 0, false},
		{"tiny highlight 0.1 %", 0.7, 0.4, 0.001, false},
		{"highlight 0.4 % on text", 0.7, 0.4, 0.004, false},
		{"glare 3 % on text", 0.7, 0.4, 0.03, true},
		{"glare 6 % on the portrait", 0.2, 0.5, 0.06, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := s.Img
			var g synth.Glare
			if tc.frac > 0 {
				g = synth.GlareOn(s.Quads[0], tc.u, tc.v, tc.frac)
				img = synth.AddGlare(img, g)
			}
			rep := &Report{Width: img.W, Height: img.H, Metrics: map[string]float64{}}
			checkGlare(rep, flatCard(t, img, s), true, DefaultThresholds())
			for _, is := range rep.Issues {
				require.Equal(t, CodeReflections, is.Code)
				if is.Severity == Fail {
					// The reported region holds the glare's centre.
					require.NotEmpty(t, is.Regions)
					reg := is.Regions[0]
					assert.True(t, g.Center.X >= float64(reg.X) && g.Center.X <= float64(reg.X+reg.W) &&
						g.Center.Y >= float64(reg.Y) && g.Center.Y <= float64(reg.Y+reg.H), "region %+v, centre %+v", reg, g.Center)
				}
			}
			assert.Equal(t, tc.fail, rep.Failed(CodeReflections), "metrics %v", rep.Metrics)
			if tc.frac > 0 {
				assert.InDelta(t, tc.frac, rep.Metrics["glare_fraction"], tc.frac*0.35+0.0005)
			}
		})
	}
}

func TestGlareIgnoresWhiteDocument(t *testing.T) {
	// A plain white card is over-exposure (828), not a reflection.
	img := vision.NewRGB(500, 400)
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	r, err := rectify(img, 1, rectQuad(0, 0, 500, 315), IDCard, vision.WarpQuad)
	require.NoError(t, err)
	s := measureGlare(r, true)
	assert.Zero(t, s.score)
}

func TestPortraitWeighsMore(t *testing.T) {
	s := synthCard(t, 800, 2)
	score := func(u, v float64, front bool) float64 {
		img := synth.AddGlare(s.Img, synth.GlareOn(s.Quads[0], u, v, 0.01))
		return measureGlare(flatCard(t, img, s), front).score
	}
	assert.Greater(t, score(0.2, 0.55, true), score(0.2, 0.55, false))
}
