//go:build amd64 && !purego

package simd

// IDCT7x7 is preflight's block7 in AVX2 for the transposed 7×7 corner ft
// of one block (ft[u][v]: horizontal frequency u of row v, dequantised;
// row 7 and column 7 are not read): libjpeg's 7-point IDCT on the rows,
// with the block's eight rows in the lanes, an 8×8 transpose, the same
// on the columns, and the pixels ×1/8 +128 rounded and clamped as
// clampByte does. It writes dst[y*stride : y*stride+7] for y = 0..6 and
// nothing else. The CPU must have AVX2.
//
// Every multiply and add is idct7's in its order, each rounded to
// float32, so the pixels are block7's bit for bit (preflight's
// TestBlock7VectorIsBlock7). Where block7 skips an empty row or takes
// idct7Low or idct7Of5, the kernel runs the full idct7, whose outputs
// differ from theirs at most in the sign of a zero, which +128 erases.
func IDCT7x7(ft *[8][8]float32, dst []uint8, stride int) {
	_ = dst[6*stride+6] // the last byte written: one bounds check for all
	idct7x7AVX2(ft, &dst[0], stride)
}

//go:noescape
func idct7x7AVX2(ft *[8][8]float32, dst *uint8, stride int)

// LowIDCT7x7 is preflight's lowBlock at m = 7 in AVX2, for the natural
// corner f (f[v][u], dequantised) of a block whose coefficients lie in
// rows and columns 0–2 (only those are read): lowBlock's even and odd
// sums with the output columns in the lanes, lanes holding the basis'
// constants per column (lowBlock7Lanes in preflight: e0, e1 and o0 of
// column x, o0 negated for x ≥ 3, where lowBlock takes se − so), and
// the pixels rounded and clamped as clampByte does. It writes
// dst[y*stride : y*stride+7] for y = 0..6 and nothing else. The CPU must
// have AVX2.
func LowIDCT7x7(f *[8][8]float32, lanes *[3][8]float32, dst []uint8, stride int) {
	_ = dst[6*stride+6] // the last byte written: one bounds check for all
	lowIDCT7AVX2(f, lanes, &dst[0], stride)
}

//go:noescape
func lowIDCT7AVX2(f *[8][8]float32, lanes *[3][8]float32, dst *uint8, stride int)
