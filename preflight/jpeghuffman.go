package preflight

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// image/jpeg writes the example Huffman tables of the JPEG standard
// (Annex K.3) whatever the image; libjpeg's optimize_coding, which OpenCV
// and ImageMagick use, fits the tables to the image's own symbols. On the
// same coefficients that is 4–8 % fewer bytes, which at a byte budget is
// two to four quality points. optimizeHuffman does it after the fact: it
// reads the coded symbols back, counts them, and codes them again with
// the optimal tables (ITU T.81 Annex K.2, as libjpeg's
// jpeg_gen_optimal_table). Nothing is decoded to pixels: the output
// decodes to exactly the same image.

// errHuffman marks a JPEG optimizeHuffman does not handle (anything but a
// single baseline Huffman scan without restart markers, as image/jpeg
// writes); the caller keeps the input.
var errHuffman = errors.New("preflight: not a single-scan baseline JPEG")

// huffTable is a Huffman table as a DHT segment gives it: counts[l] codes
// of length l+1, then the symbols in code order.
type huffTable struct {
	counts  [16]int
	symbols []byte
	// Decoding: per length, the largest code (-1 when none) and the
	// index of its first symbol (T.81 F.2.2.3).
	maxCode [17]int32
	valPtr  [17]int32
	minCode [17]int32
	// Encoding: code and length per symbol.
	code [256]uint16
	size [256]uint8
	// fast decodes the next lutBits bits of the scan in one look-up
	// (a fast entry, below): for an AC table a run/size symbol and its extra bits
	// together, for a DC table a difference; readDHT fills it, the
	// encoder's tables leave it empty.
	fast [1 << lutBits]int32
	// pair is an AC table's fast entries for two coefficients at once
	// (a pair entry, below); buildFast fills it.
	pair [1 << lutBits]uint64
}

// lutBits is the look-ahead of the decoding table. Most symbols of a
// photo's scan, with their extra bits, fit in it, and the two AC tables'
// 8 KB stay in the L1 cache with the DC tables' lines in use.
const lutBits = 10

// A fast entry is value<<16 | flag<<8 | bits: for a coefficient (or a DC
// difference) that fits with its extra bits, its value, its zero run
// (flag 0–15, always 0 for DC) and the bits of code and extra bits
// together; otherwise a flag ≥ 64 that no run reaches, so that the AC
// loop's one test of the position (run past the block) also catches
// these: fastSym (the code fits, its extra bits do not, or a ZRL: the
// symbol in place of the value, bits the code's length), fastEOB (the
// code's length in bits) or fastLong (a code longer than lutBits, or no
// code: bits 0).
const (
	fastSym  = 0x40
	fastEOB  = 0x80
	fastLong = 0xC0
)

func (t *huffTable) build() error {
	code, k := int32(0), 0
	for l := 1; l <= 16; l++ {
		n := t.counts[l-1]
		t.valPtr[l], t.minCode[l] = int32(k), code
		if code+int32(n) > 1<<l {
			return fmt.Errorf("%w: Huffman table over-subscribed", errHuffman)
		}
		for range n {
			if k >= len(t.symbols) {
				return fmt.Errorf("%w: Huffman table shorter than its counts", errHuffman)
			}
			s := t.symbols[k]
			t.code[s], t.size[s] = uint16(code), uint8(l)
			code++
			k++
		}
		t.maxCode[l] = code - 1
		if n == 0 {
			t.maxCode[l] = -1
		}
		if code > 1<<l {
			return fmt.Errorf("%w: Huffman table over-subscribed", errHuffman)
		}
		code <<= 1
	}
	return nil
}

// buildFast fills fast for a table of class (0 DC, 1 AC) whose counts
// build has checked. Codes are counted here, not taken from code: a
// table may list a symbol twice.
func (t *huffTable) buildFast(class int) {
	for i := range t.fast {
		t.fast[i] = fastLong << 8
	}
	code, k := 0, 0
	for l := 1; l <= lutBits; l++ {
		for range t.counts[l-1] {
			rs := int(t.symbols[k])
			run, size := rs>>4, rs&15
			if class == 0 {
				run, size = 0, rs
			}
			for x := range 1 << (lutBits - l) {
				var e int32
				switch {
				case class == 1 && size == 0 && run != 15:
					e = fastEOB<<8 | int32(l)
				case (class == 0 && size <= 11 || class == 1 && size != 0 && size <= 10) && l+size <= lutBits:
					v := extend(uint32(x>>(lutBits-l-size))&(1<<size-1), size)
					e = int32(v)<<16 | int32(run)<<8 | int32(l+size)
				default:
					e = int32(rs)<<16 | fastSym<<8 | int32(l)
				}
				t.fast[code<<(lutBits-l)|x] = e
			}
			code++
			k++
		}
		code <<= 1
	}
	if class == 1 {
		t.buildPair()
	}
}

