package vision

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestWordsMatchEncodingBinary: the word loads and stores (words_wasm.go
// under js/wasm, words_other.go elsewhere: make test-wasm runs this too)
// read and write what encoding/binary's little-endian order does, at any
// offset, aligned or not.
func TestWordsMatchEncodingBinary(t *testing.T) {
	buf := make([]byte, 24)
	for i := range buf {
		buf[i] = byte(17*i + 3)
	}
	for _, off := range []int{0, 1, 3, 8, 13, 16} {
		p := base(buf)
		assert.Equal(t, binary.LittleEndian.Uint64(buf[off:]), load64(p, off), "load64 at %d", off)
		assert.Equal(t, binary.LittleEndian.Uint32(buf[off:]), load32(p, off), "load32 at %d", off)

		got, want := make([]byte, 24), make([]byte, 24)
		binary.LittleEndian.PutUint64(want[off:], 0x0102030405060708)
		store64(base(got), off, 0x0102030405060708)
		assert.Equal(t, want, got, "store64 at %d", off)

		got, want = make([]byte, 24), make([]byte, 24)
		binary.LittleEndian.PutUint32(want[off:], 0xA1B2C3D4)
		store32(base(got), off, 0xA1B2C3D4)
		assert.Equal(t, want, got, "store32 at %d", off)
	}
}
