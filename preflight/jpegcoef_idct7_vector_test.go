package preflight

import (
	"encoding/binary"
	"math"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// requireBlock7Vector checks that the vector kernel (block7Vector, the
// AVX2 assembly on amd64) writes block7's pixels bit for bit for the
// block whose zig-zag coefficients blk (all 64, outside the corner too,
// as the packed store holds them) mark the mask nz, with steps q, and
// nothing else: the bytes around the 7×7 block, between its rows at
// stride and past its last row, keep their canary. The reference is
// blockPacked's generic path: the natural-order scatter and block7,
// itself checked against block7RefOf on every platform (the half that
// runs where there is no vector kernel).
func requireBlock7Vector(t *testing.T, tr *scaledIDCT, blk *[64]int16, nz uint64, q *[64]float32, stride int, name string) {
	t.Helper()
	var vals []int16
	var f [8][8]float32
	for m := nz; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		vals = append(vals, blk[k])
		n := zigzag[k]
		f[n>>3][n&7] = float32(blk[k]) * q[k]
	}
	if len(vals) == 0 {
		vals = append(vals, 0) // the store holds a block's DC always
	}
	const pad, canary = 5, 0xa5
	size := pad + 6*stride + 7 + pad
	want, got := make([]uint8, size), make([]uint8, size)
	for i := range want {
		want[i], got[i] = canary, canary
	}
	block7(&f, nz&tr.zzMask, &tr.rows7, want[pad:], stride)
	// The generic half, on every platform: block7 against the
	// reference from before session 12.
	copy(got, want)
	block7RefOf(tr, blk[:], nz, q, got[pad:], stride)
	require.Equal(t, want, got, "%s: block7 against block7RefOf: block %v mask %#x stride %d", name, *blk, nz, stride)
	if !haveAVX2 {
		return // no vector kernel: off amd64, purego, or a CPU without AVX2
	}
	for i := range got {
		got[i] = canary
	}
	require.True(t, block7Vector(vals, nz, q, got[pad:pad+6*stride+7], stride), "no vector kernel")
	require.Equal(t, want, got, "%s: block %v mask %#x stride %d", name, *blk, nz, stride)
}

