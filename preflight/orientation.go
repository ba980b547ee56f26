package preflight

import (
	"bytes"
	"encoding/binary"
)

// fileOrientation is the EXIF orientation (1..8, 1 when absent) that the
// container of data declares. Phones and editors write it into PNG (eXIf
// chunk), WebP (EXIF chunk) and TIFF (IFD0 tag) as well as JPEG, and a
// sideways document would fail the portrait and aspect checks. Only
// headers are walked, never pixel data; malformed metadata reads as 1
// because the decoder judges the file itself.
func fileOrientation(format string, data []byte) int {
	var o int
	switch format {
	case "jpeg":
		o = readJPEGFacts(data).orientation
	case "png":
		o = tiffOrientation(pngChunk(data, "eXIf"))
	case "webp":
		o = tiffOrientation(webpExif(data))
	case "tiff":
		o = tiffOrientation(data)
	}
	if o < 1 || o > 8 {
		return 1
	}
	return o
}

// pngChunk returns the body of the first chunk of the given type, or nil.
// The eXIf chunk should precede IDAT but may follow it, so the walk goes
// to IEND; it only reads the 8-byte chunk headers.
func pngChunk(data []byte, typ string) []byte {
	i := 8 // signature
	for i+8 <= len(data) {
		n := int64(binary.BigEndian.Uint32(data[i:]))
		kind := string(data[i+4 : i+8])
		end := int64(i) + 8 + n
		if end > int64(len(data)) {
			return nil
		}
		if kind == typ {
			return data[i+8 : end]
		}
		if kind == "IEND" {
			return nil
		}
		i = int(end) + 4 // CRC
	}
	return nil
}

// webpExif returns the TIFF bytes of a WebP's EXIF chunk, or nil. Some
// writers keep JPEG's "Exif\0\0" prefix inside the chunk; it is dropped.
func webpExif(data []byte) []byte {
	i := 12 // "RIFF" size "WEBP"
	for i+8 <= len(data) {
		n := int64(binary.LittleEndian.Uint32(data[i+4:]))
		end := int64(i) + 8 + n
		if end > int64(len(data)) {
			return nil
		}
		if string(data[i:i+4]) == "EXIF" {
			return bytes.TrimPrefix(data[i+8:end], []byte("Exif\x00\x00"))
		}
		i = int(end + n%2) // chunks are padded to even sizes
	}
	return nil
}
