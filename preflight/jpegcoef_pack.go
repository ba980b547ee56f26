package preflight

import (
	"math/bits"

	"github.com/idpreflight/idpreflight/internal/hugepage"
)

// The coefficients are stored packed: per block only the values its mask
// (coefComp.nz) marks, in zig-zag order, at the block's offset
// (coefComp.off) in a store of fixed-size chunks. A desk photo's decoded
// block holds ~10 non-zero coefficients of 64, so the dense store (128
// bytes a block) was mostly zeros: 302 MB for the 100 MP bench photo
// (46 MB packed), whose first touch (~1.5 ms per MB on the Firecracker
// VM) was most of readBlock's time. Readers walk the mask's bits and
// take the values in order; kernels that want a dense block get one
// scattered into a zeroed scratch block (coefComp.scatter), cleared again
// at the same bits (clearMask) so that it stays zero between blocks.
//
// Chunks rather than one array: nothing bounds a store's size before it
// is written but 64 values a block, the 7/8 output of the 100 MP photo
// holds 1.6 times its input's values (finer tables, fdctMille), so it
// cannot be written over them in place, and a store that grows by
// copying zeroes and copies all it held. The output takes the input's
// chunks that the bands already read hold (packWriter.donor) instead of
// fresh memory.

// packChunkBits sets the values in a chunk (256 K: 512 KB, a band of 8
// MCU rows of the 100 MP photo holds ~0.4 M values).
const packChunkBits = 18

// packChunk is the values a chunk holds; a block never spans two.
const packChunk = 1 << packChunkBits

// packSlab is the values of the fresh memory chunks are cut from: 8 MB
// hold at least three whole 2 MB pages wherever they lie, for
// hugepage.Advise (a page not touched is never backed).
const packSlab = 16 * packChunk

// maxPackBlocks bounds the blocks of a store: offsets are 32 bits, and
// a chunk holds at least packChunk/64 - 1 blocks.
const maxPackBlocks = (1 << (32 - packChunkBits)) * (packChunk/64 - 1)

// at returns the values stored from block b's offset on: its own, one
// per bit of its mask, in zig-zag order (the DC first: its bit is always
// set), and whatever follows in the chunk.
func (c *coefComp) at(b int) []int16 {
	o := c.off[b]
	return c.vals[o>>packChunkBits][o&(packChunk-1):]
}

// blockVals returns block b's stored values alone.
func (c *coefComp) blockVals(b int) []int16 {
	return c.at(b)[:bits.OnesCount64(c.nz[b])]
}

// dcOf is block b's stored DC coefficient.
func (c *coefComp) dcOf(b int) int16 { return c.at(b)[0] }

// scatter writes block b's stored values into d, which must be zero
// wherever b's mask has a bit, and returns the mask.
func (c *coefComp) scatter(b int, d *[64]int16) uint64 {
	nz := c.nz[b]
	v := c.at(b)
	i := 0
	for m := nz; m != 0; m &= m - 1 {
		d[bits.TrailingZeros64(m)&63] = v[i]
		i++
	}
	return nz
}

// clearMask zeroes d wherever nz has a bit: a scratch block scattered
// into is zero again.
func clearMask(d *[64]int16, nz uint64) {
	for m := nz; m != 0; m &= m - 1 {
		d[bits.TrailingZeros64(m)&63] = 0
	}
}

// packWriter appends blocks to a packed store (coefComp.vals).
type packWriter struct {
	// chunks is the store: every chunk but the last is complete.
	chunks [][]int16
	// cur is the last chunk at its full length, n the values in it.
	cur []int16
	n   int
	// slab is fresh memory not yet made chunks.
	slab []int16
	// donor holds chunks of a store being read that the writer may
	// take, in order, those below spent once read: scaledCoefs sets
	// spent as its bands are read.
	donor        [][]int16
	taken, spent int
}

// room makes sure a block fits in the current chunk and returns where
// it starts there. The common case is inlined: the call cost readScan,
// which makes one a block, ~3 % (medians of 15 runs paired in one
// process).
func (w *packWriter) room() int {
	if w.cur != nil && w.n+64 <= packChunk {
		return w.n
	}
	return w.newChunk()
}

// newChunk starts the next chunk and returns 0, room's slow path.
func (w *packWriter) newChunk() int {
	if w.cur != nil {
		w.chunks[len(w.chunks)-1] = w.cur[:w.n]
	}
	if w.taken < w.spent {
		w.cur = w.donor[w.taken][:packChunk]
		w.donor[w.taken] = nil
		w.taken++
	} else {
		if len(w.slab) < packChunk {
			w.slab = make([]int16, packSlab)
			hugepage.Advise(w.slab)
		}
		w.cur, w.slab = w.slab[:packChunk:packChunk], w.slab[packChunk:]
	}
	w.chunks = append(w.chunks, w.cur)
	w.n = 0
	return 0
}

// offset is the store offset of position n of the current chunk.
func (w *packWriter) offset(n int) uint32 {
	return uint32(len(w.chunks)-1)<<packChunkBits | uint32(n)
}

// put appends the values of blk that nz marks, and returns the block's
// offset.
func (w *packWriter) put(blk *[64]int16, nz uint64) uint32 {
	n := w.room()
	dst := w.cur[n : n+64 : n+64]
	i := 0
	for m := nz; m != 0; m &= m - 1 {
		dst[i&63] = blk[bits.TrailingZeros64(m)&63]
		i++
	}
	w.n = n + i
	return w.offset(n)
}

// putVals appends a block's stored values (at most 64) and returns its
// offset.
func (w *packWriter) putVals(v []int16) uint32 {
	n := w.room()
	w.n = n + copy(w.cur[n:n+64], v)
	return w.offset(n)
}

// putNonZero appends the DC of blk and its non-zero coefficients below
// end (zero from end on), and returns the block's offset and exact mask
// (the DC's bit always set). Each value is written and the cursor moved
// by whether it is non-zero, without a branch: the transform's values are
// noise around zero.
func (w *packWriter) putNonZero(blk *[64]int16, end int) (uint32, uint64) {
	n := w.room()
	dst := w.cur[n : n+64 : n+64]
	dst[0] = blk[0]
	nz, i := uint64(1), 1
	for k := 1; k < min(end, 64); k++ {
		v := blk[k]
		dst[i&63] = v
		live := uint64(uint16(v|-v) >> 15) // 1 when v is not zero
		nz |= live << uint(k)
		i += int(live)
	}
	w.n = n + i
	return w.offset(n), nz
}

// slot makes room for a block and returns its 64 values' space in the
// current chunk, for a kernel that packs a block itself
// (fdctQuantPackAVX2) to write; commit keeps what it wrote.
func (w *packWriter) slot() *[64]int16 {
	n := w.room()
	return (*[64]int16)(w.cur[n : n+64])
}

// commit keeps the first k values written to the last slot, and returns
// the block's offset.
func (w *packWriter) commit(k int) uint32 {
	off := w.offset(w.n)
	w.n += k
	return off
}

// store is the chunks written so far, the last one cut to its values.
func (w *packWriter) store() [][]int16 {
	if w.cur != nil {
		w.chunks[len(w.chunks)-1] = w.cur[:w.n]
	}
	return w.chunks
}
