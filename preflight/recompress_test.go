package preflight

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// recompressCase is one input for the recompression properties.
type recompressCase struct {
	name    string
	content content
	w, h    int
	format  string // how the input is stored: jpeg95, png, bmp, tiff
}

func (c recompressCase) input(t *testing.T) []byte {
	t.Helper()
	img := photo(t, c.content, c.w, c.h, int64(c.w+c.h))
	var buf bytes.Buffer
	switch c.format {
	case "jpeg95":
		return encodeTest(t, img, 95)
	case "png":
		b, err := synth.EncodePNG(img)
		require.NoError(t, err)
		return b
	case "bmp":
		require.NoError(t, bmp.Encode(&buf, img.Image()))
	case "tiff":
		require.NoError(t, tiff.Encode(&buf, img.Image(), nil))
	}
	return buf.Bytes()
}

// TestRecompressProperties runs the promises of Recompress over photos of
// 1 to 100 MP and of every content: the output fits, it is a JPEG of the
// reported size, it took at most two whole encodes, the quality stays at
// or above the floor (827 never fires) and 826 fires only if the input
// already did. The 100 MP case is the one heavy test of the suite.
func TestRecompressProperties(t *testing.T) {
	cases := []recompressCase{
		{"1MP scene png", contentScene, 1280, 800, "png"},
		{"2MP text png", contentText, 1600, 1200, "png"},
		{"3MP noisy jpeg", contentNoisy, 2048, 1536, "jpeg95"},
		{"5MP flat tiff", contentFlat, 2592, 1944, "tiff"},
		{"12MP scene jpeg", contentScene, 4000, 3000, "jpeg95"},
		{"12MP text jpeg", contentText, 4000, 3000, "jpeg95"},
		{"12MP noisy bmp", contentNoisy, 4000, 3000, "bmp"},
		{"24MP noisy jpeg", contentNoisy, 6000, 4000, "jpeg95"},
		// A 100 MP sensor's output; BMP keeps the input's own encode out
		// of the test's time (the JPEG path is covered up to 24 MP).
		{"100MP scene bmp", contentScene, 12000, 8400, "bmp"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := c.input(t)
			out, info, err := Recompress(data)
			if refusedInBrowser(t, c.format, err) {
				return
			}
			require.NoError(t, err)

			assert.LessOrEqual(t, len(out), DefaultMaxBytes)
			assert.Equal(t, len(out), info.OutputBytes)
			cfg, format, err := image.DecodeConfig(bytes.NewReader(out))
			require.NoError(t, err)
			assert.Equal(t, "jpeg", format)
			assert.Equal(t, [2]int{info.Width, info.Height}, [2]int{cfg.Width, cfg.Height})

			if len(data) <= DefaultMaxBytes && c.format == "jpeg95" {
				assert.Equal(t, ActionUntouched, info.Action)
				return
			}
			// A JPEG needing only a lower quality is requantised in the
			// DCT domain, one needing fewer pixels is decoded there at
			// m/8 of its size; anything else goes through pixels.
			want := ActionReencoded
			switch {
			case c.format == "jpeg95" && info.Scale == 1:
				want = ActionTranscoded
			case c.format == "jpeg95":
				want = ActionScaled
			}
			assert.Equal(t, want, info.Action)
			assert.LessOrEqual(t, info.Encodes, 2, "whole encodes: %+v", info.Attempts)
			assert.Len(t, fullAttempts(info.Attempts), info.Encodes, "every whole encode is listed, a retry's too")
			assert.GreaterOrEqual(t, info.Quality, DefaultMinQuality, "%+v", info.Attempts)
			assert.False(t, info.BelowFloor)
			// The quality read back from the output's tables, as 827
			// reads it, is the one encoded.
			assert.InDelta(t, info.Quality, mustQuality(t, out), 1)
			if info.Scale < 1 {
				// Downscaled only because full size would need a quality
				// under the floor, and not below the resolution floor.
				assert.GreaterOrEqual(t, max(info.Width, info.Height), DefaultMinLongSide)
			}

			require.NotNil(t, info.Checks)
			assert.True(t, info.Checks[CodeCompressed], "827 on the output")
			if !info.Checks[CodeBlurry] {
				in, err := Check(context.Background(), data)
				require.NoError(t, err)
				assert.True(t, in.Failed(CodeBlurry), "826 on the output but not on the input")
			}
		})
	}
}

