package preflight

import (
	"encoding/binary"
	"fmt"
)

// The coefficient decoder of session 10 (a right-aligned bit buffer in
// *bitReader's fields, a 9-bit look-up of code and symbol, fastAC for
// short symbols with their extra bits), kept as the reference the
// rewritten readBlock must match: coefficients, ends, masks and which
// inputs are refused (restart's test of a byte left over apart, below).

const refLutBits = 9

// refTable is a huffTable's session-10 decoding tables.
type refTable struct {
	t      *huffTable
	lut    [1 << refLutBits]uint16
	fastAC [1 << refLutBits]int32
}

func newRefTable(t *huffTable) *refTable {
	rt := &refTable{t: t}
	code, k := int32(0), 0
	for l := 1; l <= 16; l++ {
		for range t.counts[l-1] {
			s := t.symbols[k]
			if l <= refLutBits {
				lo := code << (refLutBits - l)
				for i := lo; i < lo+1<<(refLutBits-l); i++ {
					rt.lut[i] = uint16(l)<<8 | uint16(s)
				}
			}
			code++
			k++
		}
		code <<= 1
	}
	for p, e := range rt.lut {
		l, rs := int(e>>8), int(e&0xFF)
		run, size := rs>>4, rs&15
		if e == 0 || size == 0 || l+size > refLutBits {
			continue
		}
		v := extend(uint32(p>>(refLutBits-l-size))&(1<<size-1), size)
		rt.fastAC[p] = int32(v)<<16 | int32(run)<<8 | int32(l+size)
	}
	return rt
}

type refBitReader struct {
	data []byte
	p    int
	acc  uint64
	n    int
	virt int
}

func (r *refBitReader) fill() {
	if r.p+8 <= len(r.data) {
		x := binary.BigEndian.Uint64(r.data[r.p:])
		if y := ^x; (y-0x0101010101010101)&^y&0x8080808080808080 == 0 {
			k := (63 - r.n) >> 3
			r.acc = r.acc<<uint(8*k) | x>>uint(64-8*k)
			r.p += k
			r.n += 8 * k
			return
		}
	}
	for r.n <= 56 {
		b := byte(0xFF)
		if r.p < len(r.data) && (r.data[r.p] != 0xFF || (r.p+1 < len(r.data) && r.data[r.p+1] == 0)) {
			b = r.data[r.p]
			r.p++
			if b == 0xFF {
				r.p++
			}
		} else {
			r.virt += 8
		}
		r.acc = r.acc<<8 | uint64(b)
		r.n += 8
	}
}

func (r *refBitReader) bits(n int) uint32 {
	if n == 0 {
		return 0
	}
	if r.n < n {
		r.fill()
	}
	r.n -= n
	return uint32(r.acc>>uint(r.n)) & (1<<uint(n) - 1)
}

func (r *refBitReader) decode(t *refTable) (byte, error) {
	if r.n < 16 {
		r.fill()
	}
	if e := t.lut[r.peek()]; e != 0 {
		r.n -= int(e >> 8)
		return byte(e), nil
	}
	return r.decodeLong(t)
}

func (r *refBitReader) peek() uint32 {
	return uint32(r.acc>>uint(r.n-refLutBits)) & (1<<refLutBits - 1)
}

func (r *refBitReader) decodeLong(rt *refTable) (byte, error) {
	t := rt.t
	code := int32(r.peek())
	r.n -= refLutBits
	for l := refLutBits + 1; l <= 16; l++ {
		r.n--
		code = code<<1 | int32(r.acc>>uint(r.n)&1)
		if code <= t.maxCode[l] {
			return t.symbols[t.valPtr[l]+code-t.minCode[l]], nil
		}
	}
	return 0, fmt.Errorf("%w: bad Huffman code", errHuffman)
}

// restart is session 10's but for the test of a whole byte left over,
// which both readers now make: session 10's outcome on such (corrupt)
// intervals depended on when it had last refilled (r.p at the marker or
// not), which no rewritten reader reproduces.
func (r *refBitReader) restart(k int) error {
	if r.virt > r.n {
		return fmt.Errorf("%w: the scan ends early", errHuffman)
	}
	if r.n-r.virt >= 8 {
		return fmt.Errorf("%w: a byte left over before restart marker %d", errHuffman, k%8)
	}
	r.acc, r.n, r.virt = 0, 0, 0
	if r.p+1 >= len(r.data) || r.data[r.p] != 0xFF || r.data[r.p+1] != byte(0xD0+k%8) {
		return fmt.Errorf("%w: restart marker %d missing at byte %d", errHuffman, k%8, r.p)
	}
	r.p += 2
	return nil
}

// refReadScan is the session-10 readScan: it decodes c's scan again,
// into c's ends and masks, and returns the coefficients per component as
// the dense store of sessions 1–11 held them.
func refReadScan(c *coefImage, data []byte) ([][]int16, error) {
	dense := make([][]int16, len(c.comps))
	for i, cc := range c.comps {
		dense[i] = make([]int16, 64*len(cc.nz))
	}
	s := c.scan
	var tables [2][4]*refTable
	for class := range tables {
		for id, t := range s.tables[class] {
			if t != nil {
				tables[class][id] = newRefTable(t)
			}
		}
	}
	r := refBitReader{data: data, p: s.dataStart}
	var pred [4]int
	err := c.walkBlocks(func(k int) error {
		pred = [4]int{}
		return r.restart(k)
	}, func(ci, b int) error {
		cc := &c.comps[ci]
		end, nz, err := refReadBlock(&r, tables[0][cc.dc], tables[1][cc.ac], dense[ci][64*b:64*b+64], &pred[ci])
		cc.end[b], cc.nz[b] = uint8(end), nz
		return err
	})
	if err != nil {
		return nil, err
	}
	if r.virt > r.n {
		return nil, fmt.Errorf("%w: the scan ends early", errHuffman)
	}
	return dense, nil
}

func refReadBlock(r *refBitReader, dc, ac *refTable, blk []int16, pred *int) (int, uint64, error) {
	t, err := r.decode(dc)
	if err != nil {
		return 0, 0, err
	}
	if t > 11 {
		return 0, 0, fmt.Errorf("%w: DC size %d", errHuffman, t)
	}
	*pred += extend(r.bits(int(t)), int(t))
	if *pred < -2048 || *pred > 2047 {
		return 0, 0, fmt.Errorf("%w: DC value %d out of range", errHuffman, *pred)
	}
	blk[0] = int16(*pred)
	end, nz := 1, uint64(1)
	for k := 1; k < 64; {
		if r.n < 32 {
			r.fill()
		}
		p := r.peek()
		if f := ac.fastAC[p]; f != 0 {
			r.n -= int(f & 0xFF)
			k += int(f >> 8 & 0xFF)
			if k > 63 {
				return 0, 0, fmt.Errorf("%w: run past the block", errHuffman)
			}
			blk[k] = int16(f >> 16)
			nz |= 1 << uint(k)
			k++
			end = k
			continue
		}
		var rs byte
		if e := ac.lut[p]; e != 0 {
			r.n -= int(e >> 8)
			rs = byte(e)
		} else if rs, err = r.decodeLong(ac); err != nil {
			return 0, 0, err
		}
		run, size := int(rs>>4), int(rs&15)
		if size == 0 {
			if run != 15 {
				break
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
		blk[k] = int16(extend(r.bits(size), size))
		nz |= 1 << uint(k)
		k++
		end = k
	}
	return end, nz, nil
}
