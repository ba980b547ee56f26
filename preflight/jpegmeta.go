package preflight

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
)

// Metadata kinds for KeepMetadata. Anything not kept is dropped when a
// photo is re-encoded or stripped: GPS position and maker notes never
// survive (the "exif" kind keeps only the main image directory, see
// rebuildExif).
const (
	MetaExif    = "exif"    // camera make/model, date, copyright (IFD0 only)
	MetaICC     = "icc"     // colour profile (APP2 ICC_PROFILE)
	MetaXMP     = "xmp"     // XMP packet (APP1)
	MetaIPTC    = "iptc"    // Photoshop/IPTC (APP13)
	MetaComment = "comment" // COM segments
)

var metaKinds = []string{MetaExif, MetaICC, MetaXMP, MetaIPTC, MetaComment}

// jpegSegment is one marker segment before the first scan, whole (marker
// and length included).
type jpegSegment struct {
	marker byte
	raw    []byte
}

// kind names what a segment carries: a metadata kind, "structural" for
// segments decoders need (DQT, SOF, DHT, DRI, JFIF APP0, Adobe APP14, whose
// transform flag says how to read the colours) or "other" for the rest
// (maker APPn, MPF indexes whose offsets a rewrite breaks).
func (s jpegSegment) kind() string {
	body := s.raw[4:]
	switch {
	case s.marker == 0xE1 && bytes.HasPrefix(body, []byte("Exif\x00")):
		return MetaExif
	case s.marker == 0xE1 && bytes.HasPrefix(body, []byte("http://ns.adobe.com/x")):
		return MetaXMP
	case s.marker == 0xE2 && bytes.HasPrefix(body, []byte("ICC_PROFILE\x00")):
		return MetaICC
	case s.marker == 0xED:
		return MetaIPTC
	case s.marker == 0xFE:
		return MetaComment
	case s.marker == 0xE0 && (bytes.HasPrefix(body, []byte("JFIF\x00")) || bytes.HasPrefix(body, []byte("JFXX\x00"))):
		return "structural"
	case s.marker == 0xEE && bytes.HasPrefix(body, []byte("Adobe")):
		return "structural"
	case s.marker >= 0xE0 && s.marker <= 0xEF:
		return "other"
	}
	return "structural"
}

// splitJPEG returns the segments before the first SOS and the rest: the
// scans up to and including EOI. Bytes after EOI (phone trailers: previews,
// depth maps, motion-photo videos) are not part of the image and are left
// out.
func splitJPEG(data []byte) ([]jpegSegment, []byte, error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, nil, fmt.Errorf("%w: no JPEG start marker", ErrCorrupt)
	}
	var segs []jpegSegment
	i := 2
	for {
		for i < len(data) && data[i] == 0xFF && i+1 < len(data) && data[i+1] == 0xFF {
			i++ // fill bytes
		}
		if i+4 > len(data) || data[i] != 0xFF {
			return nil, nil, fmt.Errorf("%w: bad marker at byte %d", ErrCorrupt, i)
		}
		marker := data[i+1]
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil, nil, fmt.Errorf("%w: segment %#x at byte %d overruns the file", ErrCorrupt, marker, i)
		}
		if marker == 0xDA {
			end := scanEnd(data, i)
			return segs, data[i:end], nil
		}
		segs = append(segs, jpegSegment{marker: marker, raw: data[i : i+2+n]})
		i += 2 + n
	}
}

// scanEnd returns the offset just past EOI, walking entropy-coded data
// (stuffed 0xFF00, restart markers) and the segments between progressive
// scans; a file without EOI ends where the bytes do.
func scanEnd(data []byte, i int) int {
	for i+1 < len(data) {
		if data[i] != 0xFF {
			// The entropy-coded data between markers: IndexByte's
			// vector search instead of a byte loop (the 100 MP photo's
			// 15 MB scan took ~14 ms a walk; pprof).
			j := bytes.IndexByte(data[i+1:], 0xFF)
			if j < 0 {
				return len(data)
			}
			i += 1 + j
			continue
		}
		m := data[i+1]
		switch {
		case m == 0x00 || m == 0xFF || (m >= 0xD0 && m <= 0xD7):
			i += 2
			if m == 0xFF {
				i-- // a fill byte: the next 0xFF may start a marker
			}
		case m == 0xD9:
			return i + 2
		default:
			if i+4 > len(data) {
				return len(data)
			}
			i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
		}
	}
	return len(data)
}

// keptSegments returns the metadata segments of data that keep names, in
// file order, for copying into a re-encoded file. A kept EXIF segment is
// rebuilt without GPS, maker notes and orientation (the pixels of a
// re-encode are upright).
func keptSegments(segs []jpegSegment, keep []string) [][]byte {
	var out [][]byte
	for _, s := range segs {
		k := s.kind()
		if !slices.Contains(keep, k) {
			continue
		}
		if k == MetaExif {
			if raw := rebuildExif(s.raw[4:], false); raw != nil {
				out = append(out, raw)
			}
			continue
		}
		out = append(out, s.raw)
	}
	return out
}

// stripJPEG removes the metadata not in keep without touching the coded
// image: no decode, no generational loss. Kept EXIF loses GPS and maker
// notes but keeps its orientation, because the pixels stay as stored.
func stripJPEG(data []byte, keep []string) ([]byte, error) {
	segs, scans, err := splitJPEG(data)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(data))
	out = append(out, 0xFF, 0xD8)
	for _, s := range segs {
		switch k := s.kind(); {
		case k == "structural":
			out = append(out, s.raw...)
		case k == MetaExif && slices.Contains(keep, k):
			if raw := rebuildExif(s.raw[4:], true); raw != nil {
				out = append(out, raw...)
			}
		case slices.Contains(keep, k):
			out = append(out, s.raw...)
		}
	}
	return append(out, scans...), nil
}

// insertSegments puts segs into an encoder's output right after SOI and
// its JFIF APP0, where readers look for metadata.
func insertSegments(enc []byte, segs [][]byte) []byte {
	if len(segs) == 0 || len(enc) < 4 {
		return enc
	}
	at := 2
	if enc[2] == 0xFF && enc[3] == 0xE0 && len(enc) >= 6 {
		at = 4 + int(binary.BigEndian.Uint16(enc[4:]))
	}
	n := len(enc)
	for _, s := range segs {
		n += len(s)
	}
	out := make([]byte, 0, n)
	out = append(out, enc[:at]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, enc[at:]...)
}

// metadataSize is the bytes segs add to a file.
func metadataSize(segs [][]byte) int {
	n := 0
	for _, s := range segs {
		n += len(s)
	}
	return n
}
