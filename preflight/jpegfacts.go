package preflight

import "encoding/binary"

// jpegFacts are what the JPEG bytes say before any decoding: the
// quantisation tables (for 827) and the EXIF orientation.
type jpegFacts struct {
	// quant holds the DQT tables by destination id (0 = luma usually), in
	// zig-zag order as stored; a nil entry was not defined.
	quant [4]*[64]uint16
	// orientation is the EXIF orientation tag, 1..8 (1 when absent).
	orientation int
	// progressive is true for SOF2 (progressive DCT) files.
	progressive bool
	// components is the number of colour components in the frame.
	components int
}

// readJPEGFacts walks the marker segments up to the first scan. It never
// fails: a malformed segment ends the walk with what was read so far,
// since the decoder reports corruption properly.
func readJPEGFacts(data []byte) *jpegFacts {
	f := &jpegFacts{orientation: 1}
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return f
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 {
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return f
		}
		seg := data[i+4 : i+2+n]
		switch {
		case marker == 0xDB:
			f.readDQT(seg)
		case marker == 0xE1:
			if o := exifOrientation(seg); o != 0 {
				f.orientation = o
			}
		case marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE:
			f.progressive = true
			f.readSOF(seg)
		case marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
			f.readSOF(seg)
		case marker == 0xDA, marker == 0xD9:
			return f
		}
		i += 2 + n
	}
	return f
}

func (f *jpegFacts) readSOF(seg []byte) {
	if len(seg) >= 6 {
		f.components = int(seg[5])
	}
}

func (f *jpegFacts) readDQT(seg []byte) {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, seg[0]&0x0F
		size := 64
		if pq == 1 {
			size = 128
		}
		// Precision 0 (8-bit) and 1 (16-bit) are the only ones defined.
		if pq > 1 || tq > 3 || len(seg) < 1+size {
			return
		}
		var t [64]uint16
		for k := range 64 {
			if pq == 1 {
				t[k] = binary.BigEndian.Uint16(seg[1+2*k:])
			} else {
				t[k] = uint16(seg[1+k])
			}
		}
		f.quant[tq] = &t
		seg = seg[1+size:]
	}
}

// exifIFD0 opens the body of an APP1 Exif segment ("Exif\0\0" + TIFF):
// the TIFF bytes, their byte order and the offset of IFD0, whose entry
// count is known to be readable; ok is false for a malformed header.
func exifIFD0(seg []byte) (t []byte, bo binary.ByteOrder, off int, ok bool) {
	if len(seg) < 14 || string(seg[:6]) != "Exif\x00\x00" {
		return nil, nil, 0, false
	}
	return tiffIFD0(seg[6:])
}

// tiffIFD0 opens a TIFF structure (a TIFF file, or the EXIF block of a
// JPEG, PNG or WebP): its byte order and the offset of IFD0, whose entry
// count is known to be readable; ok is false for a malformed header.
func tiffIFD0(t []byte) (_ []byte, bo binary.ByteOrder, off int, ok bool) {
	if len(t) < 8 {
		return nil, nil, 0, false
	}
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return nil, nil, 0, false
	}
	o := int64(bo.Uint32(t[4:]))
	if o < 8 || o+2 > int64(len(t)) {
		return nil, nil, 0, false
	}
	return t, bo, int(o), true
}

// exifOrientation reads tag 0x0112 from an APP1 Exif segment (0 if absent).
func exifOrientation(seg []byte) int {
	if len(seg) < 6 || string(seg[:6]) != "Exif\x00\x00" {
		return 0
	}
	return tiffOrientation(seg[6:])
}

// tiffOrientation reads tag 0x0112 from IFD0 of a TIFF structure (0 if
// absent or malformed).
func tiffOrientation(tiff []byte) int {
	t, bo, off, ok := tiffIFD0(tiff)
	if !ok {
		return 0
	}
	n := int(bo.Uint16(t[off:]))
	for k := 0; k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			// The tag is a SHORT; some writers store a LONG, whose value
			// also sits left-aligned in the 4-byte value field.
			var v int
			switch bo.Uint16(t[e+2:]) {
			case 3:
				v = int(bo.Uint16(t[e+8:]))
			case 4:
				v = int(bo.Uint32(t[e+8:]))
			}
			if v >= 1 && v <= 8 {
				return v
			}
			return 0
		}
	}
	return 0
}
