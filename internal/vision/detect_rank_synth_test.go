package vision_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// framedPicture is a card-shaped picture without text: a dark frame
// around soft shading, like a framed poster or a photo print. Its frame
// gives it edges as strong as a card's.
func framedPicture(seed int64) *synth.Document {
	d := synth.NewDocument(synth.ID1, seed)
	m := d.Img
	frame := m.H / 14
	for y := range m.H {
		for x := range m.W {
			i := 3 * (y*m.W + x)
			if x < frame || y < frame || x >= m.W-frame || y >= m.H-frame {
				m.Pix[i], m.Pix[i+1], m.Pix[i+2] = 25, 25, 30
				continue
			}
			t := float64(x+y) / float64(m.W+m.H)
			m.Pix[i], m.Pix[i+1], m.Pix[i+2] = uint8(200-90*t), uint8(150+60*t), uint8(90+40*t)
		}
	}
	d.CornerRadius = 0
	return d
}

// TestDetectPrefersTheDocumentToAPicture places a card beside a larger
// framed picture of the same shape: edge support alone prefers the
// picture's crisp frame; the text rows inside the card decide.
func TestDetectPrefersTheDocumentToAPicture(t *testing.T) {
	pt := func(x, y float64) vision.Point { return vision.Point{X: x, Y: y} }
	tests := []struct {
		name    string
		bg      synth.Background
		picture synth.Pose
		card    synth.Pose
	}{
		{"on a plain wall", synth.Plain, synth.Pose{Center: pt(520, 430), Width: 760, Roll: 1}, synth.Pose{Center: pt(1250, 520), Width: 420, Roll: -9}},
		{"on wood", synth.Wood, synth.Pose{Center: pt(1100, 420), Width: 720, Roll: -2}, synth.Pose{Center: pt(380, 560), Width: 440, Roll: 7}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synth.NewScene(1600, 900, tc.bg, int64(40+i))
			pic := framedPicture(int64(50 + i))
			require.NoError(t, s.Place(pic, tc.picture.Quad(pic.Aspect()), 0.2))
			card := synth.NewDocument(synth.ID1, int64(60+i))
			cardQ := tc.card.Quad(card.Aspect())
			require.NoError(t, s.Place(card, cardQ, 0.4))
			dets := vision.DetectDocuments(s.Img, vision.DetectOptions{})
			require.NotEmpty(t, dets)
			assert.GreaterOrEqual(t, iou(cardQ, dets[0].Quad), 0.9, "the main detection is the card")
		})
	}
}
