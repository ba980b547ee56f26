package preflight

import (
	"fmt"
	"math/bits"

	"github.com/idpreflight/idpreflight/internal/hugepage"
)

// The DCT path of recompression works on what a JPEG stores: quantised
// DCT coefficients. Reading them is only the entropy decoding of the
// scan (no IDCT, no colour conversion, no upsampling), which is what
// makes transcoding several times faster than decoding to pixels and
// encoding again. This file reads them; jpegcoef_requant.go chooses the
// new tables and jpegcoef_encode.go writes the result.

// coefImage holds a sequential Huffman JPEG's quantised coefficients.
type coefImage struct {
	scan *jpegScan
	// quant holds the DQT tables by id, zig-zag order as stored.
	quant [4]*[64]uint16
	comps []coefComp
	// mcusX, mcusY count the scan's MCUs; a single-component scan has
	// one block per MCU.
	mcusX, mcusY int
	// segs are the header segments before the scan (metadata,
	// structural APPn), for the caller to carry over.
	segs []jpegSegment
	// scanOrdered says the components share one packed array in scan
	// order (readScan's): MCU row r's values all come before row r+1's,
	// which lets scaledCoefs write its output over the rows it read.
	scanOrdered bool
}

// coefComp is one component's blocks, padded to whole MCUs as the scan
// codes them.
type coefComp struct {
	scanComp
	// bh, bv are the blocks of the component per MCU in the scan (h, v
	// of SOF in an interleaved scan, 1×1 in a single-component one).
	bh, bv int
	// bw, bhgt are the block grid's width and height.
	bw, bhgt int
	// vals holds the blocks' stored coefficients, packed in chunks
	// (jpegcoef_pack.go): block b's are at off[b] (coefComp.at), one per
	// bit of nz[b], in zig-zag order. The components of a decoded image
	// share one store, in scan order.
	vals [][]int16
	off  []uint32
	// end holds per block the zig-zag index after its last non-zero
	// coefficient: the rest of the block need not be read again.
	end []uint8
	// nz holds per block a bit per stored coefficient (bit k: zig-zag
	// index k; the DC's always set): exactly its non-zero ones, so that
	// the size counts visit only those (a q95 photo's blocks hold a fifth
	// as many as their end says). Every coefficient without a bit is
	// zero.
	nz []uint64
}

// index is the index of block (bx, by).
func (c *coefComp) index(bx, by int) int { return by*c.bw + bx }

// decodeCoefs reads the coefficients of a JPEG with one sequential
// Huffman scan of all its components (baseline or extended 8-bit,
// restart intervals allowed). Anything else (progressive, arithmetic,
// 12-bit, several scans) and corrupt data give an error wrapping
// errHuffman; the caller falls back to decoding pixels. maxPixels bounds
// the frame before anything is allocated.
func decodeCoefs(data []byte, maxPixels int) (*coefImage, error) {
	s, err := parseScan(data)
	if err != nil {
		return nil, err
	}
	if s.width*s.height > maxPixels {
		return nil, fmt.Errorf("%w: %d×%d is over %d pixels", ErrTooLarge, s.width, s.height, maxPixels)
	}
	segs, _, err := splitJPEG(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errHuffman, err)
	}
	c := &coefImage{scan: s, quant: readJPEGFacts(data).quant, segs: segs}
	hmax, vmax := 1, 1
	for _, sc := range s.comps {
		hmax, vmax = max(hmax, sc.h), max(vmax, sc.v)
	}
	c.mcusX, c.mcusY = ceilDiv(s.width, 8*hmax), ceilDiv(s.height, 8*vmax)
	blocks := 0
	for _, sc := range s.comps {
		if c.quant[sc.tq] == nil {
			return nil, fmt.Errorf("%w: component %d names missing quantisation table %d", errHuffman, sc.id, sc.tq)
		}
		for _, q := range c.quant[sc.tq] {
			if q == 0 {
				// T.81 allows no zero step; requantising divides by it.
				return nil, fmt.Errorf("%w: quantisation table %d holds a zero step", errHuffman, sc.tq)
			}
		}
		cc := coefComp{scanComp: sc, bh: sc.h, bv: sc.v}
		if len(s.comps) == 1 {
			// Not interleaved: the blocks cover the component's own
			// size, one per MCU, whatever the sampling factors say.
			cc.bh, cc.bv = 1, 1
			c.mcusX = ceilDiv(ceilDiv(s.width*sc.h, hmax), 8)
			c.mcusY = ceilDiv(ceilDiv(s.height*sc.v, vmax), 8)
		}
		cc.bw, cc.bhgt = c.mcusX*cc.bh, c.mcusY*cc.bv
		n := cc.bw * cc.bhgt
		cc.off, cc.end, cc.nz = make([]uint32, n), make([]uint8, n), make([]uint64, n)
		hugepage.Advise(cc.nz)
		hugepage.Advise(cc.off)
		blocks += n
		c.comps = append(c.comps, cc)
	}
	if blocks > maxPackBlocks {
		return nil, fmt.Errorf("%w: %d blocks are past the packed store's offsets", ErrTooLarge, blocks)
	}
	if err := c.readScan(data); err != nil {
		return nil, err
	}
	return c, nil
}