// TestRecompressPredictsSize checks the size model on real encodes: the
// probes predict the whole encode within 10 %, so the first whole encode
// lands under the budget and at most one correction follows.
func TestRecompressPredictsSize(t *testing.T) {
	for _, c := range []content{contentScene, contentNoisy, contentText, contentFlat} {
		t.Run(string(c), func(t *testing.T) {
			img := photo(t, c, 3200, 2400, 3)
			// Budgets that need a quality in the middle of the range for
			// this content: half of its size at quality 90.
			budget := max(len(encodeTest(t, img, 90))/2, 50_000)
			data := encodeTest(t, img, 97)
			// The pixel path's model: the DCT path counts sizes exactly.
			_, info, err := Recompress(data, MaxBytes(budget), Verify(false), Transcode(false))
			require.NoError(t, err)
			var probes []Attempt
			var first Attempt
			for _, a := range info.Attempts {
				if a.Probe {
					probes = append(probes, a)
					continue
				}
				first = a
				break
			}
			require.NotEmpty(t, probes, "a 7.7 MP image is probed")
			m := fitModel(RecompressInput{Width: 3200, Height: 2400}, probes)
			pred := m.bytes(first.Quality, first.Scale)
			assert.InDelta(t, 1, pred/float64(first.Bytes), 0.10, "predicted %.0f, got %d (q%d) %+v", pred, first.Bytes, first.Quality, info.Attempts)
			assert.LessOrEqual(t, info.Encodes, 2, "%+v", info.Attempts)
		})
	}
}

func TestRecompressKeepsCompliantJPEGByteIdentical(t *testing.T) {
	img := photo(t, contentScene, 1600, 1000, 5)
	base := encodeTest(t, img, 90)
	tests := []struct {
		name string
		data []byte
	}{
		{"plain", base},
		{"with EXIF, GPS and maker note", withSegments(base, exifAPP1(binary.BigEndian, 1))},
		{"rotated by EXIF", withSegments(base, exifAPP1(binary.LittleEndian, 6))},
		{"with ICC, XMP and comment", withSegments(base, appSegment(0xE2, "ICC_PROFILE\x00\x01\x01fake"), appSegment(0xE1, "http://ns.adobe.com/xap/1.0/\x00<x/>"), appSegment(0xFE, "hello"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, info, err := Recompress(tt.data, Verify(false))
			require.NoError(t, err)
			assert.Equal(t, tt.data, out)
			assert.Equal(t, ActionUntouched, info.Action)
			assert.Zero(t, info.Encodes)
			assert.InDelta(t, 90, info.Quality, 1)
		})
	}
}

func TestRecompressStripsLosslessly(t *testing.T) {
	img := photo(t, contentScene, 1600, 1000, 6)
	base := encodeTest(t, img, 90)
	data := withSegments(base, exifAPP1(binary.BigEndian, 3), appSegment(0xE2, "ICC_PROFILE\x00\x01\x01fake"), appSegment(0xFE, "hello"))
	tests := []struct {
		name        string
		keep        []string
		wantExif    bool
		wantICC     bool
		wantComment bool
	}{
		{"strip all", nil, false, false, false},
		{"keep exif and icc", []string{MetaExif, MetaICC}, true, true, false},
		{"keep comment", []string{MetaComment}, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, info, err := Recompress(data, StripMetadata(), KeepMetadata(tt.keep...), Verify(false))
			require.NoError(t, err)
			assert.Equal(t, ActionStripped, info.Action)
			assertMetadata(t, out, tt.wantExif, tt.wantICC, tt.wantComment)
			// The coded image is copied: the pixels are exactly the input's.
			a, err := jpeg.Decode(bytes.NewReader(base))
			require.NoError(t, err)
			b, err := jpeg.Decode(bytes.NewReader(out))
			require.NoError(t, err)
			assert.Equal(t, vision.FromImage(a).Pix, vision.FromImage(b).Pix)
			if tt.wantExif {
				// Kept EXIF keeps its orientation: the pixels were not turned.
				assert.Equal(t, 3, readJPEGFacts(out).orientation)
			}
		})
	}
}

