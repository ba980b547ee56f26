package cascade

import (
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Options tunes Detect. DefaultOptions gives OpenCV's detectMultiScale
// defaults.
type Options struct {
	// ScaleFactor is the ratio between pyramid levels (> 1); 0 means 1.1.
	ScaleFactor float64
	// MinNeighbors is how many other raw windows must overlap a detection
	// for it to be kept (OpenCV's minNeighbors): a group of n windows is
	// kept when n > MinNeighbors. 0 keeps every group.
	MinNeighbors int
	// MinSize and MaxSize bound the detection's width in pixels; 0 means
	// the window size and no upper bound.
	MinSize, MaxSize int
}

// DefaultOptions returns OpenCV's defaults: scale factor 1.1, 3
// neighbours, no size bounds.
func DefaultOptions() Options { return Options{ScaleFactor: 1.1, MinNeighbors: 3} }

func (o Options) withDefaults() Options {
	if o.ScaleFactor <= 1 {
		o.ScaleFactor = 1.1
	}
	o.MinNeighbors = max(o.MinNeighbors, 0)
	return o
}

// GroupEps is the relative edge tolerance with which Detect merges raw
// windows, OpenCV's default.
const GroupEps = 0.2

// Detect finds the cascade's object in g at every scale allowed by opt,
// strongest (most merged windows) first. The image is scaled down by
// opt.ScaleFactor per level and the window slides with a step of 2 px on
// the fine levels and 1 px once the image is halved, like OpenCV's
// detectMultiScale. Buffers are allocated once per call; nothing is
// allocated per window.
func (c *Cascade) Detect(g *vision.Gray, opt Options) []vision.Face {
	if g == nil || g.W < c.W || g.H < c.H || len(g.Pix) < g.W*g.H {
		return nil
	}
	opt = opt.withDefaults()
	scaled := &vision.Gray{Pix: make([]uint8, g.W*g.H)}
	sum := make([]uint32, (g.W+1)*(g.H+1))
	xs := make([]int32, 2*g.W)
	ofs := make([]int32, 16*len(c.features))
	var raw []vision.Rect
	for factor := 1.0; ; factor *= opt.ScaleFactor {
		winW := int(math.Round(float64(c.W) * factor))
		sw, sh := int(float64(g.W)/factor+0.5), int(float64(g.H)/factor+0.5)
		if sw < c.W || sh < c.H || (opt.MaxSize > 0 && winW > opt.MaxSize) {
			break
		}
		if winW < opt.MinSize {
			continue
		}
		src := g
		if sw != g.W || sh != g.H {
			scaled.W, scaled.H, scaled.Pix = sw, sh, scaled.Pix[:sw*sh]
			resizeInto(scaled, g, xs)
			src = scaled
		}
		integral(sum, src)
		c.offsets(ofs, sw+1)
		step := 2
		if factor > 2 {
			step = 1
		}
		winH := int(math.Round(float64(c.H) * factor))
		for y := 0; y+c.H <= sh; y += step {
			for x := 0; x+c.W <= sw; x += step {
				switch r := c.eval(sum, ofs, y*(sw+1)+x); {
				case r > 0:
					raw = append(raw, vision.Rect{
						X0: int(math.Round(float64(x) * factor)), Y0: int(math.Round(float64(y) * factor)),
						X1: int(math.Round(float64(x)*factor)) + winW, Y1: int(math.Round(float64(y)*factor)) + winH,
					})
				case r == 0:
					x += step // rejected by the first stage: skip a neighbour, as OpenCV does
				}
			}
		}
	}
	return Group(raw, opt.MinNeighbors, GroupEps)
}

// offsets precomputes, for an integral table of the given stride, the
// 16 grid corners of every feature relative to the window's origin.
func (c *Cascade) offsets(ofs []int32, stride int) {
	for i, f := range c.features {
		o := ofs[16*i : 16*i+16]
		for j := range 4 {
			for k := range 4 {
				o[4*j+k] = int32((f.y+j*f.h)*stride + f.x + k*f.w)
			}
		}
	}
}

// eval runs the cascade on the window whose top-left integral index is
// p. It returns 1 when every stage passes, else minus the index of the
// rejecting stage (0 for the first).
func (c *Cascade) eval(sum []uint32, ofs []int32, p int) int {
	for si := range c.stages {
		st := &c.stages[si]
		var acc float32
		for wi := range st.weak {
			w := &st.weak[wi]
			code := lbp(sum, ofs[16*w.feature:16*w.feature+16], p)
			if w.subset[code>>5]&(1<<(code&31)) != 0 {
				acc += w.leaf[0]
			} else {
				acc += w.leaf[1]
			}
		}
		if acc < st.threshold {
			return -si
		}
	}
	return 1
}

// lbp is the 8-bit local binary pattern of a 3×3 block grid: each outer
// block's sum compared with the centre's, clockwise from the top-left
// block (bit 7) — the bit order of OpenCV's LBPEvaluator.
func lbp(s []uint32, o []int32, p int) uint32 {
	box := func(a, b, c, d int32) uint32 {
		return s[p+int(a)] - s[p+int(b)] - s[p+int(c)] + s[p+int(d)]
	}
	cv := box(o[5], o[6], o[9], o[10])
	var code uint32
	if box(o[0], o[1], o[4], o[5]) >= cv {
		code |= 128
	}
	if box(o[1], o[2], o[5], o[6]) >= cv {
		code |= 64
	}
	if box(o[2], o[3], o[6], o[7]) >= cv {
		code |= 32
	}
	if box(o[6], o[7], o[10], o[11]) >= cv {
		code |= 16
	}
	if box(o[10], o[11], o[14], o[15]) >= cv {
		code |= 8
	}
	if box(o[9], o[10], o[13], o[14]) >= cv {
		code |= 4
	}
	if box(o[8], o[9], o[12], o[13]) >= cv {
		code |= 2
	}
	if box(o[4], o[5], o[8], o[9]) >= cv {
		code |= 1
	}
	return code
}
