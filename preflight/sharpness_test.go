package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// blurIssue runs checkSharpness and returns the 826 severity ("" = none).
func blurIssue(t *testing.T, r *rectified) (Severity, *Report) {
	t.Helper()
	rep := &Report{Width: 1, Height: 1, Metrics: map[string]float64{}}
	checkSharpness(rep, r, DefaultThresholds())
	var got Severity
	for _, is := range rep.Issues {
		require.Equal(t, CodeBlurry, is.Code)
		got = is.Severity
	}
	return got, rep
}

func TestCheckSharpnessBlur(t *testing.T) {
	// The card is 1000 px wide, so sigma is in rectified pixels, the
	// units of the dev set's blur variants (σ = 3 or 5 fail, 0.6 passes).
	s := synthCard(t, 1000, 1)
	tests := []struct {
		name    string
		degrade func(*vision.RGB) *vision.RGB
		fail    bool
	}{
		{"sharp", func(m *vision.RGB) *vision.RGB { return m }, false},
		{"gaussian 0.6", func(m *vision.RGB) *vision.RGB { return synth.GaussianBlur(m, 0.6) }, false},
		{"gaussian 1.5", func(m *vision.RGB) *vision.RGB { return synth.GaussianBlur(m, 1.5) }, false},
		{"gaussian 3", func(m *vision.RGB) *vision.RGB { return synth.GaussianBlur(m, 3) }, true},
		{"gaussian 5", func(m *vision.RGB) *vision.RGB { return synth.GaussianBlur(m, 5) }, true},
		{"motion 25 px", func(m *vision.RGB) *vision.RGB { return synth.MotionBlur(m, 25, 30) }, true},
		{"noise 28 is not blur", func(m *vision.RGB) *vision.RGB { return synth.Noise(m, 28, 1) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, rep := blurIssue(t, flatCard(t, tc.degrade(s.Img), s))
			assert.Equal(t, tc.fail, got == Fail, "metrics %v", rep.Metrics)
		})
	}
}

func TestSharpnessResolutionInvariant(t *testing.T) {
	// The same card photographed at 3000 px and, by a sensor with pixels
	// three times larger, at 1000 px must score alike.
	big := synthCard(t, 3000, 2)
	small, err := big.Scaled(1.0 / 3)
	require.NoError(t, err)
	hi := measureSharpness(flatCard(t, big.Img, big))
	lo := measureSharpness(flatCard(t, small.Img, small))
	require.Greater(t, lo.lapVar, 0.0)
	assert.InEpsilon(t, hi.lapVar, lo.lapVar, 0.15)
	assert.InEpsilon(t, hi.edgeRatio, lo.edgeRatio, 0.15)
}

func TestSharpnessNoiseRobust(t *testing.T) {
	s := synthCard(t, 1000, 3)
	clean := measureSharpness(flatCard(t, s.Img, s))
	noisy := measureSharpness(flatCard(t, synth.Noise(s.Img, 10, 3), s))
	assert.InEpsilon(t, clean.lapVar, noisy.lapVar, 0.15)
}
