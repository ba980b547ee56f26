package preflight

// EXIF tags that never survive a rebuild: where the photo was taken, the
// camera maker's private block (which can hold serial numbers and, on some
// phones, location again) and the pointers to the sub-directories holding
// them. Orientation is dropped when the pixels were made upright.
const (
	tagOrientation = 0x0112
	tagExifIFD     = 0x8769
	tagGPSIFD      = 0x8825
	tagInteropIFD  = 0xA005
	tagMakerNote   = 0x927C
)

// tiffTypeSize is the byte size of one value of each TIFF field type.
var tiffTypeSize = [...]int{0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8}

// rebuildExif returns a new APP1 segment (marker included) holding only
// the main image directory (IFD0) of the EXIF body "Exif\0\0"+TIFF, minus
// the sub-directory pointers (GPS, Exif with its maker note, interop), the
// thumbnail (IFD1) and, unless keepOrientation, the orientation. It returns
// nil when the body is malformed or nothing is left: dropping metadata is
// always safe, copying a broken block is not.
func rebuildExif(body []byte, keepOrientation bool) []byte {
	t, bo, off, ok := exifIFD0(body)
	if !ok {
		return nil
	}
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte // the value bytes, inline or from their offset
	}
	var kept []entry
	n := int(bo.Uint16(t[off:]))
	for k := range n {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return nil
		}
		tag, typ, count := bo.Uint16(t[e:]), bo.Uint16(t[e+2:]), bo.Uint32(t[e+4:])
		switch {
		case tag == tagExifIFD, tag == tagGPSIFD, tag == tagInteropIFD, tag == tagMakerNote:
			continue
		case tag == tagOrientation && !keepOrientation:
			continue
		case int(typ) >= len(tiffTypeSize) || typ == 0:
			continue // unknown type: its size is unknown, so it cannot be moved
		}
		size := int64(count) * int64(tiffTypeSize[typ])
		var val []byte
		if size <= 4 {
			val = t[e+8 : e+8+int(size)]
		} else {
			vo := int64(bo.Uint32(t[e+8:]))
			if vo+size > int64(len(t)) {
				continue
			}
			val = t[vo : vo+size]
		}
		kept = append(kept, entry{tag, typ, count, val})
	}
	if len(kept) == 0 {
		return nil
	}
	// Layout: header, IFD0, then the values that do not fit inline.
	tiff := make([]byte, 8, 256)
	copy(tiff, t[:4])
	bo.PutUint32(tiff[4:], 8)
	dataAt := 8 + 2 + 12*len(kept) + 4
	ifd := make([]byte, dataAt-8)
	bo.PutUint16(ifd, uint16(len(kept)))
	var data []byte
	for k, e := range kept {
		p := ifd[2+12*k:]
		bo.PutUint16(p, e.tag)
		bo.PutUint16(p[2:], e.typ)
		bo.PutUint32(p[4:], e.count)
		if len(e.value) <= 4 {
			copy(p[8:12], e.value)
			continue
		}
		bo.PutUint32(p[8:], uint32(dataAt+len(data)))
		data = append(data, e.value...)
		if len(data)%2 == 1 {
			data = append(data, 0) // TIFF offsets are word aligned
		}
	}
	tiff = append(append(tiff, ifd...), data...)
	segLen := 2 + 6 + len(tiff)
	if segLen > 0xFFFF {
		return nil
	}
	out := make([]byte, 0, 2+segLen)
	out = append(out, 0xFF, 0xE1, byte(segLen>>8), byte(segLen))
	out = append(out, "Exif\x00\x00"...)
	return append(out, tiff...)
}
