package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOtsuLevel(t *testing.T) {
	tests := []struct {
		name   string
		fill   map[int]int
		lo, hi int // the level lies in [lo, hi)
	}{
		{"two spikes", map[int]int{40: 100, 200: 100}, 40, 200},
		{"unequal classes", map[int]int{10: 30, 12: 30, 150: 300, 160: 300}, 12, 150},
		{"one level", map[int]int{90: 50}, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var hist [256]int
			n := 0
			for v, c := range tc.fill {
				hist[v] = c
				n += c
			}
			got := otsuLevel(&hist, n)
			assert.GreaterOrEqual(t, got, tc.lo)
			assert.Less(t, got, tc.hi)
		})
	}
}

// rectMask sets the pixels of a w×h mask inside the rectangle centred at
// (cx, cy), long×short px, turned by theta radians, and returns it with
// the blob it forms.
func rectMask(w, h int, cx, cy, long, short, theta float64) ([]uint8, Blob) {
	mask := make([]uint8, w*h)
	c, s := math.Cos(theta), math.Sin(theta)
	b := Blob{Box: Rect{X0: w, Y0: h}}
	for y := range h {
		for x := range w {
			dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
			if math.Abs(dx*c+dy*s) <= long/2 && math.Abs(-dx*s+dy*c) <= short/2 {
				mask[y*w+x] = 1
				b.Area++
				b.Box = Rect{X0: min(b.Box.X0, x), Y0: min(b.Box.Y0, y), X1: max(b.Box.X1, x+1), Y1: max(b.Box.Y1, y+1)}
			}
		}
	}
	return mask, b
}

func TestRegionRect(t *testing.T) {
	tests := []struct {
		name        string
		long, short float64
		theta       float64
	}{
		{"level card", 160, 100, 0},
		{"card turned 10°", 160, 100, 10 * math.Pi / 180},
		{"card turned -35°", 150, 95, -35 * math.Pi / 180},
		{"standing card", 160, 100, math.Pi / 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mask, b := rectMask(300, 300, 150, 140, tc.long, tc.short, tc.theta)
			q, ok := regionRect(mask, 300, b)
			require.True(t, ok)
			assert.InDelta(t, tc.long, q[0].Dist(q[1]), 2)
			assert.InDelta(t, tc.short, q[1].Dist(q[2]), 2)
			truth := Quad{}
			c, s := math.Cos(tc.theta), math.Sin(tc.theta)
			for k, uv := range [4][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}} {
				dx, dy := uv[0]*tc.long/2, uv[1]*tc.short/2
				truth[k] = Point{150 + dx*c - dy*s, 140 + dx*s + dy*c}
			}
			in := IntersectionArea(q[:], truth[:])
			assert.Greater(t, in/(q.Area()+truth.Area()-in), 0.97)
		})
	}
}

func TestRegionRectRejectsUnfilled(t *testing.T) {
	// An L: two bars of a card's size, their box half empty.
	a, _ := rectMask(300, 300, 150, 60, 200, 40, 0)
	b, _ := rectMask(300, 300, 70, 150, 40, 200, 0)
	blob := Blob{Box: Rect{X0: 50, Y0: 40, X1: 250, Y1: 250}}
	for i := range a {
		a[i] |= b[i]
		blob.Area += int(a[i])
	}
	_, ok := regionRect(a, 300, blob)
	assert.False(t, ok)
	_, ok = regionRect(make([]uint8, 300*300), 300, Blob{Box: Rect{X1: 300, Y1: 300}})
	assert.False(t, ok, "empty region")
}

func TestAspectMatch(t *testing.T) {
	aspects := []float64{AspectID1, AspectID3}
	tests := []struct {
		name string
		w, h float64
		want bool
	}{
		{"ID-1", 171, 108, true},
		{"ID-3 standing", 88, 125, true},
		{"ID-1 a tenth wide", 188, 108, true},
		{"square", 100, 100, false},
		{"strip", 300, 100, false},
		{"degenerate", 0, 100, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := Quad{{0, 0}, {tc.w, 0}, {tc.w, tc.h}, {0, tc.h}}
			assert.Equal(t, tc.want, aspectMatch(q, aspects))
		})
	}
}

func TestSheetRegions(t *testing.T) {
	orange, grey := [3]uint8{226, 196, 150}, [3]uint8{200, 200, 200}
	hpFor := func(m *RGB) hypoParams {
		w, h := float64(m.W), float64(m.H)
		return hypoParams{W: w, H: h, Aspects: []float64{AspectID1, AspectID3}, MinSide: 10, MinArea: minAreaFraction * w * h}
	}
	tests := []struct {
		name  string
		sheet Rect
		found bool
	}{
		{"ID-1 sheet", Rect{X0: 40, Y0: 30, X1: 160, Y1: 106}, true},
		{"square sheet", Rect{X0: 60, Y0: 20, X1: 140, Y1: 100}, false},
		{"sheet under regionMinArea", Rect{X0: 80, Y0: 50, X1: 110, Y1: 69}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := NewRGB(200, 120)
			for y := range m.H {
				for x := range m.W {
					c := orange
					if x >= tc.sheet.X0 && x < tc.sheet.X1 && y >= tc.sheet.Y0 && y < tc.sheet.Y1 {
						c = grey
					}
					copy(m.Pix[3*(y*m.W+x):], c[:])
				}
			}
			plane, ok := chromaPlane(m)
			require.True(t, ok)
			regions := sheetRegions(plane, hpFor(m))
			if !tc.found {
				assert.Empty(t, regions)
				return
			}
			require.Len(t, regions, 1)
			s := tc.sheet
			truth := Quad{{float64(s.X0), float64(s.Y0)}, {float64(s.X1), float64(s.Y0)}, {float64(s.X1), float64(s.Y1)}, {float64(s.X0), float64(s.Y1)}}
			q := regions[0].Q
			in := IntersectionArea(q[:], truth[:])
			assert.Greater(t, in/(q.Area()+truth.Area()-in), 0.95)
		})
	}
}

func BenchmarkSheetRegions(b *testing.B) {
	m := sheetOnTable([3]uint8{226, 196, 150}, [3]uint8{200, 200, 200})
	plane, _ := chromaPlane(m)
	hp := hypoParams{W: 200, H: 120, Aspects: []float64{AspectID1}, MinSide: 10, MinArea: 480}
	b.ReportAllocs()
	for b.Loop() {
		sheetRegions(plane, hp)
	}
}
