//go:build cgo && gocv

package preflight

/*
#cgo LDFLAGS: -ljpeg
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <jpeglib.h>

// pf_jerr turns libjpeg's fatal errors into a longjmp, as OpenCV's
// JpegErrorMgr does, and keeps warnings (corrupt data it skips) off
// stderr: the caller decides what a bad photo means.
typedef struct {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
	char msg[JMSG_LENGTH_MAX];
} pf_jerr;

static void pf_error_exit(j_common_ptr c) {
	pf_jerr *e = (pf_jerr *)c->err;
	(*c->err->format_message)(c, e->msg);
	longjmp(e->jump, 1);
}

static void pf_output_message(j_common_ptr c) { (void)c; }

static void pf_init_err(pf_jerr *e) {
	jpeg_std_error(&e->pub);
	e->pub.error_exit = pf_error_exit;
	e->pub.output_message = pf_output_message;
	e->msg[0] = 0;
}

// pf_jpeg_decode decodes data at 1/denom of its size to 8-bit BGR (as
// cv::imdecode with IMREAD_COLOR or IMREAD_REDUCED_COLOR_<denom> does:
// libjpeg's default IDCT and fancy upsampling, JCS_EXT_BGR), or to RGB
// when rgb is set (the same values in the other order), into dst, rows
// stride bytes apart, when dst is not NULL; it always sets *w and *h to
// the output size and *comps to the file's component count. Returns 0 on
// success, 1 on a libjpeg error (msg says which), 2 when the decoder
// stopped early (a scan shorter than the frame).
static int pf_jpeg_decode(const unsigned char *data, unsigned long len, int denom, int rgb,
                          unsigned char *dst, size_t stride, int *w, int *h, int *comps, char *msg) {
	struct jpeg_decompress_struct cinfo;
	pf_jerr jerr;
	pf_init_err(&jerr);
	cinfo.err = &jerr.pub;
	jpeg_create_decompress(&cinfo);
	if (setjmp(jerr.jump)) {
		snprintf(msg, JMSG_LENGTH_MAX, "%s", jerr.msg);
		jpeg_destroy_decompress(&cinfo);
		return 1;
	}
	jpeg_mem_src(&cinfo, data, len);
	jpeg_read_header(&cinfo, TRUE);
	cinfo.scale_num = 1;
	cinfo.scale_denom = denom;
	cinfo.out_color_space = rgb ? JCS_EXT_RGB : JCS_EXT_BGR;
	cinfo.out_color_components = 3;
	jpeg_calc_output_dimensions(&cinfo);
	*w = cinfo.output_width;
	*h = cinfo.output_height;
	*comps = cinfo.num_components;
	if (dst == NULL) {
		jpeg_destroy_decompress(&cinfo);
		return 0;
	}
	jpeg_start_decompress(&cinfo);
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW row = dst + (size_t)cinfo.output_scanline * stride;
		if (jpeg_read_scanlines(&cinfo, &row, 1) != 1) {
			jpeg_destroy_decompress(&cinfo);
			return 2;
		}
	}
	jpeg_finish_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	return 0;
}

// pf_jpeg_encode encodes w×h pixels of layout space (JCS_EXT_RGB or
// JCS_EXT_RGBX), rows stride bytes apart, as cv::imencode(".jpg") does
// with IMWRITE_JPEG_QUALITY q and IMWRITE_JPEG_OPTIMIZE 1: libjpeg's
// defaults (4:2:0, JFIF header, baseline tables), optimised Huffman
// tables. *out is malloc'd; the caller frees it.
static int pf_jpeg_encode(const unsigned char *pix, int w, int h, size_t stride, int space, int q,
                          unsigned char **out, unsigned long *outLen, char *msg) {
	struct jpeg_compress_struct cinfo;
	pf_jerr jerr;
	pf_init_err(&jerr);
	cinfo.err = &jerr.pub;
	*out = NULL;
	*outLen = 0;
	jpeg_create_compress(&cinfo);
	if (setjmp(jerr.jump)) {
		snprintf(msg, JMSG_LENGTH_MAX, "%s", jerr.msg);
		jpeg_destroy_compress(&cinfo);
		free(*out);
		*out = NULL;
		return 1;
	}
	jpeg_mem_dest(&cinfo, out, outLen);
	cinfo.image_width = w;
	cinfo.image_height = h;
	cinfo.input_components = space == JCS_EXT_RGBX ? 4 : 3;
	cinfo.in_color_space = space;
	jpeg_set_defaults(&cinfo);
	jpeg_set_quality(&cinfo, q, TRUE);
	cinfo.optimize_coding = TRUE;
	jpeg_start_compress(&cinfo, TRUE);
	while (cinfo.next_scanline < cinfo.image_height) {
		JSAMPROW row = (JSAMPROW)(pix + (size_t)cinfo.next_scanline * stride);
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	return 0;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"image"
	"unsafe"

	"gocv.io/x/gocv"
)

// libjpegVersion is the libjpeg-turbo version the binary was built
// against ("2.1.5").
func libjpegVersion() string {
	v := int(C.LIBJPEG_TURBO_VERSION_NUMBER)
	return fmt.Sprintf("%d.%d.%d", v/1000000, v/1000%1000, v%1000)
}

// errLibjpeg is what libjpeg reported when it gave up on a photo.
var errLibjpeg = errors.New("libjpeg")

// Why libjpeg is called directly rather than through OpenCV's imgcodecs:
// imgcodecs pulls GDAL and GDCM in, 118 of the gocv binary's 146 shared
// libraries, and the dynamic loader's relocations cost 0.05–0.07 CPU-s at
// every start, a tenth of `preflight compress` on a 12 MP photo. These
// calls do what cv::imdecode and cv::imencode do for JPEG with the flags
// the engine used (same library, same settings), so pixels and bytes are
// the same (TestLibjpegMatchesImgcodecs).

// jpegDims is the size libjpeg decodes data to at 1/denom and the file's
// component count.
func jpegDims(data []byte, denom int) (w, h, comps int, err error) {
	return jpegDecodeInto(data, denom, false, nil, 0)
}

// jpegDecodeInto runs pf_jpeg_decode (RGB when rgb, else BGR); dst nil
// reads the header only.
func jpegDecodeInto(data []byte, denom int, rgb bool, dst []byte, stride int) (w, h, comps int, err error) {
	if len(data) == 0 {
		return 0, 0, 0, fmt.Errorf("%w: no data", errLibjpeg)
	}
	var cw, ch, cc C.int
	msg := (*C.char)(C.malloc(C.JMSG_LENGTH_MAX))
	defer C.free(unsafe.Pointer(msg))
	var p *C.uchar
	if dst != nil {
		p = (*C.uchar)(unsafe.Pointer(&dst[0]))
	}
	var inRGB C.int
	if rgb {
		inRGB = 1
	}
	rc := C.pf_jpeg_decode((*C.uchar)(unsafe.Pointer(&data[0])), C.ulong(len(data)), C.int(denom), inRGB, p, C.size_t(stride), &cw, &ch, &cc, msg)
	switch rc {
	case 0:
		return int(cw), int(ch), int(cc), nil
	case 1:
		return 0, 0, 0, fmt.Errorf("%w: %s", errLibjpeg, C.GoString(msg))
	}
	return 0, 0, 0, fmt.Errorf("%w: the scan ends before the frame", errLibjpeg)
}

// decodeJPEGMat decodes a JPEG at 1/denom (1, 2, 4 or 8) to a BGR Mat,
// as gocv.IMDecode(data, IMReadColor or IMReadReducedColor<denom>, with
// IMReadIgnoreOrientation) does. CMYK and YCCK files, which OpenCV
// converts itself, go through imgcodecs (lazyIMDecode).
func decodeJPEGMat(data []byte, denom int) (gocv.Mat, error) {
	w, h, comps, err := jpegDims(data, denom)
	if err != nil {
		return gocv.NewMat(), err
	}
	if comps == 4 {
		return lazyIMDecode(data, reducedFlagFor(denom)|gocv.IMReadIgnoreOrientation)
	}
	m := gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC3)
	buf, err := m.DataPtrUint8()
	if err == nil {
		_, _, _, err = jpegDecodeInto(data, denom, false, buf, int(m.Step()))
	}
	if err != nil {
		m.Close()
		return gocv.NewMat(), err
	}
	return m, nil
}

// reducedFlagFor is the IMRead flag of a decode at 1/denom.
func reducedFlagFor(denom int) gocv.IMReadFlag {
	switch denom {
	case 8:
		return gocv.IMReadReducedColor8
	case 4:
		return gocv.IMReadReducedColor4
	case 2:
		return gocv.IMReadReducedColor2
	}
	return gocv.IMReadColor
}

// libjpegEncode encodes the w×h pixels of pix (packed RGB, or RGBA when
// rgba, rows stride bytes apart) at quality q with optimised Huffman
// tables, as cv::imencode with IMWRITE_JPEG_QUALITY and
// IMWRITE_JPEG_OPTIMIZE does.
func libjpegEncode(pix []byte, w, h, stride int, rgba bool, q int) ([]byte, error) {
	bpp := 3
	if rgba {
		bpp = 4
	}
	if w <= 0 || h <= 0 || stride < w*bpp || len(pix) < (h-1)*stride+w*bpp {
		return nil, fmt.Errorf("%w: %dx%d pixels in %d bytes", ErrInvalidOption, w, h, len(pix))
	}
	space := C.int(C.JCS_EXT_RGB)
	if rgba {
		space = C.JCS_EXT_RGBX
	}
	msg := (*C.char)(C.malloc(C.JMSG_LENGTH_MAX))
	defer C.free(unsafe.Pointer(msg))
	var out *C.uchar
	var n C.ulong
	if C.pf_jpeg_encode((*C.uchar)(unsafe.Pointer(&pix[0])), C.int(w), C.int(h), C.size_t(stride), space, C.int(q), &out, &n, msg) != 0 {
		return nil, fmt.Errorf("%w: %s", errLibjpeg, C.GoString(msg))
	}
	defer C.free(unsafe.Pointer(out))
	return C.GoBytes(unsafe.Pointer(out), C.int(n)), nil
}

// encodeRGBA encodes img (any bounds) with libjpegEncode.
func encodeRGBA(img *image.RGBA, q int) ([]byte, error) {
	b := img.Bounds()
	if b.Empty() {
		return nil, fmt.Errorf("%w: empty image", ErrInvalidOption)
	}
	return libjpegEncode(img.Pix[img.PixOffset(b.Min.X, b.Min.Y):], b.Dx(), b.Dy(), img.Stride, true, q)
}
