// Package simd holds the recompression's vector kernels in Go assembly
// (AVX2 on amd64). They live outside preflight because a package that
// uses cgo (preflight under the gocv tag) cannot hold Go assembly. Each
// kernel is the bit-for-bit twin of a generic Go function in preflight,
// which stays the reference and the fallback: preflight calls a kernel
// only when its haveAVX2 is true, and its tests compare the two.
package simd
