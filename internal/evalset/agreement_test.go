package evalset

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func square(x0, y0, s float64) vision.Quad {
	return vision.Quad{{X: x0, Y: y0}, {X: x0 + s, Y: y0}, {X: x0 + s, Y: y0 + s}, {X: x0, Y: y0 + s}}
}

func TestAgree(t *testing.T) {
	ids := []string{"same", "differ", "error", "no document", "shifted"}
	a := []Result{
		{Codes: map[int]bool{825: true, 826: true}, Quads: []vision.Quad{square(0, 0, 10)}},
		{Codes: map[int]bool{826: true}},
		{Err: errors.New("unreadable")},
		{Codes: map[int]bool{819: true}},
		{Codes: map[int]bool{}, Quads: []vision.Quad{square(0, 0, 10)}},
	}
	b := []Result{
		{Codes: map[int]bool{826: true, 825: true, 827: false}, Quads: []vision.Quad{square(0, 0, 10)}},
		{Codes: map[int]bool{828: true}},
		{Codes: map[int]bool{}},
		{Codes: map[int]bool{819: true}},
		{Codes: map[int]bool{}, Quads: []vision.Quad{square(5, 0, 10)}},
	}
	g := Agree(ids, a, b)
	assert.Equal(t, 4, g.Cases)
	assert.Equal(t, 3, g.SameCodes)
	assert.InDelta(t, 0.75, g.Rate, 1e-12)
	assert.Equal(t, []string{"differ: [826] vs [828]"}, g.Differ)
	assert.Equal(t, 2, g.QuadCases)
	assert.InDelta(t, 1.0/3, g.QuadIoUMin, 1e-9) // 50 shared of 150
	assert.InDelta(t, (1+1.0/3)/2, g.QuadIoUMean, 1e-9)
}

func TestAgreeEmpty(t *testing.T) {
	g := Agree(nil, nil, nil)
	assert.Zero(t, g.Cases)
	assert.Zero(t, g.Rate)
	assert.Zero(t, g.QuadIoUMin)
}
