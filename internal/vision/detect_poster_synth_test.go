package vision_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// framedPrint is a photograph print w×h px in a black frame line of
// width line px and a white mat of width mat px inside it: the photo
// (testdata's portrait) fills the rest.
func framedPrint(t *testing.T, w, h, line, mat int) *synth.Document {
	t.Helper()
	photo, err := synth.ReadImage("../../testdata/grace_hopper_256.jpg")
	require.NoError(t, err)
	in := line + mat
	inner := vision.ResizeArea(photo, w-2*in, h-2*in)
	img := vision.NewRGB(w, h)
	for y := range h {
		for x := range w {
			v := uint8(15)
			if x >= line && y >= line && x < w-line && y < h-line {
				v = 240
			}
			i := 3 * (y*w + x)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2] = v, v, v
		}
	}
	for y := range inner.H {
		copy(img.Pix[3*((y+in)*w+in):], inner.Pix[3*y*inner.W:3*(y+1)*inner.W])
	}
	return &synth.Document{Img: img}
}

// TestDetectFramedPrintOnWall hangs a framed photograph on a plain wall:
// its frame is a crisp, well-shaped outline, but no document; an ID card
// placed the same way on the same wall is found (the scene itself does
// not hide outlines).
func TestDetectFramedPrintOnWall(t *testing.T) {
	pt := func(x, y float64) vision.Point { return vision.Point{X: x, Y: y} }
	tests := []struct {
		name    string
		doc     func() *synth.Document
		pose    synth.Pose
		wantDoc bool
	}{
		{"an upright framed print", func() *synth.Document { return framedPrint(t, 500, 700, 10, 40) }, synth.Pose{Center: pt(800, 450), Width: 500, Roll: 1}, false},
		{"a landscape framed print", func() *synth.Document { return framedPrint(t, 710, 500, 8, 30) }, synth.Pose{Center: pt(780, 440), Width: 760, Roll: -2}, false},
		{"an ID card on the same wall", func() *synth.Document { return synth.NewDocument(synth.ID1, 41) }, synth.Pose{Center: pt(780, 440), Width: 760, Roll: -2}, true},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synth.NewScene(1600, 900, synth.Plain, int64(40+i))
			for p := 0; p < len(s.Img.Pix); p += 3 {
				s.Img.Pix[p], s.Img.Pix[p+1], s.Img.Pix[p+2] = 228, 218, 172 // a pale yellow wall
			}
			doc := tc.doc()
			q := tc.pose.Quad(doc.Aspect())
			require.NoError(t, s.Place(doc, q, 0))
			dets := vision.DetectDocuments(s.Img, vision.DetectOptions{})
			if !tc.wantDoc {
				assert.Empty(t, dets, "a framed picture reported as a document")
				return
			}
			require.NotEmpty(t, dets, "no document found")
			assert.GreaterOrEqual(t, iou(q, dets[0].Quad), 0.9)
		})
	}
}
