//go:build amd64 && !purego

#include "textflag.h"

// idct7x7AVX2(ft *[8][8]float32, dst *uint8, stride int)
//
// IDCT7x7 (idct7_amd64.go) in AVX2, eight lanes of float32.
// Every multiply and add is idct7's, in its order and with its operands,
// each rounded to float32 (no FMA: Go does not fuse at GOAMD64=v1, and
// a fused multiply-add rounds once where idct7 rounds twice).

// The constants of preflight's idct7 (jpegcoef_idct7.go), eight copies each.
#define CONST8(name, bits) \
	DATA name<>+0(SB)/4, $bits \
	DATA name<>+4(SB)/4, $bits \
	DATA name<>+8(SB)/4, $bits \
	DATA name<>+12(SB)/4, $bits \
	DATA name<>+16(SB)/4, $bits \
	DATA name<>+20(SB)/4, $bits \
	DATA name<>+24(SB)/4, $bits \
	DATA name<>+28(SB)/4, $bits \
	GLOBL name<>(SB), RODATA|NOPTR, $32

CONST8(c0, 0x3fb504f3)     // idct7c0 = 1.414213562
CONST8(c2, 0x3fa317c1)     // idct7c2 = 1.274162392
CONST8(c4, 0x3f61ba38)     // idct7c4 = 0.881747734
CONST8(c6, 0x3ea11f53)     // idct7c6 = 0.314692123
CONST8(c246a, 0x3febad08)  // idct7c246a = 1.841218003
CONST8(c246b, 0x3d9f2cfe)  // idct7c246b = 0.077722536
CONST8(c246c, 0x401e1e59)  // idct7c246c = 2.470602249
CONST8(c135a, 0x3f6f7751)  // idct7c135a = 0.935414347
CONST8(c135b, 0x3e2e5940)  // idct7c135b = 0.170262339
CONST8(negc1, 0xbfb07b16)  // -idct7c1 = -1.378756276
CONST8(c5, 0x3f1d152b)     // idct7c5 = 0.613604268
CONST8(c135c, 0x3fef7751)  // idct7c135c = 1.870828693
CONST8(eighth, 0x3e000000) // idct7Descal = 0.125
CONST8(f128, 0x43000000)   // 128
CONST8(f1024h, 0x44801000) // 1024.5
CONST8(i1024, 0x00000400)  // int32 1024

// packOrder gathers the dwords VPACKUSWB leaves as [row0 0-3, row1 0-3,
// row2 0-3, row3 0-3 | row0 4-7, ...] into rows of eight bytes.
DATA packOrder<>+0(SB)/4, $0
DATA packOrder<>+4(SB)/4, $4
DATA packOrder<>+8(SB)/4, $1
DATA packOrder<>+12(SB)/4, $5
DATA packOrder<>+16(SB)/4, $2
DATA packOrder<>+20(SB)/4, $6
DATA packOrder<>+24(SB)/4, $3
DATA packOrder<>+28(SB)/4, $7
GLOBL packOrder<>(SB), RODATA|NOPTR, $32

// STOREPIXELS writes the rows o0..o6 = Y7, Y9, Y8, Y0, Y1, Y3, Y5 (float32,
// the seven columns in lanes 0–6) to the seven rows of DI at stride BX as
// clampByte(o + 128) does, each step rounded as in Go: +128, +1024.5,
// truncate to int32 (VCVTTPS2DQ gives 0x80000000 out of range, as Go's
// conversion does on amd64), −1024 (wrapping as Go's int32 does), then
// min(max(x, 0), 255) by the two saturating packs, which clamp every
// int32 so. Y11 must hold 128 in each lane; it uses Y2, Y4, Y6,
// Y10–Y15, AX and 64 bytes at 0(SP), and clears the upper halves
// (VZEROUPPER) before the byte stores.
#define CLAMP(r) \
	VADDPS     Y11, r, r \
	VADDPS     Y12, r, r \
	VCVTTPS2DQ r, r \
	VPSUBD     Y13, r, r

// ROW stores bytes 0–6 of the eight at off(SP) to the row at DI, as two
// overlapping four-byte stores (bytes 0–3 and 3–6): nothing past the
// block's seventh column is written. Then DI moves to the next row.
#define ROW(off) \
	MOVQ off(SP), AX \
	MOVL AX, (DI) \
	SHRQ $24, AX \
	MOVL AX, 3(DI) \
	ADDQ BX, DI

