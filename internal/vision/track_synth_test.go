package vision_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// stillCardWithPortrait renders a 640×480 frame of CaptureClip's held
// card (62 % of the frame wide) with a photo in the portrait box: the
// portrait's dark left edge lies ≈ 14 px inside the card's left border,
// at the live tracker's search radius (3 % of 480 px).
func stillCardWithPortrait(t testing.TB) (*vision.RGB, vision.Quad) {
	return cardWithPortrait(t, 0, 0)
}

// cardWithPortrait is stillCardWithPortrait's card moved by (dx, dy).
func cardWithPortrait(t testing.TB, dx, dy float64) (*vision.RGB, vision.Quad) {
	t.Helper()
	face, err := synth.ReadImage("../../testdata/grace_hopper_256.jpg")
	require.NoError(t, err)
	doc := synth.NewDocument(synth.ID1, 11)
	require.NoError(t, doc.SetPortrait(face))
	s := synth.NewScene(640, 480, synth.Wood, 11)
	q := synth.Pose{Center: vision.Point{X: 320 + dx, Y: 240 + dy}, Width: 0.62 * 640, Roll: 2, TiltX: 4, TiltY: 6}.Quad(synth.ID1.Aspect())
	require.NoError(t, s.Place(doc, q, 0.3))
	return s.Img, q
}

func maxShift(a, b vision.Quad) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, a[i].Dist(b[i]))
	}
	return d
}

// TestTrackDocumentStillCardWithPortrait: on a still video the tracked
// outline must stay on the card's border frame after frame, not drift
// onto the portrait's edge inside the search radius.
func TestTrackDocumentStillCardWithPortrait(t *testing.T) {
	img, truth := stillCardWithPortrait(t)
	const radius = 14 // preflight's 3 % of 480 px
	for _, start := range []struct {
		name string
		dx   float64
	}{{"from the truth", 0}, {"from 3 px left", -3}, {"from 3 px right", 3}} {
		t.Run(start.name, func(t *testing.T) {
			q := truth
			for i := range q {
				q[i].X += start.dx
			}
			worstJump, worstErr := 0.0, 0.0
			for frame := range 20 {
				det, ok := vision.TrackDocument(img, q, radius)
				require.True(t, ok, "lost at frame %d", frame)
				worstJump = math.Max(worstJump, maxShift(q, det.Quad))
				worstErr = math.Max(worstErr, maxShift(truth, det.Quad))
				q = det.Quad
			}
			t.Logf("worst corner move between frames %.2f px, worst corner error %.2f px", worstJump, worstErr)
			assert.LessOrEqual(t, worstErr, 2.5, "corner error")
			// After the first frame the outline must not move on a still
			// video: well under preflight's stable limit (7 px at 480 px).
			assert.LessOrEqual(t, worstJump, math.Abs(start.dx)+2.5, "corner jitter")
		})
	}
}

// TestTrackDocumentMovedCardWithPortrait: a card moving by up to the
// search radius is followed, also when the move brings the portrait's
// edge nearer the previous left side than the card's border.
func TestTrackDocumentMovedCardWithPortrait(t *testing.T) {
	_, prev := stillCardWithPortrait(t)
	for _, mv := range []struct {
		name   string
		dx, dy float64
	}{{"10 px left", -10, 0}, {"10 px right", 10, 0}, {"8 px left, 6 up", -8, -6}, {"6 px right, 8 down", 6, 8}} {
		t.Run(mv.name, func(t *testing.T) {
			img, truth := cardWithPortrait(t, mv.dx, mv.dy)
			det, ok := vision.TrackDocument(img, prev, 14)
			require.True(t, ok, "lost")
			assert.LessOrEqual(t, maxShift(truth, det.Quad), 2.5, "corner error: got %v, want %v", det.Quad, truth)
		})
	}
}

// BenchmarkDetectFastWood is one live frame's Fast detection with reused
// buffers: the capture clip's held card on wood, whose grain gives most
// pixels a gradient (run it under GOOS=js GOARCH=wasm too).
func BenchmarkDetectFastWood(b *testing.B) {
	img, _ := stillCardWithPortrait(b)
	var buf vision.DetectBuffers
	b.ReportAllocs()
	for b.Loop() {
		if len(vision.DetectDocuments(img, vision.DetectOptions{Fast: true, Buffers: &buf})) == 0 {
			b.Fatal("no document")
		}
	}
}