// TestBlock7VectorIsBlock7: the vector kernel runs the full idct7 on
// every row and column where block7 chooses idct7Low or idct7Of5 (and
// skips the empty rows), which is the same pixels only if those passes
// differ from idct7 in nothing but the sign of a zero; and its clamp is
// two saturating packs where clampByte compares. Random blocks with every
// row shape block7's switch distinguishes (empty, held to columns 0–2,
// wider; blocks ending by row 2, row 4 or later), coefficients outside
// the corner (row and column 7, which the kernel must not read), single
// coefficients at every position, DC only, all zero, masks that mark
// zeros, and the extremes: ±2047 at steps of 255 everywhere, which clamp
// both ways.
func TestBlock7VectorIsBlock7(t *testing.T) {
	if !haveAVX2 {
		t.Log("no vector kernel here: the generic half alone")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	tr := newScaledIDCT(7)
	var ones, max [64]float32
	for k := range ones {
		ones[k], max[k] = 1, 255
	}
	for _, stride := range []int{7, 9, 23} {
		var zero [64]int16
		requireBlock7Vector(t, tr, &zero, 0, &ones, stride, "all zero")
		requireBlock7Vector(t, tr, &zero, ^uint64(0), &ones, stride, "all zero, full mask")
		for k := range 64 {
			for _, v := range []int16{1, -1, 5, -300, 2047, -2047, -2048} {
				blk := zero
				blk[k] = v
				q := randomSteps(rng, 255)
				requireBlock7Vector(t, tr, &blk, maskOf(blk[:]), &q, stride, "single")
				requireBlock7Vector(t, tr, &blk, maskOf(blk[:]), &max, stride, "single, steps 255")
			}
		}
		for _, dc := range []int16{2047, -2047, 1024, -1024, 0} {
			var blk [64]int16
			for k := range blk {
				blk[k] = []int16{2047, -2047}[rng.IntN(2)]
			}
			blk[0] = dc
			requireBlock7Vector(t, tr, &blk, maskOf(blk[:]), &max, stride, "extreme")
			for k := 1; k < 64; k++ {
				blk[k] = 2047
			}
			requireBlock7Vector(t, tr, &blk, maskOf(blk[:]), &max, stride, "extreme, all positive")
			for k := 1; k < 64; k++ {
				blk[k] = -2047
			}
			requireBlock7Vector(t, tr, &blk, maskOf(blk[:]), &max, stride, "extreme, all negative")
		}
	}
	for i := range 30000 {
		var blk [64]int16
		top := []int{2, 30, 300, 2047}[i%4]
		lastRow := []int{2, 4, 6, 7}[rng.IntN(4)]
		for k, n := range zigzag {
			v, u := n/8, n%8
			if v > lastRow {
				continue
			}
			// Per row: empty, held to columns 0–2, or up to any column.
			width := []int{0, 3, 8, 1 + rng.IntN(8)}[(i/4+v*rng.IntN(4))%4]
			if u >= width || rng.IntN(3) == 0 {
				continue
			}
			blk[k] = int16(rng.IntN(2*top+1) - top)
		}
		if i%5 == 0 {
			blk[0] = int16(rng.IntN(4095) - 2047)
		}
		q := randomSteps(rng, []int{1, 16, 255}[i%3])
		stride := 7 + rng.IntN(4)
		requireBlock7Vector(t, tr, &blk, maskOf(blk[:]), &q, stride, "random")
		// A mask that also marks zeros, every coefficient up to a random
		// end.
		end := 1 + rng.IntN(64)
		for k := end; k < 64; k++ {
			blk[k] = 0
		}
		requireBlock7Vector(t, tr, &blk, endMask(end), &q, stride, "end mask")
		// Steps far past any JPEG's (to 1e9): pixels from values beyond
		// int32, whose conversion gives 0x80000000, minus 1024 wrapping
		// to a large positive int32 (255 in Go and in the packs).
		for k := range q {
			q[k] = rng.Float32() * float32(math.Pow(10, float64(rng.IntN(10))))
		}
		requireBlock7Vector(t, tr, &blk, maskOf(blk[:]), &q, stride, "huge steps")
	}
}

// FuzzBlock7VectorIsBlock7: the vector kernel against block7 on fuzzed
// blocks: 64 coefficients from the input's little-endian pairs (cut to
// ±2048), the mask their non-zeros or, when the first byte is odd,
// every coefficient up to the last non-zero, steps from a byte (1..256)
// and strides 7 to 14.
func FuzzBlock7VectorIsBlock7(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 0x10, 0xff, 0x7f})
	f.Add(make([]byte, 130))
	f.Add(append([]byte{1, 255}, bytesOf(0xff, 0x07, 128)...))
	f.Add(append([]byte{3, 17}, bytesOf(0x01, 0xf8, 128)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		var head [2]byte
		copy(head[:], data)
		var blk [64]int16
		for k := range blk {
			if 2+2*k+1 >= len(data) {
				break
			}
			v := int16(binary.LittleEndian.Uint16(data[2+2*k:]))
			blk[k] = min(max(v, -2048), 2047)
		}
		nz := maskOf(blk[:])
		if head[0]&1 == 1 && nz != 0 {
			nz = endMask(64 - bits.LeadingZeros64(nz))
		}
		var q [64]float32
		for k := range q {
			q[k] = float32(int(head[1]) + 1 + k%3)
		}
		requireBlock7Vector(t, newScaledIDCT(7), &blk, nz, &q, 7+int(head[0]>>1)%8, "fuzz")
	})
}

// bytesOf is n bytes alternating a and b.
func bytesOf(a, b byte, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = a
		if i%2 == 1 {
			out[i] = b
		}
	}
	return out
}

// requireLowVector7 checks that lowVector7 writes lowBlock's pixels at
// m = 7 bit for bit for the natural corner f, and nothing around the
// 7×7 block (canaries before it, between its rows and after it);
// lowBlock itself is checked against the full sums on every platform
// (the half that runs where there is no vector kernel).
func requireLowVector7(t *testing.T, tr *scaledIDCT, f *[8][8]float32, stride int, name string) {
	t.Helper()
	const pad, canary = 5, 0x5a
	size := pad + 6*stride + 7 + pad
	want, got := make([]uint8, size), make([]uint8, size)
	for i := range want {
		want[i], got[i] = canary, canary
	}
	tr.lowBlock(f, want[pad:], stride)
	// The generic half, on every platform: lowBlock against the full
	// sums of the 3×3 corner alone.
	var corner [8][8]float32
	for v := range 3 {
		copy(corner[v][:3], f[v][:3])
	}
	copy(got, want)
	tr.sums(&corner, got[pad:], stride)
	require.Equal(t, want, got, "%s: lowBlock against sums: corner %v stride %d", name, *f, stride)
	if !haveAVX2 {
		return // no vector kernel: off amd64, purego, or a CPU without AVX2
	}
	for i := range got {
		got[i] = canary
	}
	require.True(t, lowVector7(f, &tr.lanes7, got[pad:pad+6*stride+7], stride), "no vector kernel")
	require.Equal(t, want, got, "%s: corner %v stride %d", name, *f, stride)
}

