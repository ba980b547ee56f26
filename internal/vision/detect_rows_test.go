package vision

import (
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
)

// rowsImage paints a 480×300 light page and lets mark darken pixels.
func rowsImage(mark func(x, y int, rng *rand.Rand) bool) *RGB {
	return greyImage(func(x, y int, rng *rand.Rand) uint8 {
		if mark(x, y, rng) {
			return 40
		}
		return 225
	})
}

// interiorCase is an outline on a test image and the range [atLeast,
// below) an interior measure must give it.
type interiorCase struct {
	name           string
	img            *RGB
	q              Quad
	atLeast, below float64
}

// checkInterior runs measure on every case as a subtest.
func checkInterior(t *testing.T, measure func(*RGB, Quad) float64, tests []interiorCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := measure(tc.img, tc.q)
			assert.GreaterOrEqual(t, got, tc.atLeast)
			assert.Less(t, got, tc.below)
		})
	}
}

// greyImage paints a 480×300 grey image with level(x, y).
func greyImage(level func(x, y int, rng *rand.Rand) uint8) *RGB {
	m := NewRGB(480, 300)
	rng := rand.New(rand.NewSource(1))
	for y := range m.H {
		for x := range m.W {
			v := level(x, y, rng)
			i := 3 * (y*m.W + x)
			m.Pix[i], m.Pix[i+1], m.Pix[i+2] = v, v, v
		}
	}
	return m
}

func TestTextRows(t *testing.T) {
	page := Quad{{0, 0}, {480, 0}, {480, 300}, {0, 300}}
	text := textLines(480)
	checkInterior(t, textRows, []interiorCase{
		{"text rows along the long side", rowsImage(text), page, rowsFull, 10},
		{"the same with the short side first", rowsImage(text), Quad{page[1], page[2], page[3], page[0]}, rowsFull, 10},
		{"blank page", rowsImage(func(int, int, *rand.Rand) bool { return false }), page, 0, rowsNone},
		{"vignetted blank sheet", greyImage(func(x, y int, _ *rand.Rand) uint8 {
			dx, dy := float64(x-240)/240, float64(y-150)/150
			return uint8(220 - 80*(dx*dx+dy*dy))
		}), page, 0, rowsNone},
		{"big print, as on a poster", rowsImage(func(x, y int, _ *rand.Rand) bool {
			return y >= 100 && y < 200 && x%60 < 40
		}), page, 0, rowsFull},
		{"columns, not rows", rowsImage(func(x, _ int, _ *rand.Rand) bool { return x%20 < 8 }), page, 0, rowsNone},
		{"degenerate quad", rowsImage(text), Quad{{10, 10}, {10, 10}, {10, 10}, {10, 10}}, 0, 1e-9},
	})
}

// textLines marks lines of glyph-sized dashes 6 px tall every 13 px,
// left of x = right: about the pitch of an ID card's data lines.
func textLines(right int) func(x, y int, _ *rand.Rand) bool {
	return func(x, y int, _ *rand.Rand) bool { return x < right && y%13 >= 4 && y%13 < 10 && (x/3)%3 != 0 }
}

func BenchmarkTextRows(b *testing.B) {
	img := rowsImage(textLines(480))
	q := Quad{{20, 15}, {460, 30}, {450, 290}, {10, 280}}
	b.ReportAllocs()
	for b.Loop() {
		textRows(img, q)
	}
}
