package preflight

import (
	"context"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// withEXIF inserts an Exif segment right after SOI.
func withEXIF(t testing.TB, jpg []byte, orientation uint32, bigEndian, long bool) []byte {
	t.Helper()
	out, err := synth.InsertSegment(jpg, synth.EXIFSegment(orientation, bigEndian, long))
	require.NoError(t, err)
	return out
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
		name      string
		bigEndian bool
	}{{"II", false}, {"MM", true}}
	for _, order := range orders {
		for o := 1; o <= 8; o++ {
			t.Run(order.name+"/"+string(rune('0'+o)), func(t *testing.T) {
				stored := storedFor(upright, o)
				if o != 1 {
					// The test can fail: the stored pixels are not upright.
					assert.Greater(t, meanAbsDiff(stored, upright), 10.0)
				}
				data := withEXIF(t, mustJPEG(t, stored, 95), uint32(o), order.bigEndian, false)
				d, err := decodeBytes(data, DefaultMaxPixels, newEngine())
				require.NoError(t, err)
				assert.Equal(t, o, d.orientation)
				assert.Less(t, meanAbsDiff(d.rgb, upright), 3.0)
				assert.Equal(t, [2]int{upright.W, upright.H}, [2]int{d.width, d.height})
			})
		}
	}
}

func TestCheckReportsTheUprightSize(t *testing.T) {
	upright := smallScene(t)
	data := withEXIF(t, mustJPEG(t, storedFor(upright, 6), 95), 6, false, false)
	rep, err := Check(context.Background(), data)
	require.NoError(t, err)
	assert.Equal(t, [2]int{upright.W, upright.H}, [2]int{rep.Width, rep.Height})
}

func TestExifOrientationParsing(t *testing.T) {
	// seg is the segment's payload, after marker and length.
	seg := func(v uint32, bigEndian, long bool) []byte { return synth.EXIFSegment(v, bigEndian, long)[4:] }
	valid := seg(6, false, false)
	wrongType := seg(6, true, false)
	wrongType[6+8+2+3] = 7 // UNDEFINED instead of SHORT
	tests := []struct {
		name string
		seg  []byte
		want int
	}{
		{"short II", valid, 6},
		{"short MM", seg(8, true, false), 8},
		{"long MM", seg(3, true, true), 3},
		{"long II", seg(5, false, true), 5},
		{"out of range", seg(9, false, false), 0},
		{"zero", seg(0, true, false), 0},
		{"wrong type", wrongType, 0},
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
	data := withEXIF(t, mustJPEG(t, smallScene(t), 80), 6, true, false)
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