// readScan entropy-decodes the scan into the components' blocks (their
// off, end and nz allocated), packed in scan order into one array they
// share. readBlock writes each block's values straight into the store:
// through a dense scratch block, its values gathered and cleared again
// cost the decode of the 100 MP photo a fifth more CPU (pprof).
func (c *coefImage) readScan(data []byte) error {
	s := c.scan
	r := bitReader{data: data, p: s.dataStart}
	var w packWriter
	err := c.readBlocks(&r, &w)
	for i := range c.comps {
		c.comps[i].vals = w.store()
	}
	c.scanOrdered = true
	if err != nil {
		return err
	}
	if r.overrun() {
		return fmt.Errorf("%w: the scan ends early", errHuffman)
	}
	return nil
}

// readBlocks decodes every block in scan order (walkBlocks' order,
// written out here without its two closure calls a block, and with the
// reader's position in a local in readBlock: readScan on the 100 MP
// photo 6 % less CPU, medians of 15 runs paired in one process).
func (c *coefImage) readBlocks(r *bitReader, w *packWriter) error {
	var pred [4]int
	var dcT, acT [4]*huffTable
	for i := range c.comps {
		dcT[i], acT[i] = c.scan.tables[0][c.comps[i].dc], c.scan.tables[1][c.comps[i].ac]
	}
	ri := c.scan.restart
	for m := 0; m < c.mcusX*c.mcusY; m++ {
		if ri > 0 && m > 0 && m%ri == 0 {
			pred = [4]int{}
			if err := r.restart(m/ri - 1); err != nil {
				return err
			}
		}
		mx, my := m%c.mcusX, m/c.mcusX
		for ci := range c.comps {
			cc := &c.comps[ci]
			for y := range cc.bv {
				b := cc.index(mx*cc.bh, my*cc.bv+y)
				for range cc.bh {
					n := w.room()
					end, nz, err := r.readBlock(dcT[ci&3], acT[ci&3], (*[64]int16)(w.cur[n:n+64]), &pred[ci&3])
					if err != nil {
						return err
					}
					cc.off[b], cc.end[b], cc.nz[b] = w.offset(n), uint8(end), nz
					w.n = n + bits.OnesCount64(nz)
					b++
				}
			}
		}
	}
	return nil
}

