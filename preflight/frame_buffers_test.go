package preflight

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// TestRectBuffersSameMeasures: the flat document and every measure taken
// on it are the same with a stream's reused buffers as with fresh ones,
// also after a larger document left its pixels in the buffers. A stream
// warps in fixed point (rectBuffers.warp), so the fresh reference does
// too; the fixed-point warp's distance to the float one is
// internal/vision's test.
func TestRectBuffersSameMeasures(t *testing.T) {
	fixed := func(img *vision.RGB, q vision.Quad, w, h int) (*vision.RGB, error) {
		return vision.WarpQuadFixedInto(nil, img, q, w, h)
	}
	img, q := cardScene(t)
	half := q.Scale(0.5)
	var buf rectBuffers
	for _, tc := range []struct {
		name string
		quad vision.Quad
		size rectSize
	}{
		{"live width", q, rectSize{liveRectifiedWidth, liveMinShrink}},
		{"smaller after larger", half, rectSize{liveRectifiedWidth / 2, liveMinShrink}},
		{"card running off the frame", q.Scale(1.5), rectSize{liveRectifiedWidth, liveMinShrink}},
		{"shrunk by two", q, rectSize{liveRectifiedWidth, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := rectifyAt(img, 1, tc.quad, IDCard, fixed, tc.size, nil)
			require.NoError(t, err)
			got, err := rectifyAt(img, 1, tc.quad, IDCard, vision.WarpQuad, tc.size, &buf)
			require.NoError(t, err)
			assert.Equal(t, want.rgb, got.rgb)
			assert.Equal(t, want.gray, got.gray)
			assert.Equal(t, want.mask, got.mask)
			assert.Equal(t, measureSharpness(want), measureSharpness(got))
			assert.Equal(t, measureGlare(want, true), measureGlare(got, true))
		})
	}
}

// TestAnalyzeFrameReusesBuffers: once a stream has seen a frame, the
// pixel planes are reused, so a frame allocates a small fraction of the
// frame's own size (1.2 MB of RGBA at 640×480; 1.1 MB per frame were
// allocated before the buffers were kept).
func TestAnalyzeFrameReusesBuffers(t *testing.T) {
	img, _ := cardScene(t)
	rgba := toRGBA(nil, img)
	for _, tc := range []struct {
		name  string
		reset bool // every frame detected, none tracked
	}{{"stream", false}, {"detect every frame", true}} {
		t.Run(tc.name, func(t *testing.T) {
			var st FrameState
			analyze := func() {
				if tc.reset {
					st.Reset()
				}
				fr, err := AnalyzeFrame(context.Background(), rgba, img.W, img.H, &st)
				require.NoError(t, err)
				require.NotEmpty(t, fr.Quads)
			}
			analyze()
			const frames = 5
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for range frames {
				analyze()
			}
			runtime.ReadMemStats(&after)
			perFrame := (after.TotalAlloc - before.TotalAlloc) / frames
			t.Logf("%d bytes allocated per frame", perFrame)
			assert.Less(t, perFrame, uint64(len(rgba)/4))
		})
	}
}

// BenchmarkRectifyLive times the flat document of a live frame with and
// without the stream's buffers.
func BenchmarkRectifyLive(b *testing.B) {
	s := synth.NewScene(640, 480, synth.Wood, 5)
	q := synth.Pose{Center: vision.Point{X: 320, Y: 240}, Width: 400, Roll: 3}.Quad(synth.ID1.Aspect())
	require.NoError(b, s.Place(synth.NewDocument(synth.ID1, 5), q, 0))
	for _, reuse := range []bool{false, true} {
		name := "fresh"
		var buf *rectBuffers
		if reuse {
			name, buf = "reused", &rectBuffers{}
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, err := rectifyAt(s.Img, 1, q, IDCard, vision.WarpQuad, rectSize{liveRectifiedWidth, liveMinShrink}, buf)
				if err != nil {
					b.Fatal(err)
				}
				measureSharpness(r)
				measureGlare(r, true)
			}
		})
	}
}
