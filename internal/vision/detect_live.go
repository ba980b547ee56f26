package vision

import (
	"encoding/binary"
	"math"
)

// FromRGBA converts a live frame's packed RGBA bytes to RGB, as the
// package's FromRGBA does, into dst (reused when large enough). With
// detect set it also builds, in the same pass over the frame, the working
// copy that a Fast DetectDocuments of the returned image with these
// buffers would box-shrink it to, and keeps it for that call: on a
// 640×480 frame the shrink would otherwise read the 900 KB RGB copy again
// right after it was written. Without detect (a frame the tracker is
// expected to follow) nothing more is done, and any kept working copy is
// dropped, so a detection never sees an earlier frame's. b must not be
// nil.
func (b *DetectBuffers) FromRGBA(dst *RGB, rgba []uint8, w, h int, detect bool) *RGB {
	b.ready = nil
	k := fastShrinkFactor(w, h)
	if !detect || k < 2 {
		return FromRGBA(dst, rgba, w, h)
	}
	if dst == nil || cap(dst.Pix) < 3*w*h {
		dst = NewRGB(w, h)
	}
	dst.W, dst.H, dst.Pix = w, h, dst.Pix[:3*w*h]
	ow, oh := (w+k-1)/k, (h+k-1)/k
	work := b.work
	if work == nil || cap(work.Pix) < 3*ow*oh {
		work = NewRGB(ow, oh)
	}
	work.W, work.H, work.Pix = ow, oh, work.Pix[:3*ow*oh]
	acc := resized(b.acc, 3*ow)
	for oy := range oh {
		clear(acc)
		y0, y1 := oy*k, min((oy+1)*k, h)
		o := work.Pix[3*oy*ow : 3*(oy+1)*ow]
		full := 0 // blocks written by the unrolled loop
		if k == 3 && y1-y0 == 3 {
			row := func(y int) ([]uint8, []uint8) {
				return rgba[4*y*w : 4*(y+1)*w], dst.Pix[3*y*w : 3*(y+1)*w]
			}
			s0, d0 := row(y0)
			s1, d1 := row(y0 + 1)
			s2, d2 := row(y0 + 2)
			full = copyShrink3(o, [3][]uint8{s0, s1, s2}, [3][]uint8{d0, d1, d2}, w/3)
		}
		for y := y0; y < y1; y++ {
			src := rgba[4*y*w : 4*(y+1)*w]
			out := dst.Pix[3*y*w : 3*(y+1)*w]
			for ox := full; ox < ow; ox++ {
				var sr, sg, sb uint32
				for x := ox * k; x < min((ox+1)*k, w); x++ {
					s, d := src[4*x:4*x+3:4*x+3], out[3*x:3*x+3:3*x+3]
					d[0], d[1], d[2] = s[0], s[1], s[2]
					sr += uint32(s[0])
					sg += uint32(s[1])
					sb += uint32(s[2])
				}
				a := acc[3*ox : 3*ox+3 : 3*ox+3]
				a[0] += sr
				a[1] += sg
				a[2] += sb
			}
		}
		// Each remaining block's mean, rounded half up as ShrinkRGBInto
		// does.
		for ox := full; ox < ow; ox++ {
			n := uint32((min((ox+1)*k, w) - ox*k) * (y1 - y0))
			o[3*ox] = uint8((acc[3*ox] + n/2) / n)
			o[3*ox+1] = uint8((acc[3*ox+1] + n/2) / n)
			o[3*ox+2] = uint8((acc[3*ox+2] + n/2) / n)
		}
	}
	b.work, b.acc, b.ready = work, acc, dst
	return dst
}

// fastShrinkFactor is the integer box factor of Fast mode's working copy
// of a w×h image (below 2: the image is used as it is).
func fastShrinkFactor(w, h int) int {
	return int(math.Round(float64(max(w, h)) / float64(configFor(DetectOptions{Fast: true}).workSide)))
}

// copyShrink3 is FromRGBA's loop for the common factor 3 (a 640×480
// frame) over whole 3×3 blocks of three rows: it copies blocks [0, n) of
// the RGBA rows src to the RGB rows dst and writes each block's mean to
// out, returning n. Each block row is one 8-byte and one 4-byte load
// (three pixels), one 8-byte and one 1-byte store, and its channel sums
// are added in parallel lanes of a word (red and blue in 16-bit lanes,
// green in 32-bit lanes; nine pixels sum to at most 2295, so no lane
// overflows); the mean is a division by the constant 9 (a
// multiplication). The browser build pays for every load, store and
// bounds check on every detected frame: byte by byte this loop cost
// three times the plain copy there.
func copyShrink3(out []uint8, src, dst [3][]uint8, n int) int {
	const (
		rbMask = 0x00FF00FF00FF00FF // red and blue of two pixels
		gMask  = 0x000000FF000000FF // green of two pixels, shifted down 8
	)
	for ox := range n {
		var rb, g uint64
		for i := range 3 {
			s := src[i][12*ox : 12*ox+12 : 12*ox+12]
			d := dst[i][9*ox : 9*ox+9 : 9*ox+9]
			lo := binary.LittleEndian.Uint64(s[:8])
			hi := uint64(binary.LittleEndian.Uint32(s[8:]))
			binary.LittleEndian.PutUint64(d[:8], lo&0xFFFFFF|(lo>>32&0xFFFFFF)<<24|hi<<48)
			d[8] = uint8(hi >> 16)
			rb += lo&rbMask + hi&0x00FF00FF
			g += lo>>8&gMask + hi>>8&0xFF
		}
		rb = rb&0xFFFFFFFF + rb>>32 // red in bits 0–15, blue in 16–31
		g = g&0xFFFFFFFF + g>>32
		r, b := uint32(rb&0xFFFF), uint32(rb>>16)
		o := out[3*ox : 3*ox+3 : 3*ox+3]
		o[0], o[1], o[2] = uint8((r+4)/9), uint8((uint32(g)+4)/9), uint8((b+4)/9)
	}
	return n
}
