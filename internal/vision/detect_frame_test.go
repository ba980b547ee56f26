package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDocumentAspect(t *testing.T) {
	both := []float64{AspectID1, AspectID3}
	tests := []struct {
		name    string
		r       float64
		aspects []float64
		want    bool
	}{
		{"ID-1 landscape", AspectID1, both, true},
		{"ID-1 portrait", 1 / AspectID1, both, true},
		{"ID-3 scan cropped 3 % wide", AspectID3 * 1.03, both, true},
		{"ID-3 only asked, ID-1 frame", AspectID1, []float64{AspectID3}, false},
		{"4:3 camera frame", 4.0 / 3, both, false},
		{"3:2 camera frame", 1.5, both, false},
		{"16:9 camera frame", 16.0 / 9, both, false},
		{"square", 1, both, false},
		{"zero", 0, both, false},
		{"infinite", math.Inf(1), both, false},
		{"NaN", math.NaN(), both, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, documentAspect(tc.r, tc.aspects))
		})
	}
}

// printedCard is a w×h pale card with dark text-like bars over its
// lower two thirds: light, unsaturated and printed.
func printedCard(w, h int, paper [3]uint8) *RGB {
	img := noisyRGB(w, h, paper, 4, 3)
	fw, fh := float64(w), float64(h)
	for i := range 8 {
		y := fh * (0.3 + 0.08*float64(i))
		fillQuadRGB(img, Quad{{0.1 * fw, y}, {0.8 * fw, y}, {0.8 * fw, y + 0.03*fh}, {0.1 * fw, y + 0.03*fh}}, [3]uint8{30, 30, 40})
		fillQuadRGB(img, Quad{{0.05 * fw, y}, {0.08 * fw, y}, {0.08 * fw, y + 0.05*fh}, {0.05 * fw, y + 0.05*fh}}, [3]uint8{30, 30, 40})
	}
	return img
}

func TestPaperLike(t *testing.T) {
	tests := []struct {
		name string
		img  *RGB
		want bool
	}{
		{"printed pale card", printedCard(320, 202, [3]uint8{215, 210, 200}), true},
		{"printed pastel card", printedCard(320, 202, [3]uint8{235, 205, 215}), true},
		{"blank pale wall", noisyRGB(320, 202, [3]uint8{215, 210, 200}, 4, 3), false},
		{"printed orange wood", printedCard(320, 202, [3]uint8{200, 130, 70}), false},
		{"printed dark desk", printedCard(320, 202, [3]uint8{90, 85, 80}), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, paperLike(tc.img, colorGradient(tc.img)))
		})
	}
}

func TestPaperLikeBadInput(t *testing.T) {
	img := printedCard(64, 40, [3]uint8{215, 210, 200})
	assert.False(t, paperLike(img, &gradField{}), "gradient of another size")
	assert.False(t, paperLike(&RGB{}, &gradField{}), "empty image")
}

func TestWithFullBleed(t *testing.T) {
	const w, h = 320, 202 // ID-1 shaped
	card := printedCard(w, h, [3]uint8{215, 210, 200})
	g := colorGradient(card)
	frame := Quad{{0, 0}, {w, 0}, {w, h}, {0, h}}
	part := Detection{Quad: Quad{{20, 60}, {120, 60}, {120, 180}, {20, 180}}, Score: 0.6}
	margin := Detection{Quad: Quad{{4, 3}, {316, 3}, {316, 199}, {4, 199}}, Score: 0.6}
	strong := Detection{Quad: part.Quad, Score: 0.9}
	both := []float64{AspectID1, AspectID3}
	tests := []struct {
		name    string
		dets    []Detection
		aspects []float64
		want    []Detection
	}{
		{"nothing found: the frame", nil, both, []Detection{{Quad: frame, Score: frameScore}}},
		{"a weak part: the frame", []Detection{part}, both, []Detection{{Quad: frame, Score: frameScore}}},
		{"the document with a margin stays", []Detection{margin}, both, []Detection{margin}},
		{"a confident part: the frame", []Detection{strong}, both, []Detection{{Quad: frame, Score: frameScore}}},
		{"passport shape only", nil, []float64{AspectID3}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, withFullBleed(tc.dets, card, g, tc.aspects, w, h))
		})
	}
}