// A pair entry is an AC fast entry (value<<16 | flag<<8 | bits) in its
// low 32 bits, and when the bits after that coefficient hold another one
// whole (code and extra bits, within lutBits together), that one's value
// in bits 48–63, 1 in bits 40–47, its zero run in bits 32–39, and the
// bits of both in bits 0–7. The decoding loop's one look-up then yields
// two coefficients for one latency of the look-up chain (acc → index →
// entry → shift), which bounds the loop: the 100 MP photo's scan codes
// ~4.4 bits a symbol, and readScan on it took 12–15 % less CPU with
// pairs (medians of 15 runs paired in one process; the same loop in
// assembly, without pairs, was no faster than the Go one).
const (
	pairMore = 40 // the second coefficient's flag (0 or 1)
	pairRun  = 32 // its zero run
	pairVal  = 48 // its value
)

// buildPair fills pair from fast (an AC table's, buildFast's last step).
func (t *huffTable) buildPair() {
	for x, f := range t.fast {
		e := uint64(uint32(f))
		l := int(f & 0xFF)
		if f>>8&0xFF < 16 && l < lutBits { // a plain coefficient, bits left
			g := t.fast[x<<l&(1<<lutBits-1)]
			if l2 := int(g & 0xFF); g>>8&0xFF < 16 && l+l2 <= lutBits {
				e = e&^0xFF | uint64(l+l2) | uint64(uint16(g>>16))<<pairVal | 1<<pairMore | uint64(g>>8&0xFF)<<pairRun
			}
		}
		t.pair[x] = e
	}
}

// jpegScan is what the optimiser needs of a baseline JPEG.
type jpegScan struct {
	width, height int
	comps         []scanComp
	tables        [2][4]*huffTable // [class: 0 DC, 1 AC][id]
	dhtStart      []int            // start and end of every DHT segment
	dhtEnd        []int
	sofMarker     byte // 0xC0 baseline or 0xC1 extended sequential
	restart       int  // restart interval in MCUs (DRI), 0 for none
	sosStart      int  // the SOS marker
	dataStart     int  // first byte of entropy-coded data
}

type scanComp struct {
	id, h, v int // component id and sampling factors as SOF gives them
	tq       int // quantisation table id
	dc, ac   int // Huffman table ids
}

// optimizeHuffman returns data coded with Huffman tables fitted to it:
// the coefficients read back and written again with the same
// quantisation (jpegcoef_encode.go).
func optimizeHuffman(data []byte) ([]byte, error) {
	c, err := decodeCoefs(data, math.MaxInt)
	if err != nil {
		return nil, err
	}
	out, _ := c.encode(c.quant, c.count(c.quant), nil)
	return out, nil
}

// parseScan reads the markers up to the scan.
func parseScan(data []byte) (*jpegScan, error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, fmt.Errorf("%w: no SOI", errHuffman)
	}
	s := &jpegScan{}
	sof := false
	for p := 2; ; {
		if p+4 > len(data) || data[p] != 0xFF {
			return nil, fmt.Errorf("%w: bad marker at %d", errHuffman, p)
		}
		m := data[p+1]
		n := int(binary.BigEndian.Uint16(data[p+2:]))
		if n < 2 || p+2+n > len(data) {
			return nil, fmt.Errorf("%w: segment past the end", errHuffman)
		}
		seg := data[p+4 : p+2+n]
		switch {
		case m == 0xC0 || m == 0xC1:
			if sof || len(seg) < 6 || seg[0] != 8 {
				return nil, fmt.Errorf("%w: SOF %#x", errHuffman, m)
			}
			s.sofMarker = m
			s.height, s.width = int(binary.BigEndian.Uint16(seg[1:])), int(binary.BigEndian.Uint16(seg[3:]))
			nc := int(seg[5])
			if nc < 1 || nc > 4 || len(seg) < 6+3*nc || s.width == 0 || s.height == 0 {
				return nil, fmt.Errorf("%w: SOF0 components", errHuffman)
			}
			for i := range nc {
				c := seg[6+3*i:]
				h, v := int(c[1]>>4), int(c[1]&15)
				if h < 1 || h > 4 || v < 1 || v > 4 {
					return nil, fmt.Errorf("%w: sampling factors", errHuffman)
				}
				if c[2] > 3 {
					return nil, fmt.Errorf("%w: quantisation table %d", errHuffman, c[2])
				}
				s.comps = append(s.comps, scanComp{id: int(c[0]), h: h, v: v, tq: int(c[2])})
			}
			sof = true
		case m == 0xC4:
			if err := s.readDHT(seg); err != nil {
				return nil, err
			}
			s.dhtStart, s.dhtEnd = append(s.dhtStart, p), append(s.dhtEnd, p+2+n)
		case m == 0xDA:
			if !sof || len(seg) < 1 || int(seg[0]) != len(s.comps) || len(seg) < 1+2*len(s.comps)+3 {
				return nil, fmt.Errorf("%w: SOS does not cover every component", errHuffman)
			}
			for i := range s.comps {
				c := seg[1+2*i:]
				if int(c[0]) != s.comps[i].id {
					return nil, fmt.Errorf("%w: SOS component order", errHuffman)
				}
				s.comps[i].dc, s.comps[i].ac = int(c[1]>>4), int(c[1]&15)
				if s.comps[i].dc > 3 || s.comps[i].ac > 3 || s.tables[0][s.comps[i].dc] == nil || s.tables[1][s.comps[i].ac] == nil {
					return nil, fmt.Errorf("%w: SOS names a missing table", errHuffman)
				}
			}
			s.sosStart, s.dataStart = p, p+2+n
			return s, nil
		case m == 0xDD:
			if len(seg) < 2 {
				return nil, fmt.Errorf("%w: DRI", errHuffman)
			}
			s.restart = int(binary.BigEndian.Uint16(seg))
		case (m >= 0xC1 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC):
			return nil, fmt.Errorf("%w: marker %#x", errHuffman, m)
		}
		p += 2 + n
	}
}

