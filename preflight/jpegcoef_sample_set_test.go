package preflight

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSampleSetCountIsCountSample: the set's counts are countSample's
// (the reference: it reads the image in place), statistics and factor,
// on every kind of coefficient input (restart intervals, grey, 4:4:4,
// 4:2:2, odd sizes) and on larger synthetic photos, at every step the
// search takes and at scales across the search's range.
func TestSampleSetCountIsCountSample(t *testing.T) {
	inputs := coefInputs(t)
	for _, c := range []content{contentText, contentScene, contentNoisy} {
		inputs = append(inputs, coefInput{"1280×1024 " + string(c), encodeTest(t, photo(t, c, 1280, 1024, 9), 95)})
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			c, err := decodeCoefs(in.data, DefaultMaxPixels)
			require.NoError(t, err)
			for _, step := range []int{1, 2, 3, transcodeSampleStep} {
				set := c.sampleSetOf(step)
				for _, s := range []int{qualityMille(98), qualityMille(90), 711, 751, qualityMille(50), qualityMille(20), qualityMille(5)} {
					tables, err := c.tablesAt(s)
					require.NoError(t, err)
					want, wantK := c.countSample(tables, step)
					got, gotK := set.count(c, tables)
					require.Equal(t, wantK, gotK, "step %d, scale %d: factor", step, s)
					require.Equal(t, want.freq, got.freq, "step %d, scale %d", step, s)
					require.Equal(t, want.extra, got.extra, "step %d, scale %d", step, s)
					require.Equal(t, want.intervals, got.intervals, "step %d, scale %d", step, s)
					require.Equal(t, want.dataBytes(), got.dataBytes(), "step %d, scale %d", step, s)
				}
			}
		})
	}
}
