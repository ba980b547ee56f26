package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCandidateHypotheses(t *testing.T) {
	p := hypoParams{W: 800, H: 600, Aspects: []float64{AspectID1}, MinSide: 36, MinArea: 0.02 * 800 * 600}
	card := cardQuad(400, 300, 500, 5)
	tests := []struct {
		name    string
		quads   []Quad
		wantN   int
		visible float64
	}{
		{"card kept", []Quad{card}, 1, 1},
		{"counter-clockwise card kept", []Quad{{card[0], card[3], card[2], card[1]}}, 1, 1},
		{"tiny outline dropped", []Quad{cardQuad(400, 300, 60, 0)}, 0, 0},
		{"self-crossing outline dropped", []Quad{{card[0], card[2], card[1], card[3]}}, 0, 0},
		{"outline far off the frame dropped", []Quad{cardQuad(2000, 300, 500, 0)}, 0, 0},
		{"card half outside kept", []Quad{cardQuad(800, 300, 400, 0)}, 1, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hs := candidateHypotheses(func(*RGB) []Quad { return tc.quads }, NewRGB(800, 600), p)
			require.Len(t, hs, tc.wantN)
			for _, h := range hs {
				assert.Equal(t, [4]int{-1, -1, -1, -1}, h.Lines, "no side comes from a grouped line")
				assert.InDelta(t, tc.visible, h.Visible, 0.01)
				assert.False(t, h.extrapol)
			}
		})
	}
	assert.Nil(t, candidateHypotheses(nil, NewRGB(800, 600), p), "no generator, no candidates")
}

// TestDetectUsesCandidates runs the detector with no line-based
// hypotheses at all, so whatever it finds came through
// DetectOptions.Candidates and the shared scorer.
func TestDetectUsesCandidates(t *testing.T) {
	img := noisyRGB(1600, 1200, [3]uint8{90, 70, 50}, 6, 3)
	card := cardQuad(800, 600, 900, 7)
	fillQuadRGB(img, card, [3]uint8{225, 230, 235})
	cfg := configFor(DetectOptions{})
	cfg.maxLines, cfg.coarse, cfg.rescue = 0, false, 0
	// The card is a blank stand-in: no text ranking, and so no content
	// check (keepDocuments), which would reject a document without print.
	cfg.textRank = 0
	tests := []struct {
		name  string
		quads []Quad // in input pixels; handed over at the working scale
		want  bool
	}{
		{"no candidates", nil, false},
		{"the card", []Quad{card}, true},
		{"an outline on the bare desk", []Quad{cardQuad(300, 250, 400, 0)}, false},
		{"the card among desk outlines", []Quad{cardQuad(300, 250, 400, 0), card, cardQuad(1300, 950, 400, 30)}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var seen []int
			opt := DetectOptions{Candidates: func(work *RGB) []Quad {
				seen = append(seen, max(work.W, work.H))
				k := float64(work.W) / float64(img.W)
				out := make([]Quad, len(tc.quads))
				for i, q := range tc.quads {
					out[i] = q.Scale(k)
				}
				return out
			}}
			dets := detectWith(img, opt, cfg)
			assert.Equal(t, []int{cfg.workSide}, seen, "called once, on the working copy")
			if !tc.want {
				assert.Empty(t, dets)
				return
			}
			require.Len(t, dets, 1)
			assert.GreaterOrEqual(t, quadIoU(card, dets[0].Quad), 0.97)
		})
	}
}
