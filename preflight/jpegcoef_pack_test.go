package preflight

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// denseCoefs is cc's coefficients unpacked to the dense store of
// sessions 1–11: 64 per block, zig-zag order, blocks in row-major order.
func denseCoefs(cc *coefComp) []int16 {
	d := make([]int16, 64*len(cc.nz))
	for b := range cc.nz {
		cc.scatter(b, (*[64]int16)(d[64*b:64*b+64]))
	}
	return d
}

// packOf is the stored values of a dense block whose mask is maskOf's.
func packOf(blk []int16) []int16 {
	var v []int16
	for m := maskOf(blk); m != 0; m &= m - 1 {
		v = append(v, blk[bits.TrailingZeros64(m)])
	}
	return v
}

// compOf is a coefComp holding the dense blocks coef (64 each) with
// ends end, packed with maskOf's masks.
func compOf(bw, bh int, coef []int16, end []uint8) *coefComp {
	cc := &coefComp{bw: bw, bhgt: bh, off: make([]uint32, bw*bh), end: end, nz: make([]uint64, bw*bh)}
	var w packWriter
	for b := range bw * bh {
		cc.nz[b] = maskOf(coef[64*b : 64*b+64])
		cc.off[b] = w.putVals(packOf(coef[64*b : 64*b+64]))
	}
	cc.vals = w.store()
	return cc
}

// requireStoreMatches checks that every block of cc stores its mask's
// values within its chunk and that the masked values other than the DC
// are non-zero, and returns how many values its blocks store.
func requireStoreMatches(t *testing.T, cc *coefComp, what string) int {
	t.Helper()
	require.Len(t, cc.off, len(cc.nz), what)
	n := 0
	for b := range cc.nz {
		o := cc.off[b]
		require.Less(t, int(o>>packChunkBits), len(cc.vals), "%s: block %d past the store", what, b)
		k := bits.OnesCount64(cc.nz[b])
		n += k
		require.NotZero(t, cc.nz[b]&1, "%s: block %d has no DC bit", what, b)
		require.LessOrEqual(t, int(o&(packChunk-1))+k, len(cc.vals[o>>packChunkBits]), "%s: block %d past its chunk", what, b)
		for i, v := range cc.blockVals(b)[1:] {
			require.NotZero(t, v, "%s: block %d stores a zero at its %d-th AC", what, b, i+1)
		}
	}
	return n
}

// heldValues is the values a store holds.
func heldValues(vals [][]int16) int {
	held := 0
	for _, ch := range vals {
		held += len(ch)
	}
	return held
}

// randomBlock is a block with a random end, density (one of four by i)
// and a zero DC at times.
func randomBlock(rng *rand.Rand, i int) ([64]int16, int) {
	var blk [64]int16
	density := []float64{0, 0.05, 0.3, 1}[i%4]
	end := 1 + rng.IntN(64)
	blk[0] = int16(rng.IntN(3) - 1)
	for k := 1; k < end; k++ {
		if rng.Float64() < density {
			blk[k] = int16(rng.IntN(2001) - 1000)
		}
	}
	return blk, end
}

func TestPackWriterRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	// Enough dense blocks for several chunks.
	var w packWriter
	var blocks [][64]int16
	var offs []uint32
	var masks []uint64
	for i := range 3 * packChunk / 8 {
		blk, end := randomBlock(rng, i)
		switch i % 3 {
		case 0:
			off, nz := w.putNonZero(&blk, end)
			require.Equal(t, maskOf(blk[:]), nz, "block %d", i)
			offs, masks = append(offs, off), append(masks, nz)
		case 1:
			nz := maskOf(blk[:])
			offs, masks = append(offs, w.put(&blk, nz)), append(masks, nz)
		default:
			offs, masks = append(offs, w.putVals(packOf(blk[:]))), append(masks, maskOf(blk[:]))
		}
		blocks = append(blocks, blk)
	}
	cc := &coefComp{vals: w.store(), off: offs, nz: masks}
	require.Greater(t, len(cc.vals), 2, "chunks")
	require.Equal(t, heldValues(cc.vals), requireStoreMatches(t, cc, "written"), "the store holds the values and nothing else")
	for i, want := range blocks {
		var got [64]int16
		cc.scatter(i, &got)
		require.Equal(t, want, got, "block %d", i)
		require.Equal(t, packOf(want[:]), cc.blockVals(i), "block %d", i)
		require.Equal(t, want[0], cc.dcOf(i), "block %d", i)
		clearMask(&got, cc.nz[i])
		require.Equal(t, [64]int16{}, got, "cleared")
	}
}

