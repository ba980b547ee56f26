package vision

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lightGray returns a w×h plane of paper grey with ±4 noise.
func lightGray(w, h int, seed uint64) *Gray {
	r := rand.New(rand.NewPCG(seed, 3))
	g := NewGray(w, h)
	for i := range g.Pix {
		g.Pix[i] = uint8(215 + r.IntN(9))
	}
	return g
}

// fillBox darkens the axis-aligned box of half sides hw, hh centred on c.
func fillBox(g *Gray, c Point, hw, hh float64) {
	for y := max(0, int(c.Y-hh+0.5)); y < min(g.H, int(c.Y+hh+0.5)); y++ {
		for x := max(0, int(c.X-hw+0.5)); x < min(g.W, int(c.X+hw+0.5)); x++ {
			g.Pix[y*g.W+x] = 30
		}
	}
}

// drawMRZ draws rows of glyphs (dark boxes 0.6 × 1 pitch) at a fixed
// pitch, starting at origin and running along angle deg, rows spaced
// 2.4 pitches apart.
func drawMRZ(g *Gray, origin Point, deg, pitch float64, rows, glyphs int) {
	s, c := math.Sincos(deg * math.Pi / 180)
	u, v := Point{c, s}, Point{-s, c}
	hw, hh := 0.3*pitch, 0.45*pitch
	if math.Abs(s) > math.Abs(c) { // glyphs turn with the rows
		hw, hh = hh, hw
	}
	for r := range rows {
		for k := range glyphs {
			t, d := float64(k)*pitch, float64(r)*2.4*pitch
			fillBox(g, Point{origin.X + t*u.X + d*v.X, origin.Y + t*u.Y + d*v.Y}, hw, hh)
		}
	}
}

// drawProse draws lines of proportional print: glyphs of varying width
// and spacing, words apart, as a newspaper column.
func drawProse(g *Gray, x0, y0, x1, y1 int, gh float64, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 5))
	for y := float64(y0); y+gh < float64(y1); y += 1.8 * gh {
		for x := float64(x0); x+gh < float64(x1); {
			gw := gh * (0.35 + 0.6*r.Float64())
			fillBox(g, Point{x + gw/2, y + gh/2}, gw/2, gh/2)
			x += gw + gh*(0.12+0.2*r.Float64())
			if r.IntN(6) == 0 {
				x += gh * 0.8 // a word gap
			}
		}
	}
}

func TestFindMRZ(t *testing.T) {
	tests := []struct {
		name         string
		deg          float64
		pitch        float64
		rows, glyphs int
		prose        bool
	}{
		{"TD3 level", 0, 8, 2, 44, false},
		{"TD3 upright", 90, 8, 2, 44, false},
		{"TD3 tilted beside prose", -12, 7, 2, 44, true},
		{"TD1 tilted", 25, 9, 3, 30, false},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := lightGray(640, 640, uint64(i))
			if tc.prose {
				drawProse(g, 20, 20, 620, 200, 8, uint64(i))
			}
			drawMRZ(g, Point{140, 320}, tc.deg, tc.pitch, tc.rows, tc.glyphs)
			if tc.deg == 90 {
				g = lightGray(640, 640, uint64(i))
				drawMRZ(g, Point{300, 120}, tc.deg, tc.pitch, tc.rows, tc.glyphs)
			}
			zones := findMRZ(g)
			require.Len(t, zones, 1)
			z := zones[0]
			assert.Len(t, z.Rows, tc.rows)
			assert.InDelta(t, tc.pitch, z.Pitch, 0.05*tc.pitch)
			s, c := math.Sincos(tc.deg * math.Pi / 180)
			assert.Greater(t, math.Abs(z.U.X*c+z.U.Y*s), 0.995, "rows run along the drawn direction")
			for _, r := range z.Rows {
				assert.GreaterOrEqual(t, r.Steps, tc.glyphs-1)
			}
		})
	}
}