func TestRecompressReencodeDropsMetadata(t *testing.T) {
	img := photo(t, contentNoisy, 2400, 1600, 7)
	data := withSegments(encodeTest(t, img, 98), exifAPP1(binary.LittleEndian, 6), appSegment(0xE2, "ICC_PROFILE\x00\x01\x01fake"), appSegment(0xFE, "hello"))
	for _, keep := range [][]string{nil, {MetaExif, MetaICC}} {
		t.Run(fmt.Sprint(keep), func(t *testing.T) {
			out, info, err := Recompress(data, MaxBytes(600_000), KeepMetadata(keep...), Verify(false))
			require.NoError(t, err)
			require.Contains(t, []string{ActionReencoded, ActionTranscoded, ActionScaled}, info.Action)
			assert.LessOrEqual(t, len(out), 600_000)
			assertMetadata(t, out, keep != nil, keep != nil, false)
			// The pixels were turned upright, so no orientation remains.
			assert.Equal(t, 1, readJPEGFacts(out).orientation)
			assert.Equal(t, 6, info.Orientation)
			// Upright: portrait, in the input's proportions.
			assert.InDelta(t, 1600.0/2400, float64(info.Width)/float64(info.Height), 0.002)
		})
	}
}

// assertMetadata checks which metadata out carries, and that GPS and
// maker notes never do.
func assertMetadata(t *testing.T, out []byte, exif, icc, comment bool) {
	t.Helper()
	segs, _, err := splitJPEG(out)
	require.NoError(t, err)
	kinds := map[string]bool{}
	for _, s := range segs {
		kinds[s.kind()] = true
	}
	assert.Equal(t, exif, kinds[MetaExif], "exif")
	assert.Equal(t, icc, kinds[MetaICC], "icc")
	assert.Equal(t, comment, kinds[MetaComment], "comment")
	assert.False(t, kinds["other"])
	assert.NotContains(t, string(out), "SECRET-SERIAL", "maker note")
	if exif {
		assert.Contains(t, string(out), "TestCam")
	}
	for _, s := range segs {
		if s.kind() == MetaExif {
			assert.False(t, hasTag(s.raw[4:], tagGPSIFD), "GPS pointer")
			assert.False(t, hasTag(s.raw[4:], tagExifIFD), "Exif IFD pointer")
		}
	}
}

// hasTag reports whether IFD0 of an Exif body holds tag.
func hasTag(body []byte, tag uint16) bool {
	t := body[6:]
	bo := binary.ByteOrder(binary.BigEndian)
	if string(t[:2]) == "II" {
		bo = binary.LittleEndian
	}
	off := int(bo.Uint32(t[4:]))
	for k := range int(bo.Uint16(t[off:])) {
		if bo.Uint16(t[off+2+12*k:]) == tag {
			return true
		}
	}
	return false
}

// TestRecompressOrientation stores an asymmetric image as a camera would
// for each EXIF orientation and checks that the output, read by a decoder
// that ignores EXIF, is upright: re-encoded (over budget, or Upright) the
// pixels are turned; kept as is, EXIF still says how.
func TestRecompressOrientation(t *testing.T) {
	upright := quadrants(640, 400)
	noisy := synth.Noise(upright, 12, 1) // 20 kB must not hold it
	for o := 1; o <= 8; o++ {
		stored := unorient(noisy, o)
		data := withSegments(encodeTest(t, stored, 95), exifAPP1(binary.BigEndian, o))
		t.Run(fmt.Sprintf("orientation %d over budget", o), func(t *testing.T) {
			out, info, err := Recompress(data, MaxBytes(20_000), Verify(false))
			require.NoError(t, err)
			require.Contains(t, []string{ActionReencoded, ActionTranscoded, ActionScaled}, info.Action)
			assertUpright(t, upright, decodeIgnoringExif(t, out))
		})
		t.Run(fmt.Sprintf("orientation %d upright option", o), func(t *testing.T) {
			out, info, err := Recompress(data, Upright(), Verify(false))
			require.NoError(t, err)
			if o == 1 {
				assert.Equal(t, ActionUntouched, info.Action)
			} else {
				// 640×400 is whole 16×16 MCUs: every turn is lossless
				// on the coefficients.
				assert.Equal(t, ActionTranscoded, info.Action)
				assert.Equal(t, o, info.Orientation)
			}
			assertUpright(t, upright, decodeIgnoringExif(t, out))
		})
		t.Run(fmt.Sprintf("orientation %d kept", o), func(t *testing.T) {
			out, _, err := Recompress(data, Verify(false))
			require.NoError(t, err)
			require.Equal(t, data, out)
			d, err := decodeBytes(out, DefaultMaxPixels, newEngine())
			require.NoError(t, err)
			assertUpright(t, upright, d.rgb)
		})
	}
}

