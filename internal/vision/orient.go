package vision

// Orient returns m turned upright for an EXIF orientation value (1..8):
// 2 mirror, 3 rotate 180°, 4 flip, 5 transpose, 6 rotate 90° clockwise,
// 7 transverse, 8 rotate 90° counter-clockwise. Other values return m.
func Orient(m *RGB, o int) *RGB {
	if o < 2 || o > 8 {
		return m
	}
	ow, oh := orientedSize(m.W, m.H, o)
	out := NewRGB(ow, oh)
	orient(out.Pix, m.Pix, m.W, m.H, 3*m.W, 3, o)
	return out
}

// OrientPlane is Orient for one 8-bit plane of w×h samples whose rows are
// stride apart (a decoder's Y, Cb or Cr plane); it always returns a packed
// copy, so that orientation 1 too gives a plane without padding.
func OrientPlane(pix []uint8, w, h, stride, o int) *Gray {
	if o < 2 || o > 8 {
		o = 1
	}
	ow, oh := orientedSize(w, h, o)
	out := NewGray(ow, oh)
	if o == 1 {
		for y := range h {
			copy(out.Pix[y*w:(y+1)*w], pix[y*stride:y*stride+w])
		}
		return out
	}
	orient(out.Pix, pix, w, h, stride, 1, o)
	return out
}

// orientedSize is the size of a w×h image after orientation o.
func orientedSize(w, h, o int) (int, int) {
	if o >= 5 && o <= 8 {
		return h, w
	}
	return w, h
}

// orient writes the w×h image of n interleaved channels in src (rows
// stride apart) turned for orientation o (2..8) into dst, packed.
func orient(dst, src []uint8, w, h, stride, n, o int) {
	if w == 0 || h == 0 {
		return
	}
	ow, _ := orientedSize(w, h, o)
	// Every orientation maps (x, y) to an output pixel index that is
	// affine in x and y: index = base + x·sx + y·sy. Stepping the index
	// avoids a per-pixel switch on 12 MP phone photos, most of which
	// carry orientation 6.
	at := func(x, y int) int {
		var dx, dy int
		switch o {
		case 2:
			dx, dy = w-1-x, y
		case 3:
			dx, dy = w-1-x, h-1-y
		case 4:
			dx, dy = x, h-1-y
		case 5:
			dx, dy = y, x
		case 6:
			dx, dy = h-1-y, x
		case 7:
			dx, dy = h-1-y, w-1-x
		case 8:
			dx, dy = y, w-1-x
		}
		return dy*ow + dx
	}
	base := at(0, 0)
	sx, sy := n*(at(min(1, w-1), 0)-base), n*(at(0, min(1, h-1))-base)
	if w == 1 {
		sx = 0
	}
	if h == 1 {
		sy = 0
	}
	// Tiles keep the writes of a turn by 90° (which walk down output
	// columns) within a few cache lines per source row.
	const tile = 64
	for ty := 0; ty < h; ty += tile {
		for tx := 0; tx < w; tx += tile {
			x1 := min(tx+tile, w)
			for y := ty; y < min(ty+tile, h); y++ {
				d := n*base + y*sy + tx*sx
				row := src[y*stride+n*tx : y*stride+n*x1]
				if n == 1 {
					for _, v := range row {
						dst[d] = v
						d += sx
					}
					continue
				}
				for x := 0; x < len(row); x += 3 {
					dst[d], dst[d+1], dst[d+2] = row[x], row[x+1], row[x+2]
					d += sx
				}
			}
		}
	}
}
