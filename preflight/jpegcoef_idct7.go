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

// block7 is scaledIDCT.block at m = 7 for the 7×7 corner f (natural
// order, f[v][u], dequantised) whose rows from nrows on and columns from
// ncols on are zero: rows, then columns written as pixels. The rows of
// zeros are not transformed (their outputs are zero), and a pass over
// at most three non-zero inputs takes idct7Low: most chroma blocks and
// a tenth of the luma ones of a phone photo at 7/8.
func block7(f *[8][8]float32, nrows, ncols int, dst []uint8, stride int) {
	var r [7][8]float32 // r[x][v]: row v's output x, so a column is a row of r
	for v := range min(nrows, 7) {
		fv := &f[v]
		if ncols <= 3 {
			r[0][v], r[1][v], r[2][v], r[3][v], r[4][v], r[5][v], r[6][v] = idct7Low(fv[0], fv[1], fv[2])
			continue
		}
		r[0][v], r[1][v], r[2][v], r[3][v], r[4][v], r[5][v], r[6][v] = idct7(fv[0], fv[1], fv[2], fv[3], fv[4], fv[5], fv[6])
	}
	for x := range 7 {
		c := &r[x]
		var o0, o1, o2, o3, o4, o5, o6 float32
		if nrows <= 3 {
			o0, o1, o2, o3, o4, o5, o6 = idct7Low(c[0], c[1], c[2])
		} else {
			o0, o1, o2, o3, o4, o5, o6 = idct7(c[0], c[1], c[2], c[3], c[4], c[5], c[6])
		}
		col := dst[x:]
		col[0] = clampByte(o0*idct7Descal + 128)
		col[stride] = clampByte(o1*idct7Descal + 128)
		col[2*stride] = clampByte(o2*idct7Descal + 128)
		col[3*stride] = clampByte(o3*idct7Descal + 128)
		col[4*stride] = clampByte(o4*idct7Descal + 128)
		col[5*stride] = clampByte(o5*idct7Descal + 128)
		col[6*stride] = clampByte(o6*idct7Descal + 128)
	}
}