func (s *jpegScan) readDHT(seg []byte) error {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return fmt.Errorf("%w: DHT", errHuffman)
		}
		class, id := int(seg[0]>>4), int(seg[0]&15)
		if class > 1 || id > 3 {
			return fmt.Errorf("%w: DHT class %d id %d", errHuffman, class, id)
		}
		t := &huffTable{}
		total := 0
		for l := range 16 {
			t.counts[l] = int(seg[1+l])
			total += t.counts[l]
		}
		if total > 256 || len(seg) < 17+total {
			return fmt.Errorf("%w: DHT symbols", errHuffman)
		}
		t.symbols = append([]byte(nil), seg[17:17+total]...)
		if err := t.build(); err != nil {
			return err
		}
		t.buildFast(class)
		s.tables[class][id] = t
		seg = seg[17+total:]
	}
	return nil
}

// bitReader reads entropy-coded bits, removing the 0x00 stuffed after
// every 0xFF. At a marker or the end of the data it feeds 1 bits (what an
// encoder pads with) and counts them, so that symbols read from beyond
// the data are told apart from the padding of the last byte.
type bitReader struct {
	data []byte
	p    int
	// acc holds the next bits from its top bit down: a look-up is one
	// shift by a constant. The decoding loop keeps acc and n in locals
	// (measured: fields of *r went through memory on every symbol).
	acc  uint64
	n    int // bits in acc
	virt int // padding bits fed past the data
}

// next8 returns the eight bytes of data from p on when none of them is
// 0xFF (no stuffing, no marker): then as many whole bytes as acc takes
// go in at once. The bits of the byte that does not fit whole are the
// stream's too: the next refill ORs the same bits in again. The
// decoding loop inlines it (refill as one call cost the loop ~10 %).
func next8(data []byte, p int) (uint64, bool) {
	if p+8 > len(data) {
		return 0, false
	}
	x := binary.BigEndian.Uint64(data[p:])
	y := ^x
	return x, (y-0x0101010101010101)&^y&0x8080808080808080 == 0
}

// refillBytes tops acc (n bits, the bits below them zero or the
// stream's next) up to at least 57 bits a byte at a time, past stuffing
// and markers.
func (r *bitReader) refillBytes(acc uint64, n int) (uint64, int) {
	for n <= 56 {
		b := byte(0xFF)
		if r.p < len(r.data) && (r.data[r.p] != 0xFF || (r.p+1 < len(r.data) && r.data[r.p+1] == 0)) {
			b = r.data[r.p]
			r.p++
			if b == 0xFF {
				r.p++ // the stuffed zero
			}
		} else {
			r.virt += 8
		}
		acc |= uint64(b) << uint(56-n)
		n += 8
	}
	return acc, n
}

// overrun says whether bits past the data were taken as symbols.
func (r *bitReader) overrun() bool { return r.virt > r.n }

// errBadCode is a bit string no code of the table starts.
var errBadCode = fmt.Errorf("%w: bad Huffman code", errHuffman)

// decodeLong decodes a code longer than lutBits bits from the top of
// acc; it returns the symbol and the code's length.
func (t *huffTable) decodeLong(acc uint64) (byte, int, error) {
	for l := lutBits + 1; l <= 16; l++ {
		if code := int32(acc >> uint(64-l)); code <= t.maxCode[l] {
			return t.symbols[t.valPtr[l]+code-t.minCode[l]], l, nil
		}
	}
	return 0, 0, errBadCode
}

