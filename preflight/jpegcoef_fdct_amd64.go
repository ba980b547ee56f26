//go:build amd64 && !purego

package preflight

import "github.com/idpreflight/idpreflight/internal/simd"

// fdctQuantPackAVX2 is fdctCols, fdctRows, quantiseBlock and putNonZero's
// packing of one block in AVX2 (simd.FDCTQuantPack), bit for bit: the
// samples of the eight rows r, the reciprocals inv (1/(8·step)) in
// transposed natural order (zigzagTransposed), the DC and the non-zero
// values in zig-zag order written to dst[:n] (the rest of dst
// overwritten), and n and their mask returned. Only when haveAVX2.
// It exists for the 7/8 downscale's transform (1.8 M blocks at 100 MP):
// transforming a 12 MP image's planes took 81 CPU-ms through the Go
// kernels and putNonZero, 48 through an AVX2 transform whose values Go
// packed (a loop over the mask's bits, most of the 48), 24 through this
// (medians of five alternated runs, busy machine).
func fdctQuantPackAVX2(r *[8]*[8]uint8, inv *[64]float32, dst *[64]int16) (n int, nz uint64) {
	return simd.FDCTQuantPack(r, inv, dst)
}
