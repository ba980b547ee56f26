package preflight

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// panicFaces is an engine whose face detector panics, as a broken
// cascade would.
type panicFaces struct{ goEngine }

func (panicFaces) detectFaces(*vision.Gray, int, int) []vision.Face { panic("cascade failed") }

// TestPortraitJobKeepsTheSequentialAnswer: the search started beside the
// other stages reports what checkPortrait reports in place, on one core
// and on two, for a card with a face, one without (the whole-photo
// fallback runs) and one without and no fallback.
func TestPortraitJobKeepsTheSequentialAnswer(t *testing.T) {
	face := graceHopper(t)
	lim := DefaultThresholds()
	for _, tc := range []struct {
		name     string
		face     *vision.RGB
		fallback bool
	}{
		{"face", face, true},
		{"empty with fallback", nil, true},
		{"empty without fallback", nil, false},
	} {
		s := placed(t, portraitDoc(t, synth.ID1, tc.face), quadOf[synth.ID1])
		rect, err := rectify(s.Img, 1, s.Quads[0], IDCard, vision.WarpQuad)
		require.NoError(t, err)
		frame := s.Img
		if !tc.fallback {
			frame = nil
		}
		newReport := func() *Report {
			return &Report{Width: s.Img.W, Height: s.Img.H, Metrics: map[string]float64{}, TimingsMS: map[string]float64{}, Document: &Document{}}
		}
		want := newReport()
		checkPortrait(want, goEngine{}, rect, frame, 1, lim)
		for _, procs := range []int{1, 2} {
			t.Run(tc.name, func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				got := newReport()
				j := startPortrait(goEngine{}, rect, frame, 1, got.Width, got.Height, lim)
				reportPortrait(got, rect, j.wait(), lim)
				assert.Equal(t, want.Issues, got.Issues)
				assert.Equal(t, want.Metrics, got.Metrics)
				assert.Equal(t, want.Document, got.Document)
				_, wantFrame := want.TimingsMS["portrait_frame"]
				_, gotFrame := got.TimingsMS["portrait_frame"]
				assert.Equal(t, wantFrame, gotFrame, "the fallback's timing is reported when it ran")
			})
		}
	}
}

// TestPortraitJobPanicOnCaller: a search that panics on the second
// goroutine panics again in the caller's wait, or in drain when the
// check ended before waiting, as the sequential search panicked in the
// caller; a search that was waited for is not drained twice.
func TestPortraitJobPanicOnCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	s := placed(t, portraitDoc(t, synth.ID1, nil), quadOf[synth.ID1])
	rect, err := rectify(s.Img, 1, s.Quads[0], IDCard, vision.WarpQuad)
	require.NoError(t, err)
	lim := DefaultThresholds()
	start := func(eng engine) *portraitJob { return startPortrait(eng, rect, nil, 1, s.Img.W, s.Img.H, lim) }

	assert.PanicsWithValue(t, "cascade failed", func() { start(panicFaces{}).wait() })
	if runtime.GOARCH != "wasm" { // one goroutine: an unwaited search never ran
		assert.PanicsWithValue(t, "cascade failed", func() { start(panicFaces{}).drain() })
	}
	j := start(goEngine{})
	j.wait()
	assert.NotPanics(t, j.drain)
	var none *portraitJob
	assert.NotPanics(t, none.drain, "no search was started")
}
