package synth

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrintedCopy(t *testing.T) {
	doc := NewDocument(ID1, 3)
	tests := []struct {
		name       string
		paper      uint8
		fade       float64
		darkest    uint8 // at most
		lightest   uint8 // exactly: blank paper
		darkestMin uint8 // at least
	}{
		{"full contrast", 200, 0, 60, 200, 0},
		{"faded print", 200, 0.5, 120, 200, 100},
		{"blank sheet", 200, 1, 200, 200, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := PrintedCopy(doc, tc.paper, tc.fade)
			require.NoError(t, err)
			assert.Equal(t, doc.Portrait, p.Portrait)
			assert.Equal(t, doc.CornerRadius, p.CornerRadius)
			lo, hi := uint8(255), uint8(0)
			for i := 0; i < len(p.Img.Pix); i += 3 {
				px := p.Img.Pix[i : i+3]
				require.True(t, px[0] == px[1] && px[1] == px[2], "grey print at %d: %v", i/3, px)
				lo, hi = min(lo, px[0]), max(hi, px[0])
			}
			assert.LessOrEqual(t, lo, tc.darkest)
			assert.GreaterOrEqual(t, lo, tc.darkestMin)
			assert.LessOrEqual(t, hi, tc.lightest)
		})
	}
	// The source document is left as it was.
	assert.Equal(t, NewDocument(ID1, 3).Img.Pix, doc.Img.Pix)
}

func TestPrintedCopyErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  *Document
		fade float64
	}{
		{"nil document", nil, 0},
		{"no image", &Document{}, 0},
		{"fade below 0", NewDocument(ID1, 1), -0.1},
		{"fade above 1", NewDocument(ID1, 1), 1.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := PrintedCopy(tc.doc, 200, tc.fade)
			assert.ErrorIs(t, err, ErrBadScene)
		})
	}
}

func TestNewPaleTable(t *testing.T) {
	tests := []struct {
		name      string
		sat       float64
		maxSpread int // largest max−min of R, G, B over the table
		minSpread int // at least this somewhere
	}{
		{"grey", 0, 1, 0},
		{"faint hue", 0.2, 40, 8},
		{"wood's own hue", 1, 255, 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewPaleTable(160, 120, 200, tc.sat, 4)
			require.Equal(t, 160, s.Img.W)
			g := s.Img.Gray()
			mean, spread := 0.0, 0
			for i, l := range g.Pix {
				mean += float64(l)
				px := s.Img.Pix[3*i : 3*i+3]
				spread = max(spread, int(max(px[0], px[1], px[2]))-int(min(px[0], px[1], px[2])))
			}
			assert.InDelta(t, 200, mean/float64(len(g.Pix)), 3)
			assert.LessOrEqual(t, spread, tc.maxSpread)
			assert.GreaterOrEqual(t, spread, tc.minSpread)
			assert.Empty(t, s.Quads)
		})
	}
}
