package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// levelZone is a level TD3 zone of two full rows at the given pitch whose
// last row's centre line is y = last, running from x0.
func levelZone(x0, last, pitch float64) mrzZone {
	row := func(y float64) mrzRow {
		return mrzRow{A: Point{x0, y}, B: Point{x0 + 43*pitch, y}, Pitch: pitch, Size: pitch, N: 44, Steps: 44}
	}
	return mrzZone{Rows: []mrzRow{row(last - 2.4*pitch), row(last)}, U: Point{1, 0}, V: Point{0, 1}, Pitch: pitch}
}

// TestMRZQuadsLayout: without lines to snap to, a TD3 zone gives the
// ICAO page on either side of its rows: 125/2.54 pitches wide, 88/2.54
// high, centred on the rows, its bottom edge 3.5 pitches past the last
// row.
func TestMRZQuadsLayout(t *testing.T) {
	const pitch, x0, last = 8.0, 100.0, 400.0
	qs := mrzQuads(levelZone(x0, last, pitch), 1000, 1000, nil, nil, nil, scoreParams{})
	require.Len(t, qs, 2, "one width, two sides, nothing snapped")
	w, h := 125/2.54*pitch, 88/2.54*pitch
	cx := x0 + 43*pitch/2
	above := Quad{{cx - w/2, last + 3.5*pitch - h}, {cx + w/2, last + 3.5*pitch - h}, {cx + w/2, last + 3.5*pitch}, {cx - w/2, last + 3.5*pitch}}
	rows := last - 2.4*pitch // the first row, where the page below starts
	below := Quad{{cx - w/2, rows - 3.5*pitch}, {cx + w/2, rows - 3.5*pitch}, {cx + w/2, rows - 3.5*pitch + h}, {cx - w/2, rows - 3.5*pitch + h}}
	best := func(want Quad) float64 {
		b := 0.0
		for _, q := range qs {
			b = math.Max(b, quadIoU(orderCorners(q), want))
		}
		return b
	}
	assert.Greater(t, best(above), 0.999, "page above the rows")
	assert.Greater(t, best(below), 0.999, "page below the rows")
}

// TestMRZQuadsWidths: a row shorter than its pitch says (a chain that
// merged or missed glyphs) gives a second outline sized by the row's
// length.
func TestMRZQuadsWidths(t *testing.T) {
	z := levelZone(100, 400, 8)
	for i := range z.Rows {
		z.Rows[i].B.X = 100 + 36*8 // the glyphs span 36 pitches, not 43
	}
	qs := mrzQuads(z, 1000, 1000, nil, nil, nil, scoreParams{})
	require.Len(t, qs, 4)
	widths := map[int]bool{}
	for _, q := range qs {
		widths[int(math.Round(q[0].Dist(q[1])))] = true
	}
	assert.Len(t, widths, 2)
	assert.True(t, widths[int(math.Round(125/2.54*8))], "width from the pitch")
	assert.True(t, widths[int(math.Round(36*8*(125/2.54)/43))], "width from the row's length")
}

// TestSnapToLine: a side moves to the supported line inside its window,
// never to one outside it or to one without edge under the side.
func TestSnapToLine(t *testing.T) {
	// A pale page whose top edge is at y = 100 on a dark desk.
	img := noisyRGB(400, 300, [3]uint8{60, 50, 40}, 2, 1)
	fillQuadRGB(img, Quad{{50, 100}, {350, 100}, {350, 280}, {50, 280}}, [3]uint8{225, 225, 220})
	g := colorGradient(img)
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	edge := lineFromPoints(Point{0, 100}, Point{400, 100})
	edge.Spans = []span{{edge.T(Point{50, 100}), edge.T(Point{350, 100})}}
	if edge.Spans[0].T0 > edge.Spans[0].T1 {
		edge.Spans[0] = span{edge.Spans[0].T1, edge.Spans[0].T0}
	}
	blank := lineFromPoints(Point{0, 60}, Point{400, 60})
	blank.Spans = []span{{-400, 400}}
	// The predicted top side at y = 110, normal pointing out (up).
	side := edgeLine{N: Point{0, -1}, C: -110}
	a, b := Point{60, 110}, Point{340, 110}
	tests := []struct {
		name   string
		lines  []edgeLine
		window [2]float64
		want   float64 // y of the chosen line, or NaN for none
	}{
		{"edge in window", []edgeLine{blank, edge}, [2]float64{-20, 20}, 100},
		{"edge outside window", []edgeLine{edge}, [2]float64{-20, 5}, math.NaN()},
		{"line without edge", []edgeLine{blank}, [2]float64{-60, 60}, math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, ok := snapToLine(side, a, b, tc.window, tc.lines, g, img, sp)
			if math.IsNaN(tc.want) {
				assert.False(t, ok)
				return
			}
			require.True(t, ok)
			assert.InDelta(t, tc.want, math.Abs(l.Dist(Point{200, 0})), 0.5)
		})
	}
}

func TestQuadOfSides(t *testing.T) {
	sides := [4]edgeLine{
		{N: Point{0, -1}, C: -10}, // top y = 10
		{N: Point{1, 0}, C: 50},   // right x = 50
		{N: Point{0, 1}, C: 40},   // bottom y = 40
		{N: Point{-1, 0}, C: 0},   // left x = 0
	}
	q, ok := quadOfSides(sides)
	require.True(t, ok)
	assert.Equal(t, Quad{{0, 10}, {50, 10}, {50, 40}, {0, 40}}, q)
	sides[1] = sides[2] // parallel neighbours meet nowhere
	_, ok = quadOfSides(sides)
	assert.False(t, ok)
}

// TestPlacements: a row cut by the frame places the page from its seen
// end and not by its length; a whole row that is shorter than its pitch
// says adds a page of its length.
func TestPlacements(t *testing.T) {
	const pitch = 8.0
	td3 := layoutTD3()
	byPitch := td3.width * pitch
	tests := []struct {
		name   string
		x0, x1 float64 // the rows' first and last glyph centres
		want   []placement
	}{
		{"whole row", 100, 100 + 43*pitch, []placement{{byPitch, 100 + 21.5*pitch}}},
		{"cut on the left", 4, 4 + 30*pitch, []placement{{byPitch, 4 + 15*pitch}, {byPitch, 4 + 30*pitch - 21.5*pitch}}},
		{"cut on the right", 700, 996, []placement{{byPitch, 848}, {byPitch, 700 + 21.5*pitch}}},
		{"short whole row", 100, 100 + 36*pitch, []placement{{byPitch, 100 + 18*pitch}, {36 * pitch * td3.width / 43, 100 + 18*pitch}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			z := levelZone(tc.x0, 400, pitch)
			for i := range z.Rows {
				z.Rows[i].B.X = tc.x1
			}
			got := placements(z, td3, 1000, 800)
			require.Len(t, got, len(tc.want))
			for i := range got {
				assert.InDelta(t, tc.want[i].width, got[i].width, 1e-6)
				assert.InDelta(t, tc.want[i].centre, got[i].centre, 1e-6)
			}
		})
	}
}
