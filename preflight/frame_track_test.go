package preflight

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// cardScene is a 640×480 photo of one ID-1 card on wood and its outline.
func cardScene(t *testing.T) (*vision.RGB, vision.Quad) {
	t.Helper()
	s := synth.NewScene(640, 480, synth.Wood, 5)
	q := synth.Pose{Center: vision.Point{X: 320, Y: 240}, Width: 380, Roll: 3}.Quad(synth.ID1.Aspect())
	require.NoError(t, s.Place(synth.NewDocument(synth.ID1, 5), q, 0))
	return s.Img, q
}

func TestDocumentTracker(t *testing.T) {
	img, q := cardScene(t)
	one := &Document{Quads: []Quad{quadFromVision(q)}}
	two := &Document{Quads: []Quad{quadFromVision(q), quadFromVision(q.Scale(0.5))}}
	// The search radius on 640×480 is 14 px: a card entering the frame
	// moves 40 px between frames, a held one a few.
	move := func(dx float64) *Document {
		m := q
		for i := range m {
			m[i].X += dx
		}
		return &Document{Quads: []Quad{quadFromVision(m)}}
	}
	shifted, nudged := move(40), move(10)
	tests := []struct {
		name   string
		setup  func(*documentTracker)
		follow bool
	}{
		{"nothing seen yet", func(*documentTracker) {}, false},
		{"one document last frame only: not yet held", func(tr *documentTracker) { tr.found(one, false, 640, 480) }, false},
		{"one document in two frames", func(tr *documentTracker) { tr.found(one, false, 640, 480); tr.found(one, false, 640, 480) }, true},
		{"moved beyond the radius between detections", func(tr *documentTracker) {
			tr.found(shifted, false, 640, 480)
			tr.found(one, false, 640, 480)
		}, false},
		{"moved within the radius between detections", func(tr *documentTracker) {
			tr.found(nudged, false, 640, 480)
			tr.found(one, false, 640, 480)
		}, true},
		{"tracked last frame", func(tr *documentTracker) {
			tr.found(one, false, 640, 480)
			tr.found(one, false, 640, 480)
			tr.found(one, true, 640, 480)
		}, true},
		{"two documents last frame: detect for 824", func(tr *documentTracker) { tr.found(two, false, 640, 480) }, false},
		{"none last frame", func(tr *documentTracker) { tr.found(one, false, 640, 480); tr.found(nil, false, 640, 480) }, false},
		{"frame size changed", func(tr *documentTracker) { tr.found(one, false, 320, 240) }, false},
		{"tracked long enough: redetect", func(tr *documentTracker) {
			tr.found(one, false, 640, 480)
			for range redetectEvery {
				tr.found(one, true, 640, 480)
			}
		}, false},
		{"a detection restarts the streak", func(tr *documentTracker) {
			tr.found(one, false, 640, 480)
			for range redetectEvery {
				tr.found(one, true, 640, 480)
			}
			tr.found(one, false, 640, 480)
		}, true},
		{"reset", func(tr *documentTracker) { tr.found(one, false, 640, 480); tr.reset() }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tr documentTracker
			tt.setup(&tr)
			got, ok := tr.follow(img)
			require.Equal(t, tt.follow, ok)
			if ok {
				assert.GreaterOrEqual(t, quadIoU(got, q), 0.95)
			}
		})
	}
}
