package vision

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMRZRescore: an anchored outline whose one side has no edge (the
// page's top runs into an equally pale upper page) is scored on its
// three seen sides; an outline the zone did not place keeps the scorer's
// verdict.
func TestMRZRescore(t *testing.T) {
	img := noisyRGB(400, 320, [3]uint8{60, 50, 40}, 2, 1)
	fillQuadRGB(img, Quad{{50, 100}, {350, 100}, {350, 290}, {50, 290}}, [3]uint8{225, 225, 220})
	fillQuadRGB(img, Quad{{50, 0}, {350, 0}, {350, 100}, {50, 100}}, [3]uint8{225, 225, 220})
	g := colorGradient(img)
	hp := hypoParams{W: 400, H: 320, Aspects: []float64{AspectID3}}
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	page := Quad{{50, 100}, {350, 100}, {350, 290}, {50, 290}}
	hyps := []hypothesis{{Q: page, anchor: true, Visible: 1}, {Q: page, Visible: 1}}
	for i := range hyps {
		scoreHypothesis(g, img, &hyps[i], hp, sp)
	}
	plain := hyps[1].Score
	require.Less(t, plain, minDocScore, "the scorer alone rejects the page")
	mrzCue{}.rescore(g, img, hyps, hp, sp)
	assert.Greater(t, hyps[0].Score, minDocScore, "anchored: three seen sides suffice")
	assert.Equal(t, plain, hyps[1].Score, "not anchored: unchanged")
}

// levelPage returns a level TD3 zone (pitch 8, rows ending at y = 400)
// and the page outline its layout fits, with the page's width and the
// x of its middle.
func levelPage() (z mrzZone, fits Quad, w, cx float64) {
	const pitch = 8.0
	w = 125 / 2.54 * pitch
	cx = 100 + 43*pitch/2
	return levelZone(100, 400, pitch), rect(cx-w/2, 150, cx+w/2, 424), w, cx
}

// rect returns the axis-aligned quad [x0, x1] × [y0, y1].
func rect(x0, y0, x1, y1 float64) Quad { return Quad{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} }

// TestMRZRerank: an outline holding the zone where its layout puts it
// gains, one holding it but far wider (the sheet a page is printed on)
// loses; outlines away from the zone keep their rank.
func TestMRZRerank(t *testing.T) {
	z, fits, w, cx := levelPage()
	sheet := rect(cx-0.8*w, 50, cx+0.8*w, 600)
	away := rect(800, 100, 1000, 250)
	hyps := []hypothesis{{Q: sheet, Rank: 1}, {Q: fits, Rank: 0.8}, {Q: away, Rank: 0.9}}
	mrzCue{zones: []mrzZone{z}}.rerank(hyps)
	require.Equal(t, []Quad{fits, away, sheet}, []Quad{hyps[0].Q, hyps[1].Q, hyps[2].Q})
	assert.InDelta(t, 0.8*mrzAgree, hyps[0].Rank, 1e-9)
	assert.InDelta(t, 0.9, hyps[1].Rank, 1e-9)
	assert.InDelta(t, mrzDisagree, hyps[2].Rank, 1e-9)
}

// TestMRZRerankZoneless: an outline holding no zone that ranks above the
// page the zone's layout fits (a boxed quote in the newspaper beside a
// grey printed page, the desk beside it) is weighed down by mrzMiss,
// unless it is of about the page's size (a second document); with no
// outline fitting the zone, nothing moves.
func TestMRZRerankZoneless(t *testing.T) {
	z, fits, w, cx := levelPage()
	quote := rect(600, 100, 700, 160)
	card := rect(560, 100, 900, 314)
	narrow := rect(cx-0.7*w, 150, cx+0.7*w, 424) // holds the zone, wrong size
	tests := []struct {
		name      string
		other     hypothesis
		page      Quad
		wantOther float64
	}{
		{"small box above the page", hypothesis{Q: quote, Rank: 1, Score: 0.9, Visible: 1}, fits, mrzMiss},
		{"second document above the page", hypothesis{Q: card, Rank: 1, Score: 0.9, Visible: 1}, fits, 1},
		{"large outline beside the page", hypothesis{Q: rect(500, 0, 1500, 700), Rank: 1, Score: 0.9, Visible: 1}, fits, mrzMiss},
		{"no outline fits the zone", hypothesis{Q: quote, Rank: 1, Score: 0.9, Visible: 1}, narrow, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hyps := []hypothesis{tc.other, {Q: tc.page, Rank: 0.75, Score: 0.7, Visible: 1}}
			mrzCue{zones: []mrzZone{z}}.rerank(hyps)
			for _, h := range hyps {
				if h.Q == tc.other.Q {
					assert.InDelta(t, tc.wantOther, h.Rank, 1e-9)
				}
			}
		})
	}
}

