package vision

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRescueDocuments: when the first pass's coverage cut leaves the
// card's outline unscored (here a cut of zero), the rescue scores the
// outlines past the cut and finds it; without a larger rescue budget
// nothing is found.
func TestRescueDocuments(t *testing.T) {
	card := cardQuad(400, 300, 380, 7)
	img := sceneWithCards(800, 600, card)
	tests := []struct {
		name   string
		keep   int
		rescue int
		found  bool
	}{
		{"card within the first cut", 400, 0, true},
		{"card past the first cut, no rescue", 0, 0, false},
		{"card past the first cut, rescued", 0, 400, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := detectConfig{workSide: 800, maxLines: 64, keep: tc.keep, rescue: tc.rescue, textRank: 60, minScore: minDocScore}
			dets := detectWith(img, DetectOptions{}, cfg)
			found := len(dets) > 0 && quadIoU(dets[0].Quad, card) >= 0.9
			assert.Equal(t, tc.found, found, "%v", dets)
		})
	}
}

func TestRescueDocumentsKeepsPick(t *testing.T) {
	img := sceneWithCards(320, 240, cardQuad(160, 120, 150, 3))
	g := colorGradient(img)
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	hp := hypoParams{W: 320, H: 240, Aspects: []float64{AspectID1}, MinSide: 14, MinArea: 0.02 * 320 * 240, MaxLines: 64, KeepCheap: 10}
	lines := groupLines(findSegments(g, segmentParams{minMag: 4, minLen: 8}), 2)
	weak := []hypothesis{{Q: cardQuad(100, 100, 60, 0), Score: 0.6}}
	strong := []hypothesis{{Q: weak[0].Q, Score: 0.9}}
	cfg := detectConfig{rescue: 1 << 20, textRank: 60, minScore: minDocScore}
	tests := []struct {
		name   string
		hp     hypoParams
		cfg    detectConfig
		picked []hypothesis
	}{
		{"a confident pick", hp, cfg, strong},
		{"the first pass saw every outline", hypoParams{W: 320, H: 240, Aspects: []float64{AspectID1}, MinSide: 14, MinArea: 0.02 * 320 * 240, MaxLines: 64, KeepCheap: 1 << 20}, detectConfig{rescue: 1 << 21, textRank: 60, minScore: minDocScore}, weak},
		{"a budget below the first cut", hp, detectConfig{rescue: 5, textRank: 60, minScore: minDocScore}, weak},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.picked, rescueDocuments(g, img, lines, tc.hp, sp, tc.cfg, nil, tc.picked))
		})
	}
}

func TestNeedsRescue(t *testing.T) {
	tests := []struct {
		name   string
		picked []hypothesis
		want   bool
	}{
		{"nothing found", nil, true},
		{"weak winner", []hypothesis{{Score: rescueBelow - 0.01}}, true},
		{"confident winner", []hypothesis{{Score: rescueBelow}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, needsRescue(tc.picked))
		})
	}
}

// TestRescueDocumentsReplacesWeakPick: a weak first-pass winner (a small
// outline on the desk) gives way to the card found past the cut.
func TestRescueDocumentsReplacesWeakPick(t *testing.T) {
	card := cardQuad(160, 120, 150, 3)
	img := sceneWithCards(320, 240, card)
	g := colorGradient(img)
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	hp := hypoParams{W: 320, H: 240, Aspects: []float64{AspectID1}, MinSide: 14, MinArea: 0.02 * 320 * 240, MaxLines: 64, KeepCheap: 0}
	lines := groupLines(findSegments(g, segmentParams{minMag: 4, minLen: 8}), 2)
	weak := []hypothesis{{Q: cardQuad(60, 200, 50, 0), Score: 0.6}}
	got := rescueDocuments(g, img, lines, hp, sp, detectConfig{rescue: 400, textRank: 60, minScore: minDocScore}, weak, weak)
	if assert.NotEmpty(t, got) {
		assert.GreaterOrEqual(t, quadIoU(got[0].Q, card), 0.9)
	}
}

// boxesDesk is a desk without a document, strewn with small dark boxes
// at random places and sizes: many outlines, none a document.
func boxesDesk(w, h int) *RGB {
	img := noisyRGB(w, h, [3]uint8{120, 85, 50}, 10, 5)
	r := rand.New(rand.NewPCG(9, 9))
	for range 12 {
		x, y := r.Float64()*float64(w-80), r.Float64()*float64(h-80)
		bw, bh := 20+r.Float64()*60, 20+r.Float64()*60
		fillQuadRGB(img, Quad{{x, y}, {x + bw, y}, {x + bw, y + bh}, {x, y + bh}}, [3]uint8{uint8(r.IntN(80)), uint8(r.IntN(80)), uint8(r.IntN(80))})
	}
	return img
}

// BenchmarkDetectEmptyDesk measures what the rescue pass costs on a desk
// without a document, where it always runs.
func BenchmarkDetectEmptyDesk(b *testing.B) {
	img := boxesDesk(640, 480)
	for _, rescue := range []int{0, configFor(DetectOptions{}).rescue} {
		cfg := configFor(DetectOptions{})
		cfg.rescue = rescue
		b.Run(fmt.Sprintf("rescue=%d", rescue), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				detectWith(img, DetectOptions{}, cfg)
			}
		})
	}
}
