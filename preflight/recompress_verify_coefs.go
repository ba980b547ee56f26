package preflight

import (
	"image"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// outputCoefs is the output of a DCT path (recompress_transcode.go,
// recompress_scaled.go) while its coefficients are still in memory: the
// image written, upright and at the output's size, and the tables it was
// requantised to. Checking the output from them skips the entropy
// decoding of the bytes just written, which was a third of the
// verification of a 12 MP photo.
type outputCoefs struct {
	img    *coefImage
	tables [4]*[64]uint16
}

// coefDecode decodes a DCT path's output, of header h, as Check's decoder
// for eng would decode its bytes (outputCoefs.reducedImage): the photo and
// the decoder's decoded.lumaCrop; ok is false when that decoder would not
// read coefficients.
type coefDecode func(h imageHeader, eng engine) (img *vision.RGB, lumaCrop func(image.Rectangle) *vision.Gray, ok bool)

// requantisedPlanes is the planes at m/8 of c requantised to tables as
// encode writes them: scaledPlanes(m) of the written output, bit for
// bit. Each block is requantised on the way, only as far as the
// transform reads it (requantizer.corner): a whole requantised copy of
// the coefficients, most of it never read, was half of the output
// check's decode (145 MB at 48 MP).
func (c *coefImage) requantisedPlanes(tables [4]*[64]uint16, m int) (*image.YCbCr, error) {
	return c.planesAt(m, tables, c.requantizers(tables))
}

// corner requantises the frequencies of src (zig-zag, zero from end on)
// that t reads into dst, and returns the block's end after
// requantisation as far as t tells it apart: end when any AC coefficient
// stays non-zero, else at most 1 (the inverse transform takes the
// DC-only shortcut exactly when none does, as it does on the decoded
// output). The other entries of dst are left as they were.
func (r *requantizer) corner(t *scaledIDCT, src []int16, end int, dst *[64]int16) int {
	nonzero := false
	for _, k := range t.zz {
		v := r.coef(k, src[k&63])
		dst[k&63] = v
		nonzero = nonzero || (k > 0 && v != 0)
	}
	if nonzero {
		return end
	}
	// The first non-zero AC coefficient outside the corner ends the
	// search: the transform needs to know only that there is one.
	for k := 1; k < end; k++ {
		if !r.zero(k, src[k&63]) {
			return end
		}
	}
	return min(end, 1)
}