// TestMRZRerankCentred: an outline of the page's width that is shifted
// along the rows by a tenth of a pitch-width page (it took the next line
// past one end) is not lifted when the row is whole, since ICAO centres
// the MRZ; with a row cut short (its middle says nothing) it is.
func TestMRZRerankCentred(t *testing.T) {
	const pitch = 8.0
	w := 125 / 2.54 * pitch
	cx := 100 + 43*pitch/2
	rect := func(x0, y0, x1, y1 float64) Quad { return Quad{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} }
	tests := []struct {
		name  string
		shift float64 // of the outline along the rows, share of w
		steps int     // of the rows
		want  float64
	}{
		{"whole row, centred", 0, 44, mrzAgree},
		{"whole row, 2 % off", 0.02, 44, mrzAgree},
		{"whole row, 5 % off", 0.05, 44, 1},
		{"whole row, 5 % off the other way", -0.05, 43, 1},
		{"row cut short, 5 % off", 0.05, 30, mrzAgree},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			z := levelZone(100, 400, pitch)
			for i := range z.Rows {
				z.Rows[i].Steps = tc.steps
			}
			x0 := cx - w/2 + tc.shift*w
			hyps := []hypothesis{{Q: rect(x0, 150, x0+w, 424), Rank: 1}}
			mrzCue{zones: []mrzZone{z}}.rerank(hyps)
			assert.InDelta(t, tc.want, hyps[0].Rank, 1e-9)
		})
	}
}

// TestMRZRerankWidth: an outline narrower than the layout's page that
// still holds the whole row keeps its rank (a small card's pitch is
// coarse), one that cuts the row or is far wider loses, and the width
// tolerance is mrzWidthTol.
func TestMRZRerankWidth(t *testing.T) {
	const pitch = 8.0
	w := 125 / 2.54 * pitch
	cx := 100 + 43*pitch/2
	row := 43 * pitch
	tests := []struct {
		name  string
		width float64
		want  float64
	}{
		{"the layout's width", w, mrzAgree},
		{"just inside the tolerance, wide", w * (1 + mrzWidthTol - 0.01), mrzAgree},
		{"just past the tolerance, wide", w * (1 + mrzWidthTol + 0.01), mrzDisagree},
		{"narrow, holding the row", row + 2*pitch, 1},
		{"narrow, cutting the row", row - 2*pitch, mrzDisagree},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := Quad{{cx - tc.width/2, 150}, {cx + tc.width/2, 150}, {cx + tc.width/2, 424}, {cx - tc.width/2, 424}}
			hyps := []hypothesis{{Q: q, Rank: 1}}
			mrzCue{zones: []mrzZone{levelZone(100, 400, pitch)}}.rerank(hyps)
			assert.InDelta(t, tc.want, hyps[0].Rank, 1e-9)
		})
	}
}

// TestRecentred: a page whose one end took a line past the page (10 %
// too long) gives the two outlines that keep one end and mirror it about
// the whole row's middle; the one keeping the right end is the page. A
// centred outline, and one on a row cut short, give none.
func TestRecentred(t *testing.T) {
	const pitch = 8.0
	w := 125 / 2.54 * pitch
	cx := 100 + 43*pitch/2
	rect := func(x0, x1 float64) Quad { return Quad{{x0, 150}, {x1, 150}, {x1, 424}, {x0, 424}} }
	page := rect(cx-w/2, cx+w/2)
	long := rect(cx-w/2, cx+w/2+0.1*w)
	z := levelZone(100, 400, pitch)
	got := recentred(z, long)
	require.Len(t, got, 2)
	assert.InDeltaSlice(t, flat(page), flat(got[0]), 1e-9, "the left end kept")
	assert.InDeltaSlice(t, flat(rect(cx-w/2-0.1*w, cx+w/2+0.1*w)), flat(got[1]), 1e-9, "the right end kept")
	assert.Equal(t, mrzFits, zoneFits(z, got[0]))
	assert.Empty(t, recentred(z, page), "centred")
	for i := range z.Rows {
		z.Rows[i].Steps = 30
	}
	assert.Empty(t, recentred(z, long), "row cut short: its middle says nothing")
}

