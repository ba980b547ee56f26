package preflight

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/draw"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// smallFloor lets the tests' small photos go down to 1/8: the default
// floor (1280 px long side) would keep them near full size.
func smallFloor() RecompressOption { return MinResolution(32, 64) }

// eighths returns m when w×h is the size of W×H at m/8 as scaledPlanes
// rounds it, 0 when it is no such size.
func eighths(w, h, W, H int) int {
	for m := 1; m <= 8; m++ {
		if w == ceilDiv(W*m, 8) && h == ceilDiv(H*m, 8) {
			return m
		}
	}
	return 0
}

func TestRecompressScales(t *testing.T) {
	tests := []struct {
		name    string
		content content
		w, h    int
		budget  int
	}{
		{"scene", contentScene, 1600, 1200, 60_000},
		{"noisy", contentNoisy, 1280, 960, 90_000},
		{"text", contentText, 1600, 1200, 120_000},
		{"flat", contentFlat, 2048, 1536, 15_000},
		{"odd size", contentScene, 1001, 667, 30_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encodeTest(t, photo(t, tt.content, tt.w, tt.h, 21), 95)
			require.Greater(t, len(data), 2*tt.budget)
			out, info, err := Recompress(data, MaxBytes(tt.budget), smallFloor(), Verify(false))
			require.NoError(t, err)
			require.Equal(t, ActionScaled, info.Action, "%+v", info)
			assert.Equal(t, ScaledEncoderName, info.Encoder)
			assert.LessOrEqual(t, len(out), tt.budget)
			assert.Equal(t, len(out), info.OutputBytes)

			m := eighths(info.Width, info.Height, tt.w, tt.h)
			require.NotZero(t, m, "%d×%d is a multiple of 1/8 of %d×%d", info.Width, info.Height, tt.w, tt.h)
			assert.Less(t, m, 8)
			assert.InDelta(t, float64(info.Width)/float64(tt.w), info.Scale, 1e-9)
			assert.Equal(t, [2]int{tt.w, tt.h}, [2]int{info.InputWidth, info.InputHeight})
			img := decodeStd(t, out)
			assert.Equal(t, [2]int{info.Width, info.Height}, [2]int{img.W, img.H})

			assert.Equal(t, 1, info.Encodes, "one write: the sizes are counted")
			require.Len(t, info.Attempts, 1)
			assert.InDelta(t, info.Scale, info.Attempts[0].Scale, 1e-9)
			assert.GreaterOrEqual(t, info.Quality, DefaultMinQuality)
			assert.Equal(t, mustQuality(t, out), info.Quality, "827 reads the quality Info reports")

			// The largest eighth that fits: at the next one up even the
			// floor's tables are over the budget (a 3 % allowance for
			// the sample that chose it).
			if m < 7 {
				c, err := decodeCoefs(data, DefaultMaxPixels)
				require.NoError(t, err)
				up, err := c.scaledUpright(m+1, 1, false)
				require.NoError(t, err)
				floor, err := up.tablesAt(qualityMille(DefaultMinQuality))
				require.NoError(t, err)
				assert.Greater(t, float64(up.size(floor, up.count(floor), nil)), 0.97*float64(tt.budget))
			}
		})
	}
}

// TestRecompressScaledOrientation: every EXIF orientation comes out
// upright through the scaled path, at the upright size.
func TestRecompressScaledOrientation(t *testing.T) {
	upright := quadrants(1000, 640)
	noisy := synth.Noise(upright, 12, 1)
	for o := 1; o <= 8; o++ {
		t.Run(fmt.Sprintf("orientation %d", o), func(t *testing.T) {
			data := withSegments(encodeTest(t, unorient(noisy, o), 95), exifAPP1(binary.BigEndian, o))
			out, info, err := Recompress(data, MaxBytes(40_000), smallFloor(), Verify(false))
			require.NoError(t, err)
			require.Equal(t, ActionScaled, info.Action, "%+v", info)
			assert.Equal(t, o, info.Orientation)
			assert.Equal(t, [2]int{1000, 640}, [2]int{info.InputWidth, info.InputHeight})
			assert.NotZero(t, eighths(info.Width, info.Height, 1000, 640))
			assert.Equal(t, 1, readJPEGFacts(out).orientation, "upright: no orientation left")
			assertUpright(t, vision.ResizeArea(upright, info.Width, info.Height), decodeIgnoringExif(t, out))
		})
	}
}

