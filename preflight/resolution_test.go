package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
)

// lumaNoise is the luma σ of independent per-channel noise σ under the
// Rec. 601 weights.
const lumaNoise = 0.668

func TestEstimateNoise(t *testing.T) {
	s := synthCard(t, 700, 1)
	clean := estimateNoise(cropSource(s.Img, 1, s.Quads[0]))
	assert.Less(t, clean, 2.0, "the rendered card has next to no noise")
	for _, sigma := range []float64{6, 12, 28} {
		got := estimateNoise(cropSource(synth.Noise(s.Img, sigma, 7), 1, s.Quads[0]))
		assert.InEpsilon(t, sigma*lumaNoise, got, 0.2, "sigma %v", sigma)
	}
}

func TestCheckResolution(t *testing.T) {
	tests := []struct {
		name     string
		docWidth float64
		noise    float64
		want     Severity
	}{
		{"600 px card", 600, 0, ""},
		{"300 px card (3.5 px/mm)", 300, 0, ""},
		{"250 px card (2.9 px/mm) warns", 250, 0, Warn},
		{"200 px card (2.3 px/mm)", 200, 0, Fail},
		{"600 px card, mild noise", 600, 8, ""},
		{"600 px card, heavy noise", 600, 28, Fail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synthCard(t, tc.docWidth, 1)
			img := s.Img
			if tc.noise > 0 {
				img = synth.Noise(img, tc.noise, 1)
			}
			rep := &Report{Width: img.W, Height: img.H, Metrics: map[string]float64{}}
			checkResolution(rep, flatCard(t, img, s), cropSource(img, 1, s.Quads[0]), DefaultThresholds())
			var got Severity
			for _, is := range rep.Issues {
				require.Equal(t, CodeLivenessQuality, is.Code)
				got = is.Severity
			}
			assert.Equal(t, tc.want, got, "metrics %v", rep.Metrics)
			assert.InEpsilon(t, tc.docWidth/85.6, rep.Metrics["px_per_mm"], 0.05)
		})
	}
}
