package synth

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestDownscale(t *testing.T) {
	tests := []struct {
		name       string
		w, h       int
		f          float64
		wantW, wan int
	}{
		{"half", 100, 60, 0.5, 50, 30},
		{"third", 99, 30, 1.0 / 3, 33, 10},
		{"non-integer", 101, 57, 0.37, 37, 21},
		{"identity", 10, 10, 1, 10, 10},
		{"tiny", 10, 10, 0.01, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Downscale(flat(tc.w, tc.h, 173), tc.f)
			require.NoError(t, err)
			assert.Equal(t, tc.wantW, out.W)
			assert.Equal(t, tc.wan, out.H)
			for _, v := range out.Pix {
				assert.Equal(t, uint8(173), v)
			}
		})
	}
	for _, f := range []float64{0, -1, 1.5} {
		_, err := Downscale(flat(4, 4, 0), f)
		assert.ErrorIs(t, err, ErrBadScene, "factor %v", f)
	}
}

func TestDownscaleAveragesAreas(t *testing.T) {
	m := vision.NewRGB(4, 2) // columns 0,255,0,255
	for y := range 2 {
		for x := 1; x < 4; x += 2 {
			m.Pix[3*(y*4+x)] = 255
		}
	}
	out, err := Downscale(m, 0.5)
	require.NoError(t, err)
	assert.Equal(t, []uint8{128, 0, 0, 128, 0, 0}, out.Pix)
}

func TestSceneScaledKeepsGroundTruth(t *testing.T) {
	s := NewScene(640, 480, Plain, 1)
	doc := NewDocument(ID1, 1)
	require.NoError(t, s.Place(doc, Pose{Center: vision.Point{X: 320, Y: 240}, Width: 400, Roll: 12}.Quad(doc.Aspect()), 0))
	small, err := s.Scaled(0.25)
	require.NoError(t, err)
	assert.Equal(t, 160, small.Img.W)
	assert.Equal(t, 120, small.Img.H)
	for i := range 4 {
		assert.InDelta(t, s.Quads[0][i].X/4, small.Quads[0][i].X, 1e-9)
		assert.InDelta(t, s.Portraits[0][i].Y/4, small.Portraits[0][i].Y, 1e-9)
	}
	assert.Len(t, s.Quads, 1, "the original scene is unchanged")
}
