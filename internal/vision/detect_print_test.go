package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sheetOnTable paints a 200×120 table of colour table with a 100×60 sheet
// of colour sheet in its middle (x 50..150, y 30..90).
func sheetOnTable(table, sheet [3]uint8) *RGB {
	m := NewRGB(200, 120)
	for y := range m.H {
		for x := range m.W {
			c := table
			if x >= 50 && x < 150 && y >= 30 && y < 90 {
				c = sheet
			}
			copy(m.Pix[3*(y*m.W+x):], c[:])
		}
	}
	return m
}

func TestChromaPlane(t *testing.T) {
	grey, orange := [3]uint8{200, 200, 200}, [3]uint8{226, 196, 150}
	tests := []struct {
		name         string
		img          *RGB
		ok           bool
		sheet, table uint8 // plane levels at (100, 60) and (10, 10)
	}{
		{"grey sheet on an orange table", sheetOnTable(orange, grey), true, 0, 255},
		{"orange sheet on a grey table", sheetOnTable(grey, orange), true, 255, 0},
		{"grey on grey: no colour", sheetOnTable(grey, [3]uint8{120, 120, 120}), false, 0, 0},
		{"faint hue under printMinRange", sheetOnTable([3]uint8{200, 195, 190}, grey), false, 0, 0},
		{"empty image", NewRGB(0, 0), false, 0, 0},
		{"short pixel buffer", &RGB{W: 10, H: 10, Pix: make([]uint8, 30)}, false, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := chromaPlane(tc.img)
			require.Equal(t, tc.ok, ok)
			if !ok {
				assert.Nil(t, p)
				return
			}
			assert.Equal(t, tc.sheet, p.Pix[3*(60*p.W+100)])
			assert.Equal(t, tc.table, p.Pix[3*(10*p.W+10)])
		})
	}
}

func TestHistPercentile(t *testing.T) {
	var hist [256]int
	hist[10], hist[20], hist[200] = 50, 40, 10 // 100 values
	tests := []struct {
		share float64
		want  int
	}{
		{0, 0}, {0.001, 10}, {0.5, 10}, {0.51, 20}, {0.9, 20}, {0.91, 200}, {1, 200},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, histPercentile(&hist, 100, tc.share), "share %g", tc.share)
	}
}

func TestSheetMedians(t *testing.T) {
	img := sheetOnTable([3]uint8{90, 90, 90}, [3]uint8{210, 210, 210}).Gray()
	tests := []struct {
		name    string
		q       Quad
		in, out float64
		ok      bool
	}{
		{"the sheet", Quad{{50, 30}, {150, 30}, {150, 90}, {50, 90}}, 210, 90, true},
		{"corners in another order", Quad{{150, 30}, {150, 90}, {50, 90}, {50, 30}}, 210, 90, true},
		{"a patch of table", Quad{{2, 2}, {40, 2}, {40, 25}, {2, 25}}, 90, 90, true},
		{"wholly outside the frame", Quad{{300, 300}, {400, 300}, {400, 400}, {300, 400}}, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, out, ok := sheetMedians(img, tc.q)
			require.Equal(t, tc.ok, ok)
			assert.InDelta(t, tc.in, in, 2)
			assert.InDelta(t, tc.out, out, 2)
		})
	}
}

func TestBilinearAt(t *testing.T) {
	q := Quad{{0, 0}, {100, 0}, {100, 50}, {0, 50}}
	tests := []struct {
		u, v float64
		want Point
	}{
		{0, 0, Point{0, 0}}, {1, 1, Point{100, 50}}, {0.5, 0.5, Point{50, 25}}, {-0.1, 0.5, Point{-10, 25}}, {0.5, 1.2, Point{50, 60}},
	}
	for _, tc := range tests {
		got := bilinearAt(q, tc.u, tc.v)
		assert.InDelta(t, tc.want.X, got.X, 1e-9)
		assert.InDelta(t, tc.want.Y, got.Y, 1e-9)
	}
}

func BenchmarkChromaPlane(b *testing.B) {
	img := sheetOnTable([3]uint8{226, 196, 150}, [3]uint8{200, 200, 200})
	b.ReportAllocs()
	for b.Loop() {
		chromaPlane(img)
	}
}
