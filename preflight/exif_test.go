package preflight

import (
	"context"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// exifSegment is an APP1 Exif segment (marker included) whose IFD0 holds
// one Orientation entry of the given TIFF type (3 SHORT, 4 LONG).
func exifSegment(bo binary.AppendByteOrder, typ uint16, orientation uint32) []byte {
	var tiff []byte
	if bo == binary.BigEndian {
		tiff = append(tiff, "MM\x00\x2a"...)
	} else {
		tiff = append(tiff, "II\x2a\x00"...)
	}
	tiff = bo.AppendUint32(tiff, 8) // IFD0 offset
	tiff = bo.AppendUint16(tiff, 1) // one entry
	tiff = bo.AppendUint16(tiff, 0x0112)
	tiff = bo.AppendUint16(tiff, typ)
	tiff = bo.AppendUint32(tiff, 1) // count
	// The value field is 4 bytes; a SHORT sits left-aligned in it.
	if typ == 4 {
		tiff = bo.AppendUint32(tiff, orientation)
	} else {
		tiff = append(bo.AppendUint16(tiff, uint16(orientation)), 0, 0)
	}
	tiff = bo.AppendUint32(tiff, 0) // no next IFD
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := []byte{0xFF, 0xE1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	return append(out, seg...)
}

// withSegment inserts a marker segment right after SOI.
func withSegment(jpg, seg []byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// storedFor returns what a camera stores for an upright picture when it
// tags it with orientation o: the inverse turn (6 and 8 swap, the others
// are their own inverse).
func storedFor(upright *vision.RGB, o int) *vision.RGB {
	inv := map[int]int{6: 8, 8: 6}[o]
	if inv == 0 {
		inv = o
	}
	return vision.Orient(upright, inv)
}

func TestEXIFOrientationIsApplied(t *testing.T) {
	upright := smallScene(t)
	orders := []struct {
		name string
		bo   binary.AppendByteOrder
	}{{"II", binary.LittleEndian}, {"MM", binary.BigEndian}}
	for _, order := range orders {
		for o := 1; o <= 8; o++ {
			t.Run(order.name+"/"+string(rune('0'+o)), func(t *testing.T) {
				stored := storedFor(upright, o)
				if o != 1 {
					// The test can fail: the stored pixels are not upright.
					assert.Greater(t, meanAbsDiff(stored, upright), 10.0)
				}
				data := withSegment(mustJPEG(t, stored, 95), exifSegment(order.bo, 3, uint32(o)))
				d, err := decodeBytes(data, DefaultMaxPixels, newEngine())
				require.NoError(t, err)
				assert.Equal(t, o, d.orientation)
				assert.Less(t, meanAbsDiff(d.rgb, upright), 3.0)

				rep, err := Check(context.Background(), data)
				require.NoError(t, err)
				assert.Equal(t, [2]int{upright.W, upright.H}, [2]int{rep.Width, rep.Height})
			})
		}
	}
}

func TestExifOrientationParsing(t *testing.T) {
	seg := func(bo binary.AppendByteOrder, typ uint16, v uint32) []byte { return exifSegment(bo, typ, v)[4:] }
	valid := seg(binary.LittleEndian, 3, 6)
	tests := []struct {
		name string
		seg  []byte
		want int
	}{
		{"short II", valid, 6},
		{"short MM", seg(binary.BigEndian, 3, 8), 8},
		{"long MM", seg(binary.BigEndian, 4, 3), 3},
		{"long II", seg(binary.LittleEndian, 4, 5), 5},
		{"out of range", seg(binary.LittleEndian, 3, 9), 0},
		{"zero", seg(binary.BigEndian, 3, 0), 0},
		{"wrong type", seg(binary.BigEndian, 7, 6), 0},
		{"not exif", append([]byte("XMP\x00\x00\x00"), valid[6:]...), 0},
		{"bad byte order", append([]byte("Exif\x00\x00XX"), valid[8:]...), 0},
		{"truncated entry", valid[:len(valid)-10], 0},
		{"truncated header", valid[:12], 0},
		{"offset past the end", append(append([]byte{}, valid[:10]...), 0xFF, 0xFF, 0, 0), 0},
		{"empty", nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, exifOrientation(tc.seg))
		})
	}
}

func TestReadJPEGFactsSurvivesTruncation(t *testing.T) {
	data := withSegment(mustJPEG(t, smallScene(t), 80), exifSegment(binary.BigEndian, 3, 6))
	full := readJPEGFacts(data)
	require.Equal(t, 6, full.orientation)
	require.NotNil(t, full.quant[0])
	for n := range 700 {
		f := readJPEGFacts(data[:n])
		assert.NotNil(t, f)
		assert.Contains(t, []int{1, 6}, f.orientation)
	}
}

func TestReadDQT16Bit(t *testing.T) {
	seg := []byte{0x11} // 16-bit precision, table 1
	for k := range 64 {
		seg = binary.BigEndian.AppendUint16(seg, uint16(300+k))
	}
	seg = append(seg, 0x20) // precision 2 is undefined: the walk stops
	var f jpegFacts
	f.readDQT(seg)
	require.NotNil(t, f.quant[1])
	assert.Equal(t, uint16(300), f.quant[1][0])
	assert.Equal(t, uint16(363), f.quant[1][63])
	assert.Nil(t, f.quant[0])
	assert.Nil(t, f.quant[2])
}
