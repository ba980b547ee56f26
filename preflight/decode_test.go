package preflight

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// badInput is an input Check must refuse with a sentinel error.
type badInput struct {
	name    string
	data    []byte
	want    error
	mention string // a word the message must contain, for people
}

func badInputs(t testing.TB) []badInput {
	good := mustJPEG(t, smallScene(t), 90)
	goodPNG := synth.PNGHeader(10, 10)
	return []badInput{
		{"empty", nil, ErrEmpty, "empty"},
		{"truncated jpeg", good[:len(good)/2], ErrCorrupt, "jpeg"},
		{"jpeg header only", good[:200], ErrCorrupt, "jpeg"},
		{"random bytes", randomBytes(1, 4096), ErrUnsupportedFormat, "not a recognised image"},
		{"text", []byte("name,quad\nfront.jpg,1 2 3 4\n"), ErrUnsupportedFormat, "not a recognised image"},
		{"jpeg declaring 60000x60000", synth.JPEGHeader(60000, 60000), ErrTooLarge, "60000x60000"},
		{"png declaring 60000x60000", synth.PNGHeader(60000, 60000), ErrTooLarge, "60000x60000"},
		{"jpeg declaring 0 width", synth.JPEGHeader(0, 480), ErrCorrupt, "jpeg"},
		{"png without pixel data", goodPNG, ErrCorrupt, "png"},
		{"heic", synth.HEIC(), ErrUnsupportedFormat, "heic"},
		{"jpeg magic then garbage", append([]byte{0xFF, 0xD8, 0xFF}, randomBytes(2, 500)...), ErrCorrupt, "jpeg"},
	}
}

func TestCheckRefusesBadInput(t *testing.T) {
	for _, tc := range badInputs(t) {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Check(context.Background(), tc.data)
			require.Error(t, err)
			assert.Nil(t, rep)
			assert.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.mention)
		})
	}
}

func TestCheckRefusesOverMaxPixels(t *testing.T) {
	data := mustJPEG(t, smallScene(t), 90) // 160×100 = 16000 px
	_, err := Check(context.Background(), data, WithMaxPixels(15999))
	assert.ErrorIs(t, err, ErrTooLarge)
	_, err = Check(context.Background(), data, WithMaxPixels(16000))
	assert.NoError(t, err)
}

// TestDecodeFormats decodes every accepted kind of file made from the
// same scene and compares the pixels with the scene.
func TestDecodeFormats(t *testing.T) {
	src := smallScene(t)
	alpha, alphaWant := pngAlpha(t, src)
	encode := func(f func(*bytes.Buffer) error) []byte {
		var buf bytes.Buffer
		require.NoError(t, f(&buf))
		return buf.Bytes()
	}
	tests := []struct {
		name   string
		data   []byte
		format string
		want   *vision.RGB
		tol    float64 // mean absolute difference allowed
	}{
		{"baseline jpeg", mustJPEG(t, src, 95), "jpeg", src, 3},
		{"progressive jpeg", readFixture(t, "inputs/progressive.jpg"), "jpeg", src, 3},
		{"cmyk jpeg", readFixture(t, "inputs/cmyk.jpg"), "jpeg", src, 6},
		{"16-bit png", png16(t, src), "png", src, 0},
		{"png with alpha over white", alpha, "png", alphaWant, 0},
		{"gif (dithered to 256 colours)", gifBytes(t, src), "gif", src, 20},
		{"bmp", encode(func(b *bytes.Buffer) error { return bmp.Encode(b, src.Image()) }), "bmp", src, 0},
		{"tiff", encode(func(b *bytes.Buffer) error { return tiff.Encode(b, src.Image(), nil) }), "tiff", src, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := decodeBytes(tc.data, DefaultMaxPixels, newEngine())
			if refusedInBrowser(t, tc.format, err) {
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.format, d.format)
			assert.LessOrEqual(t, meanAbsDiff(d.rgb, tc.want), tc.tol)
			// Check goes on to a report, never an error, for these.
			rep, err := Check(context.Background(), tc.data)
			require.NoError(t, err)
			assert.Equal(t, src.W, rep.Width)
		})
	}
}

func TestDecodeJPEGFacts(t *testing.T) {
	src := smallScene(t)
	d, err := decodeBytes(readFixture(t, "inputs/progressive.jpg"), DefaultMaxPixels, newEngine())
	require.NoError(t, err)
	assert.True(t, d.jpeg.progressive)
	assert.Equal(t, 3, d.jpeg.components)
	d, err = decodeBytes(readFixture(t, "inputs/cmyk.jpg"), DefaultMaxPixels, newEngine())
	require.NoError(t, err)
	assert.False(t, d.jpeg.progressive)
	assert.Equal(t, 4, d.jpeg.components)
	d, err = decodeBytes(mustJPEG(t, src, 50), DefaultMaxPixels, newEngine())
	require.NoError(t, err)
	require.NotNil(t, d.jpeg.quant[0])
	// Go's encoder scales the standard luma table: at q50 it is the
	// table itself, whose first (DC) entry is 16.
	assert.Equal(t, uint16(16), d.jpeg.quant[0][0])
}

func TestSniff(t *testing.T) {
	tests := []struct {
		data []byte
		want string
	}{
		{[]byte{0xFF, 0xD8, 0xFF, 0xE0}, "jpeg"},
		{[]byte("\x89PNG\r\n\x1a\n...."), "png"},
		{[]byte("RIFF\x00\x00\x00\x00WEBPVP8 "), "webp"},
		{[]byte("II*\x00"), "tiff"},
		{[]byte("MM\x00*"), "tiff"},
		{[]byte("BM......"), "bmp"},
		{[]byte("GIF89a"), "gif"},
		{synth.HEIC(), "heic"},
		{[]byte("\x00\x00\x00\x1cftypavif"), "avif"},
		{[]byte("\x00\x00\x00\x0cJXL \x0d\x0a\x87\x0a"), "jxl"},
		{[]byte{0xFF, 0xD8}, ""},
		{[]byte("hello"), ""},
		{nil, ""},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, sniff(tc.data), "%q", tc.data)
	}
}

func TestSafeDecodeRejectsPartialImages(t *testing.T) {
	data := mustJPEG(t, smallScene(t), 90)
	_, err := jpeg.Decode(bytes.NewReader(data[:len(data)-300]))
	require.Error(t, err, "precondition: the stdlib reports truncation")
	img, err := safeDecode(data[:len(data)-300])
	assert.Error(t, err)
	assert.Nil(t, img)
	_, _, err = image.DecodeConfig(bytes.NewReader(data[:len(data)-300]))
	assert.NoError(t, err, "the header alone is intact")
}
