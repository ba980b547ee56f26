package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestOutermostCut: an outline around the pick that shares a side with
// it, scores nearly as well and reads as text replaces it; a weaker one,
// one sharing no side and one far larger (the page beside a passport's
// data page) do not.
func TestOutermostCut(t *testing.T) {
	work := stripedRGB(200, 200)
	inner := hypothesis{Q: Quad{{-50, 60}, {150, 60}, {150, 180}, {-50, 180}}, Lines: [4]int{1, 2, 3, -1}, Score: 0.8}
	tests := []struct {
		name  string
		outer hypothesis
		grows bool
	}{
		{"band above the pick", hypothesis{Q: Quad{{-50, 40}, {150, 40}, {150, 180}, {-50, 180}}, Lines: [4]int{4, 2, 3, -1}, Score: 0.75}, true},
		{"weaker outline", hypothesis{Q: Quad{{-50, 40}, {150, 40}, {150, 180}, {-50, 180}}, Lines: [4]int{4, 2, 3, -1}, Score: 0.6}, false},
		{"no shared side", hypothesis{Q: Quad{{-50, 40}, {150, 40}, {150, 180}, {-50, 180}}, Lines: [4]int{4, 5, 6, -1}, Score: 0.75}, false},
		{"twice the size", hypothesis{Q: Quad{{-50, 0}, {150, 0}, {150, 200}, {-50, 200}}, Lines: [4]int{4, 2, 3, -1}, Score: 0.75}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := outermostCut(work, []hypothesis{tc.outer}, inner)
			if tc.grows {
				assert.Equal(t, tc.outer.Q, got.Q)
			} else {
				assert.Equal(t, inner.Q, got.Q)
			}
		})
	}
}

// TestHoldsDocument: a whole pick inside a cut outline, or a text-reading
// whole outline scoring weakDocScore inside it, makes the cut outline the
// support under a document.
func TestHoldsDocument(t *testing.T) {
	work := stripedRGB(200, 200)
	c := hypothesis{Q: Quad{{-100, 10}, {190, 10}, {190, 190}, {-100, 190}}, extrapol: true}
	small := hypothesis{Q: Quad{{20, 40}, {120, 40}, {120, 110}, {20, 110}}, Visible: 1, Score: 0.5}
	outside := hypothesis{Q: Quad{{150, 150}, {199, 150}, {199, 199}, {150, 199}}, Visible: 1, Score: 0.9}
	weak := small
	weak.Score = 0.3
	tests := []struct {
		name   string
		picked []hypothesis
		hyps   []hypothesis
		want   bool
	}{
		{"weak pick inside", []hypothesis{weak}, nil, true},
		{"document inside", nil, []hypothesis{small}, true},
		{"weak outline inside", nil, []hypothesis{weak}, false},
		{"outline across the side", nil, []hypothesis{outside}, false},
		{"nothing", nil, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, holdsDocument(work, tc.picked, tc.hyps, c))
		})
	}
}

// TestCutTinyStripes: a 65×48 image of diagonal stripes (the CLI tests'
// stand-in for a photo without a document) holds parallel stripe edges
// crossing the frame, which the cut generators pair; the outlines are
// narrower than the text-row grid, so none is reported.
func TestCutTinyStripes(t *testing.T) {
	for _, w := range []int{64, 65, 73, 74} {
		img := NewRGB(w, 48)
		for p := range img.Pix {
			// The pattern of an RGBA image's bytes p*7+13i, alpha left out.
			img.Pix[p] = uint8((p/3*4+p%3)*7 + (w-64)*13)
		}
		assert.Empty(t, DetectDocuments(img, DetectOptions{}), "width %d", w)
	}
}