// TestRecompressScaledMatchesPixelPath: at the same budget, the scaled
// path's output is as close to the original as the pixel path's (PSNR of
// the luma at the original's size, outputs enlarged bilinearly, as
// bench/compress measures), within 1 dB: it may keep up to an eighth
// fewer pixels at a higher quality.
func TestRecompressScaledMatchesPixelPath(t *testing.T) {
	for _, c := range []content{contentScene, contentText, contentNoisy} {
		t.Run(string(c), func(t *testing.T) {
			orig := photo(t, c, 1600, 1200, 31)
			data := encodeTest(t, orig, 95)
			budget := len(data) / 6
			scaled, si, err := Recompress(data, MaxBytes(budget), smallFloor(), Verify(false))
			require.NoError(t, err)
			require.Equal(t, ActionScaled, si.Action)
			pixel, pi, err := Recompress(data, MaxBytes(budget), smallFloor(), Verify(false), Transcode(false))
			require.NoError(t, err)
			require.Equal(t, ActionReencoded, pi.Action)
			want := orig.Gray()
			ps, pp := psnrGray(want, enlarged(t, scaled, 1600, 1200)), psnrGray(want, enlarged(t, pixel, 1600, 1200))
			t.Logf("scaled %.2f dB at %.3f q%d, pixel path %.2f dB at %.3f q%d", ps, si.Scale, si.Quality, pp, pi.Scale, pi.Quality)
			assert.GreaterOrEqual(t, ps, pp-1)
		})
	}
}

// enlarged decodes a JPEG and enlarges its luma bilinearly to w×h.
func enlarged(t *testing.T, data []byte, w, h int) *vision.Gray {
	t.Helper()
	img := decodeStd(t, data).Image()
	dst := vision.NewRGB(w, h).Image()
	draw.BiLinear.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	return vision.FromImage(dst).Gray()
}

// TestRecompressScaledRefusesDamage: damaged data is an error, never a
// panic (what the scaled path cannot or may not do is in
// TestRecompressTranscodeFallsBack).
func TestRecompressScaledRefusesDamage(t *testing.T) {
	scene := encodeTest(t, photo(t, contentScene, 1600, 1200, 41), 95)
	damaged := map[string][]byte{
		"truncated in the scan":  scene[:len(scene)*2/3],
		"scan bytes overwritten": overwritten(scene, len(scene)/2, 64),
	}
	for name, data := range damaged {
		t.Run(name, func(t *testing.T) {
			require.NotPanics(t, func() {
				out, _, err := Recompress(data, MaxBytes(60_000), smallFloor(), Verify(false))
				if err == nil {
					// image/jpeg may decode overwritten data to
					// something: then it fits like any photo.
					assert.LessOrEqual(t, len(out), 60_000)
				} else {
					assert.ErrorIs(t, err, ErrCorrupt)
				}
			})
		})
	}
}

// overwritten is a copy of data with n bytes from off set to 0xA5.
func overwritten(data []byte, off, n int) []byte {
	out := append([]byte(nil), data...)
	for i := off; i < off+n; i++ {
		out[i] = 0xA5
	}
	return out
}

// TestRecompressScaledOnlyDownscales: a JPEG the plain DCT path declines
// for another reason than its size (an EXIF turn over partial MCUs) and
// that fits at full size keeps its size: the pixel path takes it.
func TestRecompressScaledOnlyDownscales(t *testing.T) {
	data := withSegments(encodeTest(t, photo(t, contentScene, 1001, 667, 51), 95), exifAPP1(binary.BigEndian, 6))
	_, info, err := Recompress(data, MaxBytes(len(data)/2), smallFloor(), Verify(false))
	require.NoError(t, err)
	assert.Equal(t, ActionReencoded, info.Action)
	assert.Equal(t, 1.0, info.Scale)
	assert.Equal(t, [2]int{667, 1001}, [2]int{info.Width, info.Height})
}

// The scaled path writes its output over the input's coefficients
// (scaledCoefs with overwrite), so a try after the first, and a caller
// handing it coefficients already spent, must read them again: the same
// bytes as from coefficients read fresh.
func TestScaledTranscodeReadsSpentCoefsAgain(t *testing.T) {
	data := encodeTest(t, photo(t, contentScene, 1001, 667, 21), 95)
	run := func(c *coefImage) []byte {
		t.Helper()
		cfg, err := buildRecompressConfig([]RecompressOption{MaxBytes(30_000), smallFloor(), Verify(false)})
		require.NoError(t, err)
		info := Info{InputFormat: "jpeg", TimingsMS: map[string]float64{}}
		out, ok, err := scaledTranscode(data, c, &cfg, &info)
		require.NoError(t, err)
		require.True(t, ok)
		return out
	}
	want := run(nil)
	fresh, err := decodeCoefs(data, DefaultMaxPixels)
	require.NoError(t, err)
	assert.Equal(t, want, run(fresh))
	assert.Nil(t, fresh.comps, "the output was written over the coefficients handed in")
	assert.Equal(t, want, run(fresh), "spent coefficients are read again")
}
