package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sceneWithCards draws ID-1 cards with inner detail (a portrait block and
// text lines, which must not be mistaken for the outline) on a textured
// background.
func sceneWithCards(w, h int, cards ...Quad) *RGB {
	img := noisyRGB(w, h, [3]uint8{120, 85, 50}, 10, 11)
	// Background clutter: a long straight object and a dark bar.
	fillQuadRGB(img, Quad{{0, float64(h) * 0.9}, {float64(w), float64(h) * 0.85}, {float64(w), float64(h) * 0.87}, {0, float64(h) * 0.92}}, [3]uint8{30, 30, 30})
	for _, q := range cards {
		fillQuadRGB(img, q, [3]uint8{225, 215, 230})
		hm, err := HomographyFromQuads(Quad{{0, 0}, {1, 0}, {1, 1}, {0, 1}}, q)
		if err != nil {
			panic(err)
		}
		inner := func(x0, y0, x1, y1 float64) Quad {
			return Quad{hm.Apply(Point{x0, y0}), hm.Apply(Point{x1, y0}), hm.Apply(Point{x1, y1}), hm.Apply(Point{x0, y1})}
		}
		fillQuadRGB(img, inner(0.06, 0.2, 0.36, 0.85), [3]uint8{150, 120, 110})
		for i := range 5 {
			y := 0.25 + 0.12*float64(i)
			fillQuadRGB(img, inner(0.4, y, 0.9, y+0.04), [3]uint8{60, 60, 90})
		}
	}
	return img
}

func TestDetectDocuments(t *testing.T) {
	tests := []struct {
		name  string
		w, h  int
		cards []Quad
	}{
		{"level card", 1600, 900, []Quad{cardQuad(800, 450, 900, 0)}},
		{"rotated card", 1600, 900, []Quad{cardQuad(780, 430, 800, 23)}},
		{"perspective card", 1200, 1600, []Quad{tiltedCard(1200, 1600, 1400, 10, 40, 2)}},
		{"small card", 1600, 1200, []Quad{cardQuad(500, 400, 380, -12)}},
		{"runs off the right edge", 1600, 900, []Quad{cardQuad(1350, 450, 800, 5)}},
		{"corner past the top", 1600, 900, []Quad{cardQuad(700, 250, 900, 15)}},
		{"two cards", 1600, 900, []Quad{cardQuad(420, 430, 600, 8), cardQuad(1200, 470, 580, -6)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := sceneWithCards(tc.w, tc.h, tc.cards...)
			dets := DetectDocuments(img, DetectOptions{Aspects: []float64{AspectID1}})
			require.Len(t, dets, len(tc.cards))
			for _, want := range tc.cards {
				best := 0.0
				for _, d := range dets {
					best = max(best, quadIoU(want, d.Quad))
				}
				assert.GreaterOrEqual(t, best, 0.95)
			}
			for _, d := range dets {
				assert.Greater(t, d.Score, 0.0)
				assert.LessOrEqual(t, d.Score, 1.0)
			}
		})
	}
}

func TestDetectDocumentsNothing(t *testing.T) {
	tests := []struct {
		name string
		img  *RGB
	}{
		{"nil", nil},
		{"tiny", NewRGB(8, 8)},
		{"short pixel buffer", &RGB{W: 100, H: 100, Pix: make([]uint8, 10)}},
		{"flat", noisyRGB(640, 480, [3]uint8{128, 128, 128}, 3, 1)},
		{"noise", noisyRGB(640, 480, [3]uint8{128, 128, 128}, 40, 2)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Empty(t, DetectDocuments(tc.img, DetectOptions{}))
		})
	}
}

func TestDetectDocumentsFast(t *testing.T) {
	want := cardQuad(330, 250, 380, 10)
	img := sceneWithCards(640, 480, want)
	dets := DetectDocuments(img, DetectOptions{Fast: true})
	require.NotEmpty(t, dets)
	assert.GreaterOrEqual(t, quadIoU(want, dets[0].Quad), 0.9)
}

func TestDetectDocumentsKeepsOptions(t *testing.T) {
	aspects := []float64{1 / AspectID1, AspectID3}
	DetectDocuments(sceneWithCards(320, 240, cardQuad(160, 120, 200, 0)), DetectOptions{Aspects: aspects})
	assert.Equal(t, []float64{1 / AspectID1, AspectID3}, aspects, "the caller's slice is not modified")
}

func TestOrderCorners(t *testing.T) {
	// Counter-clockwise input starting at the bottom right.
	got := orderCorners(Quad{{10, 10}, {10, 0}, {0, 0}, {0, 10}})
	assert.Equal(t, Quad{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, got)
}

func BenchmarkDetectDocuments(b *testing.B) {
	for _, bc := range []struct {
		name string
		w, h int
		fast bool
	}{
		{"1600x900", 1600, 900, false},
		{"640x480", 640, 480, false},
		{"640x480-fast", 640, 480, true},
	} {
		img := sceneWithCards(bc.w, bc.h, cardQuad(float64(bc.w)/2, float64(bc.h)/2, float64(bc.w)/2, 7))
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				DetectDocuments(img, DetectOptions{Fast: bc.fast})
			}
		})
	}
}
