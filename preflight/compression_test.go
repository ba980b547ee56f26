package preflight

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
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

// blockImage is a w×h image of size×size blocks of slowly varying levels
// with a faint texture inside each block: steps at the block edges only.
func blockImage(w, h, size int) *vision.Gray {
	g := vision.NewGray(w, h)
	for y := range h {
		for x := range w {
			bx, by := x/size, y/size
			g.Pix[y*w+x] = uint8(100 + (bx*7+by*13)%11 + (x+y)%2)
		}
	}
	return g
}

func TestMeasureBlockinessPeriods(t *testing.T) {
	tests := []struct {
		name   string
		g      *vision.Gray
		period int
		min    float64 // the measure is at least
		max    float64 // and at most
	}{
		{"8 px blocks at the photo's resolution", blockImage(256, 192, 8), 8, 3, 100},
		{"4 px blocks of a 1/2 reduced decode", blockImage(128, 96, 4), 4, 3, 100},
		{"texture without blocks, period 8", blockImage(256, 192, 1), 8, 0.9, 1.1},
		{"texture without blocks, period 4", blockImage(128, 96, 1), 4, 0.9, 1.1},
		{"2 px blocks are not measured", blockImage(128, 96, 2), 2, 1, 1},
		{"too small to measure at period 4", blockImage(30, 30, 4), 4, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := measureBlockiness(tt.g, tt.period)
			assert.GreaterOrEqual(t, b, tt.min)
			assert.LessOrEqual(t, b, tt.max)
		})
	}
}

func TestBlockPeriod(t *testing.T) {
	for _, tc := range []struct {
		scale float64
		want  int
	}{{1, 8}, {2, 4}, {1.9995, 4}, {4, 0}, {8, 0}} {
		assert.Equal(t, tc.want, blockPeriod(tc.scale), "scale %v", tc.scale)
	}
}
