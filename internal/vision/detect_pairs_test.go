package vision

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bruteCrossing is the all-pairs test whose candidates pairIndex narrows.
func bruteCrossing(pairs []linePair, pi int) []int32 {
	var out []int32
	for qi := pi + 1; qi < len(pairs); qi++ {
		a, b := pairs[pi].n, pairs[qi].n
		if math.Abs(a.X*b.X+a.Y*b.Y) <= cosCrossing {
			out = append(out, int32(qi))
		}
	}
	return out
}

// unitAt is the unit vector at angle a.
func unitAt(a float64) Point { return Point{math.Cos(a), math.Sin(a)} }

func TestPairIndexCrossingIsTheAllPairsTest(t *testing.T) {
	edge := math.Acos(cosCrossing)
	rng := rand.New(rand.NewSource(7))
	random := make([]linePair, 300)
	for i := range random {
		random[i].n = unitAt(rng.Float64() * 2 * math.Pi)
	}
	// Mostly one way, as a wood grain's lines: the case the index is for.
	grain := make([]linePair, 200)
	for i := range grain {
		a := 0.3 + 0.1*rng.NormFloat64()
		if i%10 == 0 {
			a += math.Pi / 2
		}
		grain[i].n = unitAt(a)
	}
	// Normals exactly at and next to the crossing threshold, on both
	// sides of the wrap at 0 / π, and opposite normals.
	var edges []linePair
	for _, base := range []float64{0, 1e-9, math.Pi - 1e-9, 0.5, math.Pi / 2} {
		for _, d := range []float64{0, edge - 1e-7, edge, edge + 1e-7, math.Pi - edge, math.Pi, -edge, math.Pi + edge} {
			edges = append(edges, linePair{n: unitAt(base)}, linePair{n: unitAt(base + d)})
		}
	}
	for _, tc := range []struct {
		name  string
		pairs []linePair
		// narrow: the index proposes under half of the pairs after each
		// (what it is for).
		narrow bool
	}{
		{"random", random, false},
		{"grain", grain, true},
		{"threshold", edges, false},
		{"one pair", random[:1], false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var x pairIndex
			x.build(tc.pairs)
			crossings, proposed, after := 0, 0, 0
			for pi := range tc.pairs {
				proposed += len(x.crossing(pi))
				after += len(tc.pairs) - 1 - pi
				want := bruteCrossing(tc.pairs, pi)
				a := tc.pairs[pi].n
				crossings += len(want)
				var got []int32
				for _, q := range x.crossing(pi) {
					if b := tc.pairs[q].n; math.Abs(a.X*b.X+a.Y*b.Y) <= cosCrossing {
						got = append(got, q)
					}
				}
				assert.Equal(t, want, got, "pair %d", pi)
			}
			if tc.narrow {
				assert.Less(t, proposed, after/2)
			}
			if len(tc.pairs) > 1 {
				require.Positive(t, crossings, "the case must have crossing pairs")
			}
		})
	}
}

func TestCrossWindowBelowTheThreshold(t *testing.T) {
	gap := math.Acos(cosCrossing) - crossWindow
	assert.Greater(t, gap, 0.01)
	assert.Less(t, gap, 0.03)
}
