package vision

// Orient returns m turned upright for an EXIF orientation value (1..8):
// 2 mirror, 3 rotate 180°, 4 flip, 5 transpose, 6 rotate 90° clockwise,
// 7 transverse, 8 rotate 90° counter-clockwise. Other values return m.
func Orient(m *RGB, o int) *RGB {
	if o < 2 || o > 8 {
		return m
	}
	w, h := m.W, m.H
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := NewRGB(ow, oh)
	if w == 0 || h == 0 {
		return out
	}
	// Every orientation maps (x, y) to an output pixel index that is
	// affine in x and y: index = base + x·sx + y·sy. Stepping the index
	// avoids a per-pixel switch on 12 MP phone photos, most of which
	// carry orientation 6.
	dst := func(x, y int) int {
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
	base := dst(0, 0)
	sx, sy := 3*(dst(min(1, w-1), 0)-base), 3*(dst(0, min(1, h-1))-base)
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
				d := 3*base + y*sy + tx*sx
				row := m.Pix[3*(y*w+tx) : 3*(y*w+x1)]
				for x := 0; x < len(row); x += 3 {
					out.Pix[d], out.Pix[d+1], out.Pix[d+2] = row[x], row[x+1], row[x+2]
					d += sx
				}
			}
		}
	}
	return out
}
