package preflight

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sizeCurve is a monotone estimate of the bytes at table scale s (per
// mille): a power law, with steps of the given width where neighbouring
// scales round to the same tables.
func sizeCurve(at1000 float64, gamma float64, step int) func(s int) (int, error) {
	return func(s int) (int, error) {
		s -= s % step
		return int(at1000 * math.Pow(1000/float64(s), gamma)), nil
	}
}

func TestBisectFitsAndStopsEarly(t *testing.T) {
	const target = 1_994_000
	tests := []struct {
		name     string
		in       RecompressInput
		estimate func(int) (int, error)
		calib    float64
	}{
		{"smooth curve, input known", RecompressInput{Width: 4000, Height: 3000, Bytes: 3_400_000, Quality: 95}, sizeCurve(900_000, 1.1, 1), 1},
		{"steps of 4 per mille", RecompressInput{Width: 4000, Height: 3000, Bytes: 5_700_000, Quality: 95}, sizeCurve(1_500_000, 0.9, 4), 1},
		{"steep curve, no input quality", RecompressInput{Width: 6000, Height: 4000}, sizeCurve(1_200_000, 2.2, 1), 1},
		{"samples reading low", RecompressInput{Width: 4000, Height: 3000, Bytes: 5_700_000, Quality: 95}, sizeCurve(1_500_000, 0.9, 1), 1.02},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sr := scaleSearch{in: tt.in, estimate: tt.estimate, calib: tt.calib, fine: qualityMille(92) - 1, coarse: qualityMille(60) + 1}
			s, err := sr.bisect(target)
			require.NoError(t, err)
			require.Less(t, s, sr.coarse, "a scale that fits exists")
			n, _ := tt.estimate(s)
			got := int(float64(n) * tt.calib)
			assert.LessOrEqual(t, got, target, "the scale returned fits")
			// The finest scale that fits, by brute force.
			best := s
			for f := s - 1; f > sr.fine; f-- {
				if n, _ := tt.estimate(f); int(float64(n)*tt.calib) <= target {
					best = f
				}
			}
			bestN, _ := tt.estimate(best)
			close := float64(got) >= float64(target)*(1-transcodeStopMargin)
			assert.True(t, close || s-best <= max(1, s/100),
				"scale %d (%d B) against the finest that fits %d (%d B)", s, got, best, int(float64(bestN)*tt.calib))
			assert.LessOrEqual(t, len(sr.order), 8, "samples taken: %v", sr.order)
		})
	}
}

func TestBisectCountsEachSampleOnce(t *testing.T) {
	calls := map[int]int{}
	curve := sizeCurve(900_000, 1.1, 1)
	sr := scaleSearch{
		in: RecompressInput{Width: 4000, Height: 3000, Bytes: 3_400_000, Quality: 95},
		estimate: func(s int) (int, error) {
			calls[s]++
			return curve(s)
		},
		calib: 1, fine: qualityMille(92) - 1, coarse: qualityMille(60) + 1,
	}
	first, err := sr.bisect(1_994_000)
	require.NoError(t, err)
	// An exact count that missed by 3 %: the search goes on from the
	// samples it has, coarser than the miss.
	sr.fine = first
	sr.calib = 1.03
	second, err := sr.bisect(1_994_000)
	require.NoError(t, err)
	assert.Greater(t, second, first)
	for s, n := range calls {
		assert.Equal(t, 1, n, "scale %d sampled %d times", s, n)
	}
}
