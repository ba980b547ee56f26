package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// wallScene is a 400×300 wall of luma wall with a picture of luma inner
// at (100, 80)–(300, 220), surrounded on the given sides (top, right,
// bottom, left) by a 3 px line of luma line just outside it.
func wallScene(wall, inner, line uint8, sides [4]bool) *RGB {
	img := NewRGB(400, 300)
	set := func(x0, y0, x1, y1 int, v uint8) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				i := 3 * (y*img.W + x)
				img.Pix[i], img.Pix[i+1], img.Pix[i+2] = v, v, v
			}
		}
	}
	set(0, 0, 400, 300, wall)
	set(100, 80, 300, 220, inner)
	if sides[0] {
		set(97, 77, 303, 80, line)
	}
	if sides[1] {
		set(300, 77, 303, 223, line)
	}
	if sides[2] {
		set(97, 220, 303, 223, line)
	}
	if sides[3] {
		set(97, 77, 100, 223, line)
	}
	return img
}

func TestFramedPicture(t *testing.T) {
	// The outline on the frame line's outer edge, clockwise.
	outline := Quad{{97, 77}, {303, 77}, {303, 223}, {97, 223}}
	all := [4]bool{true, true, true, true}
	tests := []struct {
		name string
		img  *RGB
		q    Quad
		want bool
	}{
		{"a dark frame all around a picture on a bright wall", wallScene(200, 120, 20, all), outline, true},
		{"the outline on the frame's inner edge", wallScene(200, 120, 20, all), Quad{{100, 80}, {300, 80}, {300, 220}, {100, 220}}, true},
		{"a card on a dark desk: a step, no line", wallScene(40, 200, 0, [4]bool{}), Quad{{100, 80}, {300, 80}, {300, 220}, {100, 220}}, false},
		{"a dark card on a bright desk: a step, no line", wallScene(200, 40, 0, [4]bool{}), Quad{{100, 80}, {300, 80}, {300, 220}, {100, 220}}, false},
		{"a faint line (a printed border)", wallScene(200, 120, 90, all), outline, false},
		{"a line on two sides only", wallScene(200, 120, 20, [4]bool{true, false, true, false}), outline, false},
		{"an outline running off the image", wallScene(200, 120, 20, all), Quad{{97, -77}, {303, -77}, {303, 223}, {97, 223}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, framedPicture(tc.img, tc.q))
		})
	}
}

func TestKeepDocuments(t *testing.T) {
	printed := printedCardScene(70, true) // card at (40, 60)–(360, 262)
	card := Quad{{40, 60}, {360, 60}, {360, 262}, {40, 262}}
	blank := Quad{{400, 100}, {600, 100}, {600, 226}, {400, 226}} // white
	full := detectConfig{textRank: 60}
	framedPrint := wallScene(200, 230, 20, [4]bool{true, true, true, true})
	printRows(framedPrint, 115, 95, 285, 210)
	tests := []struct {
		name   string
		img    *RGB
		picked []hypothesis
		cfg    detectConfig
		want   []Quad
	}{
		{"a printed card is kept", printed, []hypothesis{{Q: card}}, full, []Quad{card}},
		{"a blank winner is rejected, not replaced", printed, []hypothesis{{Q: blank}, {Q: card}}, full, nil},
		{"a blank further pick is dropped", printed, []hypothesis{{Q: card}, {Q: blank}}, full, []Quad{card}},
		{"Fast mode keeps its picks", printed, []hypothesis{{Q: blank}}, detectConfig{}, []Quad{blank}},
		{
			"a framed picture with print is rejected", framedPrint,
			[]hypothesis{{Q: Quad{{97, 77}, {303, 77}, {303, 223}, {97, 223}}}}, full, nil,
		},
		{"nothing picked", printed, nil, full, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []Quad
			for _, h := range keepDocuments(tc.img, tc.picked, tc.cfg) {
				got = append(got, h.Q)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
