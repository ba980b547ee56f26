package synth

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// solidDocument is an ID-1 document of one colour with a portrait box of
// another and square corners, so that coverage can be read off pixels.
func solidDocument(body, portrait rgb) *Document {
	d := NewDocument(ID1, 1)
	d.CornerRadius = 0
	fillRect(d.Img, vision.Rect{X1: d.Img.W, Y1: d.Img.H}, body)
	fillRect(d.Img, d.Portrait, portrait)
	return d
}

func pixel(m *vision.RGB, p vision.Point) []uint8 {
	i := 3 * (int(p.Y)*m.W + int(p.X))
	return m.Pix[i : i+3]
}

// inward returns p moved by dist pixels toward c.
func inward(p, c vision.Point, dist float64) vision.Point {
	l := p.Dist(c)
	return vision.Point{X: p.X + (c.X-p.X)*dist/l, Y: p.Y + (c.Y-p.Y)*dist/l}
}

func centroid(q vision.Quad) vision.Point {
	return vision.Point{X: (q[0].X + q[1].X + q[2].X + q[3].X) / 4, Y: (q[0].Y + q[1].Y + q[2].Y + q[3].Y) / 4}
}

var poses = []struct {
	name string
	pose Pose
}{
	{"face-on", Pose{Center: vision.Point{X: 320, Y: 240}, Width: 400}},
	{"rolled", Pose{Center: vision.Point{X: 300, Y: 250}, Width: 380, Roll: 23}},
	{"perspective", Pose{Center: vision.Point{X: 330, Y: 230}, Width: 420, Roll: -8, TiltX: 25, TiltY: -20}},
	{"upside down", Pose{Center: vision.Point{X: 320, Y: 240}, Width: 300, Roll: 180, TiltY: 15}},
	{"off the left edge", Pose{Center: vision.Point{X: 60, Y: 240}, Width: 400, Roll: 5}},
}

func TestPlaceGroundTruthMatchesDrawnPixels(t *testing.T) {
	body, port, bg := rgb{250, 10, 10}, rgb{10, 250, 10}, rgb{0, 0, 0}
	for _, tc := range poses {
		t.Run(tc.name, func(t *testing.T) {
			s := &Scene{Img: vision.NewRGB(640, 480)}
			fillRect(s.Img, vision.Rect{X1: 640, Y1: 480}, bg)
			doc := solidDocument(body, port)
			q := tc.pose.Quad(doc.Aspect())
			require.NoError(t, s.Place(doc, q, 0))
			require.Len(t, s.Quads, 1)
			assert.Equal(t, q, s.Quads[0])

			// Corners: two pixels inside is document, two outside is background.
			c := centroid(q)
			for i, p := range q {
				in, out := inward(p, c, 2.5), inward(p, c, -2.5)
				if in.X >= 0 && in.Y >= 0 && in.X < 640 && in.Y < 480 {
					assert.Equal(t, []uint8{250, 10, 10}, pixel(s.Img, in), "inside corner %d", i)
				}
				if out.X >= 0 && out.Y >= 0 && out.X < 640 && out.Y < 480 {
					assert.Equal(t, []uint8{0, 0, 0}, pixel(s.Img, out), "outside corner %d", i)
				}
			}
			// Coverage: the document's mass (R+G is 260 on body and
			// portrait, 0 on background) equals the quad's area in the
			// frame to within the anti-aliasing error along the outline.
			var mass float64
			for i := 0; i < len(s.Img.Pix); i += 3 {
				mass += float64(int(s.Img.Pix[i])+int(s.Img.Pix[i+1])) / 260
			}
			want := vision.ClipArea(q[:], 640, 480)
			perim := q[0].Dist(q[1]) + q[1].Dist(q[2]) + q[2].Dist(q[3]) + q[3].Dist(q[0])
			assert.InDelta(t, want, mass, 0.05*perim)

			// Portrait ground truth: its centre and its corners pulled in by
			// 2 px are portrait-coloured.
			pq := s.Portraits[0]
			pc := centroid(pq)
			for _, p := range append([]vision.Point{pc}, inward(pq[0], pc, 2.5), inward(pq[2], pc, 2.5)) {
				if p.X >= 0 && p.Y >= 0 && p.X < 640 && p.Y < 480 {
					assert.Equal(t, []uint8{10, 250, 10}, pixel(s.Img, p), "portrait at %v", p)
				}
			}
		})
	}
}

