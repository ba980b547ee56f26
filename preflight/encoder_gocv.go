//go:build cgo && gocv

package preflight

import (
	"fmt"
	"image"

	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/vision"
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
	return encodeBGR(bgr, q)
}

// encodeRGB encodes the RGB planes without the RGBA copy Encode needs;
// Recompress uses it when the encoder has it.
func (cvEncoder) encodeRGB(img *vision.RGB, q int) ([]byte, error) {
	if q < 1 || q > 100 {
		return nil, fmt.Errorf("%w: jpeg quality %d", ErrInvalidOption, q)
	}
	src, err := rgbMat(img)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	bgr := gocv.NewMat()
	defer bgr.Close()
	gocv.CvtColor(src, &bgr, gocv.ColorBGRToRGB) // the same channel swap both ways
	return encodeBGR(bgr, q)
}

// encodeBGR encodes with optimised Huffman tables: a few percent fewer
// bytes at the same quality, which is quality at equal size.
func encodeBGR(bgr gocv.Mat, q int) ([]byte, error) {
	buf, err := gocv.IMEncodeWithParams(gocv.JPEGFileExt, bgr, []int{gocv.IMWriteJpegQuality, q, gocv.IMWriteJpegOptimize, 1})
	if err != nil {
		return nil, fmt.Errorf("opencv jpeg encode: %w", err)
	}
	defer buf.Close()
	return append([]byte(nil), buf.GetBytes()...), nil
}

// decodeStored decodes the whole image at full resolution as stored
// (orientation not applied) with OpenCV; GIF, which OpenCV lacks, and
// anything OpenCV refuses go through image/* as in the pure build.
func decodeStored(data []byte, h imageHeader) (stored *vision.RGB, planes *image.YCbCr, err error) {
	if h.format == "jpeg" && jpegComplete(data) {
		m, err := gocv.IMDecode(data, gocv.IMReadColor|gocv.IMReadIgnoreOrientation)
		if err == nil {
			defer m.Close()
			if !m.Empty() {
				stored, err = matToRGB(m)
				return stored, nil, err
			}
		}
	}
	img, err := safeDecode(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, h.format, err)
	}
	return vision.FromImage(img), nil, nil
}

// resizeArea shrinks img to w×h with OpenCV's INTER_AREA, the same
// area averaging as vision.ResizeArea, an order of magnitude faster on
// 50–100 MP photos. It falls back to vision.ResizeArea if the Mats cannot
// be made.
func resizeArea(img *vision.RGB, w, h int) *vision.RGB {
	out := vision.NewRGB(w, h)
	src, err := rgbMat(img)
	if err != nil {
		return vision.ResizeArea(img, w, h)
	}
	defer src.Close()
	dst, err := rgbMat(out)
	if err != nil {
		return vision.ResizeArea(img, w, h)
	}
	defer dst.Close()
	gocv.Resize(src, &dst, image.Pt(w, h), 0, 0, gocv.InterpolationArea) // writes into out.Pix: same size and type
	return out
}
