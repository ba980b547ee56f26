//go:build cgo && gocv

package preflight

import (
	"fmt"
	"image"

	"gocv.io/x/gocv"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// defaultEncoder is the encoder Recompress uses unless WithEncoder says
// otherwise: libjpeg-turbo, as OpenCV calls it, in the gocv build.
func defaultEncoder() Encoder { return cvEncoder{} }

// cvEncoder encodes with libjpeg-turbo as cv::imencode does (the same
// bytes, without linking imgcodecs: libjpeg_gocv.go): 4:2:0 chroma and
// the IJG quality scale (libjpeg's defaults), optimised Huffman tables
// (a few percent fewer bytes at the same quality), no metadata.
type cvEncoder struct{}

// Name identifies the encoder in Info: libjpeg-turbo, called as OpenCV's
// imgcodecs would call it.
func (cvEncoder) Name() string { return "libjpeg-turbo " + libjpegVersion() }

// Encode encodes img at quality q (1..100).
func (cvEncoder) Encode(img *image.RGBA, q int) ([]byte, error) {
	if q < 1 || q > 100 {
		return nil, fmt.Errorf("%w: jpeg quality %d", ErrInvalidOption, q)
	}
	return encodeRGBA(img, q)
}

// encodeRGB encodes the RGB planes without the RGBA copy Encode needs;
// Recompress uses it when the encoder has it.
func (cvEncoder) encodeRGB(img *vision.RGB, q int) ([]byte, error) {
	if q < 1 || q > 100 {
		return nil, fmt.Errorf("%w: jpeg quality %d", ErrInvalidOption, q)
	}
	return libjpegEncode(img.Pix, img.W, img.H, 3*img.W, false, q)
}

// decodeStored decodes the whole image at full resolution as stored
// (orientation not applied) with libjpeg-turbo; GIF, which OpenCV lacks,
// and anything libjpeg refuses go through image/* as in the pure build.
func decodeStored(data []byte, h imageHeader) (stored *vision.RGB, planes *image.YCbCr, err error) {
	if h.format == "jpeg" && jpegComplete(data) {
		m, err := decodeJPEGMat(data, 1)
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
