//go:build amd64 && !purego

package preflight

import (
	"math/bits"

	"github.com/idpreflight/idpreflight/internal/simd"
)

// block7Vector is blockPacked's 7/8 path past lowBlock's blocks (end >
// lowEnd) when the CPU has AVX2, and reports whether it ran: the
// dequantising scatter writes the corner transposed, as the kernel's row
// pass reads it (the rows in the lanes), and simd.IDCT7x7 transforms it,
// block7's pixels bit for bit (TestBlock7VectorIsBlock7). The scalar
// block7 was ~0.20 of the ~1.65 CPU-s of a 100 MP recompression (float32
// idct7 per row and column, 49 clampByte calls a block).
func block7Vector(vals []int16, nz uint64, q *[64]float32, dst []uint8, stride int) bool {
	if !haveAVX2 {
		return false
	}
	var ft [8][8]float32 // ft[u][v]
	// As blockPacked's m = 7 scatter: values outside the corner land in
	// row or column 7, which the kernel does not read.
	i := 0
	for bitsLeft := nz; bitsLeft != 0; bitsLeft &= bitsLeft - 1 {
		k := bits.TrailingZeros64(bitsLeft) & 63
		n := zigzag[k] & 63
		ft[n&7][n>>3] = float32(vals[i]) * q[k]
		i++
	}
	simd.IDCT7x7(&ft, dst, stride)
	return true
}

// lowVector7 is corner's lowBlock at m = 7 when the CPU has AVX2, and
// reports whether it ran: simd.LowIDCT7x7 with t.lanes7, lowBlock's
// pixels bit for bit (TestLowVector7IsLowBlock). Most chroma blocks of
// the 7/8 downscale end within the 3×3 corner; lowBlock took ~0.09 of
// the ~2.3 CPU-s of a 100 MP recompression on a loaded machine (pprof).
func lowVector7(f *[8][8]float32, lanes *[3][8]float32, dst []uint8, stride int) bool {
	if !haveAVX2 {
		return false
	}
	simd.LowIDCT7x7(f, lanes, dst, stride)
	return true
}
