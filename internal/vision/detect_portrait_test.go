package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHoldsPortrait(t *testing.T) {
	// A level ID-1 card 320×202 at (100, 100); its portrait zone is the
	// left third, faces of ~0.3 of the card's height (60 px).
	card := Quad{{100, 100}, {420, 100}, {420, 302}, {100, 302}}
	// The same card listed from its short side (first side 202 px).
	cardTall := Quad{{420, 100}, {420, 302}, {100, 302}, {100, 100}}
	// A card turned a quarter: long side vertical, portrait at the top.
	upright := Quad{{100, 100}, {302, 100}, {302, 420}, {100, 420}}
	face := func(x, y, s float64) faceBox { return faceBox{x, y, x + s, y + s} }
	tests := []struct {
		name  string
		q     Quad
		faces []faceBox
		want  bool
	}{
		{"portrait on the left", card, []faceBox{face(130, 170, 60)}, true},
		{"portrait on the right", card, []faceBox{face(330, 170, 60)}, true},
		{"first side is the short one", cardTall, []faceBox{face(130, 170, 60)}, true},
		{"quarter turn, portrait at the top", upright, []faceBox{face(170, 140, 60)}, true},
		// An upright face cannot sit at the bottom of a tall card: that
		// card would be upside down, and so would its face.
		{"quarter turn, upright face at the bottom", upright, []faceBox{face(170, 320, 60)}, false},
		// The portrait photo itself, outlined: a tall box, its face in
		// the middle.
		{"a portrait photo", Quad{{100, 100}, {250, 100}, {250, 300}, {100, 300}}, []faceBox{face(140, 150, 65)}, false},
		{"a portrait photo listed from its long side", Quad{{250, 100}, {250, 300}, {100, 300}, {100, 100}}, []faceBox{face(140, 150, 65)}, false},
		{"no face", card, nil, false},
		{"face on the centre line", card, []faceBox{face(230, 170, 60)}, false},
		{"face outside", card, []faceBox{face(500, 170, 60)}, false},
		{"face across the border", card, []faceBox{face(80, 170, 60)}, false},
		{"face against a long side", card, []faceBox{face(130, 102, 30)}, false},
		{"face too small (a ghost image)", card, []faceBox{face(130, 170, 15)}, false},
		{"face too large (a photo print)", card, []faceBox{face(110, 105, 190)}, false},
		{"second face fits", card, []faceBox{face(230, 170, 60), face(330, 170, 60)}, true},
		{"degenerate outline", Quad{{0, 0}, {10, 0}, {20, 0}, {30, 0}}, []faceBox{face(130, 170, 60)}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, holdsPortrait(tc.q, tc.faces))
		})
	}
}

// darkSquareScene is a white 640×400 image with a black square (the
// stand-in for a face) at x0, y0 of side s.
func darkSquareScene(x0, y0, s int) *RGB {
	img := NewRGB(640, 400)
	for i := range img.Pix {
		img.Pix[i] = 240
	}
	for y := y0; y < y0+s; y++ {
		for x := x0; x < x0+s; x++ {
			i := 3 * (y*img.W + x)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = 10, 10, 10
		}
	}
	return img
}

// darkFinder is a face finder that reports the bounding box of the dark
// pixels of the image searched, with the given score, and counts its
// calls: an exact stand-in for the cascade.
func darkFinder(score float64, calls *int) FaceFinder {
	return func(g *Gray, minSize, maxSize int) []Face {
		*calls++
		r := Rect{X0: g.W, Y0: g.H}
		for y := range g.H {
			for x := range g.W {
				if g.Pix[y*g.W+x] < 128 {
					r = Rect{min(r.X0, x), min(r.Y0, y), max(r.X1, x+1), max(r.Y1, y+1)}
				}
			}
		}
		if r.X1 <= r.X0 || r.Dx() < minSize || (maxSize > 0 && r.Dx() > maxSize) {
			return nil
		}
		return []Face{{Rect: r, Score: score}}
	}
}

func TestPortraitRerank(t *testing.T) {
	card := Quad{{40, 60}, {360, 60}, {360, 262}, {40, 262}}
	box := Quad{{400, 100}, {600, 100}, {600, 226}, {400, 226}}
	nearCard := Quad{{42, 62}, {358, 62}, {358, 260}, {42, 260}}
	tests := []struct {
		name      string
		img       *RGB
		score     float64
		hyps      []hypothesis
		wantRanks []float64 // by hypothesis, in the order given
		wantCalls int
	}{
		{
			"the box without the face loses to the card with it",
			darkSquareScene(70, 130, 60), 10,
			[]hypothesis{{Q: box, Rank: 0.7}, {Q: card, Rank: 0.6}},
			[]float64{0.7 * portraitMiss, 0.6}, 1,
		},
		{
			"a weak face anchors nothing",
			darkSquareScene(70, 130, 60), portraitMinScore - 1,
			[]hypothesis{{Q: box, Rank: 0.7}, {Q: card, Rank: 0.6}},
			[]float64{0.7, 0.6}, 1,
		},
		{
			"a face no contender holds anchors nothing",
			darkSquareScene(470, 300, 60), 10,
			[]hypothesis{{Q: box, Rank: 0.7}, {Q: card, Rank: 0.6}},
			[]float64{0.7, 0.6}, 1,
		},
		{
			"agreeing contenders: no search",
			darkSquareScene(70, 130, 60), 10,
			[]hypothesis{{Q: card, Rank: 0.7}, {Q: nearCard, Rank: 0.65}, {Q: box, Rank: 0.3}},
			[]float64{0.7, 0.65, 0.3}, 0,
		},
		{
			"outlines far behind are no contenders",
			darkSquareScene(70, 130, 60), 10,
			[]hypothesis{{Q: box, Rank: 0.7}, {Q: card, Rank: 0.3}},
			[]float64{0.7, 0.3}, 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			a := newPortraitAnchor(darkFinder(tc.score, &calls), tc.img, 1, 1)
			hyps := append([]hypothesis(nil), tc.hyps...)
			a.rerank(hyps)
			got := make([]float64, len(tc.hyps))
			for i, want := range tc.hyps {
				for _, h := range hyps {
					if h.Q == want.Q {
						got[i] = h.Rank
					}
				}
			}
			assert.InDeltaSlice(t, tc.wantRanks, got, 1e-12)
			assert.Equal(t, tc.wantCalls, calls, "face searches")
		})
	}
}

