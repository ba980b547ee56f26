package preflight

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// coefInput is a synthetic JPEG in one of the layouts the DCT path reads.
type coefInput struct {
	name string
	data []byte
}

// coefInputs are image/jpeg encodes (4:2:0, grey) at several qualities
// and sizes, and the tool fixtures for the layouts image/jpeg cannot
// write (4:4:4, 4:2:2, restart intervals, odd sizes).
func coefInputs(t testing.TB) []coefInput {
	t.Helper()
	scene := photo(t, contentScene, 333, 211, 1)
	gray := image.NewGray(image.Rect(0, 0, 203, 97))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i * 7 % 251)
	}
	var grayJPEG bytes.Buffer
	require.NoError(t, jpeg.Encode(&grayJPEG, gray, &jpeg.Options{Quality: 85}))
	return []coefInput{
		{"4:2:0 q95 odd size", encodeTest(t, scene, 95)},
		{"4:2:0 q75 text", encodeTest(t, photo(t, contentText, 320, 240, 2), 75)},
		{"4:2:0 q50 noisy", encodeTest(t, photo(t, contentNoisy, 256, 160, 3), 50)},
		{"grey, one component", grayJPEG.Bytes()},
		{"one pixel", encodeTest(t, vision.NewRGB(1, 1), 90)},
		{"4:4:4 (convert)", readFixture(t, "inputs/s444.jpg")},
		{"4:2:2 (convert)", readFixture(t, "inputs/s422.jpg")},
		{"grey (convert)", readFixture(t, "inputs/gray.jpg")},
		{"4:2:0 157×97 (convert)", readFixture(t, "inputs/odd.jpg")},
		{"restart every 5 MCUs (cjpeg)", readFixture(t, "inputs/restart.jpg")},
	}
}

func TestCoefRoundTripIsLossless(t *testing.T) {
	for _, in := range coefInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			c, err := decodeCoefs(in.data, DefaultMaxPixels)
			require.NoError(t, err)
			st := c.count(c.quant)
			out, stuffed := c.encode(c.quant, st, nil)
			if c.scan.restart == 0 {
				assert.Equal(t, c.size(c.quant, st, nil)+stuffed, len(out), "predicted size, stuffing apart")
			} else {
				assert.LessOrEqual(t, len(out), c.size(c.quant, st, nil)+stuffed, "an upper bound with restart intervals")
			}
			assert.Equal(t, decodeStd(t, in.data), decodeStd(t, out), "the same coefficients decode to the same pixels")
		})
	}
}

func TestTranscodeAtQuality(t *testing.T) {
	for _, in := range coefInputs(t) {
		for _, q := range []int{80, 60} {
			t.Run(in.name, func(t *testing.T) {
				c, err := decodeCoefs(in.data, DefaultMaxPixels)
				require.NoError(t, err)
				tables, err := c.tablesAt(qualityMille(q))
				require.NoError(t, err)
				st := c.count(tables)
				out, stuffed := c.encode(tables, st, nil)
				if c.scan.restart == 0 {
					assert.Equal(t, c.size(tables, st, nil)+stuffed, len(out), "the counts give the size exactly")
				} else {
					assert.LessOrEqual(t, len(out), c.size(tables, st, nil)+stuffed, "an upper bound with restart intervals")
				}
				got, ok := EstimateJPEGQuality(out)
				require.True(t, ok)
				inQ, _ := EstimateJPEGQuality(in.data)
				assert.Equal(t, min(q, inQ), got, "827 reads the tables' quality")

				// Against decoding and encoding the pixels at the same
				// quality: the coefficients are rounded once, not twice.
				orig := decodeStd(t, in.data)
				pixel := decodeStd(t, mustStdEncode(t, orig, q))
				dct := decodeStd(t, out)
				// (Above 45 dB the difference is a level here and there:
				// one black pixel is exact through pixels, 48 dB here.)
				assert.GreaterOrEqual(t, psnrRGB(orig, dct), min(psnrRGB(orig, pixel), 45)-1.5, "q%d", q)
			})
		}
	}
}

func TestRequantizerMatchesDivision(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	steps := []uint16{1, 2, 3, 7, 16, 99, 128, 255}
	for range 200 {
		steps = append(steps, uint16(1+rng.IntN(255)))
	}
	for i := 0; i+1 < len(steps); i++ {
		var old, nu [64]uint16
		for k := range 64 {
			old[k], nu[k] = steps[(i+k)%len(steps)], steps[(i+1+k*7)%len(steps)]
		}
		r := newRequantizer(&old, &nu)
		for _, v := range []int16{0, 1, -1, 2, -2, 5, -5, 127, -128, 1023, -1024, 2047, -2048} {
			for k := range 64 {
				x := float64(v) * float64(old[k]) / float64(nu[k])
				want := int16(math.Round(x))
				if math.Abs(x-math.Trunc(x)) == 0.5 {
					want = int16(math.Trunc(x)) // ties towards zero
				}
				require.Equal(t, want, r.coef(k, v), "v %d old %d new %d", v, old[k], nu[k])
			}
		}
	}
}