#define STOREPIXELS \
	VMOVUPS   f1024h<>(SB), Y12 \
	VMOVDQU   i1024<>(SB), Y13 \
	CLAMP(Y7) \
	CLAMP(Y9) \
	CLAMP(Y8) \
	CLAMP(Y0) \
	CLAMP(Y1) \
	CLAMP(Y3) \
	CLAMP(Y5) \
	VPACKSSDW Y9, Y7, Y2  /* o0, o1 as int16: [o0 0-3, o1 0-3 | o0 4-7, o1 4-7] */ \
	VPACKSSDW Y0, Y8, Y4  /* o2, o3 */ \
	VPACKSSDW Y3, Y1, Y6  /* o4, o5 */ \
	VPACKSSDW Y5, Y5, Y14 /* o6, o6 */ \
	VPACKUSWB Y4, Y2, Y2  /* bytes of o0..o3, four at a time per 128-bit lane */ \
	VPACKUSWB Y14, Y6, Y6 /* bytes of o4, o5, o6, o6 */ \
	VMOVDQU   packOrder<>(SB), Y15 \
	VPERMD    Y2, Y15, Y2 /* rows 0..3, eight bytes each */ \
	VPERMD    Y6, Y15, Y6 /* rows 4..6 (and 6 again) */ \
	VMOVDQU   Y2, 0(SP) \
	VMOVDQU   Y6, 32(SP) \
	VZEROUPPER \
	ROW(0) \
	ROW(8) \
	ROW(16) \
	ROW(24) \
	ROW(32) \
	ROW(40) \
	ROW(48)

// IDCT7 is idct7 in each lane of in0..in6 = Y0..Y6, leaving the outputs
// o0..o6 in Y7, Y9, Y8, Y0, Y1, Y3, Y5; it uses Y0–Y11. Go's
// "a -= b" is VSUBPS b, a, a (Go assembler operand order: the second
// source first), and the negated product -(z2+z3)*c1 is (z2+z3)*(-c1),
// the same bits.
#define IDCT7 \
	/* Even part: t13 = in0 (Y0); z1, z2, z3 = in2, in4, in6. */ \
	VSUBPS  Y6, Y4, Y7              /* z2 - z3 */ \
	VMULPS  c4<>(SB), Y7, Y7        /* Y7 = t10 = (z2-z3)*c4 */ \
	VSUBPS  Y4, Y2, Y8              /* z1 - z2 */ \
	VMULPS  c6<>(SB), Y8, Y8        /* Y8 = t12 = (z1-z2)*c6 */ \
	VADDPS  Y8, Y7, Y9              /* t10 + t12 */ \
	VADDPS  Y0, Y9, Y9              /* + t13 */ \
	VMULPS  c246a<>(SB), Y4, Y10    /* z2*c246a */ \
	VSUBPS  Y10, Y9, Y9             /* Y9 = t11 */ \
	VADDPS  Y6, Y2, Y10             /* Y10 = t0 = z1 + z3 */ \
	VSUBPS  Y10, Y4, Y4             /* Y4 = z2 -= t0 */ \
	VMULPS  c2<>(SB), Y10, Y10      /* t0*c2 */ \
	VADDPS  Y0, Y10, Y10            /* Y10 = t0 = t0*c2 + t13 */ \
	VMULPS  c246b<>(SB), Y6, Y11    /* z3*c246b */ \
	VSUBPS  Y11, Y10, Y11           /* t0 - z3*c246b */ \
	VADDPS  Y11, Y7, Y7             /* Y7 = t10 += ... */ \
	VMULPS  c246c<>(SB), Y2, Y11    /* z1*c246c */ \
	VSUBPS  Y11, Y10, Y11           /* t0 - z1*c246c */ \
	VADDPS  Y11, Y8, Y8             /* Y8 = t12 += ... */ \
	VMULPS  c0<>(SB), Y4, Y11       /* z2*c0 */ \
	VADDPS  Y11, Y0, Y0             /* Y0 = t13 += z2*c0 */ \
	/* Odd part: z1, z2, z3 = in1, in3, in5 (Y1, Y3, Y5). */ \
	VADDPS  Y3, Y1, Y2              /* z1 + z2 */ \
	VMULPS  c135a<>(SB), Y2, Y2     /* Y2 = t1 */ \
	VSUBPS  Y3, Y1, Y4              /* z1 - z2 */ \
	VMULPS  c135b<>(SB), Y4, Y4     /* Y4 = t2 */ \
	VSUBPS  Y4, Y2, Y6              /* Y6 = t0 = t1 - t2 */ \
	VADDPS  Y4, Y2, Y2              /* Y2 = t1 += t2 */ \
	VADDPS  Y5, Y3, Y4              /* z2 + z3 */ \
	VMULPS  negc1<>(SB), Y4, Y4     /* Y4 = t2 = -(z2+z3)*c1 */ \
	VADDPS  Y4, Y2, Y2              /* Y2 = t1 += t2 */ \
	VADDPS  Y5, Y1, Y10             /* z1 + z3 */ \
	VMULPS  c5<>(SB), Y10, Y10      /* Y10 = z2 = (z1+z3)*c5 */ \
	VADDPS  Y10, Y6, Y6             /* Y6 = t0 += z2 */ \
	VMULPS  c135c<>(SB), Y5, Y11    /* z3*c135c */ \
	VADDPS  Y11, Y10, Y11           /* z2 + z3*c135c */ \
	VADDPS  Y11, Y4, Y4             /* Y4 = t2 += ... */ \
	/* Outputs; o3 = t13 stays in Y0. */ \
	VSUBPS  Y4, Y8, Y1              /* Y1 = o4 = t12 - t2 */ \
	VADDPS  Y4, Y8, Y8              /* Y8 = o2 = t12 + t2 */ \
	VSUBPS  Y2, Y9, Y3              /* Y3 = o5 = t11 - t1 */ \
	VADDPS  Y2, Y9, Y9              /* Y9 = o1 = t11 + t1 */ \
	VSUBPS  Y6, Y7, Y5              /* Y5 = o6 = t10 - t0 */ \
	VADDPS  Y6, Y7, Y7              /* Y7 = o0 = t10 + t0 */

