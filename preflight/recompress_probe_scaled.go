package preflight

import (
	"image"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// A probe below full size samples the image as it will be encoded,
// downscaled. Resizing the whole photo for it costs as much as the
// resize of the whole encode (a second of a 100 MP photo's four), for a
// sixth of the pixels or less: each band's own source region is cropped
// and resized instead. The crop is rounded out to whole (even) pixels, so
// a band's content is shifted by under a source pixel: nothing the byte
// count notices.

// storedRect maps r, a rectangle of the upright image of uw×uh pixels, to
// the stored image, for EXIF orientation o.
func storedRect(r image.Rectangle, o, uw, uh int) image.Rectangle {
	x0, y0, x1, y1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	switch o {
	case 2:
		return image.Rect(uw-x1, y0, uw-x0, y1)
	case 3:
		return image.Rect(uw-x1, uh-y1, uw-x0, uh-y0)
	case 4:
		return image.Rect(x0, uh-y1, x1, uh-y0)
	case 5:
		return image.Rect(y0, x0, y1, x1)
	case 6:
		return image.Rect(y0, uw-x1, y1, uw-x0)
	case 7:
		return image.Rect(uh-y1, uw-x1, uh-y0, uw-x0)
	case 8:
		return image.Rect(uh-y1, x0, uh-y0, x1)
	}
	return r
}

// bandSource is the stored region band i of g (in the upright image
// scaled to w×h) is resized from, rounded out to even coordinates and
// clipped to the stored image.
func (s *recompressSource) bandSource(g ProbeGrid, i, w, h int) image.Rectangle {
	uw, uh := s.uprightSize()
	fx, fy := float64(uw)/float64(w), float64(uh)/float64(h)
	p := g.Tiles[i]
	up := image.Rect(int(float64(p.X)*fx), int(float64(p.Y)*fy),
		int(math.Ceil(float64(p.X+g.TileW)*fx)), int(math.Ceil(float64(p.Y+g.TileH)*fy)))
	r := storedRect(up, s.orientation, uw, uh)
	r.Min.X, r.Min.Y = r.Min.X&^1, r.Min.Y&^1
	r.Max.X, r.Max.Y = r.Max.X+r.Max.X&1, r.Max.Y+r.Max.Y&1
	return r.Intersect(image.Rect(0, 0, s.width, s.height))
}

// scaledProbePlanes is probeMosaicPlanes of the planes at w×h, made band
// by band.
func (s *recompressSource) scaledProbePlanes(w, h int, g ProbeGrid) *image.YCbCr {
	out := image.NewYCbCr(image.Rect(0, 0, g.Cols*g.TileW, g.Rows*g.TileH), image.YCbCrSubsampleRatio420)
	for i := range g.Tiles {
		band := uprightPlanes(cropPlanes(s.planes, s.bandSource(g, i, w, h)), s.orientation, g.TileW, g.TileH)
		pastePlanes(out, band, image.Point{}, image.Pt((i%g.Cols)*g.TileW, (i/g.Cols)*g.TileH), g.TileW, g.TileH)
	}
	return out
}

// scaledProbeRGB is probeMosaic of the RGB image at w×h, made band by
// band.
func (s *recompressSource) scaledProbeRGB(w, h int, g ProbeGrid) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, g.Cols*g.TileW, g.Rows*g.TileH))
	sw, sh := g.TileW, g.TileH
	if s.orientation >= 5 && s.orientation <= 8 {
		sw, sh = sh, sw
	}
	for i := range g.Tiles {
		crop := cropRGB(s.rgb(), s.bandSource(g, i, w, h))
		band := vision.Orient(resizeArea(crop, sw, sh), s.orientation)
		ox, oy := (i%g.Cols)*g.TileW, (i/g.Cols)*g.TileH
		for y := range band.H {
			dst := out.Pix[out.PixOffset(ox, oy+y):]
			for x := range band.W {
				c := band.Pix[3*(y*band.W+x):]
				dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = c[0], c[1], c[2], 255
			}
		}
	}
	return out
}

// cropPlanes returns the part r of a supported YCbCr image (r's corner
// at even coordinates, so chroma starts on a sample) as an image of its
// own whose planes share m's memory.
func cropPlanes(m *image.YCbCr, r image.Rectangle) *image.YCbCr {
	hdiv, vdiv := vision.ChromaDivisors(m.SubsampleRatio)
	yo := r.Min.Y*m.YStride + r.Min.X
	co := r.Min.Y/vdiv*m.CStride + r.Min.X/hdiv
	return &image.YCbCr{
		Y: m.Y[yo:], Cb: m.Cb[co:], Cr: m.Cr[co:], YStride: m.YStride, CStride: m.CStride,
		SubsampleRatio: m.SubsampleRatio, Rect: image.Rect(0, 0, r.Dx(), r.Dy()),
	}
}

// cropRGB copies the part r of m.
func cropRGB(m *vision.RGB, r image.Rectangle) *vision.RGB {
	out := vision.NewRGB(r.Dx(), r.Dy())
	for y := range out.H {
		copy(out.Pix[3*y*out.W:3*(y+1)*out.W], m.Pix[3*((r.Min.Y+y)*m.W+r.Min.X):])
	}
	return out
}
