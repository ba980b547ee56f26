package preflight

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// Photo contents for the recompression properties: a synthetic ID card on
// a desk (internal/synth) as phones take it, with sensor noise; the same
// with heavy noise (the hardest to compress); a flat gradient (the easiest);
// and a text-heavy page (sharp edges everywhere, where blocking shows first).
type content string

const (
	contentScene content = "scene"
	contentNoisy content = "noisy"
	contentFlat  content = "flat"
	contentText  content = "text"
)

// photo renders w×h pixels of the content (internal/synth's photo
// contents; above 16 MP rendered small and enlarged with grain).
func photo(t testing.TB, c content, w, h int, seed int64) *vision.RGB {
	t.Helper()
	switch c {
	case contentFlat:
		return synth.GradientPhoto(w, h)
	case contentText:
		return synth.TextPage(w, h, seed)
	}
	sigma := 2.5
	if c == contentNoisy {
		sigma = 14
	}
	m, err := synth.DeskPhoto(w, h, sigma, seed)
	require.NoError(t, err)
	return m
}

// exifAPP1 builds an APP1 Exif segment (marker included) in byte order bo
// with IFD0 holding orientation (when 1..8), Make "TestCam", a GPS IFD
// with a latitude, and an Exif IFD with a maker note: what a phone writes
// and what must not survive.
func exifAPP1(bo binary.ByteOrder, orientation int) []byte {
	type ent struct {
		tag, typ uint16
		count    uint32
		val      uint32
	}
	var tiff bytes.Buffer
	if bo == binary.LittleEndian {
		tiff.WriteString("II*\x00")
	} else {
		tiff.WriteString("MM\x00*")
	}
	put32 := func(v uint32) { _ = binary.Write(&tiff, bo, v) }
	put16 := func(v uint16) { _ = binary.Write(&tiff, bo, v) }
	put32(8)
	// IFD0 at 8: up to 4 entries; data after it.
	ifd0 := []ent{{0x010F, 2, 8, 0}} // Make, value offset filled below
	if orientation >= 1 && orientation <= 8 {
		ifd0 = append(ifd0, ent{0x0112, 3, 1, uint32(orientation)})
	}
	ifd0 = append(ifd0, ent{0x8769, 4, 1, 0}, ent{0x8825, 4, 1, 0})
	ifd0Size := 2 + 12*len(ifd0) + 4
	makeAt := uint32(8 + ifd0Size)
	exifAt := makeAt + 8
	exifSize := uint32(2 + 12 + 4)
	noteAt := exifAt + exifSize
	gpsAt := noteAt + 16
	for i := range ifd0 {
		switch ifd0[i].tag {
		case 0x010F:
			ifd0[i].val = makeAt
		case 0x8769:
			ifd0[i].val = exifAt
		case 0x8825:
			ifd0[i].val = gpsAt
		}
	}
	writeIFD := func(es []ent) {
		put16(uint16(len(es)))
		for _, e := range es {
			put16(e.tag)
			put16(e.typ)
			put32(e.count)
			if e.typ == 3 && e.count == 1 {
				put16(uint16(e.val))
				put16(0)
			} else {
				put32(e.val)
			}
		}
		put32(0)
	}
	writeIFD(ifd0)
	tiff.WriteString("TestCam\x00")
	writeIFD([]ent{{0x927C, 7, 16, noteAt}})
	tiff.WriteString("SECRET-SERIAL-42")
	writeIFD([]ent{{0x0001, 2, 2, uint32('N')}}) // GPSLatitudeRef "N" inline
	body := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	return append([]byte{0xFF, 0xE1, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
}

// withSegments inserts segments right after the SOI of a JPEG.
func withSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

// appSegment builds a marker segment with the given payload.
func appSegment(marker byte, payload string) []byte {
	n := len(payload) + 2
	return append([]byte{0xFF, marker, byte(n >> 8), byte(n)}, payload...)
}

// encodeTest encodes an RGB image at quality q with image/jpeg.
func encodeTest(t testing.TB, m *vision.RGB, q int) []byte {
	t.Helper()
	b, err := StdEncoder{}.Encode(m.Image(), q)
	require.NoError(t, err)
	return b
}
