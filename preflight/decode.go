package preflight

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // registered decoders: the formats Check accepts (GIF and TIFF in decode_formats.go)
	_ "image/png"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// sniff names the container format from the first bytes, including the
// formats we recognise but cannot decode (HEIC/HEIF, AVIF, JPEG XL), so
// that the error can say what the file is.
func sniff(data []byte) string {
	switch {
	case len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF:
		return "jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case len(data) >= 12 && string(data[0:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "webp"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "tiff"
	case bytes.HasPrefix(data, []byte("BM")):
		return "bmp"
	case bytes.HasPrefix(data, []byte("GIF8")):
		return "gif"
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		switch string(data[8:12]) {
		case "avif", "avis":
			return "avif"
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
			return "heic"
		}
	case bytes.HasPrefix(data, []byte{0xFF, 0x0A}), bytes.HasPrefix(data, []byte("\x00\x00\x00\x0cJXL ")):
		return "jxl"
	}
	return ""
}

// decoded is an input image ready for analysis plus what its bytes told us.
type decoded struct {
	rgb    *vision.RGB
	format string
	// width and height are the upright photo's size in its own pixels;
	// rgb may be smaller when the engine decoded at a reduced size.
	width, height int
	// orientation is the EXIF orientation that was applied (1 = none).
	orientation int
	// jpeg holds facts read from JPEG bytes (nil for other formats).
	jpeg *jpegFacts
	// lumaCrop, when set, decodes the luma of a rectangle of the upright
	// photo (photo pixels) at full resolution: a reduced decode that
	// kept the coefficients offers it for 827's block grid, which a
	// decode at 1/4 or smaller no longer shows (blockPeriod).
	lumaCrop func(r image.Rectangle) *vision.Gray
}

// lumaDecoder is an engine whose decoder can also offer decoded.lumaCrop
// (nil when it keeps nothing to offer).
type lumaDecoder interface {
	decodeWithLuma(data []byte, h imageHeader) (*vision.RGB, func(image.Rectangle) *vision.Gray, error)
}

// scale is photo pixels per rgb pixel: 1, or about 2, 4 or 8 after a
// reduced decode. Quads are reported in photo pixels.
func (d *decoded) scale() float64 {
	if d.rgb.W == 0 {
		return 1
	}
	return float64(d.width) / float64(d.rgb.W)
}

// readImageHeader validates the format and the declared size of data
// without decoding, so that an oversize image is refused before any
// allocation, and reads the EXIF orientation its container declares.
func readImageHeader(data []byte, maxPixels int) (imageHeader, error) {
	if len(data) == 0 {
		return imageHeader{}, ErrEmpty
	}
	format := sniff(data)
	switch format {
	case "":
		return imageHeader{}, fmt.Errorf("%w: not a recognised image (JPEG, PNG, WebP, TIFF, BMP or GIF expected)", ErrUnsupportedFormat)
	case "heic", "avif", "jxl":
		return imageHeader{}, fmt.Errorf("%w: %s is not supported; convert it to JPEG first (on iOS, set Camera > Formats > Most Compatible)", ErrUnsupportedFormat, format)
	}
	if browserOmits(format) {
		return imageHeader{}, fmt.Errorf("%w: %s is not decoded by the browser build; convert it to JPEG or PNG first", ErrUnsupportedFormat, format)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return imageHeader{}, fmt.Errorf("%w: %s header: %v", ErrCorrupt, format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return imageHeader{}, fmt.Errorf("%w: %s declares %dx%d pixels", ErrCorrupt, format, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return imageHeader{}, fmt.Errorf("%w: %dx%d is %d pixels, the limit is %d", ErrTooLarge, cfg.Width, cfg.Height, int64(cfg.Width)*int64(cfg.Height), maxPixels)
	}
	return imageHeader{format: format, width: cfg.Width, height: cfg.Height, orientation: fileOrientation(format, data)}, nil
}

// uprightSize is the size once the orientation is applied: 5..8 swap the
// axes.
func (h imageHeader) uprightSize() (int, int) {
	if h.orientation >= 5 {
		return h.height, h.width
	}
	return h.width, h.height
}

// decodeBytes validates the header, refuses oversize images before
// allocating, and has the engine decode and orient the pixels.
func decodeBytes(data []byte, maxPixels int, eng engine) (*decoded, error) {
	h, err := readImageHeader(data, maxPixels)
	if err != nil {
		return nil, err
	}
	d := &decoded{format: h.format, orientation: h.orientation}
	d.width, d.height = h.uprightSize()
	if h.format == "jpeg" {
		d.jpeg = readJPEGFacts(data)
	}
	if ld, ok := eng.(lumaDecoder); ok {
		d.rgb, d.lumaCrop, err = ld.decodeWithLuma(data, h)
	} else {
		d.rgb, err = eng.decodeImage(data, h)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// safeDecode turns a decoder panic (a bug we must not pass on to callers
// batch-checking untrusted files) into an error.
func safeDecode(data []byte) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("decoder panic: %v", r)
		}
	}()
	img, _, err = image.Decode(bytes.NewReader(data))
	if err != nil {
		// Some decoders return a partial image with the error; a
		// half-decoded photo must not be checked as if it were whole.
		return nil, err
	}
	return img, nil
}
