package vision

import (
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
)

// keyLegend paints a dark 480×300 surface with one legend of slanted
// strokes in its top-left part, as a keyboard key's symbol or a
// switch's label.
func keyLegend() *RGB {
	return greyImage(func(x, y int, _ *rand.Rand) uint8 {
		if x >= 60 && x < 130 && y >= 40 && y < 135 && (x/6+y/5)%3 == 0 {
			return 230
		}
		return 40
	})
}

func TestContentSpread(t *testing.T) {
	page := Quad{{0, 0}, {480, 0}, {480, 300}, {0, 300}}
	checkInterior(t, contentSpread, []interiorCase{
		{"text lines over the whole face", rowsImage(textLines(480)), page, 0.8, 1.01},
		{"text on the left half, the right half blank (a portrait's place)", rowsImage(textLines(240)), page, 0.4, 0.7},
		{"tilted outline of a text page", rowsImage(textLines(480)), Quad{{20, 15}, {460, 30}, {450, 290}, {10, 280}}, 0.8, 1.01},
		{"one legend in a corner, as on a key", keyLegend(), page, 0, spreadNone},
		{"blank page", rowsImage(func(int, int, *rand.Rand) bool { return false }), page, 0, 1e-9},
		{"degenerate quad", rowsImage(textLines(480)), Quad{{10, 10}, {10, 10}, {10, 10}, {10, 10}}, 0, 1e-9},
	})
}

// TestNotDocumentKey: a key's legend reads as rows of text (the row
// measure is relative to the interior's energy), so only the spread
// keeps the key from being reported.
func TestNotDocumentKey(t *testing.T) {
	page := Quad{{0, 0}, {480, 0}, {480, 300}, {0, 300}}
	key := keyLegend()
	assert.GreaterOrEqual(t, textRows(key, page), rowsNone, "the legend passes the row measure")
	assert.True(t, notDocument(key, hypothesis{Q: page}))
	assert.False(t, notDocument(rowsImage(textLines(480)), hypothesis{Q: page}))
}

func BenchmarkContentSpread(b *testing.B) {
	img := rowsImage(textLines(480))
	q := Quad{{20, 15}, {460, 30}, {450, 290}, {10, 280}}
	b.ReportAllocs()
	for b.Loop() {
		contentSpread(img, q)
	}
}
