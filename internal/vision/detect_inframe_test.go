package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPreferInFrame(t *testing.T) {
	// The winner's right side (line 9) runs past a 500-px frame; the
	// alternatives share some of its sides (lines 1, 2, 3).
	off := hypothesis{Q: Quad{{100, 100}, {520, 100}, {520, 380}, {100, 380}}, Lines: [4]int{1, 9, 2, 3}, Rank: 0.8, Visible: 0.95}
	in := hypothesis{Q: Quad{{100, 100}, {460, 100}, {460, 380}, {100, 380}}, Lines: [4]int{1, 7, 2, 3}, Rank: 0.6, Visible: 1}
	tests := []struct {
		name string
		hyps []hypothesis
		want Quad // the winner afterwards
	}{
		{"three shared sides, inside the frame: lifted", []hypothesis{off, in}, in.Q},
		{"winner inside the frame: kept", []hypothesis{func() hypothesis { h := off; h.Visible = 0.99; return h }(), in}, off.Q},
		{"alternative out of reach: kept", []hypothesis{off, func() hypothesis { h := in; h.Rank = 0.5; return h }()}, off.Q},
		{"alternative also off the frame: kept", []hypothesis{off, func() hypothesis { h := in; h.Visible = 0.98; return h }()}, off.Q},
		{"two shared sides only: kept", []hypothesis{off, func() hypothesis { h := in; h.Lines = [4]int{1, 7, 8, 3}; return h }()}, off.Q},
		{"extrapolated sides do not count as shared", []hypothesis{
			func() hypothesis { h := off; h.Lines = [4]int{1, 9, 2, -1}; return h }(),
			func() hypothesis { h := in; h.Lines = [4]int{1, 7, 2, -1}; return h }(),
		}, Quad{{100, 100}, {520, 100}, {520, 380}, {100, 380}}},
		{"larger alternative: kept", []hypothesis{off, func() hypothesis {
			h := in
			h.Q = Quad{{50, 50}, {480, 50}, {480, 420}, {50, 420}}
			return h
		}()}, off.Q},
		{"winner's off-frame side placed by the aspect prior: kept", []hypothesis{
			func() hypothesis { h := off; h.Lines = [4]int{1, -1, 2, 3}; h.extrapol = true; return h }(), in,
		}, off.Q},
		{"single outline", []hypothesis{off}, off.Q},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hyps := append([]hypothesis(nil), tc.hyps...)
			preferInFrame(hyps)
			assert.Equal(t, tc.want, hyps[0].Q)
			assert.Len(t, hyps, len(tc.hyps))
		})
	}
}

func TestPreferInFrameVouch(t *testing.T) {
	off := hypothesis{Q: Quad{{100, 100}, {520, 100}, {520, 380}, {100, 380}}, Lines: [4]int{1, 9, 2, 3}, Rank: 0.8, Score: 0.75, Visible: 0.95}
	in := hypothesis{Q: Quad{{100, 100}, {460, 100}, {460, 380}, {100, 380}}, Lines: [4]int{1, 7, 2, 3}, Rank: 0.6, Score: 0.5, Visible: 1}
	hyps := []hypothesis{off, in}
	preferInFrame(hyps)
	assert.Equal(t, in.Q, hyps[0].Q)
	assert.InDelta(t, off.Score, hyps[0].vouch, 1e-12, "the displaced outline's score")
	assert.InDelta(t, in.Score, hyps[0].Score, 1e-12, "its own score is kept")
	assert.Zero(t, hyps[1].vouch, "the displaced outline vouches for none")
}

func TestSharedSides(t *testing.T) {
	tests := []struct {
		a, b [4]int
		want int
	}{
		{[4]int{1, 2, 3, 4}, [4]int{1, 2, 3, 4}, 4},
		{[4]int{1, 2, 3, 4}, [4]int{4, 3, 2, 9}, 3},
		{[4]int{1, 2, 3, -1}, [4]int{1, 5, 6, -1}, 1},
		{[4]int{-1, -1, 3, 4}, [4]int{-1, -1, 7, 8}, 0},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, sharedSides(tc.a, tc.b), "%v %v", tc.a, tc.b)
	}
}
