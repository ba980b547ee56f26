package preflight

import (
	"context"
	"testing"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// clipFrames renders the first n frames of the capture page's fake camera
// clip as RGBA, the frames bench/opencvjs times under wasm.
func clipFrames(b testing.TB, n int) [][]byte {
	b.Helper()
	var frames [][]byte
	err := synth.CaptureClip(640, 480, 15, 1).Render(func(i int, img *vision.RGB, _ synth.FrameTruth) error {
		if len(frames) < n {
			frames = append(frames, toRGBA(nil, img))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return frames
}

// BenchmarkAnalyzeFrameClip times one frame of the fake camera clip, in
// stream (state kept: the tracker follows the card) and cold (state reset:
// every frame detected) mode.
func BenchmarkAnalyzeFrameClip(b *testing.B) {
	frames := clipFrames(b, 60)
	for _, cold := range []bool{false, true} {
		name := "stream"
		if cold {
			name = "cold"
		}
		b.Run(name, func(b *testing.B) {
			var st FrameState
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if cold || i%len(frames) == 0 {
					st.Reset()
				}
				if _, err := AnalyzeFrame(context.Background(), frames[i%len(frames)], 640, 480, &st); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
