package preflight

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// The 7/8 block transform as it was before block7 chose each row's pass
// from the block's mask and the columns' from its last row (session 12),
// kept as the reference the faster code must match bit for bit.

// block7RefOf is scaledIDCT.block's m = 7 path before session 12: the
// corner gathered with the rows and columns that hold a coefficient,
// then block7Ref.
func block7RefOf(t *scaledIDCT, blk []int16, nz uint64, q *[64]float32, dst []uint8, stride int) {
	var f [8][8]float32
	var rows, cols uint8
	for live := nz & t.zzMask; live != 0; live &= live - 1 {
		k := bits.TrailingZeros64(live) & 63
		n := zigzag[k] & 63
		f[n>>3][n&7] = float32(blk[k]) * q[k]
		rows |= 1 << uint(n>>3)
		cols |= 1 << uint(n&7)
	}
	block7Ref(&f, bits.Len8(rows), bits.Len8(cols), dst, stride)
}

// block7Ref is scaledIDCT.block at m = 7 for the 7×7 corner f (natural
// order, f[v][u], dequantised) whose rows from nrows on and columns from
// ncols on are zero: rows, then columns written as pixels. The rows of
// zeros are not transformed (their outputs are zero), and a pass over
// at most three non-zero inputs takes idct7Low: most chroma blocks and
// a tenth of the luma ones of a phone photo at 7/8.
func block7Ref(f *[8][8]float32, nrows, ncols int, dst []uint8, stride int) {
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

// TestBlock7IsTheReference: block at 7/8 gives the reference's pixels
// bit for bit on random blocks: coefficients anywhere in the corner at
// every magnitude up to ±2048 times steps up to 255, rows left empty,
// rows held to columns 0–2, blocks ending at every row, single
// coefficients at each corner position, DC only, all zero, and masks
// that mark zeros too (endMask: every mask is exact now, but a reader
// must still take a superset of the non-zeros, as the FDCT's masks were
// up to session 11).
func TestBlock7IsTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 7))
	tr := newScaledIDCT(7)
	const stride = 9 // wider than the block: the rows must not spill
	check := func(name string, blk []int16, nz uint64, q *[64]float32) {
		t.Helper()
		want, got := make([]uint8, 7*stride), make([]uint8, 7*stride)
		block7RefOf(tr, blk, nz, q, want, stride)
		tr.block(blk, 64, nz, q, got, stride)
		require.Equal(t, want, got, "%s: block %v mask %#x", name, blk, nz)
	}
	mask := func(blk []int16) uint64 {
		var nz uint64
		for k, v := range blk {
			if v != 0 {
				nz |= 1 << uint(k)
			}
		}
		return nz
	}
	var ones [64]float32
	for k := range ones {
		ones[k] = 1
	}
	// Each corner position alone, at extremes and small values.
	for k := range 64 {
		for _, v := range []int16{1, -1, 7, -300, 2047, -2048} {
			blk := make([]int16, 64)
			blk[k] = v
			q := randomSteps(rng, 255)
			check("single", blk, mask(blk), &q)
			check("single, unit steps", blk, mask(blk), &ones)
		}
	}
	check("all zero", make([]int16, 64), 0, &ones)
	for i := range 20000 {
		blk := make([]int16, 64)
		top := []int{2, 30, 300, 2048}[i%4]
		lastRow := rng.IntN(7)
		for k, n := range zigzag {
			v, u := n/8, n%8
			if v > lastRow {
				continue
			}
			// Per row: empty, held to columns 0–2, or up to any column.
			width := []int{0, 3, 7, 1 + rng.IntN(7)}[(i/4+v*rng.IntN(4))%4]
			if u >= width || rng.IntN(3) == 0 {
				continue
			}
			blk[k] = int16(rng.IntN(2*top+1) - top)
		}
		if i%7 == 0 {
			blk[0] = int16(rng.IntN(4097) - 2048)
		}
		q := randomSteps(rng, []int{1, 16, 255}[i%3])
		nz := mask(blk)
		check("random", blk, nz, &q)
		// A mask that also marks zeros, every coefficient up to a
		// random end.
		end := 1 + rng.IntN(64)
		for k := end; k < 64; k++ {
			blk[k] = 0
		}
		check("end mask", blk, endMask(end), &q)
	}
}

// TestIdct7Of5IsIdct7: the five-input pass is idct7 with in5 and in6
// zero, bit for bit up to the sign of a zero.
func TestIdct7Of5IsIdct7(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 12))
	for i := range 100000 {
		var in [5]float32
		amp := []float32{1, 100, 1e4, 6e5}[i%4]
		for j := range in {
			if rng.IntN(4) > 0 {
				in[j] = (rng.Float32()*2 - 1) * amp
			}
		}
		a0, a1, a2, a3, a4, a5, a6 := idct7(in[0], in[1], in[2], in[3], in[4], 0, 0)
		b0, b1, b2, b3, b4, b5, b6 := idct7Of5(in[0], in[1], in[2], in[3], in[4])
		// +0 erases a zero's sign as the pixels' +128 does.
		require.Equal(t, [7]float32{a0 + 0, a1 + 0, a2 + 0, a3 + 0, a4 + 0, a5 + 0, a6 + 0},
			[7]float32{b0 + 0, b1 + 0, b2 + 0, b3 + 0, b4 + 0, b5 + 0, b6 + 0}, "inputs %v", in)
	}
}

// clampByteRef is clampByte before session 12: min and max alone.
func clampByteRef(v float32) uint8 {
	return uint8(min(max(int32(v+1024.5)-1024, 0), 255))
}

// TestClampByteIsTheReference: every float32 from −2048 to 2048 in
// steps of 1/64 (every half-way point and its neighbours included),
// the values next to each half, and random magnitudes up to 1e6.
func TestClampByteIsTheReference(t *testing.T) {
	for i := -2048 * 64; i <= 2048*64; i++ {
		v := float32(i) / 64
		for _, w := range []float32{v, math.Nextafter32(v, -1e9), math.Nextafter32(v, 1e9)} {
			require.Equal(t, clampByteRef(w), clampByte(w), "%v", w)
		}
	}
	rng := rand.New(rand.NewPCG(1, 255))
	for range 100000 {
		v := (rng.Float32()*2 - 1) * 1e6
		require.Equal(t, clampByteRef(v), clampByte(v), "%v", v)
	}
}
