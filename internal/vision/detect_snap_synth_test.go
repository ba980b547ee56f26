package vision_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// snapSeeds is the number of scenes per configuration.
const snapSeeds = 20

// TestDetectFaintOuterEdge: a card on a table of nearly the colour of
// its header band (or of its paper: 12 levels apart on every channel, the
// wood grain's contrast kept) shows a faint outer edge beside strong
// printed lines (the band's lower edge, the printed border, the portrait,
// the machine-readable zone). The outline must lie on the card's edges:
// IoU >= 0.9 with the truth on at least want of the snapSeeds scenes of
// each configuration, and on at least wantTotal of all.
//
// Measured before the outward snap (detect_snap.go; main 4c37db4): 5,
// 17, 10 and 16 of 20 (48); with it 6, 18, 10 and 18 (52). want is that
// less one scene per configuration (platforms may round a score across a
// tie), wantTotal less one in all, which the detector without the snap
// fails. The misses left are mostly not the snap's to fix: outlines with
// a side across the card (not parallel to any edge), and true outlines
// proposed but outscored, whose faint edge reads under snapSupport.
func TestDetectFaintOuterEdge(t *testing.T) {
	const w, h = 800, 600
	const wantTotal = 51
	tests := []struct {
		kind  synth.Kind
		part  synth.Part
		delta float64
		want  int
	}{
		{synth.ID1, synth.Header, 12, 5},
		{synth.ID1, synth.Paper, 12, 17},
		{synth.ID3, synth.Header, 12, 9},
		{synth.ID3, synth.Paper, 12, 17},
	}
	total := 0
	for ti, tc := range tests {
		t.Run(fmt.Sprintf("%v on %v-coloured table", tc.kind, tc.part), func(t *testing.T) {
			pass := 0
			for s := range snapSeeds {
				seed := int64(1000*ti + s)
				q := looseCard(w, h, tc.kind.Aspect(), seed)
				doc := synth.NewDocument(tc.kind, seed)
				sc, err := synth.NewLookalikeScene(w, h, doc, tc.part, tc.delta, seed)
				require.NoError(t, err)
				require.NoError(t, sc.Place(doc, q, 0.2))
				dets := vision.DetectDocuments(sc.Img, vision.DetectOptions{Aspects: []float64{tc.kind.Aspect()}})
				iou, inside := 0.0, 0.0
				if len(dets) > 0 {
					iou = visibleIoU(dets[0].Quad, q, w, h)
					inside = vision.IntersectionArea(dets[0].Quad[:], q[:]) / dets[0].Quad.Area()
				}
				if iou >= 0.9 {
					pass++
				} else {
					t.Logf("seed %d: IoU %.3f, %.3f of the outline on the card", seed, iou, inside)
				}
			}
			t.Logf("%d of %d", pass, snapSeeds)
			total += pass
			assert.GreaterOrEqual(t, pass, tc.want)
		})
	}
	assert.GreaterOrEqual(t, total, wantTotal)
}

// looseCard is the outline of a card of the given aspect lying wholly in
// the w×h frame, its long side 45–75 % of the frame's width, turned by up
// to ±8° and moved off centre, all drawn from seed.
func looseCard(w, h int, aspect float64, seed int64) vision.Quad {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x736e6170))
	fw, fh := float64(w), float64(h)
	width := fw * (0.45 + 0.3*rng.Float64())
	deg := -8 + 16*rng.Float64()
	s, c := math.Sincos(deg * math.Pi / 180)
	hw, hh := width/2, width/aspect/2
	// Room left around the turned card, split at random.
	ex := math.Abs(c*hw) + math.Abs(s*hh)
	ey := math.Abs(s*hw) + math.Abs(c*hh)
	cx := ex + 0.03*fw + (fw-2*ex-0.06*fw)*rng.Float64()
	cy := ey + 0.03*fh + (fh-2*ey-0.06*fh)*rng.Float64()
	var q vision.Quad
	for k, p := range [4]vision.Point{{X: -hw, Y: -hh}, {X: hw, Y: -hh}, {X: hw, Y: hh}, {X: -hw, Y: hh}} {
		q[k] = vision.Point{X: cx + c*p.X - s*p.Y, Y: cy + s*p.X + c*p.Y}
	}
	return q
}
