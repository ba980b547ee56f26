package preflight

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Writing coefficients back: every block is requantised and turned into
// its symbols to count them (the optimal Huffman tables and the exact
// size follow from the counts). Counting costs no output, so the quality
// search can try several tables and still write once. The exact count
// (count, every block) also keeps the symbols it found, in scan order
// (coefStats.syms), and encode writes them with the tables: requantising
// and scanning every block a second time was two thirds of the write
// (12 MP, session 7).

// coefStats are the symbol counts of the coefficients under one set of
// quantisation tables.
type coefStats struct {
	freq [2][4][257]int // [class: 0 DC, 1 AC][table id][symbol]
	// extra counts the bits that follow the symbols (the coefficients'
	// magnitudes).
	extra int
	// intervals counts the restart intervals (1 without restarts).
	intervals int
	// huff are the optimal tables for freq, for every table in use.
	huff [2][4]*huffTable
	// syms are the symbols counted, in scan order, when every block was
	// (count): what encode writes. nil for a sample (countSample).
	syms *symStream
}

// A symbol entry of coefStats.syms: the Huffman symbol with the table
// that codes it and the extra bits that follow it, or a restart marker.
// The extra bits are at most 11 (a DC difference), the tables 2×4.
const (
	symExtraBits  = 16 // bits 0..15: the extra bits' value
	symSymbolAt   = 16 // bits 16..23: the symbol
	symTableAt    = 24 // bits 24..26: class·4 + table id
	symSizeAt     = 27 // bits 27..30: how many extra bits
	symRestart    = 1 << 31
	symTableMask  = 7
	symSymbolMask = 0xFF
)

// symEntry packs one symbol of table sel (class·4 + id) and its size
// extra bits into an entry of coefStats.syms.
func symEntry(sel uint32, sym, size int, extra uint32) uint32 {
	return uint32(size)<<symSizeAt | sel<<symTableAt | uint32(sym)<<symSymbolAt | extra&(1<<symExtraBits-1)
}

// symStream is the symbols a count kept, in chunks of symChunk entries:
// one slice grown from nothing copied them over and over (a tenth of
// the count's time on a 12 MP text page), and the count cannot know
// how many there will be (2.6 to 4.2 million at 2 MB on the bench
// photos).
type symStream struct {
	full [][]uint32
	cur  []uint32
}

// symChunk is the entries in a chunk of a symStream (128 KB).
const symChunk = 1 << 15

// add appends entry e.
func (s *symStream) add(e uint32) {
	if len(s.cur) == cap(s.cur) {
		if s.cur != nil {
			s.full = append(s.full, s.cur)
		}
		s.cur = make([]uint32, 0, symChunk)
	}
	s.cur = append(s.cur, e)
}

// chunks returns the entries in order, chunk by chunk.
func (s *symStream) chunks() [][]uint32 { return append(s.full[:len(s.full):len(s.full)], s.cur) }

// symCounter is where countBlock counts one component's symbols: its DC
// and AC frequencies, and the entry selectors of their tables.
type symCounter struct {
	dcF, acF     *[257]int
	dcSel, acSel uint32
}

