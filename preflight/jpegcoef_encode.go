package preflight

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Writing coefficients back: every block is requantised and turned into
// its symbols twice, once to count them (the optimal Huffman tables and
// the exact size follow from the counts) and once to write them. Counting
// costs no output, so the quality search can try several tables and
// still write once.

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
}

// walkBlocks visits every block in scan order: onRestart before each
// restart interval but the first, with its index, and onBlock with the
// component's index and the block's.
func (c *coefImage) walkBlocks(onRestart func(k int) error, onBlock func(ci, b int, blk []int16) error) error {
	return c.walkRows(1, onRestart, onBlock)
}

// walkRows is walkBlocks on every step-th row of MCUs; a sample (step >
// 1) has no restart intervals.
func (c *coefImage) walkRows(step int, onRestart func(k int) error, onBlock func(ci, b int, blk []int16) error) error {
	ri := c.scan.restart
	if step > 1 {
		ri = 0
	}
	for m := 0; m < c.mcusX*c.mcusY; m++ {
		if step > 1 && m%c.mcusX == 0 && (m/c.mcusX)%step != 0 {
			m += c.mcusX - 1
			continue
		}
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
					b, blk := cc.block(mx*cc.bh+x, my*cc.bv+y)
					if err := onBlock(i, b, blk); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// Counting and writing walk a block the same way (requantise, then the
// DC difference, the AC run/size pairs with ZRL for 16 zeros and EOB for
// the rest); they are two functions because the count runs on every
// guess of the quality search and is worth keeping free of the writing.

// countBlock counts the symbols of one block of a component whose DC
// prediction is *pred, coefficients from end on being zero, into the
// DC and AC frequencies; it returns the extra bits they carry.
func countBlock(src []int16, end int, rq *requantizer, pred *int, dcF, acF *[257]int) int {
	dc := int(rq.coef(0, src[0]))
	size, _ := magnitude(dc - *pred)
	*pred = dc
	dcF[size]++
	extra, run := size, 0
	for k := 1; k < end; k++ {
		v := rq.coef(k, src[k])
		if v == 0 {
			run++
			continue
		}
		for ; run >= 16; run -= 16 {
			acF[0xF0]++
		}
		size := bits.Len16(uint16(max(v, -v)))
		acF[run<<4|size]++
		extra += size
		run = 0
	}
	if run > 0 || end < 64 {
		acF[0]++ // end of block
	}
	return extra
}

// writeBlock is countBlock writing the symbols with the tables dcT, acT.
func (w *bitWriter) writeBlock(src []int16, end int, rq *requantizer, pred *int, dcT, acT *huffTable) {
	dc := int(rq.coef(0, src[0]))
	size, b := magnitude(dc - *pred)
	*pred = dc
	w.write(uint32(dcT.code[size])<<uint(size)|b, int(dcT.size[size])+size)
	run := 0
	for k := 1; k < end; k++ {
		v := rq.coef(k, src[k])
		if v == 0 {
			run++
			continue
		}
		for ; run >= 16; run -= 16 {
			w.write(uint32(acT.code[0xF0]), int(acT.size[0xF0]))
		}
		size, b := magnitude(int(v))
		s := run<<4 | size
		w.write(uint32(acT.code[s])<<uint(size)|b, int(acT.size[s])+size)
		run = 0
	}
	if run > 0 || end < 64 {
		w.write(uint32(acT.code[0]), int(acT.size[0])) // end of block
	}
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
	if v >= 0 {
		return bits.Len(uint(v)), uint32(v)
	}
	size := bits.Len(uint(-v))
	return size, uint32(v-1) & (1<<uint(size) - 1)
}

// count returns the symbol statistics of the coefficients requantised to
// the tables q, with the optimal Huffman tables built.
func (c *coefImage) count(q [4]*[64]uint16) *coefStats { return c.countRows(q, 1) }

// countRows is count on every step-th row of MCUs: a sample for guesses.
func (c *coefImage) countRows(q [4]*[64]uint16, step int) *coefStats {
	st := &coefStats{intervals: 1}
	rq := c.requantizers(q)
	var pred [4]int
	_ = c.walkRows(step, func(int) error {
		st.intervals++
		pred = [4]int{}
		return nil
	}, func(ci, b int, blk []int16) error {
		cc := &c.comps[ci]
		st.extra += countBlock(blk, int(cc.end[b]), rq[cc.tq], &pred[ci], &st.freq[0][cc.dc], &st.freq[1][cc.ac])
		return nil
	})
	for _, cc := range c.comps {
		for class, id := range [2]int{cc.dc, cc.ac} {
			if st.huff[class][id] == nil {
				t := optimalTable(&st.freq[class][id])
				_ = t.build() // optimalTable's lengths always build
				st.huff[class][id] = t
			}
		}
	}
	return st
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
// input's, the coefficients requantised to q, EOI. It also returns the
// zero bytes stuffed into the coded data. st must be count(q)'s: a
// symbol it did not count has no code.
func (c *coefImage) encode(q [4]*[64]uint16, st *coefStats, pre [][]byte) ([]byte, int) {
	rq := c.requantizers(q)
	head := c.header(q, st, pre)
	w := bitWriter{buf: append(make([]byte, 0, len(head)+st.dataBytes()*101/100+2), head...)}
	var pred [4]int
	_ = c.walkBlocks(func(k int) error {
		w.flush()
		w.buf = append(w.buf, 0xFF, byte(0xD0+k%8))
		pred = [4]int{}
		return nil
	}, func(ci, b int, blk []int16) error {
		cc := &c.comps[ci]
		w.writeBlock(blk, int(cc.end[b]), rq[cc.tq], &pred[ci], st.huff[0][cc.dc], st.huff[1][cc.ac])
		return nil
	})
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
