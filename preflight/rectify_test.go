package preflight

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// rectQuad is an axis-aligned quad x0,y0 .. x1,y1.
func rectQuad(x0, y0, x1, y1 float64) vision.Quad {
	return vision.Quad{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

func TestChooseFormat(t *testing.T) {
	tests := []struct {
		name   string
		aspect float64
		req    DocumentType
		want   docFormat
	}{
		{"card shape, card requested", 1.586, IDCard, formatID1},
		{"passport shape, card requested", 1.42, IDCard, formatID3},
		{"ambiguous shape keeps card", 1.49, IDCard, formatID1},
		{"ambiguous shape keeps passport", 1.52, Passport, formatID3},
		{"card shape, passport requested", 1.60, Passport, formatID1},
		{"upright card", 1 / 1.586, IDCard, formatID1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := rectQuad(0, 0, 100*tc.aspect, 100)
			assert.Equal(t, tc.want, chooseFormat(q, tc.req))
		})
	}
}

// halfImage is a w×h image, black on the left half and white on the right.
func halfImage(w, h int) *vision.RGB {
	img := vision.NewRGB(w, h)
	for y := range h {
		for x := w / 2; x < w; x++ {
			o := 3 * (y*w + x)
			img.Pix[o], img.Pix[o+1], img.Pix[o+2] = 255, 255, 255
		}
	}
	return img
}

func TestRectify(t *testing.T) {
	tests := []struct {
		name    string
		imgW    int
		quad    vision.Quad
		wantH   int
		inFrame float64 // share of the document's width inside the frame
	}{
		{"small card is upsampled", 400, rectQuad(40, 40, 360, 242), 631, 1},
		{"large card is shrunk first", 4000, rectQuad(100, 100, 3900, 2496), 631, 1},
		{"passport page", 1000, rectQuad(10, 10, 990, 700), 704, 1},
		{"card running off the frame", 400, rectQuad(-80, 40, 240, 242), 631, 0.75},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := halfImage(tc.imgW, tc.imgW)
			dt := IDCard
			if tc.wantH == 704 {
				dt = Passport
			}
			r, err := rectify(img, 1, tc.quad, dt, vision.WarpQuad)
			require.NoError(t, err)
			assert.Equal(t, rectifiedWidth, r.rgb.W)
			assert.Equal(t, tc.wantH, r.rgb.H)
			// The mask keeps the border out, and what lies outside the frame.
			inner := 1 - 2*rectifyBorder
			want := (math.Min(tc.inFrame, 1-rectifyBorder) - rectifyBorder) * inner
			assert.InDelta(t, want, r.maskFraction(), 0.01)
			// The image's black/white split maps to a known column.
			split := (float64(tc.imgW)/2 - tc.quad[0].X) / (tc.quad[1].X - tc.quad[0].X) * rectifiedWidth
			y := r.gray.H / 2
			assert.Less(t, r.gray.At(int(split)-5, y), uint8(10))
			assert.Greater(t, r.gray.At(int(split)+5, y), uint8(245))
			// The homography maps back to the quad.
			p := r.toImage.Apply(vision.Point{X: rectifiedWidth, Y: float64(r.rgb.H)})
			assert.InDelta(t, tc.quad[2].X, p.X, 1e-6)
			assert.InDelta(t, tc.quad[2].Y, p.Y, 1e-6)
		})
	}
}

func TestRectifyDegenerate(t *testing.T) {
	img := halfImage(100, 100)
	_, err := rectify(img, 1, vision.Quad{{X: 1, Y: 1}, {X: 50, Y: 1}, {X: 90, Y: 1}, {X: 20, Y: 1}}, IDCard, vision.WarpQuad)
	assert.ErrorIs(t, err, errNoArea)
}

func TestRectifiedImageRegion(t *testing.T) {
	img := halfImage(400, 400)
	r, err := rectify(img, 1, rectQuad(40, 40, 360, 242), IDCard, vision.WarpQuad)
	require.NoError(t, err)
	reg, ok := r.imageRegion(0, 0, 500, 631, 400, 400)
	require.True(t, ok)
	assert.Equal(t, Region{X: 40, Y: 40, W: 160, H: 202}, reg)
}

func TestQualityChecksOnDocumentOutsideFrame(t *testing.T) {
	// A quad wholly outside the picture leaves nothing to measure: the
	// checks must neither panic nor report a picture-quality issue.
	s := synthCard(t, 400, 1)
	data, err := synth.EncodeJPEG(s.Img, 90)
	require.NoError(t, err)
	off := quadFromVision(rectQuad(-900, -600, -300, -222))
	rep, err := Check(context.Background(), data, WithDocumentQuads(off))
	require.NoError(t, err)
	for _, c := range []Code{CodeBlurry, CodeExposure, CodeReflections, CodeCompressed} {
		assert.False(t, rep.Failed(c), "code %v: metrics %v", c, rep.Metrics)
	}
}
