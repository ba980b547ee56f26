//go:build !(js && wasm)

package vision

import (
	"encoding/binary"
	"unsafe"
)

// Little-endian word loads and stores at p+off (see words_wasm.go); here
// through encoding/binary, whose byte loads the compiler merges, so that
// big-endian machines read the same words.

// load64 returns the little-endian uint64 at p+off.
func load64(p unsafe.Pointer, off int) uint64 { return binary.LittleEndian.Uint64(bytesAt(p, off, 8)) }

// load32 returns the little-endian uint32 at p+off.
func load32(p unsafe.Pointer, off int) uint32 { return binary.LittleEndian.Uint32(bytesAt(p, off, 4)) }

// store64 writes v little-endian at p+off.
func store64(p unsafe.Pointer, off int, v uint64) {
	binary.LittleEndian.PutUint64(bytesAt(p, off, 8), v)
}

// store32 writes v little-endian at p+off.
func store32(p unsafe.Pointer, off int, v uint32) {
	binary.LittleEndian.PutUint32(bytesAt(p, off, 4), v)
}

// bytesAt is the n bytes at p+off.
func bytesAt(p unsafe.Pointer, off, n int) []byte {
	return unsafe.Slice((*byte)(unsafe.Add(p, off)), n)
}
