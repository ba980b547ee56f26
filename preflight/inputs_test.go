package preflight

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// Crafted inputs shared by the decode, fuzz and check tests. Each is
// built from internal/synth or from bytes written here, never from
// outside images.

// smallScene is a 160×100 scene with an ID-1 card: asymmetric content
// that every orientation and format test can compare against.
func smallScene(t testing.TB) *vision.RGB {
	t.Helper()
	s := synth.NewScene(160, 100, synth.Gradient, 3)
	doc := synth.NewDocument(synth.ID1, 3)
	q := synth.Pose{Center: vision.Point{X: 70, Y: 45}, Width: 100, Roll: 8}.Quad(doc.Aspect())
	require.NoError(t, s.Place(doc, q, 0.3))
	return s.Img
}

func mustJPEG(t testing.TB, m *vision.RGB, q int) []byte {
	t.Helper()
	b, err := synth.EncodeJPEG(m, q)
	require.NoError(t, err)
	return b
}

// jpegHeader is SOI, a JFIF APP0, a baseline SOF0 declaring w×h with 3
// components, and EOI: a decompression bomb's header, enough for
// DecodeConfig and nothing to decode.
func jpegHeader(w, h int) []byte {
	b := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
	b = append(b, 0xFF, 0xC0, 0, 17, 8, byte(h>>8), byte(h), byte(w>>8), byte(w), 3)
	b = append(b, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1)
	return append(b, 0xFF, 0xD9)
}

// pngChunk encodes one PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	var b []byte
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// pngHeader is a PNG signature, an IHDR declaring w×h 8-bit RGB and IEND.
func pngHeader(w, h int) []byte {
	var ihdr []byte
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = append(b, pngChunk("IHDR", ihdr)...)
	return append(b, pngChunk("IEND", nil)...)
}

// heicBytes starts like an iPhone photo: an ISO-BMFF ftyp box of brand heic.
func heicBytes() []byte {
	b := []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
	return append(b, bytes.Repeat([]byte{0x11}, 200)...)
}

func randomBytes(seed uint64, n int) []byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	b[0] = 0 // never a magic number by chance
	return b
}

// png16 encodes m as a 16-bit-per-channel opaque PNG.
func png16(t testing.TB, m *vision.RGB) []byte {
	t.Helper()
	img := image.NewRGBA64(image.Rect(0, 0, m.W, m.H))
	for i := range m.W * m.H {
		r, g, b := m.Pix[3*i], m.Pix[3*i+1], m.Pix[3*i+2]
		img.SetRGBA64(i%m.W, i/m.W, color.RGBA64{uint16(r) * 257, uint16(g) * 257, uint16(b) * 257, 0xFFFF})
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// pngAlpha encodes m with a fully transparent left column band and the
// rest opaque, so the composite over white is known exactly.
func pngAlpha(t testing.TB, m *vision.RGB) (data []byte, overWhite *vision.RGB) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, m.W, m.H))
	want := vision.NewRGB(m.W, m.H)
	for i := range m.W * m.H {
		a := uint8(255)
		if i%m.W < 10 {
			a = 0
		}
		copy(img.Pix[4*i:], []uint8{m.Pix[3*i], m.Pix[3*i+1], m.Pix[3*i+2], a})
		if a == 0 {
			copy(want.Pix[3*i:], []uint8{255, 255, 255})
		} else {
			copy(want.Pix[3*i:], m.Pix[3*i:3*i+3])
		}
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes(), want
}

func gifBytes(t testing.TB, m *vision.RGB) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, gif.Encode(&buf, m.Image(), &gif.Options{NumColors: 256}))
	return buf.Bytes()
}

// readFixture reads a committed file under the repository's testdata.
func readFixture(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", rel))
	require.NoError(t, err, "fixture %s (regenerate: go generate ./preflight)", rel)
	return b
}

// meanAbsDiff is the mean absolute per-channel difference.
func meanAbsDiff(a, b *vision.RGB) float64 {
	if a.W != b.W || a.H != b.H {
		return 255
	}
	var s float64
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		s += float64(max(d, -d))
	}
	return s / float64(len(a.Pix))
}
