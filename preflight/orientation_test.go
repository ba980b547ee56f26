package preflight

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image/png"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/tiff"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// exifTIFF is the bare TIFF block of an EXIF record with one orientation
// tag, as PNG's eXIf chunk and WebP's EXIF chunk carry it.
func exifTIFF(o int, bigEndian bool) []byte {
	seg := synth.EXIFSegment(uint32(o), bigEndian, false)
	return seg[4+6:] // marker, length, "Exif\0\0"
}

// withPNGChunk inserts a chunk right after IHDR (8 + 25 bytes).
func withPNGChunk(t testing.TB, data []byte, kind string, body []byte) []byte {
	t.Helper()
	require.True(t, len(data) > 33 && string(data[12:16]) == "IHDR")
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	chunk = append(append(chunk, kind...), body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return append(append(append([]byte{}, data[:33]...), chunk...), data[33:]...)
}

// withWebPExif turns a simple (VP8-only) WebP into the extended format
// with a VP8X header flagging EXIF, and appends the EXIF chunk.
func withWebPExif(t testing.TB, data []byte, w, h int, exif []byte) []byte {
	t.Helper()
	require.Equal(t, "WEBP", string(data[8:12]))
	vp8x := []byte("VP8X")
	vp8x = binary.LittleEndian.AppendUint32(vp8x, 10)
	vp8x = append(vp8x, 0x08, 0, 0, 0) // EXIF flag, reserved
	vp8x = append(vp8x, byte(w-1), byte((w-1)>>8), byte((w-1)>>16))
	vp8x = append(vp8x, byte(h-1), byte((h-1)>>8), byte((h-1)>>16))
	ex := binary.LittleEndian.AppendUint32([]byte("EXIF"), uint32(len(exif)))
	ex = append(ex, exif...)
	if len(exif)%2 == 1 {
		ex = append(ex, 0)
	}
	out := append([]byte("RIFF\x00\x00\x00\x00WEBP"), vp8x...)
	out = append(append(out, data[12:]...), ex...)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

// withTIFFOrientation appends a copy of IFD0 with an orientation tag
// added in tag order and points the header at it; the other entries'
// offsets stay valid because nothing before them moves.
func withTIFFOrientation(t testing.TB, data []byte, o int) []byte {
	t.Helper()
	tf, order, off, ok := tiffIFD0(data)
	require.True(t, ok)
	bo := order.(interface {
		binary.ByteOrder
		binary.AppendByteOrder
	})
	n := int(bo.Uint16(tf[off:]))
	var entries [][]byte
	for k := range n {
		entries = append(entries, tf[off+2+12*k:off+14+12*k])
	}
	tag := bo.AppendUint16(nil, 0x0112)
	tag = bo.AppendUint16(tag, 3)
	tag = bo.AppendUint32(tag, 1)
	tag = append(bo.AppendUint16(tag, uint16(o)), 0, 0)
	at := 0
	for at < n && bo.Uint16(entries[at]) < 0x0112 {
		at++
	}
	entries = append(entries[:at], append([][]byte{tag}, entries[at:]...)...)
	out := append([]byte{}, data...)
	if len(out)%2 == 1 {
		out = append(out, 0)
	}
	bo.PutUint32(out[4:], uint32(len(out)))
	out = bo.AppendUint16(out, uint16(len(entries)))
	for _, e := range entries {
		out = append(out, e...)
	}
	return bo.AppendUint32(out, 0)
}

func TestOrientationOfOtherContainersIsApplied(t *testing.T) {
	scene := smallScene(t)
	var pngBuf, tiffBuf bytes.Buffer
	require.NoError(t, png.Encode(&pngBuf, scene.Image()))
	require.NoError(t, tiff.Encode(&tiffBuf, scene.Image(), nil))
	webp := readFixture(t, "inputs/scene.webp")
	webpRef, err := decodeBytes(webp, DefaultMaxPixels, newEngine())
	require.NoError(t, err)

	containers := []struct {
		name string
		ref  *vision.RGB
		tag  func(o int) []byte
	}{
		{"png eXIf", scene, func(o int) []byte { return withPNGChunk(t, pngBuf.Bytes(), "eXIf", exifTIFF(o, o%2 == 0)) }},
		{"webp EXIF", webpRef.rgb, func(o int) []byte {
			return withWebPExif(t, webp, webpRef.rgb.W, webpRef.rgb.H, exifTIFF(o, o%2 == 1))
		}},
		{"tiff IFD0", scene, func(o int) []byte { return withTIFFOrientation(t, tiffBuf.Bytes(), o) }},
	}
	for _, c := range containers {
		for o := 1; o <= 8; o++ {
			t.Run(fmt.Sprintf("%s/%d", c.name, o), func(t *testing.T) {
				d, err := decodeBytes(c.tag(o), DefaultMaxPixels, newEngine())
				if refusedInBrowser(t, strings.Fields(c.name)[0], err) {
					return
				}
				require.NoError(t, err)
				assert.Equal(t, o, d.orientation)
				want := vision.Orient(c.ref, o)
				assert.Equal(t, [2]int{want.W, want.H}, [2]int{d.width, d.height})
				assert.Less(t, meanAbsDiff(d.rgb, want), 1.0)
				if o != 1 {
					assert.Greater(t, meanAbsDiff(d.rgb, c.ref), 10.0, "the turn must change the pixels")
				}
			})
		}
	}
}

func TestFileOrientationIgnoresMalformedMetadata(t *testing.T) {
	var pngBuf bytes.Buffer
	require.NoError(t, png.Encode(&pngBuf, smallScene(t).Image()))
	tests := []struct {
		name   string
		format string
		data   []byte
	}{
		{"png eXIf too short", "png", withPNGChunk(t, pngBuf.Bytes(), "eXIf", []byte("II*"))},
		{"png eXIf bad IFD offset", "png", withPNGChunk(t, pngBuf.Bytes(), "eXIf", []byte("II*\x00\xff\xff\xff\x7f"))},
		{"png chunk length past the end", "png", append(pngBuf.Bytes()[:8:8], 0x7f, 0xff, 0xff, 0xff, 'e', 'X', 'I', 'f')},
		{"webp chunk length past the end", "webp", []byte("RIFF\x00\x00\x00\x00WEBPEXIF\xff\xff\xff\x7f")},
		{"tiff orientation 9", "tiff", exifTIFF(9, false)},
		{"tiff truncated", "tiff", []byte("MM\x00*\x00\x00\x00\x08\x00")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, 1, fileOrientation(tc.format, tc.data))
		})
	}
}
