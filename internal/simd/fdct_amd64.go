//go:build amd64 && !purego

package simd

// FDCTQuantPack is preflight's fdctCols, fdctRows, quantiseBlock and
// packWriter.putNonZero of one 8×8 block in AVX2, bit for bit
// (preflight's TestFDCTQuantPackAVX2IsGeneric): the samples of the eight
// rows r, quantised by inv (1/(8·step)) in transposed natural order (the
// step of row i, column j at 8j+i). It writes the DC and the non-zero
// values, in zig-zag order, to dst[:n] (anything may be written to the
// rest of dst) and returns n and their mask (bit k for zig-zag position
// k, the DC's always). The CPU must have AVX2.
//
// The integer passes are fdctCols' and fdctRows' operations lane for
// lane (VPMULLD wraps as Go's int32 multiply does, VPSRAD is Go's >>);
// the quantisation is quantise's float32 multiply, add and truncation in
// its order, with no fused multiply-add.
func FDCTQuantPack(r *[8]*[8]uint8, inv *[64]float32, dst *[64]int16) (n int, nz uint64) {
	return fdctQuantPackAVX2(r, inv, dst)
}

//go:noescape
func fdctQuantPackAVX2(r *[8]*[8]uint8, inv *[64]float32, dst *[64]int16) (n int, nz uint64)
