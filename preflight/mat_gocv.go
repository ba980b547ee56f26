//go:build cgo && gocv

package preflight

import (
	"fmt"
	"image"

	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// rgbMat wraps img's pixels in a Mat without copying. The Mat is in RGB
// channel order (not OpenCV's usual BGR) and must be closed before img
// can be collected; the caller must not let OpenCV reallocate it.
func rgbMat(img *vision.RGB) (gocv.Mat, error) {
	return gocv.NewMatFromBytes(img.H, img.W, gocv.MatTypeCV8UC3, img.Pix)
}

// grayMat wraps a Gray image's pixels like rgbMat.
func grayMat(g *vision.Gray) (gocv.Mat, error) {
	return gocv.NewMatFromBytes(g.H, g.W, gocv.MatTypeCV8UC1, g.Pix)
}

// matToRGB converts a decoded Mat (8- or 16-bit; grey, BGR or BGRA) to
// RGB. Alpha is composited over white, as vision.FromImage does, so both
// engines see the same pixels.
func matToRGB(m gocv.Mat) (*vision.RGB, error) {
	src := m
	if m.Type()&7 != gocv.MatTypeCV8U {
		// 16-bit PNG/TIFF: scale to 8 bits as image/draw does (>> 8).
		conv := gocv.NewMat()
		defer conv.Close()
		m.ConvertToWithParams(&conv, gocv.MatTypeCV8U, 1.0/257, 0)
		src = conv
	}
	out := vision.NewRGB(src.Cols(), src.Rows())
	switch src.Channels() {
	case 1, 3:
		dst, err := rgbMat(out)
		if err != nil {
			return nil, err
		}
		defer dst.Close()
		code := gocv.ColorBGRToRGB
		if src.Channels() == 1 {
			code = gocv.ColorGrayToBGR // grey to three equal channels
		}
		gocv.CvtColor(src, &dst, code) // writes into out.Pix: same size and type
		return out, nil
	case 4:
		rgba := gocv.NewMat()
		defer rgba.Close()
		gocv.CvtColor(src, &rgba, gocv.ColorBGRAToRGBA)
		pix, err := rgba.DataPtrUint8()
		if err != nil {
			return nil, err
		}
		n := &image.NRGBA{Pix: pix, Stride: 4 * rgba.Cols(), Rect: image.Rect(0, 0, rgba.Cols(), rgba.Rows())}
		return vision.FromImage(n), nil
	}
	return nil, fmt.Errorf("%w: %d channels", ErrUnsupportedFormat, src.Channels())
}

// orientMat turns *m upright for an EXIF orientation (see vision.Orient),
// closing the Mat it replaces.
func orientMat(m *gocv.Mat, o int) {
	if o < 2 || o > 8 {
		return
	}
	dst := gocv.NewMat()
	switch o {
	case 2:
		gocv.Flip(*m, &dst, 1)
	case 3:
		gocv.Rotate(*m, &dst, gocv.Rotate180Clockwise)
	case 4:
		gocv.Flip(*m, &dst, 0)
	case 5:
		gocv.Transpose(*m, &dst)
	case 6:
		gocv.Rotate(*m, &dst, gocv.Rotate90Clockwise)
	case 7:
		t := gocv.NewMat()
		gocv.Transpose(*m, &t)
		gocv.Flip(t, &dst, -1)
		t.Close()
	case 8:
		gocv.Rotate(*m, &dst, gocv.Rotate90CounterClockwise)
	}
	m.Close()
	*m = dst
}
