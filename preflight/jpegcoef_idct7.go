package preflight

// The 7-point inverse DCT of the 7/8 downscale, the scale a 100 MP phone
// photo ends at: a quarter of the downscaling DCT path's time went into
// the generic m-point sums (scaledIDCT.block), 7 rows and 7 columns of
// 28 multiplies each. libjpeg's jpeg_idct_7x7 (jidctint.c, Guido
// Vollbeding's factorisation of the 7-point DCT) needs 9 per pass, done
// here in float32 with the same constants: cK = √2·cos(Kπ/14).
// Only the recompression decodes at 7/8 (Check's reduced decoder uses
// 8/k for k = 1, 2, 4, 8), so no report depends on these roundings.
const (
	idct7c0     = 1.414213562 // c0
	idct7c2     = 1.274162392 // c2
	idct7c4     = 0.881747734 // c4
	idct7c6     = 0.314692123 // c6
	idct7c246a  = 1.841218003 // c2+c4-c6
	idct7c246b  = 0.077722536 // c2-c4-c6
	idct7c246c  = 2.470602249 // c2+c4+c6
	idct7c135a  = 0.935414347 // (c3+c1-c5)/2
	idct7c135b  = 0.170262339 // (c3+c5-c1)/2
	idct7c1     = 1.378756276 // c1
	idct7c5     = 0.613604268 // c5
	idct7c135c  = 1.870828693 // c3+c1-c5
	idct7Descal = 1.0 / 8     // two passes of the unnormalised transform
)

// idct7 is the unnormalised 7-point inverse DCT of in[0..6] (out[x] =
// in[0] + Σ_u √2·cos((2x+1)uπ/14)·in[u]), in libjpeg's order of
// operations.
func idct7(in0, in1, in2, in3, in4, in5, in6 float32) (o0, o1, o2, o3, o4, o5, o6 float32) {
	// Even part.
	t13 := in0
	z1, z2, z3 := in2, in4, in6
	t10 := (z2 - z3) * idct7c4
	t12 := (z1 - z2) * idct7c6
	t11 := t10 + t12 + t13 - z2*idct7c246a
	t0 := z1 + z3
	z2 -= t0
	t0 = t0*idct7c2 + t13
	t10 += t0 - z3*idct7c246b
	t12 += t0 - z1*idct7c246c
	t13 += z2 * idct7c0
	// Odd part.
	z1, z2, z3 = in1, in3, in5
	t1 := (z1 + z2) * idct7c135a
	t2 := (z1 - z2) * idct7c135b
	t0 = t1 - t2
	t1 += t2
	t2 = -(z2 + z3) * idct7c1
	t1 += t2
	z2 = (z1 + z3) * idct7c5
	t0 += z2
	t2 += z2 + z3*idct7c135c
	return t10 + t0, t11 + t1, t12 + t2, t13, t12 - t2, t11 - t1, t10 - t0
}

// idct7Low is idct7 of in0, in1, in2 with in3..in6 zero: the same
// operations in the same order less the terms that are products with
// zero or sums with it, so the outputs are idct7's bit for bit (up to
// the sign of a zero, which the +128 of the pixels erases).
func idct7Low(in0, in1, in2 float32) (o0, o1, o2, o3, o4, o5, o6 float32) {
	// Even part.
	t13 := in0
	z1 := in2
	t12 := z1 * idct7c6
	t11 := t12 + t13
	t0 := z1*idct7c2 + t13
	t10 := t0
	t12 += t0 - z1*idct7c246c
	t13 -= z1 * idct7c0
	// Odd part.
	z1 = in1
	t1 := z1 * idct7c135a
	t2 := z1 * idct7c135b
	t0 = t1 - t2
	t1 += t2
	z2 := z1 * idct7c5
	t0 += z2
	t2 = z2
	return t10 + t0, t11 + t1, t12 + t2, t13, t12 - t2, t11 - t1, t10 - t0
}

// idct7Of5 is idct7 of in0..in4 with in5 and in6 zero, as idct7Low
// is of three: the same operations in the same order less the products
// with zero and the sums with zero, so the same outputs bit for bit (up
// to the sign of a zero). Most luma blocks of a phone photo at 7/8 end
// by row 4 or 5 (100 MP bench photo: 47 % hold nothing past row 4).
func idct7Of5(in0, in1, in2, in3, in4 float32) (o0, o1, o2, o3, o4, o5, o6 float32) {
	// Even part.
	t13 := in0
	z1, z2 := in2, in4
	t10 := z2 * idct7c4
	t12 := (z1 - z2) * idct7c6
	t11 := t10 + t12 + t13 - z2*idct7c246a
	t0 := z1
	z2 -= t0
	t0 = t0*idct7c2 + t13
	t10 += t0
	t12 += t0 - z1*idct7c246c
	t13 += z2 * idct7c0
	// Odd part.
	z1, z2 = in1, in3
	t1 := (z1 + z2) * idct7c135a
	t2 := (z1 - z2) * idct7c135b
	t0 = t1 - t2
	t1 += t2
	t2 = -z2 * idct7c1
	t1 += t2
	z2 = z1 * idct7c5
	t0 += z2
	t2 += z2
	return t10 + t0, t11 + t1, t12 + t2, t13, t12 - t2, t11 - t1, t10 - t0
}

