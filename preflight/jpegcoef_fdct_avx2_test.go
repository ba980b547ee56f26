package preflight

import (
	"fmt"
	"image"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// fdctTables is every table the transform quantises with (luma and
// chroma at fdctMille), then the finest and coarsest steps and random
// ones, as reciprocals in zig-zag order.
func fdctTables(t testing.TB) [][64]float32 {
	t.Helper()
	c, err := planesCoefsLayout(16, 16)
	require.NoError(t, err)
	var tables [][64]float32
	recip := func(step func(k int) uint16) {
		var inv [64]float32
		for k := range inv {
			inv[k] = 1 / (8 * float32(step(k)))
		}
		tables = append(tables, inv)
	}
	for _, q := range c.quant[:2] {
		recip(func(k int) uint16 { return q[k] })
	}
	recip(func(int) uint16 { return 1 })
	recip(func(int) uint16 { return 255 })
	rng := rand.New(rand.NewPCG(3, 7))
	for range 4 {
		recip(func(int) uint16 { return uint16(1 + rng.IntN(255)) })
	}
	return tables
}

// requireKernelIsGeneric runs fdctCols, fdctRows, quantiseBlock and
// fdctQuantPackAVX2 on the block of rows r at inv and requires the
// values putNonZero stores (the DC and the non-zero values in zig-zag
// order) and their mask.
func requireKernelIsGeneric(t *testing.T, name string, r *[8]*[8]uint8, inv *[64]float32) {
	t.Helper()
	var blk [64]int32
	var want [64]int16
	fdctCols(&blk, r)
	fdctRows(&blk)
	end := quantiseBlock(&blk, inv, want[:])
	at := zigzagTransposed()
	var invT [64]float32
	for k := range inv {
		invT[at[k]] = inv[k]
	}
	var dst [64]int16
	for k := range dst {
		dst[k] = 0x5555 // stale values must not show through
	}
	n, mask := fdctQuantPackAVX2(r, &invT, &dst)
	if wantVals, wantMask := packOf(want[:]), maskOf(want[:]); !slices.Equal(dst[:n], wantVals) || mask != wantMask {
		t.Fatalf("%s: AVX2 %v mask %#x, generic %v mask %#x (block %v)", name, dst[:n], mask, wantVals, wantMask, want)
	}
	if e := 64 - bits.LeadingZeros64(mask); e != end {
		t.Fatalf("%s: the mask ends at %d, quantiseBlock at %d", name, e, end)
	}
}

// rowsOfBlock points rows at the eight rows of the 8×8 block px.
func rowsOfBlock(px *[64]uint8) *[8]*[8]uint8 {
	var r [8]*[8]uint8
	for y := range 8 {
		r[y] = (*[8]uint8)(px[8*y : 8*y+8])
	}
	return &r
}

// TestFDCTQuantPackAVX2IsGeneric: the AVX2 kernel gives the generic
// kernels' coefficients and mask bit for bit, on every table, for
// blocks flat at the extremes, checkerboards and stripes of every
// period, single samples at every position, ramps, and random ones.
func TestFDCTQuantPackAVX2IsGeneric(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2")
	}
	var blocks []struct {
		name string
		px   [64]uint8
	}
	add := func(name string, f func(y, x int) uint8) {
		var px [64]uint8
		for i := range px {
			px[i] = f(i/8, i%8)
		}
		blocks = append(blocks, struct {
			name string
			px   [64]uint8
		}{name, px})
	}
	for _, v := range []uint8{0, 1, 127, 128, 254, 255} {
		add(fmt.Sprintf("flat %d", v), func(int, int) uint8 { return v })
	}
	for _, p := range []int{1, 2, 4} {
		add(fmt.Sprintf("checkerboard %d", p), func(y, x int) uint8 { return uint8(255 * ((y/p + x/p) % 2)) })
		add(fmt.Sprintf("inverse checkerboard %d", p), func(y, x int) uint8 { return uint8(255 * (1 - (y/p+x/p)%2)) })
		add(fmt.Sprintf("columns %d", p), func(_, x int) uint8 { return uint8(255 * (x / p % 2)) })
		add(fmt.Sprintf("rows %d", p), func(y, _ int) uint8 { return uint8(255 * (y / p % 2)) })
	}
	for i := range 64 {
		add(fmt.Sprintf("255 at %d", i), func(y, x int) uint8 { return uint8(255 * b2i(8*y+x == i)) })
		add(fmt.Sprintf("0 at %d", i), func(y, x int) uint8 { return uint8(255 * b2i(8*y+x != i)) })
	}
	add("ramp", func(y, x int) uint8 { return uint8(4 * (8*y + x)) })
	add("ramp down", func(y, x int) uint8 { return uint8(255 - 4*(8*y+x)) })
	rng := rand.New(rand.NewPCG(11, 13))
	for i := range 3000 {
		switch i % 3 {
		case 0:
			add(fmt.Sprintf("random %d", i), func(int, int) uint8 { return uint8(rng.UintN(256)) })
		case 1:
			add(fmt.Sprintf("random extremes %d", i), func(int, int) uint8 { return uint8(255 * rng.UintN(2)) })
		default:
			base := rng.IntN(256)
			add(fmt.Sprintf("noise %d", i), func(int, int) uint8 { return uint8(min(255, max(0, base+rng.IntN(9)-4))) })
		}
	}
	for ti, inv := range fdctTables(t) {
		for _, b := range blocks {
			requireKernelIsGeneric(t, fmt.Sprintf("table %d, %s", ti, b.name), rowsOfBlock(&b.px), &inv)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// FuzzFDCTQuantPackAVX2: any 64 samples, at any table of fdctTables.
func FuzzFDCTQuantPackAVX2(f *testing.F) {
	f.Add(make([]byte, 64), uint8(0))
	f.Add(slices.Repeat([]byte{255}, 64), uint8(1))
	f.Add(slices.Repeat([]byte{0, 255}, 32), uint8(2))
	tables := fdctTables(f)
	f.Fuzz(func(t *testing.T, px []byte, table uint8) {
		if !haveAVX2 {
			t.Skip("no AVX2")
		}
		if len(px) < 64 {
			return
		}
		inv := tables[int(table)%len(tables)]
		requireKernelIsGeneric(t, fmt.Sprintf("%v", px[:64]), rowsOfBlock((*[64]uint8)(px[:64])), &inv)
	})
}

// TestTransformBandAVX2IsGeneric: whole planes, in bands as scaledCoefs
// transforms them, give the same blocks (offsets, ends, masks, stored
// values) through the AVX2 kernel as through the generic one, edge
// blocks (odd sizes, rows and columns repeated) included.
func TestTransformBandAVX2IsGeneric(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2")
	}
	tests := []struct {
		content content
		w, h    int
	}{
		{contentScene, 333, 211},
		{contentText, 320, 240},
		{contentNoisy, 17, 9},
		{contentFlat, 1, 1},
		{contentFlat, 7, 70},
		{contentScene, 250, 33},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d×%d", tt.content, tt.w, tt.h), func(t *testing.T) {
			img := planes420(photo(t, tt.content, tt.w, tt.h, 5))
			var got [2]*coefImage
			for i, avx2 := range []bool{false, true} {
				c, err := planesCoefsLayout(tt.w, tt.h)
				require.NoError(t, err)
				c.allocate()
				pw := new(packWriter)
				// Bands of two MCU rows, the last one short.
				for y0 := 0; y0 < tt.h; y0 += 32 {
					c.transformBandWith(bandOf(img, y0, 32), y0/16, pw, avx2)
				}
				got[i] = c
			}
			g, a := got[0], got[1]
			for i := range g.comps {
				gc, ac := &g.comps[i], &a.comps[i]
				require.Equal(t, gc.end, ac.end, "component %d ends", i)
				require.Equal(t, gc.nz, ac.nz, "component %d masks", i)
				require.Equal(t, gc.off, ac.off, "component %d offsets", i)
				for b := range gc.nz {
					require.Equal(t, gc.blockVals(b), ac.blockVals(b), "component %d block %d", i, b)
				}
			}
		})
	}
}