// TestFindMRZNone: print that is not an MRZ gives no zone: proportional
// text, a short fixed-pitch line, a blank page.
func TestFindMRZNone(t *testing.T) {
	prose := lightGray(640, 640, 1)
	drawProse(prose, 20, 20, 620, 620, 9, 2)
	short := lightGray(640, 640, 3)
	drawMRZ(short, Point{100, 300}, 0, 8, 2, 16)
	tests := []struct {
		name string
		g    *Gray
	}{
		{"newspaper column", prose},
		{"short fixed-pitch rows", short},
		{"blank", lightGray(640, 640, 4)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Empty(t, findMRZ(tc.g))
		})
	}
}

// dim maps g's levels into [lo, lo+span] (an underexposed photo: the
// page at ~50, the print a few levels below it).
func dim(g *Gray, lo, span int) *Gray {
	out := NewGray(g.W, g.H)
	for i, v := range g.Pix {
		out.Pix[i] = uint8(lo + int(v)*span/255)
	}
	return out
}

// TestFindMRZDarkPage: on an underexposed photo the print lies fewer
// levels below the paper than glyphDark, but as far below it relatively;
// the zone is still found, while prose alone gives none. On a well-lit
// page print that faint is no zone: only a dark photo lowers the
// threshold.
func TestFindMRZDarkPage(t *testing.T) {
	tests := []struct {
		name     string
		lo, span int  // page levels mapped into [lo, lo+span]
		draw     bool // draw an MRZ
		want     bool // a zone is found
	}{
		{"TD3 at a quarter of the light", 20, 25, true, true},
		{"prose only at a quarter of the light", 20, 25, false, false},
		{"faint TD3 on a well-lit page", 180, 25, true, false},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := lightGray(640, 640, uint64(10+i))
			drawProse(g, 20, 20, 620, 200, 8, uint64(i))
			if tc.draw {
				drawMRZ(g, Point{140, 320}, 4, 8, 2, 44)
			}
			d := dim(g, tc.lo, tc.span)
			paper, print := tc.lo+215*tc.span/255, tc.lo+30*tc.span/255
			require.Less(t, paper-print, glyphDark, "the print lies fewer than glyphDark levels below the paper")
			zones := findMRZ(d)
			if !tc.want {
				assert.Empty(t, zones)
				return
			}
			require.Len(t, zones, 1)
			assert.Len(t, zones[0].Rows, 2)
			assert.InDelta(t, 8, zones[0].Pitch, 0.4)
		})
	}
}

func TestZoneRelation(t *testing.T) {
	row := func(y, x0, x1 float64) mrzRow {
		return mrzRow{A: Point{x0, y}, B: Point{x1, y}, Pitch: 8, Size: 8, Steps: 44, N: 44}
	}
	tests := []struct {
		name string
		a, b mrzRow
		want rowRelation
	}{
		{"next row", row(100, 10, 354), row(119, 12, 356), nextRow},
		{"next row, reversed", row(100, 10, 354), mrzRow{A: Point{356, 119}, B: Point{12, 119}, Pitch: 8, Steps: 44}, nextRow},
		{"same row twice", row(100, 10, 354), row(102, 30, 354), sameRow},
		{"too far apart", row(100, 10, 354), row(200, 10, 354), apart},
		{"side by side", row(100, 10, 354), row(119, 400, 744), apart},
		{"other pitch", row(100, 10, 354), mrzRow{A: Point{10, 119}, B: Point{354, 119}, Pitch: 12, Steps: 29}, apart},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, zoneRelation(tc.a, tc.b))
		})
	}
}

func TestIntegral(t *testing.T) {
	g := &Gray{W: 3, H: 2, Pix: []uint8{1, 2, 3, 4, 5, 6}}
	sum := integral(g)
	require.Len(t, sum, 12)
	assert.Equal(t, int32(21), sum[11], "whole image")
	assert.Equal(t, int32(12), sum[2*4+2], "first two columns")
	assert.Equal(t, int32(6), sum[1*4+3], "first row")
}

func BenchmarkFindMRZ(b *testing.B) {
	g := lightGray(800, 450, 1)
	drawProse(g, 10, 10, 790, 200, 7, 2)
	drawMRZ(g, Point{200, 300}, 3, 8, 2, 44)
	b.ReportAllocs()
	for b.Loop() {
		findMRZ(g)
	}
}