// unreadableScans are JPEGs the coefficient decoder (and so
// optimizeHuffman) must refuse with errHuffman, and a good one.
func unreadableScans(t *testing.T) (bad []coefInput, good []byte) {
	t.Helper()
	good = encodeTest(t, photo(t, contentScene, 96, 64, 4), 85)
	sos := bytes.Index(good, []byte{0xFF, 0xDA})
	require.Positive(t, sos)
	flipped := append([]byte(nil), good...)
	for i := sos + 20; i < len(flipped)-2; i += 7 {
		flipped[i] ^= 0x5A
	}
	return []coefInput{
		{"empty", nil},
		{"not a JPEG", []byte("GIF89a....")},
		{"headers only", good[:sos]},
		{"scan cut short", append(append([]byte(nil), good[:sos+40]...), 0xFF, 0xD9)},
		{"no EOI and half the scan", good[:len(good)/2]},
		{"bytes flipped in the scan", flipped},
		{"progressive", readFixture(t, "inputs/progressive.jpg")},
		{"progressive header only", append(append([]byte(nil), good[:2]...), 0xFF, 0xC2, 0, 2)},
	}, good
}

func TestDecodeCoefsRefusesWhatItCannotRead(t *testing.T) {
	bad, good := unreadableScans(t)
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeCoefs(tt.data, DefaultMaxPixels)
			assert.ErrorIs(t, err, errHuffman)
		})
	}
	_, err := decodeCoefs(good, 100)
	assert.ErrorIs(t, err, ErrTooLarge, "the frame is bounded before anything is allocated")
	// A zero step (no valid table holds one) is refused, not divided by
	// later (the requantiser's thresholds; found by FuzzDecodeCoefs).
	zero := append([]byte(nil), good...)
	dqt := bytes.Index(zero, []byte{0xFF, 0xDB})
	require.Positive(t, dqt)
	zero[dqt+5] = 0 // the first table's DC step (8-bit entries)
	_, err = decodeCoefs(zero, DefaultMaxPixels)
	assert.ErrorIs(t, err, errHuffman, "a zero step")
}

func TestTransformMatchesOrient(t *testing.T) {
	img := photo(t, contentScene, 160, 96, 5) // whole 16×16 MCUs
	for _, in := range []coefInput{
		{"4:2:0", encodeTest(t, img, 90)},
		{"4:2:2", readFixture(t, "inputs/s422.jpg")}, // 160×100: 100 is not whole 8-row MCUs
		{"grey", readFixture(t, "inputs/gray.jpg")},  // 160×100 too, 8×8 MCUs
	} {
		c, err := decodeCoefs(in.data, DefaultMaxPixels)
		require.NoError(t, err)
		stored := decodeStd(t, in.data)
		for o := 1; o <= 8; o++ {
			u, ok := c.transform(o)
			if m := orientMaps[o]; in.name != "4:2:0" && m.flipY {
				assert.False(t, ok, "orientation %d mirrors the partial MCU row", o)
				continue
			}
			require.True(t, ok, "%s orientation %d", in.name, o)
			out, _ := u.encode(u.quant, u.count(u.quant), nil)
			got := decodeStd(t, out)
			want := vision.Orient(stored, o)
			require.Equal(t, [2]int{want.W, want.H}, [2]int{got.W, got.H})
			// Chroma is upsampled around different neighbours once
			// turned, so a few levels of difference remain.
			assert.Less(t, meanAbsDiff(want, got), 1.5, "%s orientation %d", in.name, o)
		}
	}
}

func TestTransformRefusesPartialMCUs(t *testing.T) {
	c, err := decodeCoefs(readFixture(t, "inputs/odd.jpg"), DefaultMaxPixels) // 157×97, 4:2:0
	require.NoError(t, err)
	for o, ok := range map[int]bool{1: true, 2: false, 3: false, 4: false, 5: true, 6: false, 7: false, 8: false} {
		_, got := c.transform(o)
		assert.Equal(t, ok, got, "orientation %d", o)
	}
}

func decodeStd(t testing.TB, data []byte) *vision.RGB {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	return vision.FromImage(img)
}

func mustStdEncode(t testing.TB, m *vision.RGB, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, m.Image(), &jpeg.Options{Quality: q}))
	return buf.Bytes()
}

// psnrRGB is the PSNR over all channels in dB (100 for equal images).
func psnrRGB(a, b *vision.RGB) float64 {
	var se float64
	for i := range a.Pix {
		d := float64(a.Pix[i]) - float64(b.Pix[i])
		se += d * d
	}
	if se == 0 {
		return 100
	}
	return 10 * math.Log10(255*255*float64(len(a.Pix))/se)
}

func BenchmarkTranscode12MP(b *testing.B) {
	data := encodeTest(b, photo(b, contentScene, 4000, 3000, 1), 95)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, info, err := Recompress(data, Verify(false)); err != nil || info.Action != ActionTranscoded {
			b.Fatal(err, info.Action)
		}
	}
}

func BenchmarkDecodeCoefs12MP(b *testing.B) {
	for _, c := range []content{contentScene, contentText} {
		data := encodeTest(b, photo(b, c, 4000, 3000, 1), 95)
		b.Run(string(c), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := decodeCoefs(data, DefaultMaxPixels); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestRequantizerZeroIsTheQuotient(t *testing.T) {
	for _, pair := range [][2]int{{100, 600}, {50, 2500}, {300, 300}, {1000, 200}} {
		old, nu := new([64]uint16), new([64]uint16)
		lo, hi := scaledTableMille(&stdChrominance, pair[0]), scaledTableMille(&stdLuminance, pair[1])
		for k := range 64 {
			old[k], nu[k] = uint16(lo[zigzag[k]]), uint16(hi[zigzag[k]])
		}
		rq := newRequantizer(old, nu)
		for k := range 64 {
			for v := -600; v <= 600; v++ {
				require.Equal(t, rq.coef(k, int16(v)) == 0, rq.zero(k, int16(v)), "tables %v, coefficient %d, value %d", pair, k, v)
			}
		}
	}
}
