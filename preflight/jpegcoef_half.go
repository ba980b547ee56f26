package preflight

import "math/bits"

// halfRows is blockRows for m = 4, the scale of Check's reduced decode of
// a photo 4000–7999 px long (jpegReduction 2: a 12–48 MP phone photo)
// and of the output check of its recompression. The generic path zeroes
// two 8×8 float arrays per block and runs sums over terms that are all
// zero at this scale; here a block is its 4×4 corner. The sums are the
// generic ones, in the same order, with their zero terms left out (x + 0
// is x in floating point, and a signed zero cannot change a sum that
// ends by adding 128), so the pixels are bit for bit the same
// (TestHalfRowsAreBlockRows).
func (t *scaledIDCT) halfRows(cc *coefComp, q *[64]float32, r *requantizer, by0, by1 int, pix []uint8, stride int) {
	e0, e1, o0, o1 := t.even[0], t.even[1], t.odd[0], t.odd[1]
	for by := by0; by < by1; by++ {
		row := pix[(by-by0)*4*stride:]
		for bx := range cc.bw {
			b := cc.index(bx, by)
			vals, nz := cc.at(b), cc.nz[b]
			end := int(cc.end[b])
			dst := row[bx*4:]
			var f [4][4]float32 // natural order, f[v][u]
			dc := vals[0]
			if r != nil {
				dc = r.coef(0, dc)
				end = r.halfCornerPacked(vals, end, nz, q, &f)
			}
			if end <= 1 {
				v := clampByte(float32(dc)*q[0]/8 + 128)
				for y := range 4 {
					d := dst[y*stride : y*stride+4 : y*stride+4]
					d[0], d[1], d[2], d[3] = v, v, v, v
				}
				continue
			}
			if r == nil {
				// The corner's stored coefficients; the others are zero,
				// as f is.
				for m := nz & halfMask; m != 0; m &= m - 1 {
					k := bits.TrailingZeros64(m) & 63
					n := zigzag[k] & 63
					f[n>>3&3][n&3] = float32(vals[bits.OnesCount64(nz&(1<<uint(k)-1))]) * q[k]
				}
			}
			// Rows (horizontal frequencies): r[v][x].
			var rr [4][4]float32
			for v := range 4 {
				fv := &f[v]
				se := e0[0]*fv[0] + e0[1]*fv[2]
				so := o0[0]*fv[1] + o0[1]*fv[3]
				rr[v][0], rr[v][3] = se+so, se-so
				se = e1[0]*fv[0] + e1[1]*fv[2]
				so = o1[0]*fv[1] + o1[1]*fv[3]
				rr[v][1], rr[v][2] = se+so, se-so
			}
			// Columns, written out as pixels: rows y and 3-y together.
			for y, ee := range [2]*[4]float32{&e0, &e1} {
				oo := &o0
				if y == 1 {
					oo = &o1
				}
				top := dst[y*stride : y*stride+4 : y*stride+4]
				bot := dst[(3-y)*stride : (3-y)*stride+4 : (3-y)*stride+4]
				for x := range 4 {
					se := ee[0]*rr[0][x] + ee[1]*rr[2][x]
					so := oo[0]*rr[1][x] + oo[1]*rr[3][x]
					top[x], bot[x] = clampByte(se+so+128), clampByte(se-so+128)
				}
			}
		}
	}
}

// halfMask marks the zig-zag indices of the 4×4 corner halfRows reads:
// zig-zag 0–9, 11–13, 17, 18 and 24 (T.81 Figure A.6).
const halfMask = 0x1063BFF

// cornerOf is block (bx, by) of cc as the transform reads it: its mask,
// its coefficients and end, scattered into dense (zero at the mask's
// bits; the caller clears them again), requantised by r into corner (and
// read from there) when r is not nil.
func (t *scaledIDCT) cornerOf(cc *coefComp, r *requantizer, bx, by int, dense, corner *[64]int16) (nz uint64, blk []int16, end int) {
	b := cc.index(bx, by)
	nz = cc.scatter(b, dense)
	blk, end = dense[:], int(cc.end[b])
	if r != nil {
		end = r.corner(t, blk, end, nz, corner)
		blk = corner[:]
	}
	return nz, blk, end
}
