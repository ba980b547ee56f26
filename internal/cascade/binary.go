package cascade

import (
	"encoding/binary"
	"fmt"
	"math"
)

// binaryMagic starts the compact form of a cascade. The embedded
// frontal-face cascade ships in this form so that the WebAssembly build
// does not link encoding/xml (about 80 KB of its 1.5 MB gzipped budget).
const binaryMagic = "IDPLBP1\n"

// MarshalBinary encodes c compactly, little-endian: the magic, the window
// W, H (uint16), the features (count uint32, then x, y, w, h as uint16),
// and the stages (count uint32, then per stage its threshold as float32
// bits and its stumps: count uint32, feature uint32, subset 8×uint32,
// leaves 2×float32 bits). Every value is stored as parsed, so Decode
// returns an identical cascade.
func (c *Cascade) MarshalBinary() ([]byte, error) {
	out := []byte(binaryMagic)
	le := binary.LittleEndian
	out = le.AppendUint16(out, uint16(c.W))
	out = le.AppendUint16(out, uint16(c.H))
	out = le.AppendUint32(out, uint32(len(c.features)))
	for _, f := range c.features {
		for _, v := range []int{f.x, f.y, f.w, f.h} {
			out = le.AppendUint16(out, uint16(v))
		}
	}
	out = le.AppendUint32(out, uint32(len(c.stages)))
	for _, s := range c.stages {
		out = le.AppendUint32(out, math.Float32bits(s.threshold))
		out = le.AppendUint32(out, uint32(len(s.weak)))
		for _, w := range s.weak {
			out = le.AppendUint32(out, uint32(w.feature))
			for _, b := range w.subset {
				out = le.AppendUint32(out, b)
			}
			out = le.AppendUint32(out, math.Float32bits(w.leaf[0]))
			out = le.AppendUint32(out, math.Float32bits(w.leaf[1]))
		}
	}
	return out, nil
}

// Decode reads a cascade written by MarshalBinary. It checks what Parse
// checks (window size, features inside the window, feature indices,
// non-empty stages) and that the data ends exactly where the cascade does;
// errors wrap ErrFormat.
func Decode(data []byte) (*Cascade, error) {
	r := binReader{data: data}
	if string(r.take(len(binaryMagic))) != binaryMagic {
		return nil, fmt.Errorf("%w: not a binary cascade (bad magic)", ErrFormat)
	}
	c := &Cascade{W: int(r.u16()), H: int(r.u16())}
	if c.W <= 0 || c.H <= 0 || c.W > maxWindow || c.H > maxWindow {
		return nil, fmt.Errorf("%w: window %dx%d", ErrFormat, c.W, c.H)
	}
	nf := r.count(8)
	c.features = make([]feature, 0, nf)
	for i := range nf {
		f := feature{int(r.u16()), int(r.u16()), int(r.u16()), int(r.u16())}
		if f.w <= 0 || f.h <= 0 || f.x+3*f.w > c.W || f.y+3*f.h > c.H {
			return nil, fmt.Errorf("%w: feature %d %v outside the %dx%d window", ErrFormat, i, f, c.W, c.H)
		}
		c.features = append(c.features, f)
	}
	ns := r.count(8)
	if ns == 0 && r.err == nil {
		return nil, fmt.Errorf("%w: no stages", ErrFormat)
	}
	c.stages = make([]stage, 0, ns)
	for si := range ns {
		s := stage{threshold: math.Float32frombits(r.u32())}
		nw := r.count(44)
		if nw == 0 && r.err == nil {
			return nil, fmt.Errorf("%w: stage %d has no weak classifier", ErrFormat, si)
		}
		s.weak = make([]stump, nw)
		for wi := range s.weak {
			w := &s.weak[wi]
			w.feature = int(r.u32())
			if w.feature >= len(c.features) {
				return nil, fmt.Errorf("%w: stage %d weak %d: feature index %d outside [0, %d)", ErrFormat, si, wi, w.feature, len(c.features))
			}
			for k := range w.subset {
				w.subset[k] = r.u32()
			}
			w.leaf = [2]float32{math.Float32frombits(r.u32()), math.Float32frombits(r.u32())}
		}
		c.stages = append(c.stages, s)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.data) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the last stage", ErrFormat, len(r.data))
	}
	return c, nil
}

// binReader reads little-endian values; past the end it yields zeros and
// records one error, so Decode checks once instead of after every read.
type binReader struct {
	data []byte
	err  error
}

func (r *binReader) take(n int) []byte {
	if r.err != nil || n > len(r.data) {
		if r.err == nil {
			r.err = fmt.Errorf("%w: binary cascade truncated", ErrFormat)
		}
		return make([]byte, n)
	}
	b := r.data[:n]
	r.data = r.data[n:]
	return b
}

func (r *binReader) u16() uint16 { return binary.LittleEndian.Uint16(r.take(2)) }
func (r *binReader) u32() uint32 { return binary.LittleEndian.Uint32(r.take(4)) }

// count reads an element count and refuses one that the remaining bytes
// cannot hold at minSize bytes per element, so a corrupt count cannot
// make Decode allocate gigabytes.
func (r *binReader) count(minSize int) int {
	n := int64(r.u32())
	if r.err == nil && n*int64(minSize) > int64(len(r.data)) {
		r.err = fmt.Errorf("%w: binary cascade truncated (%d elements declared)", ErrFormat, n)
	}
	if r.err != nil {
		return 0
	}
	return int(n)
}
