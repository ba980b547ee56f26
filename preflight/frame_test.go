package preflight

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
