package cascade

import (
	"math"
	"unsafe"

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
	plan := make([]plannedStump, c.stumps())
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
		span := c.plan(plan, sw+1)
		step := 2
		if factor > 2 {
			step = 1
		}
		winH := int(math.Round(float64(c.H) * factor))
		for y := 0; y+c.H <= sh; y += step {
			for x := 0; x+c.W <= sw; x += step {
				switch r := c.eval(sum[y*(sw+1)+x:], plan, span); {
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

// stumps counts the weak classifiers of all stages.
func (c *Cascade) stumps() int {
	n := 0
	for _, st := range c.stages {
		n += len(st.weak)
	}
	return n
}

// plannedStump is a stump laid out for one integral stride: the 16 grid
// corners of its feature relative to the window's origin, its subset and
// leaves, side by side so that eval walks one flat array.
type plannedStump struct {
	ofs    [16]int32
	subset [8]uint32
	leaf   [2]float32
}

// plan fills p (one entry per stump, in evaluation order) for an integral
// table of the given stride and returns the span of the entries a window
// reads: one past the largest corner offset.
func (c *Cascade) plan(p []plannedStump, stride int) (span int) {
	k := 0
	for _, st := range c.stages {
		for _, w := range st.weak {
			f := c.features[w.feature]
			ps := &p[k]
			for j := range 4 {
				for i := range 4 {
					o := (f.y+j*f.h)*stride + f.x + i*f.w
					ps.ofs[4*j+i] = int32(o)
					span = max(span, o+1)
				}
			}
			ps.subset, ps.leaf = w.subset, w.leaf
			k++
		}
	}
	return span
}

// eval runs the cascade on the window whose top-left integral entry is
// win[0]; span is plan's. It returns 1 when every stage passes, else
// minus the index of the rejecting stage (0 for the first).
//
// The corners are read unchecked: re-slicing win to span proves every
// offset of the plan in bounds once per window (a short win panics
// there, as an index would), where indexing checked each of a stump's 16
// reads; the bounds checks were a fifth of the portrait search's eval
// (BenchmarkDetectDocument).
func (c *Cascade) eval(win []uint32, plan []plannedStump, span int) int {
	p := unsafe.Pointer(unsafe.SliceData(win[:span:span]))
	k := 0
	for si := range c.stages {
		st := &c.stages[si]
		var acc float32
		for range st.weak {
			ps := &plan[k]
			k++
			code := lbp(p, &ps.ofs)
			// leaf[0] when the code is in the subset: chosen by index,
			// not by a branch, which mispredicts on noise-like codes.
			out := ^(ps.subset[(code>>5)&7] >> (code & 31)) & 1
			acc += ps.leaf[out]
		}
		if acc < st.threshold {
			return -si
		}
	}
	return 1
}

// lbp is the 8-bit local binary pattern of a 3×3 block grid whose 16
// corners are at win[o[i]]: each outer block's sum compared with the
// centre's, clockwise from the top-left block (bit 7) — the bit order of
// OpenCV's LBPEvaluator. The 16 corners are read once; each block sum is
// then TL − TR − BL + BR. win points at the window's first integral
// entry, and every offset must be in bounds (eval proves it).
func lbp(win unsafe.Pointer, o *[16]int32) uint32 {
	v0, v1, v2, v3 := at(win, o[0]), at(win, o[1]), at(win, o[2]), at(win, o[3])
	v4, v5, v6, v7 := at(win, o[4]), at(win, o[5]), at(win, o[6]), at(win, o[7])
	v8, v9, v10, v11 := at(win, o[8]), at(win, o[9]), at(win, o[10]), at(win, o[11])
	v12, v13, v14, v15 := at(win, o[12]), at(win, o[13]), at(win, o[14]), at(win, o[15])
	cv := v5 - v6 - v9 + v10
	return bit(v0-v1-v4+v5 >= cv, 128) | bit(v1-v2-v5+v6 >= cv, 64) |
		bit(v2-v3-v6+v7 >= cv, 32) | bit(v6-v7-v10+v11 >= cv, 16) |
		bit(v10-v11-v14+v15 >= cv, 8) | bit(v9-v10-v13+v14 >= cv, 4) |
		bit(v8-v9-v12+v13 >= cv, 2) | bit(v4-v5-v8+v9 >= cv, 1)
}

// at is the integral entry o past p, unchecked.
func at(p unsafe.Pointer, o int32) uint32 { return *(*uint32)(unsafe.Add(p, 4*int(o))) }

// bit returns b when c holds; the compiler turns it into a conditional
// move rather than a branch.
func bit(c bool, b uint32) uint32 {
	if c {
		return b
	}
	return 0
}
