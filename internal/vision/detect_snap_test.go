package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShiftSide(t *testing.T) {
	sq := Quad{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	tests := []struct {
		name string
		q    Quad
		k    int
		d    float64
		want Quad
		ok   bool
	}{
		{"top up", sq, 0, 2, Quad{{0, -2}, {10, -2}, {10, 10}, {0, 10}}, true},
		{"right out", sq, 1, 3, Quad{{0, 0}, {13, 0}, {13, 10}, {0, 10}}, true},
		{"bottom in (negative)", sq, 2, -4, Quad{{0, 0}, {10, 0}, {10, 6}, {0, 6}}, true},
		{"left out", sq, 3, 1, Quad{{-1, 0}, {10, 0}, {10, 10}, {-1, 10}}, true},
		{"trapezoid top, sides re-cut", Quad{{2, 0}, {8, 0}, {10, 10}, {0, 10}}, 0, 5, Quad{{3, -5}, {7, -5}, {10, 10}, {0, 10}}, true},
		{"zero-length side", Quad{{0, 0}, {0, 0}, {10, 10}, {0, 10}}, 0, 1, Quad{{0, 0}, {0, 0}, {10, 10}, {0, 10}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := shiftSide(tc.q, tc.k, tc.d)
			require.Equal(t, tc.ok, ok)
			for i := range got {
				assert.InDelta(t, tc.want[i].X, got[i].X, 1e-9, "corner %d x", i)
				assert.InDelta(t, tc.want[i].Y, got[i].Y, 1e-9, "corner %d y", i)
			}
		})
	}
}

func TestOutwardPeaks(t *testing.T) {
	tests := []struct {
		name   string
		prof   []float64
		beyond int
		want   []int
	}{
		{"own edge only", []float64{1, 0.9, 0.1, 0.1, 0.1, 0.1}, 3, nil},
		{"one edge beyond a blank band", []float64{1, 1, 0.1, 0.1, 0.8, 0.95, 0.7, 0.1, 0.1, 0.1, 0.1}, 3, []int{5}},
		{"two edges, outermost first", []float64{1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1}, 3, []int{7, 2}},
		{"grain along the side: no prominence", []float64{1, 0.1, 0.7, 0.62, 0.7, 0.65, 0.68, 0.61, 0.66, 0.63}, 3, nil},
		{"weak edge below snapSupport", []float64{1, 0.1, 0.5, 0.1, 0.1, 0.1}, 3, nil},
		{"edge at the end of the reach: nothing beyond to compare", []float64{1, 0.1, 0.1, 0.1, 0.9}, 3, nil},
		{"empty", nil, 3, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, outwardPeaks(tc.prof, tc.beyond))
		})
	}
}

func TestSnappedOutline(t *testing.T) {
	hp := hypoParams{W: 640, H: 480, Aspects: []float64{AspectID1}, MinSide: 10, MinArea: 100}
	seen := hypothesis{Q: Quad{{100, 100}, {400, 100}, {400, 280}, {100, 280}}, Lines: [4]int{0, 1, 2, 3}}
	// A card cut by the right frame side: the right side (1) placed by
	// the aspect prior 1.586 × 200 px past x = 640 from the left side.
	cut := hypothesis{Q: Quad{{400, 100}, {717, 100}, {717, 300}, {400, 300}}, Lines: [4]int{0, -1, 2, 3}, extrapol: true}
	tests := []struct {
		name string
		h    hypothesis
		k    int
		d    float64
		want Quad
		ok   bool
	}{
		{"seen outline, top out", seen, 0, 20, Quad{{100, 80}, {400, 80}, {400, 280}, {100, 280}}, true},
		{"cut card, bottom out: the unseen side keeps the proportions", cut, 2, 50,
			Quad{{400, 100}, {400 + 317*1.25, 100}, {400 + 317*1.25, 350}, {400, 350}}, true},
		{"cut card, seen left side out: the unseen side follows", cut, 3, 10,
			Quad{{390, 100}, {707, 100}, {707, 300}, {390, 300}}, true},
		{"a corner seen in the frame leaves it", seen, 0, 120, seen.Q, false},
		{"a side onto the frame's border", hypothesis{Q: Quad{{100, 2}, {400, 2}, {400, 280}, {100, 280}}, Lines: [4]int{0, 1, 2, 3}}, 0, 2, Quad{{100, 2}, {400, 2}, {400, 280}, {100, 280}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := snappedOutline(tc.h, tc.k, tc.d, hp)
			require.Equal(t, tc.ok, ok)
			for i := range got.Q {
				assert.InDelta(t, tc.want[i].X, got.Q[i].X, 1e-6, "corner %d x", i)
				assert.InDelta(t, tc.want[i].Y, got.Q[i].Y, 1e-6, "corner %d y", i)
			}
		})
	}
}

// bandedCard is a 480×320 image of a table with a card on it whose top
// band (20 % of the card's height) is nearly the table's colour and the
// body light: the band's lower edge is far stronger than the card's top
// edge. It returns the card's outline and the outline of its body.
func bandedCard() (img *RGB, card, body Quad) {
	img = noisyRGB(480, 320, [3]uint8{150, 112, 72}, 3, 7)
	card = cardQuad(240, 160, 300, 0)
	fillQuadRGB(img, card, [3]uint8{132, 98, 60})
	top := card[0].Y + 0.2*(card[3].Y-card[0].Y)
	body = Quad{{card[0].X, top}, card[1], card[2], card[3]}
	body[1].Y = top
	fillQuadRGB(img, body, [3]uint8{215, 212, 200})
	return img, card, body
}

func TestSnapOutward(t *testing.T) {
	img, card, body := bandedCard()
	g := colorGradient(img)
	hp := hypoParams{W: float64(img.W), H: float64(img.H), Aspects: []float64{AspectID1}, MinSide: 10, MinArea: 100}
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	tests := []struct {
		name string
		q    Quad
		want Quad
	}{
		{"body only: the top side moves onto the card's edge", body, card},
		{"the card itself stays", card, card},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := hypothesis{Q: tc.q, Lines: [4]int{0, 1, 2, 3}, Score: 0.5}
			got := snapOutward(g, img, hp, sp, h)
			assert.Greater(t, quadIoU(got.Q, tc.want), 0.97, "got %v", got.Q)
			assert.Equal(t, h.Score, got.Score, "the pick keeps its score")
		})
	}
}

func TestAlongBorder(t *testing.T) {
	hp := hypoParams{W: 100, H: 50}
	tests := []struct {
		name string
		a, b Point
		want bool
	}{
		{"top border", Point{0, 1}, Point{100, 2.5}, true},
		{"right border", Point{99, 0}, Point{101, 50}, true},
		{"inside", Point{10, 10}, Point{90, 10}, false},
		{"crossing the top border", Point{0, 0}, Point{100, 20}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, alongBorder(tc.a, tc.b, hp))
		})
	}
}

func BenchmarkSnapOutward(b *testing.B) {
	img, _, body := bandedCard()
	g := colorGradient(img)
	hp := hypoParams{W: float64(img.W), H: float64(img.H), Aspects: []float64{AspectID1}, MinSide: 10, MinArea: 100}
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	h := hypothesis{Q: body, Lines: [4]int{0, 1, 2, 3}, Score: 0.5}
	b.ReportAllocs()
	for b.Loop() {
		snapOutward(g, img, hp, sp, h)
	}
}
