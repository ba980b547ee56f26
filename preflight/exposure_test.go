package preflight

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// exposeEV scales img in linear light by 2^ev with clipping, as a camera's
// exposure change would.
func exposeEV(img *vision.RGB, ev float64) *vision.RGB {
	var lut [256]uint8
	for v := range 256 {
		c := float64(v) / 255
		lin := math.Pow((c+0.055)/1.055, 2.4)
		if c <= 0.04045 {
			lin = c / 12.92
		}
		lin = math.Min(lin*math.Pow(2, ev), 1)
		s := 1.055*math.Pow(lin, 1/2.4) - 0.055
		if lin <= 0.0031308 {
			s = 12.92 * lin
		}
		lut[v] = uint8(math.Round(255 * s))
	}
	out := vision.NewRGB(img.W, img.H)
	for i, v := range img.Pix {
		out.Pix[i] = lut[v]
	}
	return out
}

// stripes is a w×h image of vertical grey stripes from 60 to 230, a
// document-like spread of tones with mean luma about 145.
func stripes(w, h int) *vision.RGB {
	img := vision.NewRGB(w, h)
	for y := range h {
		for x := range w {
			v := uint8(60 + (x/7)%18*10)
			o := 3 * (y*w + x)
			img.Pix[o], img.Pix[o+1], img.Pix[o+2] = v, v, v
		}
	}
	return img
}

// flatten rectifies the whole of img as a card.
func flatten(t *testing.T, img *vision.RGB) *rectified {
	t.Helper()
	r, err := rectify(img, 1, rectQuad(0, 0, float64(img.W), float64(img.H)), IDCard, vision.WarpQuad)
	require.NoError(t, err)
	return r
}

func TestCheckExposure(t *testing.T) {
	base := stripes(317, 200)
	tests := []struct {
		name string
		ev   float64
		want Severity // "" = no issue
	}{
		{"unchanged", 0, ""},
		{"+0.4 EV passes", 0.4, ""},
		{"-0.4 EV passes", -0.4, ""},
		{"-2.7 EV fails dark", -2.7, Fail},
		{"-3.5 EV fails dark", -3.5, Fail},
		{"+1.5 EV fails bright", 1.5, Fail},
		{"+2.2 EV fails bright", 2.2, Fail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Report{Width: base.W, Height: base.H, Metrics: map[string]float64{}}
			checkExposure(rep, flatten(t, exposeEV(base, tc.ev)), DefaultThresholds())
			var got Severity
			for _, is := range rep.Issues {
				require.Equal(t, CodeExposure, is.Code)
				got = is.Severity
			}
			assert.Equal(t, tc.want, got, "mean luma %.1f", rep.Metrics["doc_mean_luma"])
		})
	}
}

func TestMeasureExposureIgnoresPadding(t *testing.T) {
	// A white image whose quad runs far past the left edge: the padding
	// repeats the edge, so only the valid mask keeps it out of the count.
	img := stripes(400, 400)
	r, err := rectify(img, 1, rectQuad(-300, 50, 317, 439), IDCard, vision.WarpQuad)
	require.NoError(t, err)
	require.NotNil(t, r.valid)
	s := measureExposure(r)
	assert.InDelta(t, r.validFraction()*float64(len(r.gray.Pix)), float64(s.sampleCount), 1)
	assert.InDelta(t, 145, s.mean, 12)
}
