package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCountSampleOfEveryMCUIsTheCount(t *testing.T) {
	for _, in := range coefInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			c, err := decodeCoefs(in.data, DefaultMaxPixels)
			require.NoError(t, err)
			tables, err := c.tablesAt(qualityMille(60))
			require.NoError(t, err)
			want := c.count(tables)
			got, k := c.countSample(tables, 1)
			assert.InDelta(t, 1, k, 1e-12)
			assert.Equal(t, want.freq, got.freq)
			assert.Equal(t, want.extra, got.extra)
			assert.Equal(t, want.dataBytes(), got.dataBytes())
			assert.Nil(t, got.syms, "a sample keeps no symbols")
		})
	}
}

func TestCountSampleTakesEveryRowAndColumn(t *testing.T) {
	// A page of text lines and leading: a sample of whole MCU rows can
	// meet the lines at one phase of their pitch only; the diagonal
	// sample must read the whole within a percent.
	c, err := decodeCoefs(encodeTest(t, photo(t, contentText, 1280, 1024, 7), 95), DefaultMaxPixels)
	require.NoError(t, err)
	for _, q := range []int{90, 70} {
		tables, err := c.tablesAt(qualityMille(q))
		require.NoError(t, err)
		exact := float64(c.count(tables).dataBytes())
		st, k := c.countSample(tables, transcodeSampleStep)
		assert.InDelta(t, float64(c.mcusX*c.mcusY)/float64(transcodeSampleStep), float64(c.mcusX*c.mcusY)/k, float64(c.mcusY), "one MCU in step sampled")
		assert.InEpsilon(t, exact, float64(st.dataBytes())*k, 0.01, "quality %d", q)
	}
}
