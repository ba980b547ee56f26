//go:build js && wasm

package vision

import "unsafe"

// The browser build's little-endian word loads and stores at p+off. Go's
// wasm backend does not merge byte loads into wider ones (cmd/internal/
// sys: CanMergeLoads is false for wasm), so binary.LittleEndian.Uint64
// there is eight loads, seven shifts and seven ors, while WebAssembly
// memory is little-endian and allows unaligned access: one i64.load does
// the same. The callers check their bounds once per row or image (see
// unchecked.go), not per word.

// load64 returns the little-endian uint64 at p+off.
func load64(p unsafe.Pointer, off int) uint64 { return *(*uint64)(unsafe.Add(p, off)) }

// load32 returns the little-endian uint32 at p+off.
func load32(p unsafe.Pointer, off int) uint32 { return *(*uint32)(unsafe.Add(p, off)) }

// store64 writes v little-endian at p+off.
func store64(p unsafe.Pointer, off int, v uint64) { *(*uint64)(unsafe.Add(p, off)) = v }

// store32 writes v little-endian at p+off.
func store32(p unsafe.Pointer, off int, v uint32) { *(*uint32)(unsafe.Add(p, off)) = v }