// quadrants is a w×h image with four differently coloured quadrants, so
// that any flip or turn is visible.
func quadrants(w, h int) *vision.RGB {
	m := vision.NewRGB(w, h)
	colours := [4][3]uint8{{220, 30, 30}, {30, 200, 30}, {30, 30, 220}, {230, 230, 40}}
	for y := range h {
		for x := range w {
			q := 0
			if x >= w/2 {
				q++
			}
			if y >= h/2 {
				q += 2
			}
			copy(m.Pix[3*(y*w+x):], colours[q][:])
		}
	}
	return m
}

// unorient stores an upright image the way a camera does for orientation
// o: the inverse of vision.Orient.
func unorient(m *vision.RGB, o int) *vision.RGB {
	inverse := [9]int{0, 1, 2, 3, 4, 5, 8, 7, 6}
	return vision.Orient(m, inverse[o])
}

func decodeIgnoringExif(t *testing.T, data []byte) *vision.RGB {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	return vision.FromImage(img)
}

// assertUpright compares the mean colour of each quadrant's centre in
// got with want's.
func assertUpright(t *testing.T, want, got *vision.RGB) {
	t.Helper()
	require.Equal(t, [2]int{want.W, want.H}, [2]int{got.W, got.H})
	for _, p := range [][2]float64{{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}} {
		x, y := int(p[0]*float64(want.W)), int(p[1]*float64(want.H))
		w, g := patchMean(want, x, y), patchMean(got, x, y)
		for c := range 3 {
			assert.InDelta(t, w[c], g[c], 16, "around (%d,%d) channel %d", x, y, c)
		}
	}
}

// patchMean is the mean colour of the 21×21 patch centred on (x, y).
func patchMean(m *vision.RGB, x, y int) [3]float64 {
	var sum [3]float64
	n := 0
	for yy := max(y-10, 0); yy <= min(y+10, m.H-1); yy++ {
		for xx := max(x-10, 0); xx <= min(x+10, m.W-1); xx++ {
			for c := range 3 {
				sum[c] += float64(m.Pix[3*(yy*m.W+xx)+c])
			}
			n++
		}
	}
	for c := range sum {
		sum[c] /= float64(n)
	}
	return sum
}

// TestRecompressFormatsComeOutAsJPEG: every decodable format, even within
// the budget, becomes a baseline JPEG of the same upright size.
func TestRecompressFormatsComeOutAsJPEG(t *testing.T) {
	img := quadrants(160, 100)
	gif, err := synth.EncodeGIF(img)
	require.NoError(t, err)
	png, err := synth.EncodePNG(img)
	require.NoError(t, err)
	webp, err := os.ReadFile("../testdata/inputs/scene.webp")
	require.NoError(t, err)
	cmyk, err := os.ReadFile("../testdata/inputs/cmyk.jpg")
	require.NoError(t, err)
	tests := []struct {
		name   string
		data   []byte
		format string
		action string
	}{
		{"png", png, "png", ActionReencoded},
		{"gif", gif, "gif", ActionReencoded},
		{"webp", webp, "webp", ActionReencoded},
		{"cmyk jpeg within budget stays", cmyk, "jpeg", ActionUntouched},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, info, err := Recompress(tt.data, Verify(false))
			if refusedInBrowser(t, tt.format, err) {
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.format, info.InputFormat)
			assert.Equal(t, tt.action, info.Action)
			cfg, format, err := image.DecodeConfig(bytes.NewReader(out))
			require.NoError(t, err)
			assert.Equal(t, "jpeg", format)
			assert.Equal(t, [2]int{160, 100}, [2]int{cfg.Width, cfg.Height})
		})
	}
}