func flat(q Quad) []float64 {
	out := make([]float64, 0, 8)
	for _, p := range q {
		out = append(out, p.X, p.Y)
	}
	return out
}

// TestRankHypothesesWeighsZones: the ranking the first pass and the
// rescue share applies the zones' layouts, so a rescue does not forget
// them.
func TestRankHypothesesWeighsZones(t *testing.T) {
	const pitch = 8.0
	w := 125 / 2.54 * pitch
	cx := 100 + 43*pitch/2
	img := noisyRGB(1000, 600, [3]uint8{200, 200, 200}, 2, 1)
	page := Quad{{cx - w/2, 150}, {cx + w/2, 150}, {cx + w/2, 424}, {cx - w/2, 424}}
	for _, tc := range []struct {
		name  string
		zones mrzCue
		want  float64
	}{
		{"no zone", mrzCue{}, 0.5},
		{"a zone the page fits", mrzCue{zones: []mrzZone{levelZone(100, 400, pitch)}}, 0.5 * mrzAgree},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hyps := []hypothesis{{Q: page, Score: 0.5}}
			rankHypotheses(img, hyps, detectConfig{zones: tc.zones})
			assert.InDelta(t, tc.want, hyps[0].Rank, 1e-9)
		})
	}
}

func TestChord(t *testing.T) {
	sq := Quad{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	tests := []struct {
		name   string
		p, u   Point
		lo, hi float64
		ok     bool
	}{
		{"across the middle", Point{5, 5}, Point{1, 0}, -5, 5, true},
		{"from near an edge", Point{2, 5}, Point{1, 0}, -2, 8, true},
		{"diagonal", Point{5, 5}, Point{0.6, 0.8}, -6.25, 6.25, true},
		{"missing the quad", Point{5, 20}, Point{1, 0}, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi, _, _, ok := chordSides(sq, tc.p, tc.u)
			require.Equal(t, tc.ok, ok)
			if ok {
				assert.InDelta(t, tc.lo, lo, 1e-9)
				assert.InDelta(t, tc.hi, hi, 1e-9)
			}
		})
	}
}

func TestNewMRZCueOff(t *testing.T) {
	img := noisyRGB(64, 64, [3]uint8{200, 200, 200}, 2, 1)
	c := newMRZCue(false, img)
	assert.Empty(t, c.zones)
	assert.Empty(t, c.hypotheses(nil, nil, img, scoreParams{}, hypoParams{W: 64, H: 64}))
}

// BenchmarkDetectMRZCue measures what the MRZ cue adds to a full
// detection: on a card on a plain desk and on a page of print with a
// passport-like MRZ (glyph search, row chaining and the zone's outlines).
func BenchmarkDetectMRZCue(b *testing.B) {
	print := lightGray(1600, 1200, 1)
	drawProse(print, 20, 20, 1580, 700, 14, 2)
	drawMRZ(print, Point{300, 900}, 2, 18, 2, 44)
	page := NewRGB(print.W, print.H)
	for i, v := range print.Pix {
		page.Pix[3*i], page.Pix[3*i+1], page.Pix[3*i+2] = v, v, v
	}
	scenes := []struct {
		name string
		img  *RGB
	}{
		{"card-1600x900", sceneWithCards(1600, 900, cardQuad(800, 450, 800, 7))},
		{"print-1600x1200", page},
	}
	for _, sc := range scenes {
		for _, on := range []bool{false, true} {
			cfg := configFor(DetectOptions{})
			cfg.mrz = on
			b.Run(fmt.Sprintf("%s/mrz=%v", sc.name, on), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					detectWith(sc.img, DetectOptions{}, cfg)
				}
			})
		}
	}
}
