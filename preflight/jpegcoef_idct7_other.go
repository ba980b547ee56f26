//go:build !amd64 || purego

package preflight

// block7Vector and lowVector7 report that no vector kernel ran: off
// amd64 and under the purego tag, blockPacked and corner take the
// generic block7 and lowBlock (see jpegcoef_idct7_amd64.go).
func block7Vector(vals []int16, nz uint64, q *[64]float32, dst []uint8, stride int) bool {
	return false
}

func lowVector7(f *[8][8]float32, lanes *[3][8]float32, dst []uint8, stride int) bool {
	return false
}