func TestPlaceRoundedCornersCutTheCorner(t *testing.T) {
	s := &Scene{Img: vision.NewRGB(640, 480)}
	doc := solidDocument(rgb{250, 10, 10}, rgb{10, 250, 10})
	doc.CornerRadius = 60 // document pixels; the document is drawn at scale ~0.47
	q := Pose{Center: vision.Point{X: 320, Y: 240}, Width: 400}.Quad(doc.Aspect())
	require.NoError(t, s.Place(doc, q, 0))
	// The sharp corner is background; the rounded edge starts further in.
	assert.Equal(t, []uint8{0, 0, 0}, pixel(s.Img, inward(q[0], centroid(q), 5)))
	assert.Equal(t, []uint8{250, 10, 10}, pixel(s.Img, inward(q[0], centroid(q), 20)))
	// Midway along a side nothing changes.
	mid := vision.Point{X: 320, Y: q[0].Y + 2}
	assert.Equal(t, []uint8{250, 10, 10}, pixel(s.Img, mid))
}

func TestPlaceShadowDarkensBelowRight(t *testing.T) {
	s := &Scene{Img: vision.NewRGB(640, 480)}
	fillRect(s.Img, vision.Rect{X1: 640, Y1: 480}, rgb{200, 200, 200})
	doc := solidDocument(rgb{250, 10, 10}, rgb{10, 250, 10})
	q := Pose{Center: vision.Point{X: 320, Y: 240}, Width: 400}.Quad(doc.Aspect())
	require.NoError(t, s.Place(doc, q, 0.6))
	below := pixel(s.Img, vision.Point{X: 330, Y: q[2].Y + 4})
	above := pixel(s.Img, vision.Point{X: 330, Y: q[0].Y - 4})
	assert.Less(t, below[0], uint8(190))
	assert.Equal(t, uint8(200), above[0])
}

func TestPlaceRejectsBadInput(t *testing.T) {
	s := NewScene(100, 100, Plain, 1)
	doc := NewDocument(ID1, 1)
	ok := vision.Quad{{X: 10, Y: 10}, {X: 90, Y: 10}, {X: 90, Y: 60}, {X: 10, Y: 60}}
	tests := []struct {
		name string
		doc  *Document
		q    vision.Quad
	}{
		{"nil document", nil, ok},
		{"zero quad", doc, vision.Quad{}},
		{"collinear", doc, vision.Quad{{X: 0, Y: 0}, {X: 10, Y: 10}, {X: 20, Y: 20}, {X: 30, Y: 30}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.ErrorIs(t, s.Place(tc.doc, tc.q, 0), ErrBadScene)
		})
	}
	assert.Empty(t, s.Quads)
}

func TestSceneDeterministic(t *testing.T) {
	for _, bg := range []Background{Plain, Gradient, Wood, Clutter} {
		t.Run(bg.String(), func(t *testing.T) {
			render := func(seed int64) []uint8 {
				s := NewScene(320, 200, bg, seed)
				doc := NewDocument(ID3, seed)
				require.NoError(t, s.Place(doc, Pose{Center: vision.Point{X: 160, Y: 100}, Width: 200, Roll: 10}.Quad(doc.Aspect()), 0.3))
				return s.Img.Pix
			}
			a, b, c := render(5), render(5), render(6)
			assert.Equal(t, a, b)
			assert.NotEqual(t, a, c)
		})
	}
}

func TestTwoDocuments(t *testing.T) {
	s := NewScene(800, 400, Wood, 3)
	d1, d2 := NewDocument(ID1, 1), NewDocument(ID3, 2)
	require.NoError(t, s.Place(d1, Pose{Center: vision.Point{X: 200, Y: 200}, Width: 300}.Quad(d1.Aspect()), 0.3))
	require.NoError(t, s.Place(d2, Pose{Center: vision.Point{X: 600, Y: 200}, Width: 300, Roll: -10}.Quad(d2.Aspect()), 0.3))
	require.Len(t, s.Quads, 2)
	require.Len(t, s.Portraits, 2)
	assert.Less(t, s.Quads[0][1].X, s.Quads[1][0].X)
	for i := range 2 {
		// Every portrait lies inside its document.
		assert.InDelta(t, s.Portraits[i].Area(), vision.IntersectionArea(s.Portraits[i][:], s.Quads[i][:]), 1e-6)
		assert.Less(t, s.Portraits[i].Area(), 0.3*s.Quads[i].Area())
	}
	assert.False(t, math.IsNaN(s.Portraits[1][0].X))
}
