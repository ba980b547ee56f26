package preflight

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitJPEG(t *testing.T) {
	base := encodeTest(t, quadrants(48, 32), 90)
	exif := exifAPP1(binary.BigEndian, 6)
	data := withSegments(base, exif, appSegment(0xE2, "MPF\x00index"), appSegment(0xFE, "note"))
	trailer := []byte("\xFF\xD8 a phone's second image or motion video \xFF\xD9")

	segs, scans, err := splitJPEG(append(append([]byte{}, data...), trailer...))
	require.NoError(t, err)
	var kinds []string
	for _, s := range segs {
		kinds = append(kinds, s.kind())
	}
	// Go's encoder writes DQT, SOF0, DHT: all structural.
	assert.Equal(t, []string{MetaExif, "other", MetaComment, "structural", "structural", "structural"}, kinds)
	assert.Equal(t, byte(0xDA), scans[1])
	assert.Equal(t, []byte{0xFF, 0xD9}, scans[len(scans)-2:], "scans end at EOI, the trailer is left out")
	assert.Equal(t, len(data), 2+segmentsLen(segs)+len(scans))

	for _, bad := range [][]byte{nil, []byte("GIF89a"), base[:20], {0xFF, 0xD8, 0x00, 0x00}} {
		_, _, err := splitJPEG(bad)
		assert.ErrorIs(t, err, ErrCorrupt)
	}
}

func segmentsLen(segs []jpegSegment) int {
	n := 0
	for _, s := range segs {
		n += len(s.raw)
	}
	return n
}

func TestScanEndSkipsStuffingAndRestarts(t *testing.T) {
	// SOS header, entropy data with a stuffed 0xFF00, a restart marker and
	// fill bytes, then EOI and a trailer.
	data := []byte{0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02, 0x11, 0xFF, 0x00, 0x22, 0xFF, 0xD3, 0x33, 0xFF, 0xFF, 0xD9, 0xAA, 0xBB}
	assert.Equal(t, 16, scanEnd(data, 0))
	assert.Equal(t, 7, scanEnd(data[:7], 0), "no EOI: the data's end")
}

func TestInsertSegments(t *testing.T) {
	base := encodeTest(t, quadrants(16, 16), 90)
	seg := appSegment(0xFE, "kept")
	out := insertSegments(base, [][]byte{seg})
	assert.Equal(t, len(base)+len(seg), len(out))
	segs, _, err := splitJPEG(out)
	require.NoError(t, err)
	assert.Equal(t, seg, segs[0].raw, "first segment, since Go writes no APP0")
	assert.Equal(t, base, insertSegments(base, nil))

	jfif := withSegments(base, appSegment(0xE0, "JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))
	segs, _, err = splitJPEG(insertSegments(jfif, [][]byte{seg}))
	require.NoError(t, err)
	assert.Equal(t, byte(0xE0), segs[0].marker, "after JFIF")
	assert.Equal(t, seg, segs[1].raw)
}

func TestRebuildExif(t *testing.T) {
	for _, bo := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
		t.Run(bo.String(), func(t *testing.T) {
			body := exifAPP1(bo, 8)[4:]
			for _, keepOrientation := range []bool{true, false} {
				raw := rebuildExif(body, keepOrientation)
				require.NotNil(t, raw)
				out := raw[4:]
				assert.Equal(t, len(raw)-2, int(binary.BigEndian.Uint16(raw[2:])), "segment length")
				assert.False(t, hasTag(out, tagGPSIFD))
				assert.False(t, hasTag(out, tagExifIFD))
				assert.True(t, hasTag(out, 0x010F), "Make kept")
				assert.Equal(t, keepOrientation, hasTag(out, tagOrientation))
				assert.Contains(t, string(out), "TestCam\x00")
				assert.NotContains(t, string(out), "SECRET")
				if keepOrientation {
					assert.Equal(t, 8, exifOrientation(out))
				}
			}
		})
	}
	tests := map[string][]byte{
		"not exif":         []byte("XMP\x00\x00\x00IIII*\x00\x08\x00"),
		"bad byte order":   []byte("Exif\x00\x00XX*\x00\x08\x00\x00\x00\x00\x00"),
		"offset past end":  []byte("Exif\x00\x00II*\x00\xff\x00\x00\x00\x00\x00"),
		"only orientation": append([]byte("Exif\x00\x00"), orientationOnlyTIFF()...),
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Nil(t, rebuildExif(body, false))
		})
	}
}

// orientationOnlyTIFF is a little-endian TIFF whose IFD0 holds only the
// orientation: nothing is left once it is dropped.
func orientationOnlyTIFF() []byte {
	b := []byte("II*\x00\x08\x00\x00\x00\x01\x00")
	b = append(b, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00)
	return append(b, 0, 0, 0, 0)
}

// scanEndBytes is scanEnd as it was before its IndexByte search: a byte
// at a time, kept as the reference.
func scanEndBytes(data []byte, i int) int {
	for i+1 < len(data) {
		if data[i] != 0xFF {
			i++
			continue
		}
		m := data[i+1]
		switch {
		case m == 0x00 || m == 0xFF || (m >= 0xD0 && m <= 0xD7):
			i += 2
			if m == 0xFF {
				i--
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

// TestScanEndMatchesByteLoop: random bytes rich in 0xFF, markers,
// stuffing and segment lengths, from every start.
func TestScanEndMatchesByteLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for c := range 3000 {
		data := make([]byte, rng.IntN(300))
		for j := range data {
			switch rng.IntN(6) {
			case 0:
				data[j] = 0xFF
			case 1:
				data[j] = []byte{0x00, 0xD0, 0xD7, 0xD9, 0xDA, 0xC4, 0xFF}[rng.IntN(7)]
			default:
				data[j] = byte(rng.IntN(256))
			}
		}
		for i := range min(len(data)+1, 20) {
			require.Equal(t, scanEndBytes(data, i), scanEnd(data, i), "case %d from %d", c, i)
		}
	}
}