// A writer with a donor takes its spent chunks, in order, and fresh ones
// past them; the donor's chunks not spent are never written.
func TestPackWriterTakesSpentChunksOnly(t *testing.T) {
	donor := make([][]int16, 3)
	for i := range donor {
		donor[i] = make([]int16, packChunk)
		for k := range donor[i] {
			donor[i][k] = 7
		}
		donor[i] = donor[i][:100]
	}
	first, last := &donor[0][0], donor[2]
	w := packWriter{donor: donor, spent: 2}
	var blk [64]int16
	for k := range blk {
		blk[k] = int16(-k - 1)
	}
	n := 3*packChunk/64 + 10 // three chunks and a bit
	offs := make([]uint32, n)
	for i := range offs {
		offs[i] = w.put(&blk, ^uint64(0))
	}
	store := w.store()
	require.Len(t, store, 4)
	assert.True(t, &store[0][0] == first, "the first spent chunk taken first")
	assert.False(t, &store[2][0] == &last[:1][0], "the chunk not spent left alone")
	for k := range packChunk {
		require.Equal(t, int16(7), last[:packChunk][k], "unspent chunk written at %d", k)
	}
	cc := &coefComp{vals: store, off: offs, nz: make([]uint64, n)}
	for i := range cc.nz {
		cc.nz[i] = ^uint64(0)
		require.Equal(t, blk[:], cc.blockVals(i), "block %d", i)
	}
}

// The 7/8 output written over a photo large enough for several chunks
// takes the chunks of the bands read, and is the output made apart,
// block for block.
func TestScaledCoefsTakesTheReadChunks(t *testing.T) {
	data := encodeTest(t, photo(t, contentNoisy, 1024, 1024, 7), 100)
	want, err := decodeCoefs(data, DefaultMaxPixels)
	require.NoError(t, err)
	in, err := decodeCoefs(data, DefaultMaxPixels)
	require.NoError(t, err)
	require.Greater(t, len(in.comps[0].vals), 3, "input chunks")
	inputs := map[*int16]bool{}
	for _, ch := range in.comps[0].vals {
		inputs[&ch[:1][0]] = true
	}
	wantOut, ok, err := want.scaledCoefs(7, false)
	require.NoError(t, err)
	require.True(t, ok)
	got, ok, err := in.scaledCoefs(7, true)
	require.NoError(t, err)
	require.True(t, ok)
	require.Nil(t, in.comps, "the input is spent")
	taken := 0
	for _, ch := range got.comps[0].vals {
		if inputs[&ch[:1][0]] {
			taken++
		}
	}
	assert.Positive(t, taken, "chunks of the input taken")
	for i := range wantOut.comps {
		assert.Equal(t, wantOut.comps[i].end, got.comps[i].end, "component %d ends", i)
		assert.Equal(t, wantOut.comps[i].nz, got.comps[i].nz, "component %d masks", i)
		assert.Equal(t, denseCoefs(&wantOut.comps[i]), denseCoefs(&got.comps[i]), "component %d coefficients", i)
		requireStoreMatches(t, &got.comps[i], "scaled over the input")
	}
}

// blockPacked is scaledIDCT.block, bit for bit, at every scale, on
// random blocks of every density.
func TestBlockPackedIsBlock(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	cc := randomComp(rng, 41, 29)
	var q [64]float32
	for k := range q {
		q[k] = float32(1 + rng.IntN(40))
	}
	for m := 1; m <= 8; m++ {
		tr := newScaledIDCT(m)
		stride := cc.bw * m
		want, got := make([]uint8, stride*cc.bhgt*m), make([]uint8, stride*cc.bhgt*m)
		for by := range cc.bhgt {
			for bx := range cc.bw {
				b := cc.index(bx, by)
				var dense [64]int16
				cc.scatter(b, &dense)
				at := by*m*stride + bx*m
				tr.block(dense[:], int(cc.end[b]), cc.nz[b], &q, want[at:], stride)
				tr.blockPacked(cc.at(b), int(cc.end[b]), cc.nz[b], &q, got[at:], stride)
			}
		}
		require.Equal(t, want, got, "scale %d/8", m)
	}
}

// packedAt reads every coefficient of a packed block as the dense block
// holds it.
func TestPackedAtIsTheDenseCoefficient(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for i := range 400 {
		blk, _ := randomBlock(rng, i)
		vals, nz := packOf(blk[:]), maskOf(blk[:])
		for k := range 64 {
			require.Equal(t, blk[k], packedAt(vals, nz, k), "block %d coefficient %d", i, k)
		}
	}
}
