package preflight

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
)

func TestEstimateJPEGQuality(t *testing.T) {
	s := synthCard(t, 300, 1)
	for _, q := range []int{5, 10, 20, 35, 50, 75, 80, 95} {
		data, err := synth.EncodeJPEG(s.Img, q)
		require.NoError(t, err)
		got, ok := estimateJPEGQuality(readJPEGFacts(data))
		require.True(t, ok)
		assert.InDelta(t, q, got, 1, "encoded at %d", q)
	}
	_, ok := estimateJPEGQuality(&jpegFacts{})
	assert.False(t, ok, "no tables")
	_, ok = estimateJPEGQuality(nil)
	assert.False(t, ok)
}

// checkCodes runs the whole check on data with the scene's ground-truth
// quad and returns the report.
func checkWithQuad(t *testing.T, data []byte, s *synth.Scene) *Report {
	t.Helper()
	rep, err := Check(context.Background(), data, WithDocumentQuads(quadFromVision(s.Quads[0])))
	require.NoError(t, err)
	return rep
}

func TestCheckCompression(t *testing.T) {
	s := synthCard(t, 700, 1)
	jpeg := func(q int) func() ([]byte, error) {
		return func() ([]byte, error) { return synth.EncodeJPEG(s.Img, q) }
	}
	// recompressed decodes a JPEG of quality q and stores it losslessly:
	// the tables are gone, the blocks stay.
	recompressed := func(q int) func() ([]byte, error) {
		return func() ([]byte, error) {
			m, err := synth.JPEGRoundTrip(s.Img, q)
			if err != nil {
				return nil, err
			}
			return synth.EncodePNG(m)
		}
	}
	tests := []struct {
		name   string
		encode func() ([]byte, error)
		fail   bool
	}{
		{"jpeg q5", jpeg(5), true},
		{"jpeg q10", jpeg(10), true},
		{"jpeg q30", jpeg(30), false},
		{"jpeg q80", jpeg(80), false},
		{"jpeg q95", jpeg(95), false},
		{"png of a q8 jpeg", recompressed(8), true},
		{"png of a q80 jpeg", recompressed(80), false},
		{"png", func() ([]byte, error) { return synth.EncodePNG(s.Img) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.encode()
			require.NoError(t, err)
			rep := checkWithQuad(t, data, s)
			assert.Equal(t, tc.fail, rep.Failed(CodeCompressed), "metrics %v", rep.Metrics)
		})
	}
}