func TestPortraitSearchesOnce(t *testing.T) {
	calls := 0
	a := newPortraitAnchor(darkFinder(10, &calls), darkSquareScene(70, 130, 60), 1, 1)
	card := Quad{{40, 60}, {360, 60}, {360, 262}, {40, 262}}
	box := Quad{{400, 100}, {600, 100}, {600, 226}, {400, 226}}
	for range 3 {
		a.rerank([]hypothesis{{Q: box, Rank: 0.7}, {Q: card, Rank: 0.6}})
	}
	assert.Equal(t, 1, calls)
	require.Len(t, a.faces, 1)
	assert.InDelta(t, 70, a.faces[0].X0, 1)
	assert.InDelta(t, 190, a.faces[0].Y1, 1)
}

func TestPortraitAnchorNil(t *testing.T) {
	assert.Nil(t, newPortraitAnchor(nil, NewRGB(10, 10), 1, 1))
	var a *portraitAnchor
	hyps := []hypothesis{{Rank: 0.2}, {Rank: 0.9}}
	a.rerank(hyps)
	assert.Equal(t, 0.2, hyps[0].Rank, "a nil anchor leaves the order")
}

// TestResizeAreaCropMatchesCopiedCrop: reading the crop in place gives the
// pixels of resizing a copy of it.
func TestResizeAreaCropMatchesCopiedCrop(t *testing.T) {
	img := NewRGB(97, 61)
	for i := range img.Pix {
		img.Pix[i] = uint8(i*37 + i/7)
	}
	tests := []struct {
		name           string
		x0, y0, x1, y1 int
		w, h           int
	}{
		{"inner crop shrunk", 10, 5, 80, 50, 23, 17},
		{"crop to the right and bottom edges", 40, 20, 97, 61, 19, 13},
		{"crop kept at its size", 3, 4, 30, 40, 27, 36},
		{"larger size asked: not upsampled", 0, 0, 20, 10, 40, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			crop := NewRGB(tt.x1-tt.x0, tt.y1-tt.y0)
			for y := tt.y0; y < tt.y1; y++ {
				copy(crop.Pix[3*(y-tt.y0)*crop.W:], img.Pix[3*(y*img.W+tt.x0):3*(y*img.W+tt.x1)])
			}
			want := ResizeArea(crop, tt.w, tt.h)
			got := resizeAreaCrop(img, tt.x0, tt.y0, tt.x1, tt.y1, tt.w, tt.h)
			assert.Equal(t, want.W, got.W)
			assert.Equal(t, want.H, got.H)
			assert.Equal(t, want.Pix, got.Pix)
		})
	}
}

func TestFramesFace(t *testing.T) {
	card := Quad{{100, 100}, {420, 100}, {420, 302}, {100, 302}}  // ID-1, short side 202
	photo := Quad{{100, 100}, {250, 100}, {250, 300}, {100, 300}} // a portrait photo, short side 150
	face := func(x, y, s float64) faceBox { return faceBox{x, y, x + s, y + s} }
	tests := []struct {
		name  string
		q     Quad
		faces []faceBox
		want  bool
	}{
		{"card's portrait (0.30 of the short side)", card, []faceBox{face(130, 170, 60)}, false},
		{"the portrait photo itself (0.43)", photo, []faceBox{face(140, 150, 65)}, true},
		{"a face at the limit (0.36)", photo, []faceBox{face(140, 150, 54)}, true},
		{"a face just under it (0.35)", photo, []faceBox{face(140, 150, 52.5)}, false},
		{"a large face outside the outline", card, []faceBox{face(500, 100, 120)}, false},
		{"no face", card, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &portraitAnchor{searched: true, faces: tc.faces}
			assert.Equal(t, tc.want, a.framesFace(tc.q))
		})
	}
	// Without a search the anchor knows no face: it does not search one.
	assert.False(t, (&portraitAnchor{faces: []faceBox{face(140, 150, 65)}}).framesFace(photo))
	var none *portraitAnchor
	assert.False(t, none.framesFace(photo))
}

// TestKeepDocumentsDropsPortraitPhoto: an outline the portrait fills is
// not reported, even over print that reads as a document.
func TestKeepDocumentsDropsPortraitPhoto(t *testing.T) {
	work := rowsImage(textLines(480))
	photo := hypothesis{Q: Quad{{100, 50}, {250, 50}, {250, 250}, {100, 250}}}
	card := hypothesis{Q: Quad{{20, 20}, {460, 20}, {460, 280}, {20, 280}}}
	face := faceBox{140, 100, 205, 165}
	cfg := detectConfig{textRank: 60, portrait: &portraitAnchor{searched: true, faces: []faceBox{face}}}
	assert.Empty(t, keepDocuments(work, []hypothesis{photo}, cfg))
	assert.Len(t, keepDocuments(work, []hypothesis{card}, cfg), 1)
}