// walkBlocks visits every block in scan order: onRestart before each
// restart interval but the first, with its index, and onBlock with the
// component's index and the block's.
func (c *coefImage) walkBlocks(onRestart func(k int) error, onBlock func(ci, b int) error) error {
	ri := c.scan.restart
	for m := 0; m < c.mcusX*c.mcusY; m++ {
		if ri > 0 && m > 0 && m%ri == 0 {
			if err := onRestart(m/ri - 1); err != nil {
				return err
			}
		}
		mx, my := m%c.mcusX, m/c.mcusX
		for i := range c.comps {
			cc := &c.comps[i]
			for y := range cc.bv {
				for x := range cc.bh {
					if err := onBlock(i, cc.index(mx*cc.bh+x, my*cc.bv+y)); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// countBlock counts the symbols of one block of a component whose DC
// prediction is *pred, its stored values vals (coefComp.at: one per bit
// of nz, in order; the store may go on past them) the non-zero
// coefficients nz marks, requantised (then the DC difference, the AC
// run/size pairs with ZRL for 16 zeros and EOB for the rest), into sc's
// frequencies, and adds them to rec unless rec is nil; it returns the
// extra bits they carry. The runs are the distances between the marked
// coefficients that stay non-zero: the zeros between them are never
// stored. rq's steps are never finer than the input's (tablesAt's, or the
// input's own), so a requantised magnitude is at most the stored one.
func countBlock(vals []int16, nz uint64, rq *requantizer, pred *int, sc *symCounter, rec *symStream) int {
	vals = vals[:bits.OnesCount64(nz)]
	dcF, acF := sc.dcF, sc.acF
	dc := int(rq.coef(0, vals[0]))
	size, b := magnitude(dc - *pred)
	*pred = dc
	dcF[size]++
	if rec != nil {
		rec.add(symEntry(sc.dcSel, size, size, b))
	}
	extra, last := size, 0 // last: the zig-zag index of the last symbol's coefficient
	i := 1
	for m := nz &^ 1; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m) & 63
		// The magnitude requantised, its sign kept aside: the size and
		// the extra bits follow from both without a branch on the
		// sign, which mispredicted half the time (a fifth of the
		// count's time on a 12 MP photo, perf).
		v := int32(vals[i])
		i++
		sign := v >> 31 // 0 or -1
		a := uint32((v ^ sign) - sign)
		// Zero or not from the threshold first, before the magnitude's
		// look-up: at the search's scales 95 % of the 100 MP photo's
		// stored AC values requantise to zero (43–66 % at 12 MP), and
		// the look-up's address waited on the value. Thread CPU of
		// four samples and an exact count at the search's scales (min
		// of 10, alternated, load 10–19): 100 MP 103–106 → 97–98 ms
		// and 141–146 → 125–126 ms.
		if a < uint32(rq.thr[k]) {
			continue // requantises to zero
		}
		q := rq.magnitude(k, a)
		run := k - last - 1
		for ; run >= 16; run -= 16 {
			acF[0xF0]++
			if rec != nil {
				rec.add(symEntry(sc.acSel, 0xF0, 0, 0))
			}
		}
		size := bits.Len32(q)
		// A negative value's extra bits are v-1's, which is ^q.
		b := (q ^ uint32(sign)) & (1<<uint(size) - 1)
		acF[run<<4|size]++
		if rec != nil {
			rec.add(symEntry(sc.acSel, run<<4|size, size, b))
		}
		extra += size
		last = k
	}
	if last < 63 {
		acF[0]++ // end of block
		if rec != nil {
			rec.add(symEntry(sc.acSel, 0, 0, 0))
		}
	}
	return extra
}

// requantizers returns per table id the requantizer from the input's
// tables to q.
func (c *coefImage) requantizers(q [4]*[64]uint16) [4]*requantizer {
	var rq [4]*requantizer
	for _, cc := range c.comps {
		if rq[cc.tq] == nil {
			rq[cc.tq] = newRequantizer(c.quant[cc.tq], q[cc.tq])
		}
	}
	return rq
}

// magnitude is the size category of v and its extra bits (T.81 F.1.2.1:
// a negative value is coded as v-1 in size bits).
func magnitude(v int) (int, uint32) {
	// Without a branch on the sign: the DC differences' signs are
	// noise. v-1 for a negative v is v+sign.
	sign := v >> 63 // 0 or -1
	size := bits.Len(uint((v ^ sign) - sign))
	return size, uint32(v+sign) & (1<<uint(size) - 1)
}

// count returns the symbol statistics of the coefficients requantised to
// the tables q, with the optimal Huffman tables built.
// It keeps the symbols for encode.
func (c *coefImage) count(q [4]*[64]uint16) *coefStats {
	st := &coefStats{intervals: 1, syms: new(symStream)}
	rq := c.requantizers(q)
	rec := st.syms
	sc := c.symCounters(st)
	var pred [4]int
	_ = c.walkBlocks(func(k int) error {
		st.intervals++
		pred = [4]int{}
		if rec != nil {
			rec.add(symRestart | uint32(k&7))
		}
		return nil
	}, func(ci, b int) error {
		cc := &c.comps[ci]
		st.extra += countBlock(cc.at(b), cc.nz[b], rq[cc.tq], &pred[ci], &sc[ci&3], rec)
		return nil
	})
	st.buildTables(c)
	return st
}

// symCounters returns per component the counter of its symbols into
// st's frequencies.
func (c *coefImage) symCounters(st *coefStats) [4]symCounter {
	var sc [4]symCounter
	for i, cc := range c.comps {
		sc[i&3] = symCounter{dcF: &st.freq[0][cc.dc], acF: &st.freq[1][cc.ac], dcSel: uint32(cc.dc), acSel: 4 + uint32(cc.ac)}
	}
	return sc
}

// buildTables builds the optimal Huffman tables of st's counts for
// every table c's components use.
func (st *coefStats) buildTables(c *coefImage) {
	for _, cc := range c.comps {
		for class, id := range [2]int{cc.dc, cc.ac} {
			if st.huff[class][id] == nil {
				t := optimalTable(&st.freq[class][id])
				_ = t.build() // optimalTable's lengths always build
				st.huff[class][id] = t
			}
		}
	}
}

// dataBytes is the size of the entropy-coded data without the stuffed
// zero bytes: exact without restart intervals; with them an upper bound
// that counts a whole byte of padding per interval.
func (st *coefStats) dataBytes() int {
	n := st.extra
	for class := range st.huff {
		for id, t := range st.huff[class] {
			if t == nil {
				continue
			}
			for s, f := range st.freq[class][id][:256] {
				n += f * int(t.size[s])
			}
		}
	}
	if st.intervals == 1 {
		return (n + 7) / 8
	}
	return n/8 + st.intervals + 2*(st.intervals-1) // padding and RSTn markers
}

// size predicts the bytes encode writes, leaving out the zero bytes
// stuffed after every 0xFF of the coded data (encode reports those).
func (c *coefImage) size(q [4]*[64]uint16, st *coefStats, pre [][]byte) int {
	return len(c.header(q, st, pre)) + st.dataBytes() + 2
}

// encode writes the JPEG: SOI, the segments pre (whole, marker
// included), the tables q and st.huff, the frame and scan headers as the
// input's, the coefficients requantised to q (the symbols st kept), EOI.
// It also returns the zero bytes stuffed into the coded data. st must be
// count(q)'s.
func (c *coefImage) encode(q [4]*[64]uint16, st *coefStats, pre [][]byte) ([]byte, int) {
	head := c.header(q, st, pre)
	w := bitWriter{buf: append(make([]byte, 0, len(head)+st.dataBytes()*101/100+2), head...)}
	// Entry selectors index the tables flat; a nil one is never selected.
	var tabs [8]*huffTable
	for class := range st.huff {
		copy(tabs[class*4:], st.huff[class][:])
	}
	for _, chunk := range st.syms.chunks() {
		for _, e := range chunk {
			if e&symRestart != 0 {
				w.flush()
				w.buf = append(w.buf, 0xFF, byte(0xD0+e&7))
				continue
			}
			t := tabs[e>>symTableAt&symTableMask]
			sym, n := e>>symSymbolAt&symSymbolMask, e>>symSizeAt&15
			w.write(uint32(t.code[sym])<<n|e&(1<<symExtraBits-1), int(t.size[sym])+int(n))
		}
	}
	w.flush()
	return append(w.buf, 0xFF, 0xD9), w.stuffed
}

// header writes everything before the coded data.
func (c *coefImage) header(q [4]*[64]uint16, st *coefStats, pre [][]byte) []byte {
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xD8})
	for _, s := range pre {
		b.Write(s)
	}
	seg := func(marker byte, body []byte) {
		b.Write([]byte{0xFF, marker})
		_ = binary.Write(&b, binary.BigEndian, uint16(len(body)+2))
		b.Write(body)
	}
	var dqt []byte
	for id, t := range q {
		if t == nil {
			continue
		}
		dqt = append(dqt, byte(id))
		for _, v := range t {
			dqt = append(dqt, byte(v))
		}
	}
	seg(0xDB, dqt)
	s := c.scan
	sof := []byte{8, byte(s.height >> 8), byte(s.height), byte(s.width >> 8), byte(s.width), byte(len(c.comps))}
	for _, cc := range c.comps {
		sof = append(sof, byte(cc.id), byte(cc.h<<4|cc.v), byte(cc.tq))
	}
	seg(s.sofMarker, sof)
	writeDHT(&b, &st.huff)
	if s.restart > 0 {
		seg(0xDD, []byte{byte(s.restart >> 8), byte(s.restart)})
	}
	sos := []byte{byte(len(c.comps))}
	for _, cc := range c.comps {
		sos = append(sos, byte(cc.id), byte(cc.dc<<4|cc.ac))
	}
	seg(0xDA, append(sos, 0, 63, 0))
	return b.Bytes()
}
