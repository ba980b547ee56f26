package vision

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCuesAsSequential checks that the passes beside the segment search
// give what they give run in order, on one core and on several (run with
// -race: the detector reads the results while nothing writes them).
func TestCuesAsSequential(t *testing.T) {
	work := sceneWithCards(800, 600, cardQuad(400, 300, 420, 8))
	short := 600.0
	quads := []Quad{cardQuad(400, 300, 420, 8), cardQuad(200, 150, 100, 0)}
	propose := func(*RGB) []Quad { return quads }
	full := configFor(DetectOptions{})
	tests := []struct {
		name    string
		cfg     detectConfig
		propose func(*RGB) []Quad
		procs   int
	}{
		{"full detector, two cores", full, propose, 2},
		{"full detector, one core", full, propose, 1},
		{"full detector without candidates", full, nil, 2},
		{"fast mode", configFor(DetectOptions{Fast: true}), propose, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(tc.procs))
			c := startCues(work, short, tc.cfg, tc.propose)
			c.waitSegments()
			if tc.cfg.coarse {
				assert.Equal(t, coarseSegments(work, short), c.coarse)
				assert.NotEmpty(t, c.coarse, "the card's borders")
			} else {
				assert.Empty(t, c.coarse)
			}
			c.wait()
			assert.Equal(t, newMRZCue(tc.cfg.mrz, work), c.zones)
			hp := hypoParams{W: 800, H: 600, Aspects: []float64{AspectID1}, MinSide: 36, MinArea: 0.02 * 800 * 600}
			got := c.candidates(work, hp, tc.propose)
			assert.Equal(t, candidateHypotheses(tc.propose, work, hp), got)
			if tc.propose != nil {
				assert.NotEmpty(t, got, "the proposed card outline is plausible")
			}
		})
	}
}

// TestCuesPanicOnCaller: a pass panicking on the second goroutine panics
// again in the caller's wait, as the sequential order would, instead of
// ending the process.
func TestCuesPanicOnCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	work := sceneWithCards(800, 600, cardQuad(400, 300, 420, 8))
	propose := func(*RGB) []Quad { panic("proposer failed") }
	assert.PanicsWithValue(t, "proposer failed", func() {
		DetectDocuments(work, DetectOptions{Candidates: propose})
	})
	if runtime.GOARCH == "wasm" {
		return // one goroutine: the passes run, and panic, inside startCues
	}
	c := startCues(work, 600, configFor(DetectOptions{}), propose)
	assert.NotPanics(t, c.waitSegments, "the segments were found")
	assert.PanicsWithValue(t, "proposer failed", c.wait)
}
