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

// requantisedCorner is c with its coefficients requantised to tables as
// encode writes them, but only as far as scaledPlanes(m) reads them: the
// m×m lowest frequencies of each block, and of the rest only whether any
// AC coefficient stays non-zero (the inverse transform takes the DC-only
// shortcut exactly when none does, as it does on the decoded output).
func (c *coefImage) requantisedCorner(tables [4]*[64]uint16, m int) *coefImage {
	rq := c.requantizers(tables)
	t := newScaledIDCT(m)
	out := *c
	out.quant = tables
	out.comps = make([]coefComp, len(c.comps))
	for i, cc := range c.comps {
		r := rq[cc.tq]
		nc := cc
		nc.coef = make([]int16, len(cc.coef))
		nc.end = make([]uint8, len(cc.end))
		for b, end := range cc.end {
			src, dst := cc.coef[b*64:b*64+64:b*64+64], nc.coef[b*64:b*64+64:b*64+64]
			for _, k := range t.zz {
				dst[k&63] = r.coef(k, src[k&63])
			}
			nc.end[b] = min(end, 1)
			// The first non-zero AC coefficient ends the search: the
			// transform needs to know only that there is one, and end
			// stays a bound past which every coefficient is zero.
			for k := 1; k < int(end); k++ {
				if dst[k&63] != 0 || r.coef(k, src[k&63]) != 0 {
					nc.end[b] = end
					break
				}
			}
		}
		out.comps[i] = nc
	}
	return &out
}
