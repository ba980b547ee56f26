package vision_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// paperOf returns the mean colour of a strip of doc just inside its
// left border, where the page shows only its printed background.
func paperOf(doc *synth.Document) [3]uint8 {
	var sum [3]int
	n := 0
	for y := doc.Img.H / 5; y < doc.Img.H*3/4; y++ {
		for x := 1; x < doc.Img.W/60; x++ {
			i := 3 * (y*doc.Img.W + x)
			for c := range 3 {
				sum[c] += int(doc.Img.Pix[i+c])
			}
			n++
		}
	}
	return [3]uint8{uint8(sum[0] / n), uint8(sum[1] / n), uint8(sum[2] / n)}
}

// printMRZ reprints doc's machine-readable zone as OCR-B prints it:
// 2 rows of 44 connected glyphs at a fixed pitch on the page's paper, the
// fillers ('<') lower than the letters. synth draws glyphs from random
// bits, which break into pieces no reader would see as characters.
func printMRZ(doc *synth.Document) {
	m := doc.Img
	paper := paperOf(doc)
	fill := func(x0, y0, x1, y1 int, c [3]uint8) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				i := 3 * (y*m.W + x)
				m.Pix[i], m.Pix[i+1], m.Pix[i+2] = c[0], c[1], c[2]
			}
		}
	}
	fill(m.W/25, m.H*79/100, m.W*24/25, m.H*96/100, paper)
	pitch := float64(m.W) * 0.9 / 44
	gh := int(0.055 * float64(m.H))
	for r, yc := range []float64{0.835, 0.915} {
		y := int(yc * float64(m.H))
		for k := range 44 {
			x := int(float64(m.W)*0.05 + float64(k)*pitch)
			h := gh
			if (k+r)%3 == 2 {
				h = gh * 3 / 5 // a filler
			}
			fill(x, y-h/2, x+int(0.6*pitch), y+h/2, [3]uint8{25, 25, 30})
		}
	}
}

// hideLeftBorder paints the page's left strip, printed border included,
// in its paper colour, so that beside paper of that colour the side
// leaves no edge at all.
func hideLeftBorder(doc *synth.Document) {
	c := paperOf(doc)
	m := doc.Img
	for y := range m.H {
		for x := range m.W / 30 {
			i := 3 * (y*m.W + x)
			m.Pix[i], m.Pix[i+1], m.Pix[i+2] = c[0], c[1], c[2]
		}
	}
}

// plainDoc is a document texture of one colour, for paper around a page.
func plainDoc(kind synth.Kind, c [3]uint8) *synth.Document {
	w, h := kind.Size()
	m := vision.NewRGB(w, h)
	for i := range m.Pix {
		m.Pix[i] = c[i%3]
	}
	return &synth.Document{Kind: kind, Img: m}
}

// TestDetectPassportPageByMRZ: end to end, a passport data page on a
// printed page, one side without its printed border running into paper
// of its own colour (a printed copy cut loosely, an open booklet's
// facing page), is found with its zone's outlines among the candidates.
func TestDetectPassportPageByMRZ(t *testing.T) {
	tests := []struct {
		name string
		pose synth.Pose
	}{
		{"upright, one side hidden", synth.Pose{Center: vision.Point{X: 600, Y: 750}, Width: 900, Roll: 90}},
		{"tilted, one side hidden", synth.Pose{Center: vision.Point{X: 600, Y: 750}, Width: 880, Roll: 84, TiltX: 10}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &synth.Scene{Img: synth.TextPage(1200, 1500, int64(i+1))}
			doc := synth.NewDocument(synth.ID3, int64(i+5))
			printMRZ(doc)
			hideLeftBorder(doc)
			q := tc.pose.Quad(doc.Aspect())
			// Paper beyond the page's left side in document terms
			// (BL→TL, across the MRZ's rows' start), on top in the scene
			// for a roll of ~90°.
			e := vision.Point{X: 0.3 * (q[0].X - q[1].X), Y: 0.3 * (q[0].Y - q[1].Y)}
			beyond := vision.Quad{{X: q[0].X + e.X, Y: q[0].Y + e.Y}, q[0], q[3], {X: q[3].X + e.X, Y: q[3].Y + e.Y}}
			require.NoError(t, s.Place(plainDoc(synth.ID3, paperOf(doc)), beyond, 0))
			require.NoError(t, s.Place(doc, q, 0))
			dets := vision.DetectDocuments(s.Img, vision.DetectOptions{Aspects: []float64{vision.AspectID3}})
			require.NotEmpty(t, dets)
			assert.GreaterOrEqual(t, iou(q, dets[0].Quad), 0.9)
		})
	}
}
