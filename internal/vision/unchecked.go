package vision

import "unsafe"

// Unchecked access for the innermost per-pixel loops of a live frame.
// Under wasm every slice index and every re-slice carries a bounds check
// and its branch, which in these loops cost as much as the arithmetic
// (measured: the detected frame's box shrink, copyShrink3, took 5 % of
// the whole frame's time less without). A loop using these proves its
// bounds once before it starts, by re-slicing its inputs to the exact
// lengths it reads (a short input panics there, as an index would), and
// says so next to the proof.

// base returns the address of b's first element; b must not be empty.
func base[E any](b []E) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(b)) }

// load8 returns the byte at p+off.
func load8(p unsafe.Pointer, off int) uint8 { return *(*uint8)(unsafe.Add(p, off)) }

// store8 writes v at p+off.
func store8(p unsafe.Pointer, off int, v uint8) { *(*uint8)(unsafe.Add(p, off)) = v }

// loadF32 returns the i-th float32 at p.
func loadF32(p unsafe.Pointer, i int) float32 { return *(*float32)(unsafe.Add(p, 4*i)) }

// storeF32 writes v as the i-th float32 at p.
func storeF32(p unsafe.Pointer, i int, v float32) { *(*float32)(unsafe.Add(p, 4*i)) = v }

// loadU64 returns the i-th uint64 at p, in the machine's byte order
// (load64 in words_*.go is a little-endian load at a byte offset).
func loadU64(p unsafe.Pointer, i int) uint64 { return *(*uint64)(unsafe.Add(p, 8*i)) }

// loadBool returns the i-th bool at p.
func loadBool(p unsafe.Pointer, i int) bool { return *(*bool)(unsafe.Add(p, i)) }

// storeBool writes v as the i-th bool at p.
func storeBool(p unsafe.Pointer, i int, v bool) { *(*bool)(unsafe.Add(p, i)) = v }
