package preflight

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// The conformance suite: what every engine compiled into the build must
// do, whatever library it uses. The pure-Go build runs it on "pure-go";
// the gocv build on both "gocv" and "pure-go".

// conformanceScene is a small textured scene, deterministic.
func conformanceScene(t testing.TB, w, h int) *vision.RGB {
	t.Helper()
	return synth.NewScene(w, h, synth.Clutter, 7).Img
}

// jpegTolerance is the mean absolute difference allowed between two JPEG
// decoders: libjpeg-turbo's fancy chroma upsampling differs from
// image/jpeg's by 5.1 on the clutter scene (colour edges everywhere), by
// far less on photos; a wrong orientation or channel order gives > 30.
const jpegTolerance = 6

// encodeJPEG encodes m and returns the bytes and their decoding by
// image/jpeg: decoders differ from each other by rounding and chroma
// upsampling, far less than from the original.
func encodeJPEG(t testing.TB, m *vision.RGB, q int) ([]byte, *vision.RGB) {
	t.Helper()
	data, err := synth.EncodeJPEG(m, q)
	require.NoError(t, err)
	img, err := jpeg.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	return data, vision.FromImage(img)
}

func encodeWith(t testing.TB, img image.Image, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, enc(&buf, img))
	return buf.Bytes()
}

// withOrientation inserts an EXIF APP1 segment carrying orientation o
// right after the SOI marker of a JPEG.
func withOrientation(jpg []byte, o int) []byte {
	tiffIFD := make([]byte, 0, 26)
	tiffIFD = append(tiffIFD, "II*\x00"...)
	tiffIFD = binary.LittleEndian.AppendUint32(tiffIFD, 8) // IFD0 offset
	tiffIFD = binary.LittleEndian.AppendUint16(tiffIFD, 1) // one entry
	tiffIFD = binary.LittleEndian.AppendUint16(tiffIFD, 0x0112)
	tiffIFD = binary.LittleEndian.AppendUint16(tiffIFD, 3) // SHORT
	tiffIFD = binary.LittleEndian.AppendUint32(tiffIFD, 1)
	tiffIFD = binary.LittleEndian.AppendUint16(tiffIFD, uint16(o))
	tiffIFD = append(tiffIFD, 0, 0, 0, 0, 0, 0) // padding, next IFD = 0
	payload := append([]byte("Exif\x00\x00"), tiffIFD...)
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(payload)+2))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// alphaImage has transparent, translucent and opaque pixels over the
// scene's colours.
func alphaImage(src *vision.RGB) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, src.W, src.H))
	for y := range src.H {
		for x := range src.W {
			i := 3 * (y*src.W + x)
			m.SetNRGBA(x, y, color.NRGBA{src.Pix[i], src.Pix[i+1], src.Pix[i+2], uint8((x * 255) / (src.W - 1))})
		}
	}
	return m
}

func TestEngineDecodeConformance(t *testing.T) {
	scene := conformanceScene(t, 96, 64)
	rgba := scene.Image()
	gray := image.NewGray(rgba.Rect)
	for i := range gray.Pix {
		gray.Pix[i] = uint8(3 * i % 256)
	}
	alpha := alphaImage(scene)
	jpg, jpgRef := encodeJPEG(t, scene, 95)
	gifBytes := encodeWith(t, rgba, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) })
	gifRef, err := gif.Decode(bytes.NewReader(gifBytes))
	require.NoError(t, err)

	cases := []struct {
		name    string
		data    []byte
		want    *vision.RGB
		maxMean float64 // mean absolute difference allowed
	}{
		{"jpeg", jpg, jpgRef, jpegTolerance},
		{"png", encodeWith(t, rgba, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }), scene, 0},
		{"png alpha over white", encodeWith(t, alpha, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }), vision.FromImage(alpha), 0.5},
		{"png grey", encodeWith(t, gray, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }), vision.FromImage(gray), 0},
		{"gif", gifBytes, vision.FromImage(gifRef), 0},
		{"bmp", encodeWith(t, rgba, func(b *bytes.Buffer, m image.Image) error { return bmp.Encode(b, m) }), scene, 0},
		{"tiff", encodeWith(t, rgba, func(b *bytes.Buffer, m image.Image) error { return tiff.Encode(b, m, nil) }), scene, 0},
	}
	for _, name := range engineNames() {
		for _, tc := range cases {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				d, err := decodeBytes(tc.data, DefaultMaxPixels, engineFor(name))
				if refusedInBrowser(t, tc.name, err) {
					return
				}
				require.NoError(t, err)
				assert.Equal(t, [2]int{tc.want.W, tc.want.H}, [2]int{d.width, d.height})
				assert.LessOrEqual(t, meanAbsDiff(d.rgb, tc.want), tc.maxMean)
			})
		}
	}
}