// TestLowVector7IsLowBlock: the vector lowBlock at 7/8 (output columns
// in the lanes, se − so as se plus the negated odd constant, row 3
// lowBlock's second write) gives lowBlock's pixels on random 3×3
// corners of every magnitude, with values outside the corner that
// neither may read, single coefficients, all zero and the extremes
// (±2047 at step 255), which clamp both ways.
func TestLowVector7IsLowBlock(t *testing.T) {
	if !haveAVX2 {
		t.Log("no vector kernel here: the generic half alone")
	}
	rng := rand.New(rand.NewPCG(3, 7))
	tr := newScaledIDCT(7)
	for _, stride := range []int{7, 8, 31} {
		var f [8][8]float32
		requireLowVector7(t, tr, &f, stride, "all zero")
		for v := range 3 {
			for u := range 3 {
				for _, c := range []float32{1, -1, 0.5, 2047 * 255, -2047 * 255, 2048 * 255} {
					var f [8][8]float32
					f[v][u] = c
					requireLowVector7(t, tr, &f, stride, "single")
				}
			}
		}
		for _, sign := range []float32{1, -1} {
			var f [8][8]float32
			for v := range 3 {
				for u := range 3 {
					f[v][u] = sign * 2047 * 255
				}
			}
			requireLowVector7(t, tr, &f, stride, "extreme")
		}
	}
	for i := range 50000 {
		var f [8][8]float32
		// Outside the corner: what a packed block's scatter may leave
		// there, which neither kernel reads.
		for v := range 8 {
			for u := range 8 {
				f[v][u] = float32(rng.IntN(4001) - 2000)
			}
		}
		top := []int{2, 30, 300, 2047}[i%4]
		for v := range 3 {
			for u := range 3 {
				f[v][u] = 0
				if rng.IntN(3) > 0 {
					f[v][u] = float32(rng.IntN(2*top+1)-top) * float32(1+rng.IntN([]int{1, 16, 255}[i%3]))
				}
			}
		}
		requireLowVector7(t, tr, &f, 7+rng.IntN(4), "random")
		// Floats far past any JPEG's (to 1e12, beyond int32 after the
		// transform): the conversion's out-of-range 0x80000000 minus
		// 1024 must clamp as clampByte's, and row 3's tiny odd term
		// (o0 = cos(π/2) in float32, ~3e-17) can tip a pixel only at
		// such magnitudes, so only they tell se − so from se + so there.
		for v := range 3 {
			for u := range 3 {
				f[v][u] = (rng.Float32()*2 - 1) * float32(math.Pow(10, float64(rng.IntN(13))))
			}
		}
		requireLowVector7(t, tr, &f, 7, "huge")
	}
}

// FuzzLowVector7IsLowBlock: the vector lowBlock at 7/8 against lowBlock
// on fuzzed 3×3 corners: nine coefficients from the input's
// little-endian pairs (cut to ±2048) times a step from a byte (1..256),
// and strides 7 to 14.
func FuzzLowVector7IsLowBlock(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 0x10, 0xff, 0x7f})
	f.Add(append([]byte{1, 255}, bytesOf(0xff, 0x07, 18)...))
	f.Add(append([]byte{3, 17}, bytesOf(0x01, 0xf8, 18)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		var head [2]byte
		copy(head[:], data)
		var c [8][8]float32
		for k := range 9 {
			if 2+2*k+1 >= len(data) {
				break
			}
			v := int16(binary.LittleEndian.Uint16(data[2+2*k:]))
			c[k/3][k%3] = float32(min(max(v, -2048), 2047)) * float32(int(head[1])+1)
		}
		requireLowVector7(t, newScaledIDCT(7), &c, 7+int(head[0])%8, "fuzz")
	})
}
