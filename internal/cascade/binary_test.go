package cascade

import (
	"encoding/binary"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parsedXML parses the XML source of the embedded cascade.
func parsedXML(t testing.TB) *Cascade {
	t.Helper()
	xml, err := os.ReadFile("lbpcascade_frontalface_improved.xml")
	require.NoError(t, err)
	c, err := Parse(xml)
	require.NoError(t, err)
	return c
}

func TestEmbeddedCascadeIsTheXMLSource(t *testing.T) {
	want := parsedXML(t)
	assert.Equal(t, want, FrontalFace(), "run go generate ./internal/cascade after changing the XML")
	bin, err := want.MarshalBinary()
	require.NoError(t, err)
	assert.Equal(t, frontalFaceBin, bin, "the embedded file is MarshalBinary of the XML")
}

func TestDecodeRoundTrip(t *testing.T) {
	doc := lbpDoc("LBP", "1", okNodes, okLeaves, okRect)
	c, err := Parse([]byte(doc))
	require.NoError(t, err)
	bin, err := c.MarshalBinary()
	require.NoError(t, err)
	got, err := Decode(bin)
	require.NoError(t, err)
	assert.Equal(t, c, got)
}

func TestDecodeRejectsCorruptData(t *testing.T) {
	good, err := parsedXML(t).MarshalBinary()
	require.NoError(t, err)
	// patch returns a copy of good with a uint32 or uint16 overwritten.
	patch32 := func(off int, v uint32) []byte {
		b := append([]byte{}, good...)
		binary.LittleEndian.PutUint32(b[off:], v)
		return b
	}
	patch16 := func(off int, v uint16) []byte {
		b := append([]byte{}, good...)
		binary.LittleEndian.PutUint16(b[off:], v)
		return b
	}
	m := len(binaryMagic)
	nf := int(binary.LittleEndian.Uint32(good[m+4:]))
	stages := m + 8 + 8*nf // offset of the stage count
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"xml instead", []byte("<?xml version=\"1.0\"?><opencv_storage/>")},
		{"truncated", good[:len(good)-3]},
		{"trailing bytes", append(append([]byte{}, good...), 0)},
		{"zero window", patch16(m, 0)},
		{"huge window", patch16(m+2, 5000)},
		{"feature count past the end", patch32(m+4, 1<<31)},
		{"feature outside the window", patch16(m+8, 44)},
		{"no stages", patch32(stages, 0)},
		{"stage count past the end", patch32(stages, 1<<30)},
		{"no weak classifier", patch32(stages+8, 0)},
		{"feature index out of range", patch32(stages+12, uint32(nf))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Decode(tc.data)
			require.ErrorIs(t, err, ErrFormat)
			assert.Nil(t, c)
		})
	}
}

// FuzzDecode checks that no input makes Decode panic and that whatever
// it accepts encodes back to the same bytes.
func FuzzDecode(f *testing.F) {
	good, err := parsedXML(f).MarshalBinary()
	require.NoError(f, err)
	f.Add(good)
	f.Add(good[:100])
	f.Add([]byte(binaryMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Decode(data)
		if err != nil {
			return
		}
		again, err := c.MarshalBinary()
		require.NoError(t, err)
		assert.Equal(t, data, again)
	})
}