// restart skips the padding bits of the interval just read and the
// restart marker RSTn (n = k mod 8) that must follow. The interval's
// symbols must end in its last byte: a whole byte left over is refused
// whether or not a refill has read it yet (where the reader stands
// depends on when it last refilled, which the decoder may change).
func (r *bitReader) restart(k int) error {
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

// bitWriter writes entropy-coded bits with 0xFF stuffing, appending to
// buf; stuffed counts the zero bytes stuffed. Bits gather in acc and
// leave four bytes at a time: most words hold no 0xFF and go out whole.
type bitWriter struct {
	buf     []byte
	acc     uint64
	n       int // bits in acc not yet written, at most 31 between calls
	stuffed int
}

// write appends the n low bits of bits (n ≤ 32).
func (w *bitWriter) write(bits uint32, n int) {
	w.acc = w.acc<<uint(n) | uint64(bits&(1<<uint(n)-1))
	w.n += n
	if w.n >= 32 {
		w.n -= 32
		w.word(uint32(w.acc >> uint(w.n)))
	}
}

// word appends four bytes, stuffing a zero after each 0xFF.
func (w *bitWriter) word(v uint32) {
	if x := ^v; (x-0x01010101)&^x&0x80808080 == 0 { // no byte of v is 0xFF
		w.buf = append(w.buf, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
		return
	}
	for sh := 24; sh >= 0; sh -= 8 {
		w.byte(byte(v >> uint(sh)))
	}
}

func (w *bitWriter) byte(b byte) {
	w.buf = append(w.buf, b)
	if b == 0xFF {
		w.buf = append(w.buf, 0)
		w.stuffed++
	}
}

// flush writes the bits left, padding the last byte with 1 bits.
func (w *bitWriter) flush() {
	if pad := (8 - w.n%8) % 8; pad > 0 {
		w.acc = w.acc<<uint(pad) | (1<<uint(pad) - 1)
		w.n += pad
	}
	for w.n > 0 {
		w.n -= 8
		w.byte(byte(w.acc >> uint(w.n)))
	}
}

// optimalTable builds the code lengths for the symbol frequencies freq
// (index 256 is reserved) as libjpeg's jpeg_gen_optimal_table does: a
// Huffman tree, code lengths limited to 16 bits (T.81 K.2, Figure K.3),
// and no code of all 1 bits.
func optimalTable(freq *[257]int) *huffTable {
	f := *freq
	f[256] = 1
	var codesize [257]int
	var others [257]int
	for i := range others {
		others[i] = -1
	}
	for {
		c1, c2 := -1, -1
		v1, v2 := int(^uint(0)>>1), int(^uint(0)>>1)
		for i := range f {
			if f[i] != 0 && f[i] <= v1 {
				v1, c1 = f[i], i
			}
		}
		for i := range f {
			if f[i] != 0 && f[i] <= v2 && i != c1 {
				v2, c2 = f[i], i
			}
		}
		if c2 < 0 {
			break
		}
		f[c1] += f[c2]
		f[c2] = 0
		codesize[c1]++
		for others[c1] >= 0 {
			c1 = others[c1]
			codesize[c1]++
		}
		others[c1] = c2
		codesize[c2]++
		for others[c2] >= 0 {
			c2 = others[c2]
			codesize[c2]++
		}
	}
	var bits [33]int
	for _, n := range codesize {
		if n > 0 {
			bits[min(n, 32)]++
		}
	}
	for i := 32; i > 16; i-- {
		for bits[i] > 0 {
			j := i - 2
			for bits[j] == 0 {
				j--
			}
			bits[i] -= 2
			bits[i-1]++
			bits[j+1] += 2
			bits[j]--
		}
	}
	i := 16
	for bits[i] == 0 {
		i--
	}
	bits[i]-- // the reserved code point
	t := &huffTable{}
	for l := 1; l <= 16; l++ {
		t.counts[l-1] = bits[l]
	}
	for l := 1; l <= 32; l++ {
		for sym := range 256 {
			if codesize[sym] == l {
				t.symbols = append(t.symbols, byte(sym))
			}
		}
	}
	return t
}

// writeDHT writes one DHT segment holding every table of tables.
func writeDHT(out *bytes.Buffer, tables *[2][4]*huffTable) {
	n := 2
	for class := range 2 {
		for _, t := range tables[class] {
			if t != nil {
				n += 17 + len(t.symbols)
			}
		}
	}
	out.Write([]byte{0xFF, 0xC4, byte(n >> 8), byte(n)})
	for class := range 2 {
		for id, t := range tables[class] {
			if t == nil {
				continue
			}
			out.WriteByte(byte(class<<4 | id))
			for _, c := range t.counts {
				out.WriteByte(byte(c))
			}
			out.Write(t.symbols)
		}
	}
}
