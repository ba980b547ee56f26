//go:build cgo && gocv

package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// TestContourQuadsFindTheCard renders documents on the detector's working
// scale (800 px) and requires one of OpenCV's contour outlines to match
// the exact ground truth. Mats left open fail the matprofile build.
func TestContourQuadsFindTheCard(t *testing.T) {
	pt := func(x, y float64) vision.Point { return vision.Point{X: x, Y: y} }
	tests := []struct {
		name string
		bg   synth.Background
		kind synth.Kind
		pose synth.Pose
	}{
		{"card on wood", synth.Wood, synth.ID1, synth.Pose{Center: pt(400, 300), Width: 480, Roll: 8}},
		{"card on a plain desk", synth.Plain, synth.ID1, synth.Pose{Center: pt(380, 320), Width: 420, Roll: -20}},
		{"tilted card on a gradient", synth.Gradient, synth.ID1, synth.Pose{Center: pt(400, 300), Width: 520, Roll: 3, TiltX: 30}},
		{"passport page across the frame", synth.Gradient, synth.ID3, synth.Pose{Center: pt(400, 300), Width: 560, Roll: 84}},
		{"small card", synth.Plain, synth.ID1, synth.Pose{Center: pt(250, 200), Width: 200, Roll: 0}},
		{"card half off the frame", synth.Plain, synth.ID1, synth.Pose{Center: pt(720, 300), Width: 400, Roll: 5}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := synth.NewScene(800, 600, tc.bg, int64(i+1))
			doc := synth.NewDocument(tc.kind, int64(i+7))
			require.NoError(t, s.Place(doc, tc.pose.Quad(doc.Aspect()), 0.3))
			qs := contourQuads(s.Img, defaultContourParams())
			require.NotEmpty(t, qs)
			assert.LessOrEqual(t, len(qs), defaultContourParams().maxQuads)
			best := 0.0
			for _, q := range qs {
				best = max(best, visibleIoU(s.Quads[0], q, 800, 600))
			}
			assert.GreaterOrEqual(t, best, 0.95, "best of %d outlines", len(qs))
		})
	}
}

func TestContourQuadsBadInput(t *testing.T) {
	tests := []struct {
		name string
		img  *vision.RGB
	}{
		{"nil", nil},
		{"too small", vision.NewRGB(8, 8)},
		{"short pixel buffer", &vision.RGB{W: 100, H: 100, Pix: make([]uint8, 10)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Nil(t, contourQuads(tc.img, defaultContourParams()))
		})
	}
}

func TestDistinctQuads(t *testing.T) {
	sq := func(x, y, s float64) vision.Quad {
		return vision.Quad{{X: x, Y: y}, {X: x + s, Y: y}, {X: x + s, Y: y + s}, {X: x, Y: y + s}}
	}
	rot := func(q vision.Quad) vision.Quad { return vision.Quad{q[1], q[2], q[3], q[0]} }
	tests := []struct {
		name string
		in   []vision.Quad
		n    int
		want []vision.Quad
	}{
		{"empty", nil, 5, nil},
		{"largest first", []vision.Quad{sq(0, 0, 10), sq(50, 50, 30)}, 5, []vision.Quad{sq(50, 50, 30), sq(0, 0, 10)}},
		{"near copy dropped", []vision.Quad{sq(0, 0, 100), sq(1, 1, 99)}, 5, []vision.Quad{sq(0, 0, 100)}},
		{"copy starting at another corner dropped", []vision.Quad{sq(0, 0, 100), rot(sq(0, 0, 100))}, 5, []vision.Quad{sq(0, 0, 100)}},
		{"shifted beyond tolerance kept", []vision.Quad{sq(0, 0, 100), sq(5, 0, 100)}, 5, []vision.Quad{sq(0, 0, 100), sq(5, 0, 100)}},
		{"capped at n", []vision.Quad{sq(0, 0, 10), sq(50, 50, 30), sq(200, 0, 20)}, 2, []vision.Quad{sq(50, 50, 30), sq(200, 0, 20)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, distinctQuads(tc.in, 2, tc.n))
		})
	}
}

// BenchmarkContourQuads measures the OpenCV outline proposals on an
// 800×600 working copy (a card on wood), the size the full detector uses.
func BenchmarkContourQuads(b *testing.B) {
	s := synth.NewScene(800, 600, synth.Wood, 1)
	doc := synth.NewDocument(synth.ID1, 2)
	require.NoError(b, s.Place(doc, synth.Pose{Center: vision.Point{X: 400, Y: 300}, Width: 480, Roll: 8}.Quad(doc.Aspect()), 0.3))
	p := defaultContourParams()
	b.ReportAllocs()
	for b.Loop() {
		contourQuads(s.Img, p)
	}
}
