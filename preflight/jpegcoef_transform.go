package preflight

import "math/bits"

// Making the coefficients upright, as jpegtran -perfect does: every EXIF
// orientation is a transpose and/or mirrors. Mirroring an 8×8 block
// negates its odd frequencies along the mirrored axis; transposing it
// transposes its coefficients; the blocks themselves move on the block
// grid the same way. That is exact only when the mirrored axis holds
// whole MCUs: a partial edge MCU would move its padding into the picture,
// so such files go through pixels.

// orientMap says how EXIF orientation o builds the upright image from
// the stored one: upright (x, y) is stored (x, y), or (y, x) when
// transposed, then mirrored along the stored x and/or y axis.
type orientMap struct{ transpose, flipX, flipY bool }

// orientMaps is indexed by EXIF orientation 1..8.
var orientMaps = [9]orientMap{
	{}, {},
	{flipX: true},                               // 2: mirror
	{flipX: true, flipY: true},                  // 3: turn 180°
	{flipY: true},                               // 4: flip
	{transpose: true},                           // 5: transpose
	{transpose: true, flipY: true},              // 6: turn 90° clockwise
	{transpose: true, flipX: true, flipY: true}, // 7: transverse
	{transpose: true, flipX: true},              // 8: turn 90° anticlockwise
}

// transform returns c made upright from EXIF orientation o (c itself for
// 1 or an unknown value); ok is false when a mirrored axis has a partial
// MCU.
func (c *coefImage) transform(o int) (*coefImage, bool) {
	if o < 2 || o > 8 {
		return c, true
	}
	m := orientMaps[o]
	mcuW, mcuH := 8, 8
	if len(c.comps) > 1 {
		mcuW, mcuH = 8*c.comps[0].bh, 8*c.comps[0].bv
		for _, cc := range c.comps {
			mcuW, mcuH = max(mcuW, 8*cc.bh), max(mcuH, 8*cc.bv)
		}
	}
	if (m.flipX && c.scan.width%mcuW != 0) || (m.flipY && c.scan.height%mcuH != 0) {
		return nil, false
	}
	perm, sign := m.coefficientMap()
	scan := *c.scan
	out := &coefImage{scan: &scan, quant: c.quant, segs: c.segs, mcusX: c.mcusX, mcusY: c.mcusY}
	if m.transpose {
		scan.width, scan.height = c.scan.height, c.scan.width
		out.mcusX, out.mcusY = c.mcusY, c.mcusX
		// The steps move with their coefficients: the tables are not
		// symmetric.
		for id, q := range c.quant {
			if q != nil {
				t := new([64]uint16)
				for k := range 64 {
					t[k] = q[perm[k]]
				}
				out.quant[id] = t
			}
		}
	}
	for _, cc := range c.comps {
		oc := cc
		if m.transpose {
			oc.h, oc.v, oc.bh, oc.bv, oc.bw, oc.bhgt = cc.v, cc.h, cc.bv, cc.bh, cc.bhgt, cc.bw
		}
		oc.off = make([]uint32, len(cc.off))
		oc.end = make([]uint8, len(cc.end))
		oc.nz = make([]uint64, len(cc.nz))
		var w packWriter
		var src, dst [64]int16
		for by := range oc.bhgt {
			for bx := range oc.bw {
				sx, sy := bx, by
				if m.transpose {
					sx, sy = by, bx
				}
				if m.flipX {
					sx = cc.bw - 1 - sx
				}
				if m.flipY {
					sy = cc.bhgt - 1 - sy
				}
				snz := cc.scatter(cc.index(sx, sy), &src)
				nz := uint64(1)
				for k := range 64 {
					if v := src[perm[k]]; v != 0 {
						dst[k] = v * sign[k]
						nz |= 1 << uint(k)
					}
				}
				b := oc.index(bx, by)
				oc.off[b], oc.end[b], oc.nz[b] = w.put(&dst, nz), uint8(bits.Len64(nz)), nz
				clearMask(&src, snz)
				clearMask(&dst, nz)
			}
		}
		oc.vals = w.store()
		out.comps = append(out.comps, oc)
	}
	return out, true
}

// coefficientMap returns, per zig-zag index of the upright block, the
// zig-zag index of the stored coefficient it takes and the sign it
// takes it with.
func (m orientMap) coefficientMap() (perm [64]int, sign [64]int16) {
	var fromNatural [64]int // natural index → zig-zag index
	for k, n := range zigzag {
		fromNatural[n] = k
	}
	for k, n := range zigzag {
		u, v := n%8, n/8 // horizontal and vertical frequency
		su, sv := u, v   // the stored frequencies
		if m.transpose {
			su, sv = v, u
		}
		s := int16(1)
		if m.flipX && su%2 == 1 {
			s = -s
		}
		if m.flipY && sv%2 == 1 {
			s = -s
		}
		perm[k], sign[k] = fromNatural[sv*8+su], s
	}
	return perm, sign
}
