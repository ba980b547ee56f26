package vision

import (
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hypothesesOf enumerates the hypotheses of a small scene with one card,
// as detectWith does before scoring.
func hypothesesOf(t testing.TB) (*gradField, *RGB, []hypothesis, hypoParams) {
	t.Helper()
	img := sceneWithCards(213, 160, Quad{{50, 40}, {157, 43}, {155, 110}, {48, 107}})
	g := colorGradient(img)
	w, h := float64(img.W), float64(img.H)
	short := math.Min(w, h)
	lines := groupLines(findSegments(g, segmentParams{minMag: 4, minLen: math.Max(8, 0.025*short)}), 2)
	hp := hypoParams{
		W: w, H: h, Aspects: []float64{AspectID1, AspectID3},
		MinSide: math.Max(10, 0.06*short), MinArea: minAreaFraction * w * h,
		MaxLines: 32, KeepCheap: 120,
	}
	hyps := enumerateHypotheses(lines, hp)
	require.Greater(t, len(hyps), 20, "enough hypotheses to select from")
	return g, img, hyps, hp
}

func TestScoreHypotheses(t *testing.T) {
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	for _, tc := range []struct {
		name     string
		cfg      detectConfig
		wantKept int // 0: all
	}{
		{"one pass", detectConfig{}, 0},
		{"coarse to fine", detectConfig{coarseStep: 6, fineKeep: 10}, 10},
		{"fewer hypotheses than kept", detectConfig{coarseStep: 6, fineKeep: 100000}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, img, hyps, hp := hypothesesOf(t)
			all := append([]hypothesis(nil), hyps...)
			for i := range all {
				scoreHypothesis(g, img, &all[i], hp, sp)
			}
			got := scoreHypotheses(g, img, hyps, hp, sp, tc.cfg)
			if tc.wantKept == 0 {
				assert.Equal(t, all, got, "every hypothesis scored once, in place")
				return
			}
			require.Len(t, got, tc.wantKept)
			best := all[0]
			for _, h := range all {
				if h.Score > best.Score {
					best = h
				}
			}
			found := false
			for _, h := range got {
				// Each kept hypothesis carries its full (fine) score.
				want := h
				scoreHypothesis(g, img, &want, hp, sp)
				assert.Equal(t, want.Score, h.Score)
				found = found || h.Q == best.Q
			}
			assert.True(t, found, "the best hypothesis survives the coarse pass")
		})
	}
}

// TestScoreHypothesisAbove: below the floor the score is an upper bound
// of the true one that stays below the floor; at or above it, the true
// score.
func TestScoreHypothesisAbove(t *testing.T) {
	g, img, hyps, hp := hypothesesOf(t)
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, step: 6}
	pruned := 0
	for i := range hyps {
		want := hyps[i]
		scoreHypothesis(g, img, &want, hp, sp)
		for _, floor := range []float64{0, want.Score, want.Score * 1.5, 1} {
			got := hyps[i]
			scoreHypothesisAbove(g, img, &got, hp, sp, floor)
			if want.Score >= floor {
				assert.Equal(t, want.Score, got.Score, "hypothesis %d, floor %v", i, floor)
				continue
			}
			assert.GreaterOrEqual(t, got.Score, want.Score, "hypothesis %d, floor %v", i, floor)
			assert.Less(t, got.Score, floor, "hypothesis %d, floor %v", i, floor)
			if got.Score != want.Score {
				pruned++
			}
		}
	}
	assert.Positive(t, pruned, "some outlines skip their overshoot walks")
}

// TestScoreHypothesesCoarseFloorKeepsTheSameOutlines: the coarse pass
// with its rising floor keeps the outlines, in the order, that scoring
// every hypothesis in full at the coarse step and sorting would keep.
func TestScoreHypothesesCoarseFloorKeepsTheSameOutlines(t *testing.T) {
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	for _, keep := range []int{1, 6, 10} {
		g, img, hyps, hp := hypothesesOf(t)
		coarse := sp
		coarse.step = 6
		all := append([]hypothesis(nil), hyps...)
		for i := range all {
			scoreHypothesis(g, img, &all[i], hp, coarse)
		}
		sort.SliceStable(all, func(a, b int) bool { return all[a].Score > all[b].Score })
		got := scoreHypotheses(g, img, hyps, hp, sp, detectConfig{coarseStep: 6, fineKeep: keep})
		require.Len(t, got, keep)
		for i := range got {
			assert.Equal(t, all[i].Q, got[i].Q, "keep %d, outline %d", keep, i)
		}
	}
}
