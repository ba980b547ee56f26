//go:build cgo && gocv

package preflight

import (
	"fmt"
	"image"

	"gocv.io/x/gocv"
)

// defaultEncoder is the encoder Recompress uses unless WithEncoder says
// otherwise: OpenCV's (libjpeg-turbo) in the gocv build.
func defaultEncoder() Encoder { return cvEncoder{} }

// cvEncoder encodes with cv::imencode, libjpeg-turbo underneath: 4:2:0
// chroma and the IJG quality scale (libjpeg's defaults), no metadata.
type cvEncoder struct{}

// Name identifies the encoder in Info.
func (cvEncoder) Name() string { return "opencv " + gocv.OpenCVVersion() }

// Encode encodes img at quality q (1..100).
func (cvEncoder) Encode(img *image.RGBA, q int) ([]byte, error) {
	b := img.Bounds()
	if b.Empty() {
		return nil, fmt.Errorf("%w: empty image", ErrInvalidOption)
	}
	if q < 1 || q > 100 {
		return nil, fmt.Errorf("%w: jpeg quality %d", ErrInvalidOption, q)
	}
	if img.Stride != 4*b.Dx() || b.Min != (image.Point{}) {
		// A sub-image: the Mat needs packed rows from the origin.
		packed := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		for y := range b.Dy() {
			copy(packed.Pix[y*packed.Stride:(y+1)*packed.Stride], img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):])
		}
		img = packed
	}
	rgba, err := gocv.NewMatFromBytes(b.Dy(), b.Dx(), gocv.MatTypeCV8UC4, img.Pix[:4*b.Dx()*b.Dy()])
	if err != nil {
		return nil, err
	}
	defer rgba.Close()
	bgr := gocv.NewMat()
	defer bgr.Close()
	gocv.CvtColor(rgba, &bgr, gocv.ColorRGBAToBGR)
	buf, err := gocv.IMEncodeWithParams(gocv.JPEGFileExt, bgr, []int{gocv.IMWriteJpegQuality, q})
	if err != nil {
		return nil, fmt.Errorf("opencv jpeg encode: %w", err)
	}
	defer buf.Close()
	return append([]byte(nil), buf.GetBytes()...), nil
}
