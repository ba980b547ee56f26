package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func shifted(q Quad, dx, dy float64) Quad {
	for i := range q {
		q[i].X += dx
		q[i].Y += dy
	}
	return q
}

func iou(a, b Quad) float64 {
	in := IntersectionArea(a[:], b[:])
	return in / (a.Area() + b.Area() - in)
}

func TestTrackDocument(t *testing.T) {
	card := Quad{{150, 120}, {470, 128}, {466, 330}, {146, 322}}
	tests := []struct {
		name   string
		scene  []Quad // cards drawn in the current frame
		prev   Quad   // the outline in the previous frame
		radius int
		want   *Quad // nil: lost
	}{
		{"still", []Quad{card}, card, 12, &card},
		{"moved 8 px right, 5 down", []Quad{shifted(card, 8, 5)}, card, 12, ptr(shifted(card, 8, 5))},
		{"moved 10 px up-left", []Quad{shifted(card, -10, -7)}, card, 12, ptr(shifted(card, -10, -7))},
		{"running off the left edge", []Quad{shifted(card, -170, 0)}, shifted(card, -165, 0), 12, ptr(shifted(card, -170, 0))},
		{"gone", nil, card, 12, nil},
		{"jumped far away", []Quad{shifted(card, 0, 110)}, card, 12, nil},
		{"degenerate previous outline", []Quad{card}, Quad{{10, 10}, {11, 10}, {11, 11}, {10, 11}}, 12, nil},
		{"zero radius", []Quad{card}, card, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := sceneWithCards(640, 480, tt.scene...)
			det, ok := TrackDocument(img, tt.prev, tt.radius)
			if tt.want == nil {
				assert.False(t, ok, "tracked %v", det.Quad)
				return
			}
			if assert.True(t, ok, "lost") {
				assert.GreaterOrEqual(t, iou(det.Quad, *tt.want), 0.95)
				// TR is in the frame in every case (an off-frame side keeps
				// its predicted place: nothing there to fit).
				assert.InDelta(t, tt.want[1].X, det.Quad[1].X, 2.5, "corner order kept")
				assert.Greater(t, det.Score, 0.0)
			}
		})
	}
}

func TestTrackDocumentBadImage(t *testing.T) {
	card := Quad{{10, 10}, {50, 10}, {50, 40}, {10, 40}}
	_, ok := TrackDocument(nil, card, 5)
	assert.False(t, ok)
	_, ok = TrackDocument(&RGB{W: 64, H: 64, Pix: make([]uint8, 10)}, card, 5)
	assert.False(t, ok)
}

func ptr(q Quad) *Quad { return &q }

func BenchmarkTrackDocument(b *testing.B) {
	card := Quad{{150, 120}, {470, 128}, {466, 330}, {146, 322}}
	img := sceneWithCards(640, 480, shifted(card, 6, 4))
	b.ReportAllocs()
	for b.Loop() {
		TrackDocument(img, card, 12)
	}
}
