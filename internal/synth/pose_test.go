package synth

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestPoseQuad(t *testing.T) {
	c := vision.Point{X: 500, Y: 300}
	tests := []struct {
		name string
		pose Pose
		want vision.Quad
	}{
		{"face-on", Pose{Center: c, Width: 400},
			vision.Quad{{X: 300, Y: 200}, {X: 700, Y: 200}, {X: 700, Y: 400}, {X: 300, Y: 400}}},
		{"roll 90 clockwise", Pose{Center: c, Width: 400, Roll: 90},
			vision.Quad{{X: 600, Y: 100}, {X: 600, Y: 500}, {X: 400, Y: 500}, {X: 400, Y: 100}}},
		{"roll 180", Pose{Center: c, Width: 400, Roll: 180},
			vision.Quad{{X: 700, Y: 400}, {X: 300, Y: 400}, {X: 300, Y: 200}, {X: 700, Y: 200}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.pose.Quad(2)
			for i := range got {
				assert.InDelta(t, tc.want[i].X, got[i].X, 1e-9, "corner %d x", i)
				assert.InDelta(t, tc.want[i].Y, got[i].Y, 1e-9, "corner %d y", i)
			}
		})
	}
}

func TestPoseTiltForeshortens(t *testing.T) {
	c := vision.Point{X: 500, Y: 300}
	q := Pose{Center: c, Width: 400, TiltX: 30}.Quad(1.586)
	top, bottom := q[0].Dist(q[1]), q[3].Dist(q[2])
	assert.Greater(t, top, bottom, "positive TiltX moves the bottom edge away")
	q = Pose{Center: c, Width: 400, TiltY: 30}.Quad(1.586)
	left, right := q[0].Dist(q[3]), q[1].Dist(q[2])
	assert.Greater(t, left, right, "positive TiltY moves the right edge away")
	// Tilt alone shrinks the apparent height but never flips the order.
	assert.Less(t, q[0].X, q[1].X)
}
