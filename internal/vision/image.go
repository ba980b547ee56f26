package vision

import (
	"image"
	"image/color"
	"image/draw"
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
	g := NewGray(m.W, m.H)
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
	for i, j := 0, 0; j < len(dst.Pix); i, j = i+4, j+3 {
		dst.Pix[j], dst.Pix[j+1], dst.Pix[j+2] = rgba[i], rgba[i+1], rgba[i+2]
	}
	return dst
}

// FromImage converts any image.Image to RGB. The common decoder outputs
// (*image.YCbCr, *image.RGBA, *image.NRGBA, *image.Gray) take fast paths;
// anything else (CMYK, 16-bit, paletted) goes through image/draw once.
// Alpha is composited over white, as a document photo with transparency
// would be shown.
func FromImage(img image.Image) *RGB {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := NewRGB(w, h)
	switch src := img.(type) {
	case *image.YCbCr:
		fromYCbCr(out, src)
	case *image.Gray:
		for y := 0; y < h; y++ {
			row := src.Pix[(y)*src.Stride : (y)*src.Stride+w]
			o := out.Pix[3*y*w:]
			for x, v := range row {
				o[3*x], o[3*x+1], o[3*x+2] = v, v, v
			}
		}
	case *image.RGBA:
		fromRGBALike(out, src.Pix, src.Stride, false)
	case *image.NRGBA:
		fromRGBALike(out, src.Pix, src.Stride, true)
	default:
		tmp := image.NewNRGBA(image.Rect(0, 0, w, h))
		draw.Draw(tmp, tmp.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
		draw.Draw(tmp, tmp.Bounds(), img, b.Min, draw.Over)
		fromRGBALike(out, tmp.Pix, tmp.Stride, false)
	}
	return out
}

// fromRGBALike copies 4-byte pixels; premultiplied RGBA over white is
// c + (255 - a), non-premultiplied is c*a/255 + (255 - a).
func fromRGBALike(out *RGB, pix []uint8, stride int, straight bool) {
	for y := 0; y < out.H; y++ {
		row := pix[y*stride : y*stride+4*out.W]
		o := out.Pix[3*y*out.W : 3*(y+1)*out.W]
		for x := 0; x < out.W; x++ {
			r, g, b, a := uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2]), uint32(row[4*x+3])
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

func fromYCbCr(out *RGB, src *image.YCbCr) {
	b := src.Rect
	for y := 0; y < out.H; y++ {
		o := out.Pix[3*y*out.W : 3*(y+1)*out.W]
		for x := 0; x < out.W; x++ {
			yi := src.YOffset(b.Min.X+x, b.Min.Y+y)
			ci := src.COffset(b.Min.X+x, b.Min.Y+y)
			r, g, bb := color.YCbCrToRGB(src.Y[yi], src.Cb[ci], src.Cr[ci])
			o[3*x], o[3*x+1], o[3*x+2] = r, g, bb
		}
	}
}
