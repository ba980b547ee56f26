//go:build !amd64 || purego

package preflight

// fdctQuantPackAVX2 exists on amd64 only (jpegcoef_fdct_amd64.go);
// haveAVX2 is the constant false here, so nothing calls this.
func fdctQuantPackAVX2(r *[8]*[8]uint8, inv *[64]float32, dst *[64]int16) (n int, nz uint64) {
	panic("preflight: fdctQuantPackAVX2 without AVX2")
}
