package vision_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/cascade"
	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// cascadeFaces is the face finder preflight gives the detector: the
// embedded frontal-face cascade, every group of windows kept.
func cascadeFaces(g *vision.Gray, minSize, maxSize int) []vision.Face {
	return cascade.FrontalFace().Detect(g, cascade.Options{ScaleFactor: 1.1, MinSize: minSize, MaxSize: maxSize})
}

// printedNotice is a card-shaped printed page: rows of text in a crisp
// dark frame, no portrait. Its frame and its rows make it look more like
// a document to edges and text rows than a real card.
func printedNotice(seed int64) *synth.Document {
	d := synth.NewDocument(synth.ID1, seed)
	page := synth.TextPage(d.Img.W, d.Img.H, seed)
	frame := d.Img.H / 20
	for y := range page.H {
		for x := range page.W {
			if x < frame || y < frame || x >= page.W-frame || y >= page.H-frame {
				i := 3 * (y*page.W + x)
				page.Pix[i], page.Pix[i+1], page.Pix[i+2] = 30, 30, 35
			}
		}
	}
	d.Img, d.CornerRadius = page, 0
	return d
}

// cropPhoto copies the w×h pixels of m at x0, y0.
func cropPhoto(m *vision.RGB, x0, y0, w, h int) *vision.RGB {
	out := vision.NewRGB(w, h)
	for y := range h {
		copy(out.Pix[3*y*w:3*(y+1)*w], m.Pix[3*((y0+y)*m.W+x0):3*((y0+y)*m.W+x0+w)])
	}
	return out
}

// TestDetectPortraitAnchor places an ID card with a photographed face
// beside a larger printed notice of the same shape: edge support and
// text rows prefer the notice; the portrait decides for the card.
func TestDetectPortraitAnchor(t *testing.T) {
	photo, err := synth.ReadImage("../../testdata/grace_hopper_256.jpg")
	require.NoError(t, err)
	// The photo cropped around the face (x 94, y 77, 79 px; see
	// testdata/README.md) fills the portrait box as on real documents,
	// where the cascade's face measures 0.15–0.32 of the card's height.
	face := cropPhoto(photo, 64, 47, 139, 139)
	pt := func(x, y float64) vision.Point { return vision.Point{X: x, Y: y} }
	tests := []struct {
		name         string
		bg           synth.Background
		notice, card synth.Pose
	}{
		{"on a plain desk", synth.Plain, synth.Pose{Center: pt(420, 450), Width: 700, Roll: 2}, synth.Pose{Center: pt(1180, 450), Width: 680, Roll: -4}},
		{"on wood", synth.Wood, synth.Pose{Center: pt(1180, 430), Width: 700, Roll: -3}, synth.Pose{Center: pt(420, 480), Width: 680, Roll: 5}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synth.NewScene(1600, 900, tc.bg, int64(70+i))
			notice := printedNotice(int64(80 + i))
			require.NoError(t, s.Place(notice, tc.notice.Quad(notice.Aspect()), 0.2))
			card := synth.NewDocument(synth.ID1, int64(90+i))
			require.NoError(t, card.SetPortrait(face))
			cardQ := tc.card.Quad(card.Aspect())
			require.NoError(t, s.Place(card, cardQ, 0.2))

			plain := vision.DetectDocuments(s.Img, vision.DetectOptions{})
			require.NotEmpty(t, plain)
			require.Less(t, iou(cardQ, plain[0].Quad), 0.5, "without faces the notice wins: the scene tests the anchor")
			anchored := vision.DetectDocuments(s.Img, vision.DetectOptions{Faces: cascadeFaces})
			require.NotEmpty(t, anchored)
			assert.GreaterOrEqual(t, iou(cardQ, anchored[0].Quad), 0.9, "the main detection is the card")
		})
	}
}
