package preflight

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecompressTranscodes(t *testing.T) {
	scene := encodeTest(t, photo(t, contentScene, 1600, 1200, 8), 95)
	tests := []struct {
		name   string
		data   []byte
		budget int
		o      int // the EXIF orientation made upright
	}{
		{"4:2:0 scene", scene, len(scene) / 2, 1},
		{"4:2:0 scene, EXIF 6", withSegments(scene, exifAPP1(binary.BigEndian, 6)), len(scene) / 2, 6},
		{"4:4:4", readFixture(t, "inputs/s444.jpg"), 4000, 1},
		{"4:2:2", readFixture(t, "inputs/s422.jpg"), 3500, 1},
		{"grey", readFixture(t, "inputs/gray.jpg"), 3000, 1},
		{"restart intervals", readFixture(t, "inputs/restart.jpg"), 4000, 1},
		{"odd size", readFixture(t, "inputs/odd.jpg"), 3000, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, info, err := Recompress(tt.data, MaxBytes(tt.budget), Verify(false))
			require.NoError(t, err)
			require.Equal(t, ActionTranscoded, info.Action, "%+v", info)
			assert.Equal(t, TranscodeEncoderName, info.Encoder)
			assert.LessOrEqual(t, len(out), tt.budget)
			assert.Equal(t, len(out), info.OutputBytes)
			assert.Equal(t, 1, info.Encodes, "the counts find the quality: one write")
			require.Len(t, info.Attempts, 1)
			assert.Equal(t, len(out), info.Attempts[0].Bytes)
			assert.GreaterOrEqual(t, info.Quality, DefaultMinQuality)
			assert.Equal(t, mustQuality(t, out), info.Quality, "827 reads the quality Info reports")
			assert.Equal(t, tt.o, info.Orientation)
			assert.Equal(t, 1, readJPEGFacts(out).orientation, "upright: no orientation left")
			img := decodeStd(t, out)
			assert.Equal(t, [2]int{info.Width, info.Height}, [2]int{img.W, img.H})
			// The budget is used: the next finer tables would not fit,
			// and these land within a few percent of the limit.
			assert.Greater(t, float64(len(out)), 0.9*float64(tt.budget))
		})
	}
}

func TestRecompressTranscodeFallsBack(t *testing.T) {
	scene := encodeTest(t, photo(t, contentScene, 1600, 1200, 9), 95)
	odd := readFixture(t, "inputs/odd.jpg")
	tests := []struct {
		name string
		data []byte
		opts []RecompressOption
	}{
		{"progressive", readFixture(t, "inputs/progressive.jpg"), []RecompressOption{MaxBytes(4000)}},
		{"CMYK", readFixture(t, "inputs/cmyk.jpg"), []RecompressOption{MaxBytes(4000)}},
		{"turn over a partial MCU", withSegments(odd, exifAPP1(binary.BigEndian, 6)), []RecompressOption{MaxBytes(3000)}},
		{"quality under the floor: downscale", scene, []RecompressOption{MaxBytes(len(scene) / 12)}},
		{"turned off", scene, []RecompressOption{MaxBytes(len(scene) / 2), Transcode(false)}},
		// The scaled DCT path: a resolution floor at full size leaves it
		// no eighth; grey has no chroma planes to make.
		{"resolution floor at full size", scene, []RecompressOption{MaxBytes(len(scene) / 12), MinResolution(5000, 5000)}},
		{"grey, downscaled", readFixture(t, "inputs/gray.jpg"), []RecompressOption{MaxBytes(1500), MinResolution(32, 64)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, info, err := Recompress(tt.data, append(tt.opts, Verify(false))...)
			require.NoError(t, err)
			assert.Equal(t, ActionReencoded, info.Action)
			assert.LessOrEqual(t, len(out), info.MaxBytes)
			decodeStd(t, out)
		})
	}
}

func TestRecompressTranscodeKeepsMetadata(t *testing.T) {
	scene := encodeTest(t, photo(t, contentScene, 800, 608, 10), 95)
	data := withSegments(scene, exifAPP1(binary.LittleEndian, 8), appSegment(0xE2, "ICC_PROFILE\x00\x01\x01fake"), appSegment(0xFE, "hello"))
	for _, keep := range [][]string{nil, {MetaExif, MetaICC}} {
		out, info, err := Recompress(data, MaxBytes(len(scene)/2), KeepMetadata(keep...), Verify(false))
		require.NoError(t, err)
		require.Equal(t, ActionTranscoded, info.Action)
		assert.LessOrEqual(t, len(out), len(scene)/2)
		assertMetadata(t, out, keep != nil, keep != nil, false)
		assert.Equal(t, 1, readJPEGFacts(out).orientation)
		assert.Equal(t, [2]int{608, 800}, [2]int{info.Width, info.Height})
	}
}

func TestNeedsDownscale(t *testing.T) {
	p := DefaultRecompressPolicy()
	q95 := encodeTest(t, photo(t, contentScene, 320, 240, 11), 95)
	tests := []struct {
		name string
		data []byte
		p    RecompressPolicy
		want bool
	}{
		{"a little over", q95, RecompressPolicy{MaxBytes: len(q95) / 2, MinQuality: 60, MaxQuality: 92, DownscaleQuality: 62}, false},
		{"far over at the floor", q95, RecompressPolicy{MaxBytes: len(q95) / 20, MinQuality: 60, MaxQuality: 92, DownscaleQuality: 62}, true},
		{"not a JPEG", []byte("not a jpeg at all"), p, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, needsDownscale(tt.data, tt.p))
		})
	}
}

func TestSearchScaleRefusesUnderTheFloor(t *testing.T) {
	data := encodeTest(t, photo(t, contentNoisy, 320, 240, 12), 95)
	c, err := decodeCoefs(data, DefaultMaxPixels)
	require.NoError(t, err)
	p := DefaultRecompressPolicy()
	floor, err := c.tablesAt(qualityMille(p.MinQuality))
	require.NoError(t, err)
	atFloor := c.size(floor, c.count(floor), nil)
	_, ok := c.searchScale(p, RecompressInput{Width: 320, Height: 240}, atFloor*9/10, 0, nil)
	assert.False(t, ok, "the floor's tables need %d bytes", atFloor)
	ch, ok := c.searchScale(p, RecompressInput{Width: 320, Height: 240}, atFloor*11/10, 0, nil)
	require.True(t, ok)
	assert.LessOrEqual(t, ch.bytes, atFloor*11/10)
	assert.LessOrEqual(t, ch.mille, qualityMille(p.MinQuality))
}

func TestKeyOfTellsTablesByContent(t *testing.T) {
	a, b := new([64]uint16), new([64]uint16)
	for k := range 64 {
		a[k], b[k] = uint16(k+1), uint16(k+1)
	}
	c := *a
	c[63]++
	tests := []struct {
		name string
		x, y [4]*[64]uint16
		same bool
	}{
		{"equal content, other pointers", [4]*[64]uint16{a, a}, [4]*[64]uint16{b, b}, true},
		{"one step differs", [4]*[64]uint16{a, a}, [4]*[64]uint16{a, &c}, false},
		{"a table missing", [4]*[64]uint16{a, a}, [4]*[64]uint16{a}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.same, keyOf(tt.x) == keyOf(tt.y))
		})
	}
}
