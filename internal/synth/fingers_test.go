package synth

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestFinger(t *testing.T) {
	pt := func(x, y float64) vision.Point { return vision.Point{X: x, Y: y} }
	s := NewScene(80, 60, Plain, 1)
	before := append([]uint8(nil), s.Img.Pix...)
	require.NoError(t, s.Finger(pt(20, 30), pt(60, 30), 8))
	at := func(x, y int) [3]uint8 {
		i := 3 * (y*s.Img.W + x)
		return [3]uint8{s.Img.Pix[i], s.Img.Pix[i+1], s.Img.Pix[i+2]}
	}
	same := func(x, y int) bool {
		i := 3 * (y*s.Img.W + x)
		return s.Img.Pix[i] == before[i] && s.Img.Pix[i+1] == before[i+1] && s.Img.Pix[i+2] == before[i+2]
	}
	tests := []struct {
		name    string
		x, y    int
		changed bool
	}{
		{"on the axis", 40, 30, true},
		{"past an end, within the radius", 14, 30, true},
		{"beyond the radius", 40, 40, false},
		{"far away", 2, 2, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.changed, !same(tc.x, tc.y))
		})
	}
	axis, side := at(40, 30), at(40, 36)
	assert.Greater(t, axis[0], axis[2], "skin is red over blue")
	assert.Greater(t, int(axis[0])+int(axis[1]), int(side[0])+int(side[1]), "shaded darker towards the sides")
	assert.Empty(t, s.Quads, "a finger is no document")
}

func TestFingerBadRadius(t *testing.T) {
	s := NewScene(20, 20, Plain, 1)
	for _, r := range []float64{0, -3, math.NaN(), math.Inf(1)} {
		err := s.Finger(vision.Point{X: 2, Y: 2}, vision.Point{X: 10, Y: 10}, r)
		assert.True(t, errors.Is(err, ErrBadScene), "radius %v: %v", r, err)
	}
}

func TestFingerOffTheFrame(t *testing.T) {
	s := NewScene(20, 20, Plain, 1)
	require.NoError(t, s.Finger(vision.Point{X: -50, Y: -50}, vision.Point{X: 100, Y: 100}, 4))
	assert.NotEqual(t, s.Img.Pix[3*(10*20+10)], NewScene(20, 20, Plain, 1).Img.Pix[3*(10*20+10)], "the part inside the frame is drawn")
}
