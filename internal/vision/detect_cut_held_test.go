package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// heldScene is a 200×160 frame of dark wood-brown with a pale striped card
// running off its left side (x < 150, 30 ≤ y < 130), and, when fingered,
// a skin-coloured finger across the card's top side at x 60–80.
func heldScene(fingered bool) *RGB {
	img := stripedRGB(200, 160)
	for y := range 160 {
		for x := range 200 {
			i := 3 * (y*200 + x)
			switch {
			case fingered && x >= 60 && x < 80 && y >= 10 && y < 40:
				img.Pix[i], img.Pix[i+1], img.Pix[i+2] = 200, 150, 120
			case x >= 150 || y < 30 || y >= 130:
				img.Pix[i], img.Pix[i+1], img.Pix[i+2] = 120, 80, 50
			}
		}
	}
	return img
}

// TestHeldSupport: the card's seen sides are fully supported; a finger
// across one is hidden, not missing; an outline with one side in the
// frame has nothing to be judged by.
func TestHeldSupport(t *testing.T) {
	card := Quad{{-60, 30}, {150, 30}, {150, 130}, {-60, 130}}
	hp := hypoParams{W: 200, H: 160}
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, hidden: true}
	tests := []struct {
		name       string
		img        *RGB
		q          Quad
		ok, hidden bool
	}{
		{"card", heldScene(false), card, true, false},
		{"card held", heldScene(true), card, true, true},
		{"one side seen", heldScene(false), Quad{{-300, 30}, {-10, 30}, {-10, 130}, {-300, 130}}, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := tc.img
			s, weak, hidden, ok := heldSupport(colorGradient(img), img, tc.q, hp, sp)
			assert.Equal(t, tc.ok, ok)
			if !tc.ok {
				return
			}
			assert.Greater(t, s, heldMinSupport)
			assert.Greater(t, weak, heldMinWeakest)
			assert.Equal(t, tc.hidden, hidden >= heldMinHidden, "hidden share %v", hidden)
		})
	}
}

// TestOutsidePaper: beyond the card's sides lies the wood; beyond a box
// inside the card lies the card's pale ground; samples past the frame
// are not counted.
func TestOutsidePaper(t *testing.T) {
	hp := hypoParams{W: 200, H: 160}
	img := heldScene(false)
	tests := []struct {
		name string
		q    Quad
		want float64
	}{
		{"card", Quad{{-60, 30}, {150, 30}, {150, 130}, {-60, 130}}, 0},
		{"box inside the card", Quad{{-60, 55}, {110, 55}, {110, 105}, {-60, 105}}, 0.5},
		{"past the frame", Quad{{-300, 30}, {-10, 30}, {-10, 130}, {-300, 130}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want == 0 {
				assert.LessOrEqual(t, outsidePaper(img, tc.q, hp), heldMaxPaper)
			} else {
				assert.Greater(t, outsidePaper(img, tc.q, hp), tc.want)
			}
		})
	}
}

// TestHoldsDocumentOver: a document inside counts only when it covers
// more than the share given, as a card's flag or photo box does not.
func TestHoldsDocumentOver(t *testing.T) {
	work := stripedRGB(200, 200)
	c := hypothesis{Q: Quad{{-100, 10}, {190, 10}, {190, 190}, {-100, 190}}, extrapol: true}
	doc := hypothesis{Q: Quad{{0, 30}, {150, 30}, {150, 150}, {0, 150}}, Visible: 1, Score: 0.5}
	box := hypothesis{Q: Quad{{20, 40}, {50, 40}, {50, 70}, {20, 70}}, Visible: 1, Score: 0.5}
	tests := []struct {
		name  string
		inner hypothesis
		least float64
		want  bool
	}{
		{"document, no least", doc, 0, true},
		{"document over the least", doc, heldInnerArea, true},
		{"small box, no least", box, 0, true},
		{"small box under the least", box, heldInnerArea, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, holdsDocumentOver(work, nil, []hypothesis{tc.inner}, c, tc.least))
		})
	}
}
