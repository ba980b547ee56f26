package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// occlusionScene is a 60×40 image split at x = 30: a pale document on the
// right (x ≥ 30), a dark background on the left, and, when finger is set,
// a skin-coloured band across the border over rows [10, 20), and a
// clipped white one (glare) over rows [24, 28).
func occlusionScene(finger bool) *RGB {
	m := NewRGB(60, 40)
	for y := range m.H {
		for x := range m.W {
			c := [3]uint8{60, 40, 30} // background
			if x >= 30 {
				c = [3]uint8{235, 235, 225} // document
			}
			if finger && y >= 10 && y < 20 && x >= 18 && x < 42 {
				c = [3]uint8{210, 150, 120}
			}
			if finger && y >= 24 && y < 28 && x >= 18 && x < 42 {
				c = [3]uint8{255, 255, 250}
			}
			copy(m.Pix[3*(y*m.W+x):], c[:])
		}
	}
	return m
}

func TestOccluded(t *testing.T) {
	doc, bg := [3]float64{235, 235, 225}, [3]float64{60, 40, 30}
	skinLike := [3]float64{200, 140, 110} // within occluderBackground of the finger
	grey := [3]float64{120, 120, 120}     // a grey document, far from the glare's white
	img := occlusionScene(true)
	tests := []struct {
		name       string
		step       sideStep
		interior   [3]float64
		background [3]float64
		want       bool
	}{
		{"finger across the border", sideStep{X: 30, Y: 15, NX: 1}, doc, bg, true},
		{"seen border", sideStep{X: 30, Y: 30, NX: 1}, doc, bg, false},
		{"background on both sides", sideStep{X: 10, Y: 30, NX: 1}, doc, bg, false},
		{"document on both sides", sideStep{X: 45, Y: 30, NX: 1}, doc, bg, false},
		{"comparison off the image", sideStep{X: 2, Y: 15, NX: 1}, doc, bg, false},
		{"an object of the background's colour", sideStep{X: 30, Y: 15, NX: 1}, doc, skinLike, false},
		{"finger on a grey document", sideStep{X: 30, Y: 15, NX: 1}, grey, bg, true},
		{"glare across the border of a grey document", sideStep{X: 30, Y: 26, NX: 1}, grey, bg, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, occluded(img, tc.step, tc.interior, tc.background))
		})
	}
}

func TestInteriorMean(t *testing.T) {
	m := occlusionScene(false)
	got, ok := interiorMean(m, Quad{{32, 2}, {58, 2}, {58, 38}, {32, 38}})
	require.True(t, ok)
	assert.InDeltaSlice(t, []float64{235, 235, 225}, got[:], 0.5)
	_, ok = interiorMean(m, Quad{{10, 10}, {10, 10}, {10, 10}, {10, 10}})
	assert.False(t, ok, "a degenerate quad has no interior")
}

// TestUnhiddenSupport walks the document's left side (x = 30, downwards,
// normal pointing into the document) with and without a finger across
// it: the hidden steps are left out, so the support stays that of the
// seen border; a side hidden beyond maxOccluded is not excused.
func TestUnhiddenSupport(t *testing.T) {
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, hidden: true}
	doc := [3]float64{235, 235, 225}
	a, b := Point{30, 40}, Point{30, 0} // upwards on screen: normal (-uy, ux) = (1, 0), into the document
	tests := []struct {
		name     string
		finger   bool
		from, to float64 // the walked part of the side, y
		excused  bool    // the result exceeds the plain support
	}{
		{"seen in full", false, 40, 0, false},
		{"a finger over a quarter", true, 40, 0, true},
		{"a finger over most of it", true, 22, 8, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := occlusionScene(tc.finger)
			g := colorGradient(img)
			pa, pb := Point{a.X, tc.from}, Point{b.X, tc.to}
			plain, _ := sideSupport(g, img, pa, pb, sp)
			var steps []float64
			got := unhiddenSupport(g, img, pa, pb, sp, doc, &steps)
			if tc.excused {
				assert.Greater(t, got, plain+0.1)
				return
			}
			assert.InDelta(t, plain, got, 1e-9)
		})
	}
}

// TestOcclusionCheckOnlyWhenAsked: without sp.hidden (Fast mode) the
// plain support is returned untouched.
func TestOcclusionCheckOnlyWhenAsked(t *testing.T) {
	img := occlusionScene(true)
	g := colorGradient(img)
	q := Quad{{30, 0}, {58, 0}, {58, 40}, {30, 40}}
	a, b := q[3], q[0]
	for _, hidden := range []bool{false, true} {
		sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, hidden: hidden}
		plain, _ := sideSupport(g, img, a, b, sp)
		occ := occlusionCheck{img: img, q: q}
		got := occ.support(g, a, b, sp, plain)
		if hidden {
			assert.Greater(t, got, plain, "hidden steps left out")
		} else {
			assert.Equal(t, plain, got)
		}
	}
}

// BenchmarkUnhiddenSupport is the second walk a weak side costs in the
// full detector.
func BenchmarkUnhiddenSupport(b *testing.B) {
	img := occlusionScene(true)
	g := colorGradient(img)
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, hidden: true}
	doc := [3]float64{235, 235, 225}
	var steps []float64
	b.ReportAllocs()
	for b.Loop() {
		unhiddenSupport(g, img, Point{30, 40}, Point{30, 0}, sp, doc, &steps)
	}
}
