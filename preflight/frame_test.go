package preflight

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// grayFrame is a w×h RGBA frame of one grey level.
func grayFrame(w, h int, v uint8) []byte {
	p := make([]byte, 4*w*h)
	for i := 0; i < len(p); i += 4 {
		p[i], p[i+1], p[i+2], p[i+3] = v, v, v, 255
	}
	return p
}

func TestAnalyzeFrameRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		rgba []byte
		w, h int
		opts []Option
		want error
	}{
		{"no bytes", nil, 4, 4, nil, ErrEmpty},
		{"zero width", grayFrame(4, 4, 0), 0, 4, nil, ErrInvalidOption},
		{"negative height", grayFrame(4, 4, 0), 4, -1, nil, ErrInvalidOption},
		{"short buffer", grayFrame(4, 4, 0), 4, 5, nil, ErrInvalidOption},
		{"too many pixels", grayFrame(4, 4, 0), 4, 4, []Option{WithMaxPixels(15)}, ErrTooLarge},
		{"bad option", grayFrame(4, 4, 0), 4, 4, []Option{WithSide(7)}, ErrInvalidOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := AnalyzeFrame(context.Background(), tt.rgba, tt.w, tt.h, &FrameState{}, tt.opts...)
			require.ErrorIs(t, err, tt.want)
		})
	}
}

func TestAnalyzeFrameEmptySceneFindsNoDocument(t *testing.T) {
	var st FrameState
	for range stableFrames + 1 {
		fr, err := AnalyzeFrame(context.Background(), grayFrame(64, 48, 128), 64, 48, &st)
		require.NoError(t, err)
		assert.Equal(t, 64, fr.Width)
		assert.Equal(t, 48, fr.Height)
		assert.Empty(t, fr.Quads)
		assert.Equal(t, []Code{CodeNoDocument}, fr.Codes)
		assert.False(t, fr.Stable, "no quad is never stable")
		assert.False(t, fr.Ready)
	}
}

// toRGBA packs an RGB image as a canvas would hand it over.
func toRGBA(dst []byte, m *vision.RGB) []byte {
	dst = dst[:0]
	for i := 0; i < len(m.Pix); i += 3 {
		dst = append(dst, m.Pix[i], m.Pix[i+1], m.Pix[i+2], 255)
	}
	return dst
}

func quadIoU(a, b vision.Quad) float64 {
	in := vision.IntersectionArea(a[:], b[:])
	return in / (a.Area() + b.Area() - in)
}

// TestAnalyzeFrameCaptureClip plays the capture page's fake camera scene
// (internal/synth.CaptureClip, exact ground truth per frame): no document
// at first, then the card held steady, which must be found, become stable
// after stableFrames frames and then be ready for capture.
func TestAnalyzeFrameCaptureClip(t *testing.T) {
	clip := synth.CaptureClip(640, 480, 15, 3)
	steady := clip.ShotStart(len(clip.Shots) - 1)
	var st FrameState
	var rgba []byte
	var reports []*FrameReport
	var truths []vision.Quad
	err := clip.Render(func(i int, img *vision.RGB, tr synth.FrameTruth) error {
		switch {
		case i == 0: // the empty scene
		case i >= steady && i < steady+stableFrames+1:
		default:
			return nil
		}
		if i == steady {
			st.Reset() // the frames in between were skipped
		}
		rgba = toRGBA(rgba, img)
		fr, err := AnalyzeFrame(context.Background(), rgba, img.W, img.H, &st)
		if err != nil {
			return err
		}
		reports, truths = append(reports, fr), append(truths, tr.Quad)
		return nil
	})
	require.NoError(t, err)
	require.Len(t, reports, stableFrames+2)

	empty := reports[0]
	assert.Equal(t, []Code{CodeNoDocument}, empty.Codes)
	assert.False(t, empty.Stable)

	held := reports[1:]
	for i, fr := range held {
		require.NotEmpty(t, fr.Quads, "steady frame %d: no quad", i)
		assert.GreaterOrEqual(t, quadIoU(fr.Quads[0].vision(), truths[i+1]), 0.9, "steady frame %d", i)
		assert.Equal(t, i+1 >= stableFrames, fr.Stable, "steady frame %d", i)
		assert.Equal(t, fr.Stable && len(fr.Codes) == 0, fr.Ready, "steady frame %d", i)
		assert.Contains(t, fr.Metrics, "sharpness", "quality measures run on frames")
	}
	last := held[len(held)-1]
	assert.Empty(t, last.Codes, "a sharp, well-lit card held still passes")
	assert.True(t, last.Ready)
}

func TestAnalyzeFrameCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := AnalyzeFrame(ctx, grayFrame(8, 8, 0), 8, 8, nil)
	require.ErrorIs(t, err, context.Canceled)
}

func BenchmarkAnalyzeFrame640x480(b *testing.B) {
	frame := grayFrame(640, 480, 90)
	var st FrameState
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AnalyzeFrame(context.Background(), frame, 640, 480, &st); err != nil {
			b.Fatal(err)
		}
	}
}
