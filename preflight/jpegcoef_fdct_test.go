package preflight

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// planes420 is m as 4:2:0 planes.
func planes420(m *vision.RGB) *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, m.W, m.H), image.YCbCrSubsampleRatio420)
	full := image.NewYCbCr(img.Rect, image.YCbCrSubsampleRatio444)
	for y := range m.H {
		for x := range m.W {
			p := m.Pix[3*(y*m.W+x):]
			i := y*full.YStride + x
			full.Y[i], full.Cb[i], full.Cr[i] = color.RGBToYCbCr(p[0], p[1], p[2])
		}
	}
	return uprightPlanes(full, 1, m.W, m.H)
}

// TestCoefsFromPlanesRoundTrip: transformed at the fine tables and
// written, the planes decode back (image/jpeg) to what went in, at every
// size (edge blocks padded) and every content.
func TestCoefsFromPlanesRoundTrip(t *testing.T) {
	tests := []struct {
		content content
		w, h    int
	}{
		{contentScene, 333, 211},
		{contentText, 320, 240},
		{contentNoisy, 17, 9},
		{contentFlat, 1, 1},
		{contentScene, 64, 48},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d×%d", tt.content, tt.w, tt.h), func(t *testing.T) {
			in := planes420(photo(t, tt.content, tt.w, tt.h, 3))
			c, err := coefsFromPlanes(in)
			require.NoError(t, err)
			assert.Equal(t, [2]int{tt.w, tt.h}, [2]int{c.scan.width, c.scan.height})
			out, _ := c.encode(c.quant, c.count(c.quant), nil)
			got := lumaOf(t, out)
			want := planeGray(in.Y, in.YStride, tt.w, tt.h)
			require.Equal(t, [2]int{want.W, want.H}, [2]int{got.W, got.H})
			// Steps of 1–5 on the luma: rounding noise only.
			assert.GreaterOrEqual(t, psnrGray(want, got), 42.0)
			// And it reads back as the DCT path's input.
			_, err = decodeCoefs(out, DefaultMaxPixels)
			assert.NoError(t, err)
		})
	}
}

func TestCoefsFromPlanesRefuses(t *testing.T) {
	tests := []struct {
		name string
		img  *image.YCbCr
		want error
	}{
		{"4:4:4", image.NewYCbCr(image.Rect(0, 0, 16, 16), image.YCbCrSubsampleRatio444), ErrInvalidOption},
		{"not at the origin", image.NewYCbCr(image.Rect(2, 2, 18, 18), image.YCbCrSubsampleRatio420), ErrInvalidOption},
		{"empty", image.NewYCbCr(image.Rect(0, 0, 0, 0), image.YCbCrSubsampleRatio420), ErrInvalidOption},
		// The size is refused before a plane is read.
		{"wider than JPEG allows", &image.YCbCr{Rect: image.Rect(0, 0, 70_000, 1), SubsampleRatio: image.YCbCrSubsampleRatio420}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := coefsFromPlanes(tt.img)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestQuantiseBlockRoundsToNearest(t *testing.T) {
	tests := []struct {
		name  string
		coef  int32 // the transform, scaled by 8
		step  uint16
		want  int16
		atEnd bool // the only non-zero value, so end is after it
	}{
		{"zero", 0, 10, 0, false},
		{"just under half a step", 39, 10, 0, false},
		{"just over half a step", 41, 10, 1, true},
		{"negative, just over half", -41, 10, -1, true},
		{"negative, just under half", -39, 10, 0, false},
		{"large", 16000, 1, 2000, true},
		{"large negative", -16000, 2, -1000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var blk [64]int32
			var inv [64]float32
			for k := range inv {
				inv[k] = 1 / (8 * float32(tt.step))
			}
			blk[zigzag[20]] = tt.coef
			dst := make([]int16, 64)
			end := quantiseBlock(&blk, &inv, dst)
			assert.Equal(t, tt.want, dst[20])
			if tt.atEnd {
				assert.Equal(t, 21, end)
			} else {
				assert.Equal(t, 1, end)
			}
		})
	}
}

func BenchmarkCoefsFromPlanes12MP(b *testing.B) {
	in := planes420(photo(b, contentScene, 4000, 3000, 1))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := coefsFromPlanes(in); err != nil {
			b.Fatal(err)
		}
	}
}

// quantiseBlockLoop is quantiseBlock as it was before it was written out
// (session 11): a loop gathering the natural order through zigzag. The
// reference of TestQuantiseBlockIsTheLoop.
func quantiseBlockLoop(blk *[64]int32, inv *[64]float32, dst []int16) int {
	dst = dst[:64]
	for k := range 64 {
		a := float32(blk[zigzag[k]&63])*inv[k] + quantBias
		dst[k] = int16(int32(a) - int32(quantBias-0.5))
	}
	end := 64
	for end > 1 && dst[end-1] == 0 {
		end--
	}
	return end
}

// TestQuantiseBlockIsTheLoop: the written-out quantisation gives the
// loop's coefficients and end, bit for bit, on random blocks at random
// steps: every magnitude the transform makes (up to ±2048·8), all zero,
// DC only, and every value of one coefficient at each step.
func TestQuantiseBlockIsTheLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 19))
	got, want := make([]int16, 64), make([]int16, 64)
	check := func(name func() string, blk *[64]int32, inv *[64]float32) {
		t.Helper()
		gotEnd := quantiseBlock(blk, inv, got)
		wantEnd := quantiseBlockLoop(blk, inv, want)
		if gotEnd != wantEnd || !slices.Equal(got, want) {
			t.Fatalf("%s: %v end %d, want %v end %d", name(), got, gotEnd, want, wantEnd)
		}
	}
	for i := range 20000 {
		var inv [64]float32
		for k := range inv {
			inv[k] = 1 / (8 * float32(1+rng.IntN([]int{6, 255}[i%2])))
		}
		var blk [64]int32
		switch i % 5 {
		case 0: // all zero
		case 1: // DC only
			blk[0] = int32(rng.IntN(2*16384+1) - 16384)
		case 2: // the extremes
			for n := range blk {
				blk[n] = []int32{-16384, 16384, 0, 4, -4, 12, -12}[rng.IntN(7)]
			}
		default:
			for n := range blk {
				if rng.IntN(3) > 0 {
					blk[n] = int32(rng.IntN(2*16384+1) - 16384)
				}
			}
		}
		check(func() string { return fmt.Sprintf("block %d", i) }, &blk, &inv)
	}
	// Every value a coefficient takes, at every step, 64 at a time: the
	// halves and the ties among them.
	for step := 1; step <= 255; step++ {
		var inv [64]float32
		for k := range inv {
			inv[k] = 1 / (8 * float32(step))
		}
		for v := int32(-16384); v <= 16384; v += 64 {
			var blk [64]int32
			for n := range blk {
				blk[n] = min(v+int32(n), 16384)
			}
			check(func() string { return fmt.Sprintf("step %d values from %d", step, v) }, &blk, &inv)
		}
	}
}
