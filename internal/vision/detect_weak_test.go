package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// printedCardScene is a white 640×400 image holding a card outline at
// (40, 60)–(360, 262): a black square (the face, for darkFinder) at
// faceX, and, when rows is set, grey print rows (lighter than darkFinder's
// threshold) over the card's right part.
func printedCardScene(faceX int, rows bool) *RGB {
	img := darkSquareScene(faceX, 130, 60)
	if !rows {
		return img
	}
	printRows(img, 170, 90, 340, 240)
	return img
}

// printRows draws grey rows of "words" 5 px high every 14 px over
// [x0,x1)×[y0,y1), lighter than darkFinder's threshold.
func printRows(img *RGB, x0, y0, x1, y1 int) {
	for y := y0; y+5 <= y1; y += 14 {
		for dy := range 5 {
			for x := x0; x < x1; x++ {
				if (x/6)%4 == 3 {
					continue // gaps between words
				}
				i := 3 * ((y+dy)*img.W + x)
				img.Pix[i], img.Pix[i+1], img.Pix[i+2] = 150, 150, 150
			}
		}
	}
}

func TestPortraitHolder(t *testing.T) {
	card := Quad{{40, 60}, {360, 60}, {360, 262}, {40, 262}}
	box := Quad{{400, 100}, {600, 100}, {600, 226}, {400, 226}}
	tests := []struct {
		name  string
		img   *RGB
		hyps  []hypothesis
		want  []Quad
		calls int // face searches: none without a candidate
	}{
		{
			"a weak card with a portrait and print is reported",
			printedCardScene(70, true),
			[]hypothesis{{Q: card, Score: 0.5, Rank: 0.5}},
			[]Quad{card}, 1,
		},
		{
			"the holder wins over a better-ranked box without a face",
			printedCardScene(70, true),
			[]hypothesis{{Q: box, Score: 0.52, Rank: 0.52}, {Q: card, Score: 0.5, Rank: 0.5}},
			[]Quad{card}, 1,
		},
		{
			"too weak an outline is not carried",
			printedCardScene(70, true),
			[]hypothesis{{Q: card, Score: weakDocScore - 0.01, Rank: 0.44}},
			nil, 0,
		},
		{
			"an outline below the floor carried by the off-frame outline it displaced",
			printedCardScene(70, true),
			[]hypothesis{{Q: card, Score: weakDocScore - 0.05, Rank: 0.5, vouch: weakDocScore + 0.01}},
			[]Quad{card}, 1,
		},
		{
			"a vouch below the floor carries nothing",
			printedCardScene(70, true),
			[]hypothesis{{Q: card, Score: weakDocScore - 0.05, Rank: 0.5, vouch: weakDocScore - 0.02}},
			nil, 0,
		},
		{
			"a face on the centre line is no portrait",
			printedCardScene(170, true),
			[]hypothesis{{Q: card, Score: 0.5, Rank: 0.5}},
			nil, 1,
		},
		{
			"a face without print is a photograph",
			printedCardScene(70, false),
			[]hypothesis{{Q: card, Score: 0.5, Rank: 0.5}},
			nil, 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			cfg := detectConfig{portrait: newPortraitAnchor(darkFinder(10, &calls), tc.img, 1, 1)}
			var got []Quad
			for _, h := range portraitHolder(tc.img, tc.hyps, cfg) {
				got = append(got, h.Q)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.calls, calls, "face searches")
		})
	}
}

func TestPortraitHolderWithoutFinder(t *testing.T) {
	img := printedCardScene(70, true)
	card := Quad{{40, 60}, {360, 60}, {360, 262}, {40, 262}}
	assert.Nil(t, portraitHolder(img, []hypothesis{{Q: card, Score: 0.5, Rank: 0.5}}, detectConfig{}), "Fast mode has no anchor")
	assert.Nil(t, portraitHolder(img, nil, detectConfig{portrait: newPortraitAnchor(darkFinder(10, new(int)), img, 1, 1)}), "no outline")
}