func TestEngineOrientationConformance(t *testing.T) {
	scene := conformanceScene(t, 64, 40)
	jpg, ref := encodeJPEG(t, scene, 98)
	for _, name := range engineNames() {
		for o := 1; o <= 8; o++ {
			t.Run(name+"/"+string(rune('0'+o)), func(t *testing.T) {
				d, err := decodeBytes(withOrientation(jpg, o), DefaultMaxPixels, engineFor(name))
				require.NoError(t, err)
				want := vision.Orient(ref, o)
				assert.Equal(t, o, d.orientation)
				assert.Equal(t, [2]int{want.W, want.H}, [2]int{d.width, d.height})
				assert.LessOrEqual(t, meanAbsDiff(d.rgb, want), float64(jpegTolerance))
			})
		}
	}
}

func TestEngineRejectsBadInput(t *testing.T) {
	scene := conformanceScene(t, 64, 40)
	jpg, err := synth.EncodeJPEG(scene, 90)
	require.NoError(t, err)
	pngBytes := encodeWith(t, scene.Image(), func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
	cases := []struct {
		name string
		data []byte
		max  int
		want error
	}{
		{"empty", nil, DefaultMaxPixels, ErrEmpty},
		{"truncated jpeg", jpg[:len(jpg)*2/3], DefaultMaxPixels, ErrCorrupt},
		{"jpeg without end marker", jpg[:len(jpg)-2], DefaultMaxPixels, ErrCorrupt},
		{"truncated png", pngBytes[:len(pngBytes)/2], DefaultMaxPixels, ErrCorrupt},
		{"too many pixels", jpg, 64*40 - 1, ErrTooLarge},
		{"heic", append([]byte("\x00\x00\x00\x18ftypheic"), make([]byte, 16)...), DefaultMaxPixels, ErrUnsupportedFormat},
	}
	for _, name := range engineNames() {
		for _, tc := range cases {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				_, err := decodeBytes(tc.data, tc.max, engineFor(name))
				require.ErrorIs(t, err, tc.want)
			})
		}
	}
}

func TestEngineWarpConformance(t *testing.T) {
	doc := synth.NewDocument(synth.ID1, 3)
	s := synth.NewScene(640, 480, synth.Wood, 3)
	q := synth.Pose{Center: vision.Point{X: 320, Y: 240}, Width: 428, Roll: 8, TiltX: 10}.Quad(doc.Kind.Aspect())
	require.NoError(t, s.Place(doc, q, 0))
	want, err := synth.Downscale(doc.Img, 0.5)
	require.NoError(t, err)
	for _, name := range engineNames() {
		t.Run(name, func(t *testing.T) {
			got, err := engineFor(name).warpQuad(s.Img, q, want.W, want.H)
			require.NoError(t, err)
			// The scene resampled the texture once and the warp once more:
			// edges soften, colours stay.
			assert.Less(t, meanAbsDiff(got, want), 10.0)
			_, err = engineFor(name).warpQuad(s.Img, q, 0, 10)
			assert.Error(t, err)
		})
	}
}

func TestWithEngine(t *testing.T) {
	jpg, err := synth.EncodeJPEG(conformanceScene(t, 64, 40), 90)
	require.NoError(t, err)
	for _, name := range engineNames() {
		rep, err := Check(t.Context(), jpg, WithEngine(name))
		require.NoError(t, err)
		assert.Equal(t, name, rep.Engine)
	}
	_, err = Check(t.Context(), jpg, WithEngine("tesseract"))
	require.ErrorIs(t, err, ErrInvalidOption)
	rep, err := Check(t.Context(), jpg)
	require.NoError(t, err)
	assert.Equal(t, EngineName, rep.Engine)
	assert.Equal(t, EngineName, Engine().Name)
	assert.Contains(t, Engine().Available, pureEngineName)
}
