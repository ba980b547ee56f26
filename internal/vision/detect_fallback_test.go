package vision

import (
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

func TestRescueDocumentsNothingNew(t *testing.T) {
	img := sceneWithCards(320, 240, cardQuad(160, 120, 150, 3))
	g := colorGradient(img)
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2}
	hp := hypoParams{W: 320, H: 240, Aspects: []float64{AspectID1}, MinSide: 14, MinArea: 0.02 * 320 * 240, MaxLines: 64, KeepCheap: 1 << 20}
	lines := groupLines(findSegments(g, segmentParams{minMag: 4, minLen: 8}), 2)
	cfg := detectConfig{rescue: 1 << 21, textRank: 60, minScore: minDocScore}
	assert.Nil(t, rescueDocuments(g, img, lines, hp, sp, cfg), "the first pass saw every outline")
	cfg.rescue = 10
	assert.Nil(t, rescueDocuments(g, img, lines, hp, sp, cfg), "a budget below the first cut")
}
