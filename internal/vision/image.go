package vision

import (
	"image"
	"image/color"
)

// Gray is an 8-bit single-channel image stored row by row without padding.
type Gray struct {
	W, H int
	Pix  []uint8
}

// NewGray allocates a zeroed W×H Gray image.
func NewGray(w, h int) *Gray { return &Gray{W: w, H: h, Pix: make([]uint8, w*h)} }

// At returns the pixel at (x, y); it is meant for tests and rare lookups,
// not for loops over the whole image.
func (g *Gray) At(x, y int) uint8 { return g.Pix[y*g.W+x] }

// RGB is an 8-bit three-channel image, interleaved R,G,B, row by row
// without padding (stride 3*W).
type RGB struct {
	W, H int
	Pix  []uint8
}

// NewRGB allocates a zeroed W×H RGB image.
func NewRGB(w, h int) *RGB { return &RGB{W: w, H: h, Pix: make([]uint8, 3*w*h)} }

// Gray converts to luma with the Rec. 601 weights the endpoint's reference
// measures use (0.299 R + 0.587 G + 0.114 B), in fixed point.
func (m *RGB) Gray() *Gray {
	return m.GrayInto(nil)
}

// GrayInto is Gray writing into dst, whose pixels are reused when large
// enough (dst may be nil); it returns the result.
func (m *RGB) GrayInto(dst *Gray) *Gray {
	g := dst
	if g == nil {
		g = &Gray{}
	}
	g.W, g.H, g.Pix = m.W, m.H, resized(g.Pix, m.W*m.H)
	p := m.Pix
	for i := range g.Pix {
		r, gg, b := uint32(p[3*i]), uint32(p[3*i+1]), uint32(p[3*i+2])
		g.Pix[i] = uint8((19595*r + 38470*gg + 7471*b + 1<<15) >> 16)
	}
	return g
}

// Image returns the RGB image as an *image.RGBA (a copy), for encoders.
func (m *RGB) Image() *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, m.W, m.H))
	for i, j := 0, 0; i < len(m.Pix); i, j = i+3, j+4 {
		out.Pix[j], out.Pix[j+1], out.Pix[j+2], out.Pix[j+3] = m.Pix[i], m.Pix[i+1], m.Pix[i+2], 255
	}
	return out
}

// FromRGBA converts packed RGBA bytes (as a browser canvas gives them) to
// RGB, dropping alpha; it reuses dst when it is large enough.
func FromRGBA(dst *RGB, rgba []uint8, w, h int) *RGB {
	if dst == nil || cap(dst.Pix) < 3*w*h {
		dst = NewRGB(w, h)
	}
	dst.W, dst.H, dst.Pix = w, h, dst.Pix[:3*w*h]
	// Four pixels at a time: two 8-byte loads and an 8- and a 4-byte
	// store (this runs on every live frame in the wasm build, where byte
	// by byte it cost twice as much). Bounds: the re-slices check that
	// src holds the w·h pixels read and dst.Pix the ones written
	// (unchecked.go).
	src, out := rgba[:4*w*h], dst.Pix[:3*w*h]
	i, j := 0, 0
	if len(out) >= 12 {
		ps, pd := base(src), base(out)
		for ; j+12 <= len(out); i, j = i+16, j+12 {
			lo, hi := load64(ps, i), load64(ps, i+8)
			store64(pd, j, lo&0xFFFFFF|(lo>>32&0xFFFFFF)<<24|hi<<48)
			store32(pd, j+8, uint32(hi>>16&0xFF|(hi>>32&0xFFFFFF)<<8))
		}
	}
	for ; j < len(out); i, j = i+4, j+3 {
		s, d := src[i:i+3:i+3], out[j:j+3:j+3]
		d[0], d[1], d[2] = s[0], s[1], s[2]
	}
	return dst
}

