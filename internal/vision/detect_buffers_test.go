package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDetectBuffersSameAnswer: reused buffers must not change what is
// found, whatever was detected in them before (another size, another
// scene), in either mode.
func TestDetectBuffersSameAnswer(t *testing.T) {
	scenes := []*RGB{
		sceneWithCards(640, 480, cardQuad(330, 250, 380, 10)),
		sceneWithCards(320, 240, cardQuad(150, 120, 180, -5)),
		sceneWithCards(800, 600, cardQuad(380, 300, 500, 3), cardQuad(700, 150, 160, 0)),
		noisyRGB(640, 480, [3]uint8{120, 110, 100}, 20, 9),
	}
	for _, fast := range []bool{true, false} {
		var buf DetectBuffers
		for i, img := range scenes {
			want := DetectDocuments(img, DetectOptions{Fast: fast})
			got := DetectDocuments(img, DetectOptions{Fast: fast, Buffers: &buf})
			assert.Equal(t, want, got, "fast=%v scene %d", fast, i)
		}
	}
}

func TestDetectBuffersShrink(t *testing.T) {
	tests := []struct {
		name       string
		w, h       int
		box        bool
		wantW      int
		wantFactor float64
	}{
		{"640x480 box by 4", 640, 480, true, 160, 0.25},
		{"1280x720 box by 8", 1280, 720, true, 160, 0.125},
		{"1000x750 box by 6", 1000, 750, true, 167, 1.0 / 6},
		{"already small", 200, 150, true, 200, 1},
		{"area resampling", 1000, 750, false, 160, 0.16},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf DetectBuffers
			work, sx, sy := buf.shrink(NewRGB(tc.w, tc.h), detectConfig{workSide: 160, box: tc.box})
			assert.Equal(t, tc.wantW, work.W)
			assert.InDelta(t, tc.wantFactor, sx, 1e-9)
			assert.InDelta(t, tc.wantFactor, sy, 1e-9)
		})
	}
}

func TestGradFieldComputeClearsStaleValues(t *testing.T) {
	edge := sceneWithCards(64, 48, cardQuad(32, 24, 30, 0))
	flat := noisyRGB(60, 40, [3]uint8{100, 100, 100}, 0, 1)
	var g gradField
	g.compute(edge, 0)
	g.compute(flat, 0)
	want := colorGradient(flat)
	require.Equal(t, want.W, g.W)
	assert.Equal(t, want.Mag, g.Mag)
	assert.Equal(t, want.NX, g.NX)
	assert.Equal(t, want.NY, g.NY)
}

// TestDetectBuffersReusedAcrossFrames: Fast detections with one
// DetectBuffers over frames that differ (segment, line and hypothesis
// lists of other lengths left in the buffers) find what fresh ones find.
func TestDetectBuffersReusedAcrossFrames(t *testing.T) {
	var b DetectBuffers
	for _, tc := range []struct {
		name  string
		cards []Quad
	}{
		{"two cards", []Quad{cardQuad(170, 240, 220, -4), cardQuad(470, 240, 220, 3)}},
		{"one card", []Quad{cardQuad(320, 240, 300, 5)}},
		{"no card", nil},
		{"tilted card", []Quad{{{150, 120}, {470, 128}, {466, 330}, {146, 322}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := sceneWithCards(640, 480, tc.cards...)
			want := DetectDocuments(img, DetectOptions{Fast: true})
			assert.Len(t, want, len(tc.cards))
			assert.Equal(t, want, DetectDocuments(img, DetectOptions{Fast: true, Buffers: &b}))
		})
	}
}