func TestRecompressErrors(t *testing.T) {
	jpg := encodeTest(t, quadrants(64, 64), 90)
	tests := []struct {
		name string
		data []byte
		opts []RecompressOption
		want error
	}{
		{"empty", nil, nil, ErrEmpty},
		{"not an image", []byte("hello world, not a picture"), nil, ErrUnsupportedFormat},
		{"heic", append([]byte("\x00\x00\x00\x18ftypheic"), make([]byte, 20)...), nil, ErrUnsupportedFormat},
		{"truncated jpeg over budget", jpg[:len(jpg)/2], []RecompressOption{MaxBytes(1024)}, ErrCorrupt},
		{"budget too small", jpg, []RecompressOption{MaxBytes(10)}, ErrInvalidOption},
		{"unknown metadata kind", jpg, []RecompressOption{KeepMetadata("gps")}, ErrInvalidOption},
		{"nil encoder", jpg, []RecompressOption{WithEncoder(nil)}, ErrInvalidOption},
		{"bad resolution floor", jpg, []RecompressOption{MinResolution(0, 100)}, ErrInvalidOption},
		{"bad policy", jpg, []RecompressOption{WithPolicy(RecompressPolicy{})}, ErrInvalidOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Recompress(tt.data, tt.opts...)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestRecompressBudgetUnreachable(t *testing.T) {
	// 1024 bytes cannot hold a noisy 2 MP photo at the resolution floor.
	data := encodeTest(t, photo(t, contentNoisy, 1600, 1200, 9), 90)
	_, info, err := Recompress(data, MaxBytes(1024), Verify(false))
	assert.ErrorIs(t, err, ErrBudget)
	assert.LessOrEqual(t, len(info.Attempts), maxAttempts)
}

// TestRecompressResolutionFloor: with a floor as large as the image, the
// budget is met by quality alone, under the quality floor, and Info says so.
func TestRecompressResolutionFloor(t *testing.T) {
	data := encodeTest(t, photo(t, contentNoisy, 1600, 1200, 10), 95)
	out, info, err := Recompress(data, MaxBytes(150_000), MinResolution(10_000, 1600), Verify(false))
	require.NoError(t, err)
	assert.LessOrEqual(t, len(out), 150_000)
	assert.Equal(t, [2]int{1600, 1200}, [2]int{info.Width, info.Height})
	assert.True(t, info.BelowFloor)
	assert.Less(t, info.Quality, DefaultMinQuality)
}

// mustQuality is the quality 827 reads from a JPEG's tables.
func mustQuality(t *testing.T, data []byte) int {
	t.Helper()
	q, ok := EstimateJPEGQuality(data)
	require.True(t, ok)
	return q
}

func TestEstimateJPEGQualityFromBytes(t *testing.T) {
	for _, q := range []int{10, 50, 90} {
		assert.Equal(t, q, mustQuality(t, encodeTest(t, quadrants(32, 32), q)))
	}
	_, ok := EstimateJPEGQuality([]byte("\x89PNG\r\n\x1a\n"))
	assert.False(t, ok)
}

func BenchmarkRecompress12MP(b *testing.B) {
	data := encodeTest(b, photo(b, contentScene, 4000, 3000, 1), 95)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Recompress(data, Verify(false)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRaiseQualityFloor(t *testing.T) {
	p := DefaultRecompressPolicy()
	tests := []struct {
		name      string
		q         int
		ok        bool
		wantFloor int
	}{
		{"at the floor", p.MinQuality, true, p.MinQuality + blockyQualityStep},
		{"above the downscale quality", 75, true, 75 + blockyQualityStep},
		{"near the ceiling", p.MaxQuality - 3, true, p.MaxQuality},
		{"at the ceiling: no room", p.MaxQuality, false, p.MinQuality},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := raiseQualityFloor(p, tt.q)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.wantFloor, got.MinQuality)
			assert.GreaterOrEqual(t, got.DownscaleQuality, got.MinQuality)
			assert.NoError(t, got.Validate())
		})
	}
}
