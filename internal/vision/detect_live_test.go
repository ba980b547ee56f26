package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rgbaOf packs img as a canvas hands a frame over (alpha varies, so that
// a leak of the fourth byte would show).
func rgbaOf(img *RGB) []uint8 {
	out := make([]uint8, 0, 4*img.W*img.H)
	for i := 0; i < len(img.Pix); i += 3 {
		out = append(out, img.Pix[i], img.Pix[i+1], img.Pix[i+2], uint8(i))
	}
	return out
}

// TestDetectBuffersFromRGBA: the one-pass conversion gives the RGB image
// of FromRGBA and the working copy of ShrinkRGB by the Fast factor, for
// sizes that are and are not multiples of it.
func TestDetectBuffersFromRGBA(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
		k    int // expected Fast factor (below 2: no working copy)
	}{
		{"640x480", 640, 480, 3},
		{"odd sizes", 641, 479, 3},
		{"portrait 480x640", 480, 640, 3},
		{"1280x720", 1280, 720, 6},
		{"small frame", 200, 150, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := noisyRGB(tc.w, tc.h, [3]uint8{120, 85, 50}, 40, 3)
			var b DetectBuffers
			got := b.FromRGBA(nil, rgbaOf(img), tc.w, tc.h, true)
			require.Equal(t, img.Pix, got.Pix)
			assert.Equal(t, tc.k, fastShrinkFactor(tc.w, tc.h))
			if tc.k < 2 {
				assert.Nil(t, b.ready, "no working copy below factor 2")
				return
			}
			want, err := ShrinkRGB(img, Rect{X1: tc.w, Y1: tc.h}, tc.k)
			require.NoError(t, err)
			require.Same(t, got, b.ready)
			assert.Equal(t, want.W, b.work.W)
			assert.Equal(t, want.H, b.work.H)
			assert.Equal(t, want.Pix, b.work.Pix)
		})
	}
}

// TestDetectBuffersFromRGBAOnce: the working copy serves one detection of
// the converted image only; a conversion without detect drops it.
func TestDetectBuffersFromRGBAOnce(t *testing.T) {
	img := noisyRGB(640, 480, [3]uint8{120, 85, 50}, 40, 3)
	rgba := rgbaOf(img)
	cfg := configFor(DetectOptions{Fast: true})
	var b DetectBuffers
	got := b.FromRGBA(nil, rgba, 640, 480, true)
	_, _, _ = b.shrink(got, cfg)
	assert.Nil(t, b.ready, "consumed by the detection")

	got = b.FromRGBA(got, rgba, 640, 480, true)
	got = b.FromRGBA(got, rgba, 640, 480, false)
	assert.Nil(t, b.ready, "dropped by a conversion without detect")

	other := noisyRGB(640, 480, [3]uint8{20, 20, 20}, 5, 4)
	b.FromRGBA(nil, rgba, 640, 480, true)
	work, _, _ := b.shrink(other, cfg)
	want, err := ShrinkRGB(other, Rect{X1: 640, Y1: 480}, 3)
	require.NoError(t, err)
	assert.Equal(t, want.Pix, work.Pix, "another image is shrunk afresh")
}

// TestDetectBuffersFromRGBASameDetections: a Fast detection after the
// one-pass conversion finds what it finds on the plain conversion.
func TestDetectBuffersFromRGBASameDetections(t *testing.T) {
	card := Quad{{150, 120}, {470, 128}, {466, 330}, {146, 322}}
	img := sceneWithCards(640, 480, card)
	rgba := rgbaOf(img)
	want := DetectDocuments(FromRGBA(nil, rgba, 640, 480), DetectOptions{Fast: true})
	require.NotEmpty(t, want)
	var b DetectBuffers
	got := DetectDocuments(b.FromRGBA(nil, rgba, 640, 480, true), DetectOptions{Fast: true, Buffers: &b})
	assert.Equal(t, want, got)
}

// BenchmarkDetectBuffersFromRGBA640x480 is the live frame's conversion
// with the working copy built in the same pass (compare with
// BenchmarkFromRGBA640x480 plus the shrink; run it under GOOS=js
// GOARCH=wasm too).
func BenchmarkDetectBuffersFromRGBA640x480(b *testing.B) {
	rgba := make([]uint8, 4*640*480)
	for i := range rgba {
		rgba[i] = uint8(i * 7)
	}
	var buf DetectBuffers
	var dst *RGB
	b.ReportAllocs()
	for b.Loop() {
		dst = buf.FromRGBA(dst, rgba, 640, 480, true)
	}
}
