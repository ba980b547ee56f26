package preflight

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestCheckExposure(t *testing.T) {
	s := synthCard(t, 600, 1)
	tests := []struct {
		name string
		ev   float64
		fail bool
	}{
		{"unchanged", 0, false},
		{"+0.4 EV passes", 0.4, false},
		{"-0.4 EV passes", -0.4, false},
		{"-2 EV passes", -2, false},
		{"-3.5 EV fails dark", -3.5, true},
		{"-4.5 EV fails dark", -4.5, true},
		{"+2.2 EV fails bright", 2.2, true},
		{"+3 EV fails bright", 3, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Report{Width: s.Img.W, Height: s.Img.H, Metrics: map[string]float64{}}
			checkExposure(rep, flatCard(t, synth.Exposure(s.Img, tc.ev), s), DefaultThresholds())
			for _, is := range rep.Issues {
				require.Equal(t, CodeExposure, is.Code)
			}
			assert.Equal(t, tc.fail, rep.Failed(CodeExposure), "mean luma %.1f", rep.Metrics["doc_mean_luma"])
		})
	}
}

func TestMeasureExposureIgnoresPadding(t *testing.T) {
	// A card running past the left edge of the frame: the warp pads with
	// the edge column, which only the mask keeps out of the count.
	s := synthCard(t, 600, 1)
	full := measureExposure(flatCard(t, s.Img, s))
	q := s.Quads[0]
	for i := range q {
		q[i].X -= 300
	}
	shifted := vision.NewRGB(s.Img.W, s.Img.H)
	for y := range s.Img.H {
		copy(shifted.Pix[3*y*s.Img.W:3*(y+1)*s.Img.W-900], s.Img.Pix[3*y*s.Img.W+900:3*(y+1)*s.Img.W])
	}
	r, err := rectify(shifted, 1, q, IDCard, vision.WarpQuad)
	require.NoError(t, err)
	got := measureExposure(r)
	assert.InDelta(t, r.maskFraction()*float64(len(r.gray.Pix)), float64(got.sampleCount), 1)
	assert.Less(t, got.sampleCount, full.sampleCount)
}

func TestCheckFrameExposure(t *testing.T) {
	// With no document found, the whole picture is judged.
	scene := synth.NewScene(640, 480, synth.Wood, 3).Img
	tests := []struct {
		name string
		ev   float64
		fail bool
	}{
		{"normal", 0, false},
		{"-4 EV", -4, true},
		{"+3 EV", 3, true},
	}
	for _, tc := range tests {
		for _, samples := range []int{frameSamples, liveFrameSamples} {
			t.Run(fmt.Sprintf("%s/%d samples", tc.name, samples), func(t *testing.T) {
				rep := &Report{Width: scene.W, Height: scene.H, Metrics: map[string]float64{}}
				checkFrameExposure(rep, synth.Exposure(scene, tc.ev), DefaultThresholds(), samples)
				assert.Equal(t, tc.fail, rep.Failed(CodeExposure), "metrics %v", rep.Metrics)
				if tc.fail {
					assert.Equal(t, []Region{{X: 0, Y: 0, W: 640, H: 480}}, rep.Issues[0].Regions)
				}
			})
		}
	}
}

// TestLiveFrameExposureGrid: the live grid's statistics are the dense
// grid's to a fraction of a grey level (mean) and of a percent (clipped
// shares), on a normal and on a burnt-out picture.
func TestLiveFrameExposureGrid(t *testing.T) {
	scene := synth.NewScene(640, 480, synth.Wood, 3).Img
	for _, ev := range []float64{0, 3} {
		img := synth.Exposure(scene, ev)
		dense, live := measureFrameExposure(img, frameSamples), measureFrameExposure(img, liveFrameSamples)
		assert.Less(t, live.sampleCount, dense.sampleCount/3, "EV %v: the live grid is sparser", ev)
		assert.InDelta(t, dense.mean, live.mean, 0.5, "EV %v", ev)
		assert.InDelta(t, dense.brightFrac, live.brightFrac, 0.01, "EV %v", ev)
		assert.InDelta(t, dense.darkFrac, live.darkFrac, 0.01, "EV %v", ev)
	}
}
