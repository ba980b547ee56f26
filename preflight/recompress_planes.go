package preflight

import (
	"image"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// A JPEG decodes to Y, Cb and Cr planes, and a JPEG encoder starts from
// Y, Cb and Cr planes: re-encoding through RGB converts every pixel twice
// for nothing. The functions here resize and orient the decoder's planes
// directly, each at its own size, into the 4:2:0 layout the encoders
// write (chroma at half resolution both ways).

// planesSupported says whether m's chroma is at least 4:2:0's resolution
// on both axes (4:4:4, 4:2:2, 4:4:0, 4:2:0), so that making 4:2:0 only
// averages samples. 4:1:1 and 4:1:0 would need chroma upsampling; they go
// through RGB.
func planesSupported(m *image.YCbCr) bool {
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio420:
		return m.Rect.Min == image.Point{}
	}
	return false
}

// chromaSize is the size of m's Cb and Cr planes.
func chromaSize(m *image.YCbCr) (int, int) {
	h, v := vision.ChromaDivisors(m.SubsampleRatio)
	return (m.Rect.Dx() + h - 1) / h, (m.Rect.Dy() + v - 1) / v
}

// uprightPlanes returns src (as decoded: stored orientation, any
// supported subsampling) turned upright for EXIF orientation o and
// area-resized to the upright size w×h, as 4:2:0. A 4:2:0 source that
// needs neither is returned as is.
func uprightPlanes(src *image.YCbCr, o, w, h int) *image.YCbCr {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	tw, th := w, h // the target before turning
	if o >= 5 && o <= 8 {
		tw, th = h, w
	}
	if (o < 2 || o > 8) && tw == sw && th == sh && src.SubsampleRatio == image.YCbCrSubsampleRatio420 {
		return src
	}
	cw, ch := chromaSize(src)
	y := planeAt(src.Y, sw, sh, src.YStride, tw, th, o)
	cb := planeAt(src.Cb, cw, ch, src.CStride, (tw+1)/2, (th+1)/2, o)
	cr := planeAt(src.Cr, cw, ch, src.CStride, (tw+1)/2, (th+1)/2, o)
	return &image.YCbCr{
		Y: y.Pix, Cb: cb.Pix, Cr: cr.Pix, YStride: y.W, CStride: cb.W,
		SubsampleRatio: image.YCbCrSubsampleRatio420, Rect: image.Rect(0, 0, y.W, y.H),
	}
}

// planeAt resizes one plane to tw×th and turns it for orientation o, in
// one copy when no resize is needed.
func planeAt(pix []uint8, w, h, stride, tw, th, o int) *vision.Gray {
	if tw == w && th == h {
		return vision.OrientPlane(pix, w, h, stride, o)
	}
	g := vision.ResizeAreaPlane(pix, w, h, stride, tw, th)
	if o < 2 || o > 8 {
		return g
	}
	return vision.OrientPlane(g.Pix, g.W, g.H, g.W, o)
}

// probeMosaicPlanes is probeMosaic for a 4:2:0 image: the bands of g
// (on the 16-pixel grid, so each band's chroma starts on a chroma sample)
// are copied plane by plane.
func probeMosaicPlanes(img *image.YCbCr, g ProbeGrid) *image.YCbCr {
	out := image.NewYCbCr(image.Rect(0, 0, g.Cols*g.TileW, g.Rows*g.TileH), image.YCbCrSubsampleRatio420)
	for i, p := range g.Tiles {
		pastePlanes(out, img, p, image.Pt((i%g.Cols)*g.TileW, (i/g.Cols)*g.TileH), g.TileW, g.TileH)
	}
	return out
}

// pastePlanes copies the w×h part of src at sp into dst at dp, both
// 4:2:0 with sp and dp at even coordinates; rows and columns past either
// image are left out.
func pastePlanes(dst, src *image.YCbCr, sp, dp image.Point, w, h int) {
	w = min(w, src.Rect.Dx()-sp.X, dst.Rect.Dx()-dp.X)
	h = min(h, src.Rect.Dy()-sp.Y, dst.Rect.Dy()-dp.Y)
	for y := range h {
		copy(dst.Y[(dp.Y+y)*dst.YStride+dp.X:][:w], src.Y[(sp.Y+y)*src.YStride+sp.X:])
	}
	cw, ch := (w+1)/2, (h+1)/2
	for y := range ch {
		o, s := (dp.Y/2+y)*dst.CStride+dp.X/2, (sp.Y/2+y)*src.CStride+sp.X/2
		copy(dst.Cb[o:o+cw], src.Cb[s:])
		copy(dst.Cr[o:o+cw], src.Cr[s:])
	}
}