// func idct7x7AVX2(ft *[8][8]float32, dst *uint8, stride int)
TEXT ·idct7x7AVX2(SB), NOSPLIT, $64-24
	MOVQ ft+0(FP), AX
	MOVQ dst+8(FP), DI
	MOVQ stride+16(FP), BX

	// Row pass, the corner's seven rows v in the lanes: ft[u] holds
	// coefficient u of every row, so in_u = ft[u]. Lane 7 (row 7 of the
	// block) is transformed too and never read after.
	VMOVUPS 0(AX), Y0
	VMOVUPS 32(AX), Y1
	VMOVUPS 64(AX), Y2
	VMOVUPS 96(AX), Y3
	VMOVUPS 128(AX), Y4
	VMOVUPS 160(AX), Y5
	VMOVUPS 192(AX), Y6
	IDCT7

	// Transpose: r_x (lanes v) = Y7, Y9, Y8, Y0, Y1, Y3, Y5 for x = 0..6
	// into c_v (lanes x) = Y0..Y6 for v = 0..6. The eighth row of the
	// 8×8 transpose would be c_7, which the columns do not read: r_6
	// stands in for r_7, so lane 7 of every c_v is a don't-care.
	VUNPCKLPS Y9, Y7, Y10 // t0 = r0[0] r1[0] r0[1] r1[1] | r0[4] r1[4] r0[5] r1[5]
	VUNPCKHPS Y9, Y7, Y11 // t1 = r0[2] r1[2] r0[3] r1[3] | ...6, 7
	VUNPCKLPS Y0, Y8, Y12 // t2 from r2, r3
	VUNPCKHPS Y0, Y8, Y13 // t3
	VUNPCKLPS Y3, Y1, Y14 // t4 from r4, r5
	VUNPCKHPS Y3, Y1, Y15 // t5
	VUNPCKLPS Y5, Y5, Y2  // t6 from r6 (and r6 for r7)
	VUNPCKHPS Y5, Y5, Y4  // t7
	VSHUFPS $0x44, Y12, Y10, Y6 // s0 = r0..3[0] | r0..3[4]
	VSHUFPS $0xEE, Y12, Y10, Y7 // s1 = r0..3[1] | r0..3[5]
	VSHUFPS $0x44, Y13, Y11, Y8 // s2 = r0..3[2] | r0..3[6]
	VSHUFPS $0xEE, Y13, Y11, Y9 // s3 = r0..3[3] | r0..3[7]
	VSHUFPS $0x44, Y2, Y14, Y10 // s4 = r4..7[0] | r4..7[4]
	VSHUFPS $0xEE, Y2, Y14, Y11 // s5 = r4..7[1] | r4..7[5]
	VSHUFPS $0x44, Y4, Y15, Y12 // s6 = r4..7[2] | r4..7[6]
	VSHUFPS $0xEE, Y4, Y15, Y13 // s7 = r4..7[3] | r4..7[7]
	VPERM2F128 $0x20, Y10, Y6, Y0 // c0 = s0.lo, s4.lo
	VPERM2F128 $0x31, Y10, Y6, Y4 // c4 = s0.hi, s4.hi
	VPERM2F128 $0x20, Y11, Y7, Y1 // c1
	VPERM2F128 $0x31, Y11, Y7, Y5 // c5
	VPERM2F128 $0x20, Y12, Y8, Y2 // c2
	VPERM2F128 $0x31, Y12, Y8, Y6 // c6
	VPERM2F128 $0x20, Y13, Y9, Y3 // c3

	// Column pass, the seven columns x in the lanes: o_y is output row y.
	IDCT7

	// Pixels: clampByte(o*idct7Descal + 128), each step rounded as in
	// Go: ×0.125 here, then +128 and the rest in STOREPIXELS.
	VMOVUPS eighth<>(SB), Y10
	VMOVUPS f128<>(SB), Y11
	VMULPS  Y10, Y7, Y7
	VMULPS  Y10, Y9, Y9
	VMULPS  Y10, Y8, Y8
	VMULPS  Y10, Y0, Y0
	VMULPS  Y10, Y1, Y1
	VMULPS  Y10, Y3, Y3
	VMULPS  Y10, Y5, Y5
	STOREPIXELS
	RET

