package synth

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestNewLookalikeScene(t *testing.T) {
	doc := solidDocument(rgb{200, 190, 180}, rgb{40, 40, 40})
	hb := int(doc.Kind.layout().header * float64(doc.Img.H))
	fillRect(doc.Img, vision.Rect{X1: doc.Img.W, Y1: hb}, rgb{120, 80, 160})
	tests := []struct {
		name  string
		part  Part
		delta float64
		want  [3]float64
	}{
		{"header colour, 12 levels off", Header, 12, [3]float64{120, 80, 160}},
		{"paper colour, 12 levels off", Paper, 12, [3]float64{200, 190, 180}},
		{"header colour exactly", Header, 0, [3]float64{120, 80, 160}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewLookalikeScene(320, 240, doc, tc.part, tc.delta, 5)
			require.NoError(t, err)
			mean, spread := planeStats(s.Img)
			for c := range 3 {
				// Clamping at 0 and 255 moves the mean by less than a
				// level for these colours.
				assert.InDelta(t, tc.delta, math.Abs(mean[c]-tc.want[c]), 1, "channel %d", c)
			}
			assert.Greater(t, spread, 10.0, "the grain keeps its contrast")
			again, err := NewLookalikeScene(320, 240, doc, tc.part, tc.delta, 5)
			require.NoError(t, err)
			assert.Equal(t, s.Img.Pix, again.Img.Pix, "same seed, same pixels")
		})
	}
}

func TestNewLookalikeSceneErrors(t *testing.T) {
	doc := NewDocument(ID1, 1)
	tests := []struct {
		name  string
		doc   *Document
		delta float64
	}{
		{"nil document", nil, 10},
		{"document without pixels", &Document{}, 10},
		{"negative delta", doc, -1},
		{"NaN delta", doc, math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewLookalikeScene(64, 48, tc.doc, Header, tc.delta, 1)
			assert.ErrorIs(t, err, ErrBadScene)
		})
	}
}

func TestPartString(t *testing.T) {
	assert.Equal(t, "header", Header.String())
	assert.Equal(t, "paper", Paper.String())
}

// planeStats is the mean of each channel and the standard deviation of
// the first.
func planeStats(m *vision.RGB) (mean [3]float64, sd float64) {
	n := float64(m.W * m.H)
	for i, v := range m.Pix {
		mean[i%3] += float64(v) / n
	}
	for i := 0; i < len(m.Pix); i += 3 {
		d := float64(m.Pix[i]) - mean[0]
		sd += d * d / n
	}
	return mean, math.Sqrt(sd)
}

func BenchmarkNewLookalikeScene(b *testing.B) {
	doc := NewDocument(ID1, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewLookalikeScene(640, 480, doc, Header, 12, 1); err != nil {
			b.Fatal(err)
		}
	}
}
