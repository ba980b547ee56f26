package vision

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRankByText(t *testing.T) {
	// Left half: rows of text; right half: blank.
	img := rowsImage(textLines(240))
	textQ := Quad{{10, 40}, {230, 40}, {230, 180}, {10, 180}}
	blankQ := Quad{{250, 40}, {470, 40}, {470, 180}, {250, 180}}
	mk := func() []hypothesis {
		return []hypothesis{{Q: textQ, Score: 0.6, Visible: 1}, {Q: blankQ, Score: 0.8, Visible: 1}, {Q: textQ, Score: 0.5, Visible: 0.9}}
	}
	tests := []struct {
		name string
		n    int
		want []float64 // Rank of the hypotheses, sorted by Score
	}{
		{"off: rank is the score", 0, []float64{0.8, 0.6, 0.5}},
		{"blank outline loses to text", 2, []float64{0.8 * textFloor, 0.6, 0.5 * textFloor}},
		{"all ranked", 3, []float64{0.8 * textFloor, 0.6, 0.5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hyps := mk()
			rankByText(img, hyps, tc.n)
			got := make([]float64, len(hyps))
			for i, h := range hyps {
				got[i] = h.Rank
			}
			assert.InDeltaSlice(t, tc.want, got, 1e-9)
		})
	}
}

// TestRankByTextHalvesAsSequential: with enough outlines to measure on
// two goroutines, every rank is the one measured one after the other
// (GOMAXPROCS 1), and the outlines past n keep the floor weight.
func TestRankByTextHalvesAsSequential(t *testing.T) {
	img := rowsImage(textLines(240))
	mk := func() []hypothesis {
		var hyps []hypothesis
		for i := range 3 * minParallelRows {
			x := float64(10 + 9*i)
			hyps = append(hyps, hypothesis{Q: Quad{{x, 40}, {x + 200, 45}, {x + 195, 180}, {x + 5, 175}}, Score: 1 - 0.01*float64(i), Visible: 1})
		}
		return hyps
	}
	ranks := func(procs, n int) []float64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		hyps := mk()
		rankByText(img, hyps, n)
		out := make([]float64, len(hyps))
		for i, h := range hyps {
			out[i] = h.Rank
		}
		return out
	}
	for _, n := range []int{minParallelRows - 1, minParallelRows, 2*minParallelRows + 1, 5 * minParallelRows} {
		want := ranks(1, n)
		assert.Equal(t, want, ranks(2, n), "n %d", n)
		for i := min(n, len(want)); i < len(want); i++ {
			assert.Equal(t, (1-0.01*float64(i))*textFloor, want[i], "outline %d is past n %d", i, n)
		}
	}
}

func TestTextWeight(t *testing.T) {
	tests := []struct{ rows, want float64 }{
		{0, textFloor},
		{rowsNone, textFloor},
		{(rowsNone + rowsFull) / 2, (1 + textFloor) / 2},
		{rowsFull, 1},
		{5, 1},
	}
	for _, tc := range tests {
		assert.InDelta(t, tc.want, textWeight(tc.rows), 1e-12, "rows %v", tc.rows)
	}
}
