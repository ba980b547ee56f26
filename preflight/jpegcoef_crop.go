package preflight

import (
	"image"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// lumaCrop decodes the luma of r (stored pixels, clipped to the frame) at
// full resolution from the first component's coefficients, requantised
// to table nu first as encode writes them when nu is not nil (an output
// not yet read back; see outputCoefs): only the blocks r covers go through the 8×8 inverse
// transform. It lets a reduced decode keep one measure that needs the
// photo's own pixel grid, 827's blockiness, at the price of a few
// thousand blocks instead of a full decode. nil when r misses the frame.
func (c *coefImage) lumaCrop(r image.Rectangle, nu *[64]uint16) *vision.Gray {
	r = r.Intersect(image.Rect(0, 0, c.scan.width, c.scan.height))
	if r.Empty() || len(c.comps) == 0 {
		return nil
	}
	cc := &c.comps[0]
	q := c.quant[cc.tq]
	var rq *requantizer
	if nu != nil {
		rq, q = newRequantizer(q, nu), nu
	}
	var qf [64]float32
	for k, v := range q {
		qf[k] = float32(v)
	}
	t := newScaledIDCT(8)
	bx0, by0 := r.Min.X/8, r.Min.Y/8
	bx1, by1 := ceilDiv(r.Max.X, 8), ceilDiv(r.Max.Y, 8)
	stride := (bx1 - bx0) * 8
	pix := make([]uint8, stride*(by1-by0)*8)
	var tmp, dense [64]int16
	for by := by0; by < by1; by++ {
		for bx := bx0; bx < bx1; bx++ {
			b := cc.index(bx, by)
			nz := cc.scatter(b, &dense)
			blk, end := dense[:], int(cc.end[b])
			if rq != nil {
				blk, end = rq.block(blk, end, &tmp)
			}
			t.block(blk, end, nz, &qf, pix[(by-by0)*8*stride+(bx-bx0)*8:], stride)
			clearMask(&dense, nz)
		}
	}
	g := vision.NewGray(r.Dx(), r.Dy())
	ox, oy := r.Min.X-bx0*8, r.Min.Y-by0*8
	for y := range g.H {
		copy(g.Pix[y*g.W:(y+1)*g.W], pix[(oy+y)*stride+ox:])
	}
	return g
}

// block requantises one block's coefficients (zig-zag, zero from end on)
// into tmp as encode writes them, and returns it with its new end.
func (r *requantizer) block(blk []int16, end int, tmp *[64]int16) ([]int16, int) {
	*tmp = [64]int16{}
	ne := min(end, 1)
	for k := range end {
		if v := r.coef(k, blk[k&63]); v != 0 || k == 0 {
			tmp[k&63] = v
			if k > 0 {
				ne = k + 1
			}
		}
	}
	return tmp[:], ne
}

// gridCrop is decoded.lumaCrop for c decoded at 1/k with EXIF orientation
// o, its luma requantised to nu first when nu is not nil; nil when the
// reduced pixels still show the block grid or o is not 1.
func (c *coefImage) gridCrop(k, o int, nu *[64]uint16) func(image.Rectangle) *vision.Gray {
	if blockPeriod(float64(k)) != 0 || o != 1 {
		return nil
	}
	return func(r image.Rectangle) *vision.Gray { return c.lumaCrop(r, nu) }
}
