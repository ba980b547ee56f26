package cascade

import "github.com/idpreflight/idpreflight/internal/vision"

// integral fills sum, a (w+1)×(h+1) table, with the summed-area table of
// g: sum[(y)*(w+1)+x] is the sum of g over [0,x)×[0,y). Values wrap
// modulo 2³², which is harmless: a box sum A−B−C+D computed in uint32 is
// exact whenever the box's true sum fits in 32 bits, and the blocks of an
// LBP feature are tiny.
func integral(sum []uint32, g *vision.Gray) {
	w, h := g.W, g.H
	stride := w + 1
	clear(sum[:stride])
	for y := range h {
		row := g.Pix[y*w : (y+1)*w]
		prev := sum[y*stride : (y+1)*stride]
		cur := sum[(y+1)*stride : (y+2)*stride]
		cur[0] = 0
		var acc uint32
		for x, v := range row {
			acc += uint32(v)
			cur[x+1] = prev[x+1] + acc
		}
	}
}
