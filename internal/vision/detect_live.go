package vision

import (
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
	// The three rows as separate pointers, the block loop written out
	// row by row: under wasm an array of slices indexed in a loop is
	// re-read from memory at every use. Bounds: the re-slices below
	// check that every row holds the n blocks read and written
	// (unchecked.go).
	if n <= 0 {
		return 0
	}
	s0, s1, s2 := base(src[0][:12*n]), base(src[1][:12*n]), base(src[2][:12*n])
	d0, d1, d2 := base(dst[0][:9*n]), base(dst[1][:9*n]), base(dst[2][:9*n])
	o := base(out[:3*n])
	for ox := range n {
		i, j := 12*ox, 9*ox
		l0, h0 := load64(s0, i), uint64(load32(s0, i+8))
		l1, h1 := load64(s1, i), uint64(load32(s1, i+8))
		l2, h2 := load64(s2, i), uint64(load32(s2, i+8))
		store64(d0, j, l0&0xFFFFFF|(l0>>32&0xFFFFFF)<<24|h0<<48)
		store64(d1, j, l1&0xFFFFFF|(l1>>32&0xFFFFFF)<<24|h1<<48)
		store64(d2, j, l2&0xFFFFFF|(l2>>32&0xFFFFFF)<<24|h2<<48)
		store8(d0, j+8, uint8(h0>>16))
		store8(d1, j+8, uint8(h1>>16))
		store8(d2, j+8, uint8(h2>>16))
		rb := l0&rbMask + l1&rbMask + l2&rbMask + h0&0x00FF00FF + h1&0x00FF00FF + h2&0x00FF00FF
		g := (l0>>8)&gMask + (l1>>8)&gMask + (l2>>8)&gMask + (h0>>8)&0xFF + (h1>>8)&0xFF + (h2>>8)&0xFF
		rb = rb&0xFFFFFFFF + rb>>32 // red in bits 0–15, blue in 16–31
		g = g&0xFFFFFFFF + g>>32
		k := 3 * ox
		store8(o, k, uint8((uint32(rb&0xFFFF)+4)/9))
		store8(o, k+1, uint8((uint32(g)+4)/9))
		store8(o, k+2, uint8((uint32(rb>>16)+4)/9))
	}
	return n
}
