package preflight

import "fmt"

// Requantisation: a coefficient c stored with step Qold becomes
// round(c·Qold/Qnew) with step Qnew, ties towards zero (see coef). The new tables are the IJG tables at
// a known quality, so that 827, which estimates the quality from the
// luminance table, reads the output as it reads any libjpeg file.

// stdChrominance is the chrominance table of the JPEG standard (Annex
// K), in natural order.
var stdChrominance = [64]int{
	17, 18, 24, 47, 99, 99, 99, 99,
	18, 21, 26, 66, 99, 99, 99, 99,
	24, 26, 56, 99, 99, 99, 99, 99,
	47, 66, 99, 99, 99, 99, 99, 99,
	99, 99, 99, 99, 99, 99, 99, 99,
	99, 99, 99, 99, 99, 99, 99, 99,
	99, 99, 99, 99, 99, 99, 99, 99,
	99, 99, 99, 99, 99, 99, 99, 99,
}

// scaledTable is base (natural order) scaled to IJG quality q as
// libjpeg's jpeg_quality_scaling and jpeg_add_quant_table do, clamped to
// 1..255 (baseline).
func scaledTable(base *[64]int, q int) [64]int {
	return scaledTableMille(base, qualityMille(q))
}

// qualityMille is libjpeg's scale factor for quality q, in per mille.
func qualityMille(q int) int {
	q = min(max(q, 1), 100)
	if q < 50 {
		return 10 * (5000 / q)
	}
	return 10 * (200 - 2*q)
}

// scaledTableMille is base scaled by s per mille, rounded and clamped
// as libjpeg's jpeg_add_quant_table does with a percentage: a whole
// percentage is an IJG quality's table exactly, and the steps between
// let the DCT path fill the budget where one quality point changes the
// size by 10 % or more.
func scaledTableMille(base *[64]int, s int) [64]int {
	var t [64]int
	for i, v := range base {
		t[i] = min(max((v*s+500)/1000, 1), 255)
	}
	return t
}

// tablesAt returns the output quantisation tables at scale s per mille
// (qualityMille), zig-zag order, for every table id the components use:
// the IJG luminance table for the first component's, chrominance for the
// others'. An entry where the input's step is coarser keeps the input's:
// requantising cannot restore precision the input has lost, and a finer
// step would only cost bytes.
func (c *coefImage) tablesAt(s int) ([4]*[64]uint16, error) {
	var out [4]*[64]uint16
	luma, chroma := scaledTableMille(&stdLuminance, s), scaledTableMille(&stdChrominance, s)
	for i, cc := range c.comps {
		if out[cc.tq] != nil {
			continue
		}
		base := &chroma
		if i == 0 {
			base = &luma
		}
		old := c.quant[cc.tq]
		t := new([64]uint16)
		for k := range 64 {
			v := max(uint16(base[zigzag[k]]), old[k])
			if v > 255 {
				return out, fmt.Errorf("%w: 16-bit quantisation step %d", errHuffman, v)
			}
			t[k] = v
		}
		out[cc.tq] = t
	}
	return out, nil
}

// requantizer requantises blocks from one table to another. Dividing
// every coefficient was half the time of a transcode; a multiply by a
// precomputed reciprocal gives the same quotient (Granlund–Montgomery:
// m = ⌈2^30/d⌉ is exact for numerators under 2^21 and divisors under 2^9).
type requantizer struct {
	num  [64]uint32 // 2·Qold
	half [64]uint32 // Qnew - 1: rounds, ties towards zero
	m    [64]uint64 // ⌈2^30 / (2·Qnew)⌉
	// small holds the results for magnitudes under 16, most of a
	// photo's non-zero coefficients: one load instead of the arithmetic.
	small [64][16]int16
	// thr is the smallest magnitude that does not requantise to zero.
	thr [64]int32
}

// requantShift is the shift of the reciprocals (see requantizer).
const requantShift = 30

func newRequantizer(old, nu *[64]uint16) *requantizer {
	r := &requantizer{}
	for k := range 64 {
		d := 2 * uint64(nu[k])
		r.num[k], r.half[k] = 2*uint32(old[k]), uint32(nu[k])-1
		r.m[k] = (1<<requantShift + d - 1) / d
		for a := range uint64(16) {
			r.small[k][a] = int16(((a*uint64(r.num[k]) + uint64(r.half[k])) * r.m[k]) >> requantShift)
		}
		// round(a·Qold/Qnew) with ties towards zero is at least 1 from
		// 2·a·Qold ≥ Qnew + 1 on.
		r.thr[k] = int32(ceilDiv(int(nu[k])+1, 2*int(old[k])))
	}
	return r
}

// zero says whether coefficient v at zig-zag index k requantises to
// zero: coef(k, v) == 0 without computing it.
func (r *requantizer) zero(k int, v int16) bool {
	a := int32(v)
	return a < r.thr[k&63] && -a < r.thr[k&63]
}

// coef returns coefficient v at zig-zag index k requantised:
// round(v·Qold/Qnew), ties towards zero. Ties are common: the input's
// coefficients are multiples of Qold, and tables at two qualities often
// have steps in a ratio of 2 (2 and 4, 3 and 6). A tie is as far from
// either neighbour, so the smaller magnitude costs no distortion and
// saves bits; rounding ties away from zero, as libjpeg rounds a
// fresh DCT, made a 12 MP photo 8 % larger than the pixel path at the
// same tables. Zero and equal steps come out unchanged from the same
// arithmetic, and the sign is taken off and put back with a mask: a
// branch on the coefficients' sign or zeroness mispredicts as often as
// not, where the one on their magnitude is nearly always taken.
func (r *requantizer) coef(k int, v int16) int16 {
	sign := int32(v) >> 15 // 0 or -1
	q := int32(r.magnitude(k, uint32((int32(v)^sign)-sign)))
	return int16((q ^ sign) - sign)
}

// magnitude is coef for the magnitude a (at most 32768) of a
// coefficient at zig-zag index k: the requantised magnitude.
func (r *requantizer) magnitude(k int, a uint32) uint32 {
	k &= 63
	if a < 16 {
		return uint32(r.small[k][a])
	}
	return uint32((uint64(a*r.num[k]+r.half[k]) * r.m[k]) >> requantShift)
}
