package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScoreAllIsSequential: scored on several goroutines, every
// hypothesis gets the score the one-after-the-other walk gives it, with
// and without the occluder test's shared memory (run with -race too).
func TestScoreAllIsSequential(t *testing.T) {
	for _, tc := range []struct {
		name   string
		copies int // the scene's hypotheses repeated, to cross minParallelScore
		hidden bool
	}{
		{"few: sequential", 1, true},
		{"many", 8, false},
		{"many with the occluder test", 8, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, img, one, hp := hypothesesOf(t)
			var hyps []hypothesis
			for range tc.copies {
				hyps = append(hyps, one...)
			}
			if tc.copies > 1 {
				require.GreaterOrEqual(t, len(hyps), minParallelScore)
			}
			sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, hidden: tc.hidden, steps: new([]float64)}
			want := append([]hypothesis(nil), hyps...)
			for i := range want {
				scoreHypothesis(g, img, &want[i], hp, sp)
			}
			scoreAll(g, img, hyps, hp, sp)
			assert.Equal(t, want, hyps)
		})
	}
}

func BenchmarkScoreAll(b *testing.B) {
	g, img, one, hp := hypothesesOf(b)
	var hyps []hypothesis
	for range 8 {
		hyps = append(hyps, one...)
	}
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, hidden: true, steps: new([]float64)}
	b.ReportAllocs()
	for b.Loop() {
		scoreAll(g, img, hyps, hp, sp)
	}
}
