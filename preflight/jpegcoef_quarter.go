package preflight

import "math/bits"

// quarterRows is blockRows for m = 2, the scale of Check's reduced decode
// of a photo 8000–15999 px long (jpegReduction 4: 48–100 MP) and of the
// output check of its recompression. The generic path zeroes two 8×8 float arrays per block
// and loops over terms that are all zero at this scale; here each block
// is its four corner coefficients and four pixels. The sums are the
// generic ones with their zero terms left out (x + 0 is x in floating
// point), so the pixels are bit for bit the same
// (TestQuarterRowsAreBlockRows). A requantised block (r not nil) is
// read as requantizer.corner reads it, its AC coefficients outside the
// corner visited through the block's non-zero mask.
func (t *scaledIDCT) quarterRows(cc *coefComp, q *[64]float32, r *requantizer, by0, by1 int, pix []uint8, stride int) {
	e, o := t.even[0][0], t.odd[0][0]
	q0, q1, q2, q4 := q[0], q[1], q[2], q[4]
	for by := by0; by < by1; by++ {
		top := pix[(by-by0)*2*stride:]
		bot := top[stride:]
		for bx := range cc.bw {
			b := cc.index(bx, by)
			vals, nz := cc.at(b), cc.nz[b]
			end := int(cc.end[b])
			c0, c1, c2, c4 := vals[0], packedAt(vals, nz, 1), packedAt(vals, nz, 2), packedAt(vals, nz, 4)
			if r != nil {
				c0, c1, c2, c4 = r.coef(0, c0), r.coef(1, c1), r.coef(2, c2), r.coef(4, c4)
				if c1 == 0 && c2 == 0 && c4 == 0 && end > 1 && r.allZeroPacked(vals, nz, nz&^0x17) {
					end = 1
				}
			}
			x := 2 * bx
			if end <= 1 {
				v := clampByte(float32(c0)*q0/8 + 128)
				top[x], top[x+1], bot[x], bot[x+1] = v, v, v, v
				continue
			}
			f00, f01, f10, f11 := float32(c0)*q0, float32(c1)*q1, float32(c2)*q2, float32(c4)*q4
			r00, r01 := e*f00+o*f01, e*f00-o*f01
			r10, r11 := e*f10+o*f11, e*f10-o*f11
			top[x], bot[x] = clampByte(e*r00+o*r10+128), clampByte(e*r00-o*r10+128)
			top[x+1], bot[x+1] = clampByte(e*r01+o*r11+128), clampByte(e*r01-o*r11+128)
		}
	}
}

// allZero says whether every coefficient of blk that mask marks
// requantises to zero.
func (r *requantizer) allZero(blk []int16, mask uint64) bool {
	blk = blk[:64:64]
	for m := mask; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m) & 63
		if !r.zero(k, blk[k]) {
			return false
		}
	}
	return true
}