// readBlock decodes one block (T.81 F.2.2) packed into vals: the DC
// difference added to the component's prediction, then the AC run/size
// pairs, each coefficient stored in turn (one per bit of the mask, as
// coefComp.vals holds them). It returns the index after the last non-zero
// coefficient (at least 1: the DC) and the block's mask (coefComp.nz;
// bit 0, the DC, always set).
func (r *bitReader) readBlock(dc, ac *huffTable, vals *[64]int16, pred *int) (int, uint64, error) {
	// The reader's state stays in locals (r's fields went through
	// memory at every refill).
	acc, n, p, data := r.acc, r.n, r.p, r.data
	// A symbol and its extra bits take at most 16+11 bits: one refill
	// test per symbol.
	if n < 32 {
		if x, ok := next8(data, p); ok {
			acc |= x >> uint(n&63)
			p += (63 - n) >> 3
			n |= 56 // n + 8·(63-n)/8
		} else {
			r.p = p
			acc, n = r.refillBytes(acc, n)
			p = r.p
		}
	}
	f := dc.fast[acc>>(64-lutBits)]
	if f>>8&0xFF == 0 {
		acc <<= uint(f & 63)
		n -= int(f & 63)
		*pred += int(f >> 16)
	} else {
		t, l := byte(f>>16), int(f&0xFF)
		if f>>8&0xFF == fastLong {
			var err error
			if t, l, err = dc.decodeLong(acc); err != nil {
				return 0, 0, err
			}
		}
		if t > 11 {
			return 0, 0, fmt.Errorf("%w: DC size %d", errHuffman, t)
		}
		acc <<= uint(l)
		n -= l
		*pred += extend(uint32(acc>>(64-uint(t))), int(t))
		acc <<= uint(t)
		n -= int(t)
	}
	if *pred < -2048 || *pred > 2047 {
		return 0, 0, fmt.Errorf("%w: DC value %d out of range", errHuffman, *pred)
	}
	vals[0] = int16(*pred)
	nz, i := uint64(1), 1
	for k := 1; k < 64; {
		if n < 32 {
			if x, ok := next8(data, p); ok {
				acc |= x >> uint(n&63)
				p += (63 - n) >> 3
				n |= 56
			} else {
				r.p = p
				acc, n = r.refillBytes(acc, n)
				p = r.p
			}
		}
		// One or two coefficients (a pair entry), when the second, if
		// any, is still inside the block.
		e := ac.pair[acc>>(64-lutBits)]
		k1 := k + int(e>>8&0xFF)
		k2 := k1 + 1 + int(e>>pairRun&0xFF)
		if uint(k2) < 64 {
			acc <<= uint(e) & 63 // the shift masks its count: bits 0–5
			n -= int(e & 63)
			more := int(e >> pairMore & 0xFF)
			// i ≤ k1 < 63: the second store stays in the block, and
			// without a second coefficient the next one overwrites it.
			vals[i&63] = int16(e >> 16)
			vals[(i+1)&63] = int16(e >> pairVal)
			nz |= 1<<uint(k1&63) | uint64(more)<<uint(k2&63)
			i += 1 + more
			k = k2 + more
			continue
		}
		f := ac.fast[acc>>(64-lutBits)]
		l := uint(f & 63) // bits ≤ 16: & 63 spares the shift its guard
		acc <<= l
		n -= int(l)
		k += int(f >> 8 & 0xFF)
		if uint(k) < 64 {
			vals[i&63] = int16(f >> 16)
			i++
			nz |= 1 << uint(k)
			k++
			continue
		}
		// Past the block: a run too long, or one of the flags.
		flag := int(f >> 8 & 0xFF)
		k -= flag
		if flag == fastEOB {
			break
		}
		if flag < fastSym {
			return 0, 0, fmt.Errorf("%w: run past the block", errHuffman)
		}
		rs := byte(f >> 16)
		if flag == fastLong {
			var l int
			var err error
			if rs, l, err = ac.decodeLong(acc); err != nil {
				return 0, 0, err
			}
			acc <<= uint(l)
			n -= l
		}
		run, size := int(rs>>4), int(rs&15)
		if size == 0 {
			if run != 15 {
				break // end of block
			}
			k += 16
			continue
		}
		if size > 10 {
			return 0, 0, fmt.Errorf("%w: AC size %d", errHuffman, size)
		}
		k += run
		if k > 63 {
			return 0, 0, fmt.Errorf("%w: run past the block", errHuffman)
		}
		vals[i&63] = int16(extend(uint32(acc>>(64-uint(size))), size))
		i++
		acc <<= uint(size)
		n -= size
		nz |= 1 << uint(k)
		k++
	}
	r.acc, r.n, r.p = acc, n, p
	return bits.Len64(nz), nz, nil
}

// extend turns the size extra bits v of a coefficient into its value
// (T.81 F.2.2.1: values below 2^(size-1) are negative).
func extend(v uint32, size int) int {
	if size == 0 {
		return 0
	}
	if v < 1<<uint(size-1) {
		return int(v) - (1 << uint(size)) + 1
	}
	return int(v)
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }
