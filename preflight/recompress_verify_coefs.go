package preflight

import (
	"image"
	"math/bits"

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

// corner requantises the frequencies of src (zig-zag, zero from end on,
// non-zero only where mask nz has a bit: coefComp.nz) that t reads into
// dst, and returns the block's end after requantisation as far as t
// tells it apart: end when any AC coefficient stays non-zero, else at
// most 1 (the inverse transform takes the DC-only shortcut exactly when
// none does, as it does on the decoded output). The other entries of dst
// are left as they were. Only the marked coefficients are requantised:
// at 1/2 scale a 12 MP photo's blocks hold a few non-zero coefficients
// of the sixteen the transform reads.
func (r *requantizer) corner(t *scaledIDCT, src []int16, end int, nz uint64, dst *[64]int16) int {
	src = src[:64:64]
	for _, k := range t.zz {
		dst[k&63] = 0
	}
	nonzero := false
	for m := nz & t.zzMask; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m) & 63
		v := r.coef(k, src[k])
		dst[k] = v
		nonzero = nonzero || (k > 0 && v != 0)
	}
	if nonzero {
		return end
	}
	// The first non-zero AC coefficient outside the corner ends the
	// search: the transform needs to know only that there is one.
	if !r.allZero(src, nz&^t.zzMask&^1) {
		return end
	}
	return min(end, 1)
}