// func lowIDCT7AVX2(f *[8][8]float32, lanes *[3][8]float32, dst *uint8, stride int)
//
// LowIDCT7x7 (idct7_amd64.go): preflight's lowBlock at m = 7, the output
// columns x in the lanes throughout (no transpose): row pass r_v[x] =
// (e0[x]·f[v][0] + e1[x]·f[v][2]) + o0[x]·f[v][1] for v = 0..2, the
// lanes' constants with o0 negated for x ≥ 3 (lowBlock's se − so there;
// a − b is a + (−b) exactly); column pass per output row from the
// constants of row y broadcast.
TEXT ·lowIDCT7AVX2(SB), NOSPLIT, $64-32
	MOVQ f+0(FP), AX
	MOVQ lanes+8(FP), CX
	MOVQ dst+16(FP), DI
	MOVQ stride+24(FP), BX
	VMOVUPS 0(CX), Y13  // e0 of each column x
	VMOVUPS 32(CX), Y14 // e1
	VMOVUPS 64(CX), Y15 // ±o0

	// Row pass: r_v (lanes x) into Y10, Y11, Y12 for v = 0, 1, 2.
#define LOWROW(off, r) \
	VBROADCASTSS off+0(AX), Y0 /* f[v][0] */ \
	VBROADCASTSS off+4(AX), Y1 /* f[v][1] */ \
	VBROADCASTSS off+8(AX), Y2 /* f[v][2] */ \
	VMULPS       Y13, Y0, Y0   /* e0*f0 */ \
	VMULPS       Y14, Y2, Y2   /* e1*f2 */ \
	VADDPS       Y2, Y0, Y0    /* se */ \
	VMULPS       Y15, Y1, Y1   /* ±so */ \
	VADDPS       Y1, Y0, r     /* se ± so */
	LOWROW(0, Y10)
	LOWROW(32, Y11)
	LOWROW(64, Y12)

	// Column pass: output rows y and 6−y from row y's constants, se ± so
	// with se = e0[y]·r0 + e1[y]·r2 and so = o0[y]·r1; row 3 is
	// lowBlock's second write there, se − so, which is se + lane 3's
	// (negated) o0 times r1.
#define LOWSUMS(y) \
	VBROADCASTSS (4*y)(CX), Y2     /* e0[y] */ \
	VMULPS       Y10, Y2, Y2       /* e0*r0 */ \
	VBROADCASTSS (32+4*y)(CX), Y4  /* e1[y] */ \
	VMULPS       Y12, Y4, Y4       /* e1*r2 */ \
	VADDPS       Y4, Y2, Y2        /* Y2 = se */ \
	VBROADCASTSS (64+4*y)(CX), Y6  /* o0[y] (negated at y = 3) */ \
	VMULPS       Y11, Y6, Y6       /* Y6 = so */
	LOWSUMS(0)
	VADDPS Y6, Y2, Y7 // o0 = se + so
	VSUBPS Y6, Y2, Y5 // o6 = se - so
	LOWSUMS(1)
	VADDPS Y6, Y2, Y9 // o1
	VSUBPS Y6, Y2, Y3 // o5
	LOWSUMS(2)
	VADDPS Y6, Y2, Y8 // o2
	VSUBPS Y6, Y2, Y1 // o4
	LOWSUMS(3)
	VADDPS Y6, Y2, Y0 // o3
	VMOVUPS f128<>(SB), Y11
	STOREPIXELS
	RET
