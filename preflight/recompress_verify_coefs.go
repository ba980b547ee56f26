package preflight

import (
	"context"
	"fmt"

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

// checkOutput runs Check on out (opts given), reading its pixels from oc
// when it holds them and the output is large enough for Check to decode
// it reduced: the m×m corner of each block is requantised as the write
// did, so the planes are the ones the reduced decode of out gives, bit for
// bit. Anything else goes through Check.
func checkOutput(out []byte, oc *outputCoefs, opts []Option) (*Report, error) {
	if oc == nil {
		return Check(context.Background(), out, opts...)
	}
	cfg, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	h, err := readImageHeader(out, cfg.maxPixels)
	if err != nil {
		return nil, err
	}
	k := jpegReduction(h.width, h.height)
	if h.format != "jpeg" || k == 1 || h.width != oc.img.scan.width || h.height != oc.img.scan.height {
		// Check decodes a small output whole, with its own decoder.
		return Check(context.Background(), out, opts...)
	}
	planes, err := oc.img.requantisedCorner(oc.tables, 8/k).scaledPlanes(8 / k)
	if err != nil {
		return Check(context.Background(), out, opts...)
	}
	d := &decoded{format: h.format, orientation: h.orientation, jpeg: readJPEGFacts(out)}
	d.width, d.height = h.uprightSize()
	d.rgb = vision.Orient(vision.FromImage(planes), h.orientation)
	rep, err := run(context.Background(), &cfg, d)
	if err != nil {
		return nil, fmt.Errorf("checking the output coefficients: %w", err)
	}
	return rep, nil
}

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