// idct7Rows are the rows of the 7×7 corner as zig-zag masks: all[v]
// marks row v's coefficients, wide[v] those from column 3 on, for
// block7 to choose each row's pass from the block's mask of non-zero
// coefficients (coefComp.nz) without scanning the corner.
type idct7Rows struct {
	all, wide [7]uint64
	// from5 marks the rows from 5 on, below their columns' five-term
	// passes.
	from5 uint64
	// from3 marks the rows from 3 on.
	from3 uint64
}

func newIdct7Rows() idct7Rows {
	var r idct7Rows
	for k, n := range zigzag {
		v, u := n/8, n%8
		if v >= 7 || u >= 7 {
			continue
		}
		bit := uint64(1) << uint(k)
		r.all[v] |= bit
		if u >= 3 {
			r.wide[v] |= bit
		}
		if v >= 5 {
			r.from5 |= bit
		}
		if v >= 3 {
			r.from3 |= bit
		}
	}
	return r
}

// block7 is scaledIDCT.block at m = 7 for the 7×7 corner f (natural
// order, f[v][u], dequantised) whose coefficients outside the zig-zag
// mask live are zero: rows, then columns written as pixels. A row
// without coefficients is not transformed (its outputs are zero), a row
// whose coefficients lie in columns 0–2 takes idct7Low, and the columns
// take the pass for the rows that hold any (idct7Low, idct7Of5, idct7):
// on the 100 MP bench photo a luma block has 5.4 rows to transform, of
// which 2.4 reach column 3, and 47 % of the blocks nothing past row 4.
func block7(f *[8][8]float32, live uint64, rows *idct7Rows, dst []uint8, stride int) {
	var r [7][8]float32 // r[x][v]: row v's output x, so a column is a row of r
	for v := range 7 {
		fv := &f[v]
		switch {
		case live&rows.all[v] == 0:
		case live&rows.wide[v] == 0:
			r[0][v], r[1][v], r[2][v], r[3][v], r[4][v], r[5][v], r[6][v] = idct7Low(fv[0], fv[1], fv[2])
		default:
			r[0][v], r[1][v], r[2][v], r[3][v], r[4][v], r[5][v], r[6][v] = idct7(fv[0], fv[1], fv[2], fv[3], fv[4], fv[5], fv[6])
		}
	}
	// The output rows as arrays, sliced once: the column pass writes
	// across them, and indexing a slice at x+k·stride cost a bounds
	// check per pixel (49 a block).
	d0 := (*[7]uint8)(dst[:7])
	d1 := (*[7]uint8)(dst[stride : stride+7])
	d2 := (*[7]uint8)(dst[2*stride : 2*stride+7])
	d3 := (*[7]uint8)(dst[3*stride : 3*stride+7])
	d4 := (*[7]uint8)(dst[4*stride : 4*stride+7])
	d5 := (*[7]uint8)(dst[5*stride : 5*stride+7])
	d6 := (*[7]uint8)(dst[6*stride : 6*stride+7])
	low, mid := live&rows.from3 == 0, live&rows.from5 == 0
	for x := range 7 {
		c := &r[x]
		var o0, o1, o2, o3, o4, o5, o6 float32
		switch {
		case low:
			o0, o1, o2, o3, o4, o5, o6 = idct7Low(c[0], c[1], c[2])
		case mid:
			o0, o1, o2, o3, o4, o5, o6 = idct7Of5(c[0], c[1], c[2], c[3], c[4])
		default:
			o0, o1, o2, o3, o4, o5, o6 = idct7(c[0], c[1], c[2], c[3], c[4], c[5], c[6])
		}
		d0[x] = clampByte(o0*idct7Descal + 128)
		d1[x] = clampByte(o1*idct7Descal + 128)
		d2[x] = clampByte(o2*idct7Descal + 128)
		d3[x] = clampByte(o3*idct7Descal + 128)
		d4[x] = clampByte(o4*idct7Descal + 128)
		d5[x] = clampByte(o5*idct7Descal + 128)
		d6[x] = clampByte(o6*idct7Descal + 128)
	}
}
