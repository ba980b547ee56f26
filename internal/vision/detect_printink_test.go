package vision

import (
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
)

// tiledWall paints a bright wall of 40×30 px tiles whose seams are
// step levels darker and 5 px wide, as a facade's cladding.
func tiledWall(step uint8) *RGB {
	return greyImage(func(x, y int, _ *rand.Rand) uint8 {
		if x%40 < 5 || y%30 < 5 {
			return 185 - step
		}
		return 185
	})
}

func TestInkContrast(t *testing.T) {
	page := Quad{{0, 0}, {480, 0}, {480, 300}, {0, 300}}
	checkInterior(t, inkContrast, []interiorCase{
		{"dark text on paper", rowsImage(textLines(480)), page, 2 * inkNone, 100},
		{"dark text, tall outline (long side turned along x)", rowsImage(textLines(480)), Quad{{100, 0}, {300, 0}, {300, 300}, {100, 300}}, 2 * inkNone, 100},
		{"faint text on a dim page", greyImage(func(x, y int, _ *rand.Rand) uint8 {
			if textLines(480)(x, y, nil) {
				return 40
			}
			return 60
		}), page, inkNone, 100},
		{"tiles with faint seams", tiledWall(12), page, 0, inkNone},
		{"tiles with dark seams (print-like)", tiledWall(80), page, inkNone, 100},
		{"blank page", rowsImage(func(int, int, *rand.Rand) bool { return false }), page, 0, 1e-9},
		{"degenerate quad", rowsImage(textLines(480)), Quad{{10, 10}, {10, 10}, {10, 10}, {10, 10}}, 0, 1e-9},
	})
}

// TestNotDocumentTiles: tiles with faint seams read as text rows and
// spread (a seam crosses every cell), so only the ink contrast keeps a
// facade patch from being reported.
func TestNotDocumentTiles(t *testing.T) {
	wall := tiledWall(12)
	h := hypothesis{Q: Quad{{20, 15}, {460, 15}, {460, 285}, {20, 285}}}
	assert.GreaterOrEqual(t, textRows(wall, h.Q), rowsNone)
	assert.GreaterOrEqual(t, contentSpread(wall, h.Q), spreadNone)
	assert.False(t, framedPicture(wall, h.Q))
	assert.Less(t, inkContrast(wall, h.Q), inkNone)
	assert.True(t, notDocument(wall, h))
	assert.False(t, notDocument(rowsImage(textLines(480)), h))
}

func BenchmarkInkContrast(b *testing.B) {
	img := rowsImage(textLines(480))
	q := Quad{{20, 15}, {460, 30}, {450, 290}, {10, 280}}
	b.ReportAllocs()
	for b.Loop() {
		inkContrast(img, q)
	}
}
