package preflight

import "math/bits"

// Readers of packed blocks (jpegcoef_pack.go) that take the values they
// need straight from the store: scattering every block into a dense
// scratch block and clearing it again measured slower on the 100 MP
// photo's 7/8 transform and 1/4 output check (stage benchmarks,
// alternated, at load 10–15: too noisy for a figure, p ≈ 0.1–0.2); the
// stores and clears they save are two per stored value.

// packedAt is coefficient k of a block with stored values vals and mask
// nz.
func packedAt(vals []int16, nz uint64, k int) int16 {
	if nz>>uint(k&63)&1 == 0 {
		return 0
	}
	return vals[bits.OnesCount64(nz&(1<<uint(k&63)-1))]
}

// allZeroPacked is requantizer.allZero for a block with stored values
// vals and mask nz: whether every coefficient mask marks (within nz)
// requantises to zero.
func (r *requantizer) allZeroPacked(vals []int16, nz, mask uint64) bool {
	for m := mask & nz; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m) & 63
		if !r.zero(k, vals[bits.OnesCount64(nz&(1<<uint(k)-1))]) {
			return false
		}
	}
	return true
}

// blockPacked is scaledIDCT.block for a block with stored values vals
// and mask nz, bit for bit: the same corner, rows and columns, the same
// kernels.
func (t *scaledIDCT) blockPacked(vals []int16, end int, nz uint64, q *[64]float32, dst []uint8, stride int) {
	m := t.m
	if end <= 1 || m == 1 {
		t.meanBlock(vals[0], q, dst, stride)
		return
	}
	if m == 7 && end > lowEnd && block7Vector(vals, nz, q, dst, stride) {
		return
	}
	var f [8][8]float32 // natural order, f[v][u]
	live := nz & t.zzMask
	if m >= 7 {
		// Every stored value in order, its index a counter: at 7/8 the
		// coefficients outside the corner land in f's row or column 7,
		// which block7 does not read (lowBlock's blocks hold none; at
		// m = 8 the corner is the whole block). Counting the values
		// below each one (a popcount, a shift and a mask a value)
		// measured ~4 % of the 7/8 IDCT's time: per block row minimum
		// over 6 runs of the 100 MP photo, the two alternated row by
		// row, 235 vs 245 ms and 284 vs 300 ms at load 8–10.
		i := 0
		for bitsLeft := nz; bitsLeft != 0; bitsLeft &= bitsLeft - 1 {
			k := bits.TrailingZeros64(bitsLeft) & 63
			n := zigzag[k] & 63
			f[n>>3][n&7] = float32(vals[i]) * q[k]
			i++
		}
	} else {
		for bitsLeft := live; bitsLeft != 0; bitsLeft &= bitsLeft - 1 {
			k := bits.TrailingZeros64(bitsLeft) & 63
			n := zigzag[k] & 63
			f[n>>3][n&7] = float32(vals[bits.OnesCount64(nz&(1<<uint(k)-1))]) * q[k]
		}
	}
	t.corner(&f, end, live, dst, stride)
}

// halfCornerPacked is requantizer.corner for halfRows, for a block with
// stored values vals and mask nz, straight into the dequantised corner f
// (zero on entry) with steps q: only the marked coefficients of the
// corner are requantised and written. corner's scratch block was zeroed
// and gathered again in full per block, a third of the output check's
// 1/2 planes (perf, 12 MP). It returns the end as corner does.
func (r *requantizer) halfCornerPacked(vals []int16, end int, nz uint64, q *[64]float32, f *[4][4]float32) int {
	nonzero := false
	for m := nz & halfMask; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m) & 63
		v := r.coef(k, vals[bits.OnesCount64(nz&(1<<uint(k)-1))])
		n := zigzag[k] & 63
		f[n>>3&3][n&3] = float32(v) * q[k]
		nonzero = nonzero || (k > 0 && v != 0)
	}
	if nonzero || !r.allZeroPacked(vals, nz, nz&^halfMask&^1) {
		return end
	}
	return min(end, 1)
}
