package synth

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// TestPlaceBent: the fold moves the middle of the long sides by the bend
// times the height, the corners stay where q puts them, and without a
// bend the drawing is Place's, seam and all within a level or two.
func TestPlaceBent(t *testing.T) {
	q := vision.Quad{{X: 40, Y: 60}, {X: 360, Y: 60}, {X: 360, Y: 262}, {X: 40, Y: 262}}
	pix := func(s *Scene, x, y int) [3]uint8 {
		i := 3 * (y*s.Img.W + x)
		return [3]uint8{s.Img.Pix[i], s.Img.Pix[i+1], s.Img.Pix[i+2]}
	}
	bg := func(s *Scene, x, y int) bool {
		return pix(s, x, y) == pix(NewScene(400, 320, Plain, 5), x, y)
	}
	tests := []struct {
		name   string
		bend   float64
		docAt  [][2]int // scene pixels the document covers
		bgAt   [][2]int // scene pixels it leaves to the background
		corner bool     // the corners' neighbourhood is the document's
	}{
		{"folded down", 0.05, [][2]int{{200, 268}, {60, 64}, {340, 64}}, [][2]int{{200, 64}}, true},
		{"folded up", -0.05, [][2]int{{200, 56}, {60, 258}, {340, 258}}, [][2]int{{200, 258}}, true},
		{"flat", 0, [][2]int{{200, 64}, {200, 258}}, [][2]int{{200, 56}, {200, 268}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewScene(400, 320, Plain, 5)
			require.NoError(t, s.PlaceBent(NewDocument(ID1, 7), q, tc.bend, 0))
			for _, p := range tc.docAt {
				assert.False(t, bg(s, p[0], p[1]), "document at %v", p)
			}
			for _, p := range tc.bgAt {
				assert.True(t, bg(s, p[0], p[1]), "background at %v", p)
			}
			assert.Equal(t, []vision.Quad{q}, s.Quads)
		})
	}
	flat, bent := NewScene(400, 320, Plain, 5), NewScene(400, 320, Plain, 5)
	require.NoError(t, flat.Place(NewDocument(ID1, 7), q, 0))
	require.NoError(t, bent.PlaceBent(NewDocument(ID1, 7), q, 0, 0))
	worst := 0
	for i := range flat.Img.Pix {
		worst = max(worst, int(math.Abs(float64(flat.Img.Pix[i])-float64(bent.Img.Pix[i]))))
	}
	assert.LessOrEqual(t, worst, 2, "an unbent document is drawn as Place draws it")
}

func TestPlaceBentBadInput(t *testing.T) {
	q := vision.Quad{{X: 4, Y: 4}, {X: 36, Y: 4}, {X: 36, Y: 24}, {X: 4, Y: 24}}
	tests := []struct {
		name string
		doc  *Document
		q    vision.Quad
		bend float64
	}{
		{"nil document", nil, q, 0.05},
		{"bend too large", NewDocument(ID1, 1), q, 0.2},
		{"NaN bend", NewDocument(ID1, 1), q, math.NaN()},
		{"empty quad", NewDocument(ID1, 1), vision.Quad{}, 0.05},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewScene(40, 30, Plain, 1)
			assert.True(t, errors.Is(s.PlaceBent(tc.doc, tc.q, tc.bend, 0), ErrBadScene))
		})
	}
}
