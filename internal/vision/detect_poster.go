package vision

import "slices"

// Framed pictures: a poster or a print behind glass on a wall gives an
// outline as crisp and as well shaped as a document's (its frame scores
// ~0.9 on edges alone), and its interior may carry printed words. But
// its outline is a frame: a dark line, darker than both the wall outside
// and the picture inside, all around. A document's border is a step
// between the document and what lies behind it. On the dev set, the
// framed posters' outlines measure a valley of 36–104 levels on every
// side (≥ 50 on three); no labelled document outline and no outline the
// detector reports on a document has three sides at 50 (the deepest,
// a small passport pasted on a poster scene, 33–46).
const (
	frameNear  = 4    // px (working copy) either side of the outline where the frame line may lie
	frameFar   = 6    // px from the outline where the wall and the picture are sampled, to frameFar+2
	frameDeep  = 50.0 // valley (8-bit luma) of a framed side
	frameSome  = 25.0 // valley every side of a frame has
	frameSides = 3    // sides at least frameDeep deep
	frameStep  = 2    // px between samples along a side
)

// framedPicture reports whether outline q (clockwise, in img's pixels)
// runs along a frame line: frameSides sides whose median valley (the
// darker of the two sides' luma, minus the darkest luma within
// ±frameNear px of the outline) reaches frameDeep and all four frameSome.
// A side leaving the frame measures no valley, so an outline that runs
// off the frame is never a framed picture.
func framedPicture(img *RGB, q Quad) bool {
	deep := 0
	vals := make([]float64, 0, 64)
	for k := range 4 {
		v := sideValley(img, q[k], q[(k+1)%4], vals[:0])
		if v < frameSome {
			return false
		}
		if v >= frameDeep {
			deep++
		}
	}
	return deep >= frameSides
}

// sideValley is the median valley across side a→b over its middle 80 %
// (corners are rounded or cut), sampled every frameStep px; 0 when less
// than half of the samples lie in the image. buf is scratch memory.
func sideValley(img *RGB, a, b Point, buf []float64) float64 {
	l := a.Dist(b)
	if l < 1 {
		return 0
	}
	ux, uy := (b.X-a.X)/l, (b.Y-a.Y)/l
	nx, ny := -uy, ux // into a clockwise quad
	n := 0
	for t := 0.1 * l; t < 0.9*l; t += frameStep {
		n++
		px, py := a.X+ux*t-0.5, a.Y+uy*t-0.5
		if v, ok := valleyAt(img, px, py, nx, ny); ok {
			buf = append(buf, v)
		}
	}
	if n == 0 || 2*len(buf) < n {
		return 0
	}
	slices.Sort(buf)
	return buf[len(buf)/2]
}

// valleyAt is the valley across the outline at (x, y) (pixel-centre
// coordinates) along the normal (nx, ny); ok is false when a sample lies
// outside the image.
func valleyAt(img *RGB, x, y, nx, ny float64) (float64, bool) {
	var out, in float64
	for o := frameFar; o <= frameFar+2; o++ {
		a, ok1 := lumaAt(img, x-float64(o)*nx, y-float64(o)*ny)
		b, ok2 := lumaAt(img, x+float64(o)*nx, y+float64(o)*ny)
		if !ok1 || !ok2 {
			return 0, false
		}
		out += a / 3
		in += b / 3
	}
	darkest := 255.0
	for o := -frameNear; o <= frameNear; o++ {
		v, ok := lumaAt(img, x+float64(o)*nx, y+float64(o)*ny)
		if !ok {
			return 0, false
		}
		darkest = min(darkest, v)
	}
	return min(out, in) - darkest, true
}

// lumaAt is the Rec. 601 luma of the pixel nearest (x, y) in pixel-centre
// coordinates; ok is false outside the image.
func lumaAt(img *RGB, x, y float64) (float64, bool) {
	c, ok := pixelAt(img, x, y)
	return 0.299*c[0] + 0.587*c[1] + 0.114*c[2], ok
}