// bandOf is the n rows of the 4:2:0 planes img from row y0 (even) on, at
// the origin, as scaledCoefs hands them to transformBand.
func bandOf(img *image.YCbCr, y0, n int) *image.YCbCr {
	return &image.YCbCr{
		Y: img.Y[y0*img.YStride:], Cb: img.Cb[y0/2*img.CStride:], Cr: img.Cr[y0/2*img.CStride:],
		YStride: img.YStride, CStride: img.CStride, SubsampleRatio: image.YCbCrSubsampleRatio420,
		Rect: image.Rect(0, 0, img.Rect.Dx(), min(n, img.Rect.Dy()-y0)),
	}
}

// TestPackWriterSlotCommitIsPutVals: values written to slots and kept
// by commit are stored as putVals stores them, across chunks, whatever
// was written past them.
func TestPackWriterSlotCommitIsPutVals(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 29))
	var ws, wv packWriter
	for i := range 3 * packChunk / 16 {
		k := 1 + rng.IntN(64)
		s := ws.slot()
		for j := range s {
			s[j] = int16(rng.IntN(65536) - 32768)
		}
		require.Equal(t, wv.putVals(s[:k]), ws.commit(k), "block %d", i)
	}
	require.Greater(t, len(wv.store()), 2, "chunks")
	require.Equal(t, wv.store(), ws.store())
}
