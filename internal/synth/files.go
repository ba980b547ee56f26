package synth

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Crafted files: the odd and hostile inputs a checker of uploads meets,
// built byte by byte so that tests need no outside images.

// JPEGHeader returns SOI, a JFIF APP0, a baseline SOF0 declaring w×h with
// 3 components, and EOI: a decompression bomb's header, enough for a
// decoder's DecodeConfig and nothing to decode.
func JPEGHeader(w, h int) []byte {
	b := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
	b = append(b, 0xFF, 0xC0, 0, 17, 8, byte(h>>8), byte(h), byte(w>>8), byte(w), 3)
	b = append(b, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1)
	return append(b, 0xFF, 0xD9)
}

// PNGHeader returns a PNG signature, an IHDR declaring w×h 8-bit RGB, and
// IEND: a valid header without pixel data.
func PNGHeader(w, h int) []byte {
	var ihdr []byte
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = append(b, pngChunk("IHDR", ihdr)...)
	return append(b, pngChunk("IEND", nil)...)
}

// pngChunk encodes one PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	var b []byte
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// HEIC returns the start of an iPhone photo: an ISO-BMFF ftyp box of
// brand heic followed by filler. Nothing in Go decodes it.
func HEIC() []byte {
	b := []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
	return append(b, bytes.Repeat([]byte{0x11}, 200)...)
}

// EXIFSegment returns an APP1 Exif segment (marker included) whose IFD0
// holds one Orientation entry. bigEndian selects "MM" over "II"; long
// stores the value as a LONG instead of the standard SHORT.
func EXIFSegment(orientation uint32, bigEndian, long bool) []byte {
	var bo binary.AppendByteOrder = binary.LittleEndian
	tiff := []byte("II\x2a\x00")
	if bigEndian {
		bo, tiff = binary.BigEndian, []byte("MM\x00\x2a")
	}
	tiff = bo.AppendUint32(tiff, 8) // IFD0 offset
	tiff = bo.AppendUint16(tiff, 1) // one entry
	tiff = bo.AppendUint16(tiff, 0x0112)
	// The value field is 4 bytes; a SHORT sits left-aligned in it.
	if long {
		tiff = bo.AppendUint16(tiff, 4)
		tiff = bo.AppendUint32(tiff, 1)
		tiff = bo.AppendUint32(tiff, orientation)
	} else {
		tiff = bo.AppendUint16(tiff, 3)
		tiff = bo.AppendUint32(tiff, 1)
		tiff = append(bo.AppendUint16(tiff, uint16(orientation)), 0, 0)
	}
	tiff = bo.AppendUint32(tiff, 0) // no next IFD
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := []byte{0xFF, 0xE1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	return append(out, seg...)
}

// InsertSegment returns jpg with a marker segment inserted right after
// SOI; jpg must start with SOI.
func InsertSegment(jpg, seg []byte) ([]byte, error) {
	if len(jpg) < 2 || jpg[0] != 0xFF || jpg[1] != 0xD8 {
		return nil, fmt.Errorf("synth: not a JPEG (no SOI)")
	}
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...), nil
}

// EncodePNG16 encodes m as an opaque 16-bit-per-channel PNG.
func EncodePNG16(m *vision.RGB) ([]byte, error) {
	img := image.NewRGBA64(image.Rect(0, 0, m.W, m.H))
	for i := range m.W * m.H {
		r, g, b := m.Pix[3*i], m.Pix[3*i+1], m.Pix[3*i+2]
		img.SetRGBA64(i%m.W, i/m.W, color.RGBA64{uint16(r) * 257, uint16(g) * 257, uint16(b) * 257, 0xFFFF})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("synth: png encode: %w", err)
	}
	return buf.Bytes(), nil
}

// EncodePNGAlpha encodes m as an 8-bit PNG whose columns x < clear are
// fully transparent and the rest opaque; overWhite is the image a viewer
// shows, the transparent band white.
func EncodePNGAlpha(m *vision.RGB, clear int) (data []byte, overWhite *vision.RGB, err error) {
	img := image.NewNRGBA(image.Rect(0, 0, m.W, m.H))
	overWhite = clone(m)
	for i := range m.W * m.H {
		a := uint8(255)
		if i%m.W < clear {
			a = 0
			copy(overWhite.Pix[3*i:], []uint8{255, 255, 255})
		}
		copy(img.Pix[4*i:], []uint8{m.Pix[3*i], m.Pix[3*i+1], m.Pix[3*i+2], a})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, nil, fmt.Errorf("synth: png encode: %w", err)
	}
	return buf.Bytes(), overWhite, nil
}

// EncodeGIF encodes m as a GIF (256 colours, dithered by the encoder).
func EncodeGIF(m *vision.RGB) ([]byte, error) {
	var buf bytes.Buffer
	if err := gif.Encode(&buf, m.Image(), &gif.Options{NumColors: 256}); err != nil {
		return nil, fmt.Errorf("synth: gif encode: %w", err)
	}
	return buf.Bytes(), nil
}