// FromImage converts any image.Image to RGB. The decoder outputs
// (*image.YCbCr, *image.RGBA, *image.NRGBA, *image.Gray, *image.CMYK,
// *image.Paletted and the 16-bit kinds) take row-based fast paths;
// anything else goes through image/draw once. Alpha is composited over
// white, as a document photo with transparency would be shown.
func FromImage(img image.Image) *RGB {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := NewRGB(w, h)
	// Sub-images keep their parent's Pix with Rect.Min as origin: row y
	// of the output starts at y*Stride in every case below.
	switch src := img.(type) {
	case *image.YCbCr:
		fromYCbCr(out, src)
	case *image.Gray:
		for y := 0; y < h; y++ {
			row := src.Pix[y*src.Stride : y*src.Stride+w]
			o := out.Pix[3*y*w:]
			for x, v := range row {
				o[3*x], o[3*x+1], o[3*x+2] = v, v, v
			}
		}
	case *image.Gray16:
		for y := 0; y < h; y++ {
			row := src.Pix[y*src.Stride : y*src.Stride+2*w]
			o := out.Pix[3*y*w:]
			for x := range w {
				v := row[2*x] // high byte, as color.GrayModel does
				o[3*x], o[3*x+1], o[3*x+2] = v, v, v
			}
		}
	case *image.RGBA:
		fromRGBALike(out, src.Pix, src.Stride, 4, false)
	case *image.NRGBA:
		fromRGBALike(out, src.Pix, src.Stride, 4, true)
	case *image.RGBA64:
		fromRGBALike(out, src.Pix, src.Stride, 8, false)
	case *image.NRGBA64:
		fromRGBALike(out, src.Pix, src.Stride, 8, true)
	case *image.CMYK:
		for y := 0; y < h; y++ {
			row := src.Pix[y*src.Stride : y*src.Stride+4*w]
			o := out.Pix[3*y*w : 3*(y+1)*w]
			for x := range w {
				r, g, bb := color.CMYKToRGB(row[4*x], row[4*x+1], row[4*x+2], row[4*x+3])
				o[3*x], o[3*x+1], o[3*x+2] = r, g, bb
			}
		}
	case *image.Paletted:
		var lut [256][3]uint8
		for i := range lut {
			lut[i] = [3]uint8{255, 255, 255} // out-of-palette index: white
		}
		for i, c := range src.Palette {
			if i < len(lut) {
				lut[i] = overWhite(c)
			}
		}
		for y := 0; y < h; y++ {
			row := src.Pix[y*src.Stride : y*src.Stride+w]
			o := out.Pix[3*y*w:]
			for x, v := range row {
				p := lut[v]
				o[3*x], o[3*x+1], o[3*x+2] = p[0], p[1], p[2]
			}
		}
	default:
		// Rare layouts (alpha-only, NYCbCrA, custom images) go pixel by
		// pixel: the same arithmetic as image/draw's Over onto white,
		// without linking image/draw (55 KB of the wasm build).
		for y := 0; y < h; y++ {
			o := out.Pix[3*y*w : 3*(y+1)*w]
			for x := range w {
				p := overWhite(img.At(b.Min.X+x, b.Min.Y+y))
				o[3*x], o[3*x+1], o[3*x+2] = p[0], p[1], p[2]
			}
		}
	}
	return out
}

// overWhite composites one colour over white.
func overWhite(c color.Color) [3]uint8 {
	r, g, b, a := c.RGBA() // premultiplied, 16-bit
	k := 0xffff - a
	return [3]uint8{uint8((r + k) >> 8), uint8((g + k) >> 8), uint8((b + k) >> 8)}
}

// fromRGBALike copies pixels of 4 channels of 1 or 2 bytes (bpp 4 or 8,
// big-endian 16-bit samples whose high byte is kept); premultiplied RGBA
// over white is c + (255 - a), non-premultiplied is c*a/255 + (255 - a).
func fromRGBALike(out *RGB, pix []uint8, stride, bpp int, straight bool) {
	step := bpp / 4 // bytes per sample; index the high byte
	for y := 0; y < out.H; y++ {
		row := pix[y*stride : y*stride+bpp*out.W]
		o := out.Pix[3*y*out.W : 3*(y+1)*out.W]
		for x := 0; x < out.W; x++ {
			p := row[bpp*x:]
			r, g, b, a := uint32(p[0]), uint32(p[step]), uint32(p[2*step]), uint32(p[3*step])
			if a != 255 {
				if straight {
					r, g, b = r*a/255, g*a/255, b*a/255
				}
				r, g, b = min(r+255-a, 255), min(g+255-a, 255), min(b+255-a, 255)
			}
			o[3*x], o[3*x+1], o[3*x+2] = uint8(r), uint8(g), uint8(b)
		}
	}
}

// fromYCbCr converts row by row: the chroma column of every output column
// is computed once, and the colour conversion is color.YCbCrToRGB's own
// fixed-point arithmetic inlined (exactly the same results), which makes
// a 12 MP photo several times faster than YOffset/COffset per pixel.
func fromYCbCr(out *RGB, src *image.YCbCr) {
	hdiv, vdiv := ChromaDivisors(src.SubsampleRatio)
	org := src.Rect.Min
	cx := make([]int, out.W)
	for x := range cx {
		cx[x] = (org.X+x)/hdiv - org.X/hdiv
	}
	for y := 0; y < out.H; y++ {
		yrow := src.Y[y*src.YStride : y*src.YStride+out.W]
		co := ((org.Y+y)/vdiv - org.Y/vdiv) * src.CStride
		cb, cr := src.Cb[co:], src.Cr[co:]
		o := out.Pix[3*y*out.W : 3*(y+1)*out.W]
		for x, yv := range yrow {
			c := cx[x]
			yy1 := int32(yv) * 0x10101
			cb1 := int32(cb[c]) - 128
			cr1 := int32(cr[c]) - 128
			o[3*x] = clampFix(yy1 + 91881*cr1)
			o[3*x+1] = clampFix(yy1 - 22554*cb1 - 46802*cr1)
			o[3*x+2] = clampFix(yy1 + 116130*cb1)
		}
	}
}

// clampFix turns a 16.16 fixed-point value into a clamped byte, as
// color.YCbCrToRGB does.
func clampFix(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	return uint8(^(v >> 31))
}

// ChromaDivisors returns how many luma columns (h) and rows (v) share one
// chroma sample under a YCbCr subsampling ratio: 4:2:0 is 2, 2.
func ChromaDivisors(r image.YCbCrSubsampleRatio) (h, v int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return 2, 1
	case image.YCbCrSubsampleRatio420:
		return 2, 2
	case image.YCbCrSubsampleRatio440:
		return 1, 2
	case image.YCbCrSubsampleRatio411:
		return 4, 1
	case image.YCbCrSubsampleRatio410:
		return 4, 2
	}
	return 1, 1
}
