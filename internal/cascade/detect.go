package cascade

import (
	"math"
	"runtime"

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
// detectMultiScale. The levels are independent: a large image's are
// shared between two goroutines (see levelWorkers), whose raw windows
// are joined level by level in the sequential order, so the faces are
// the same. Buffers are allocated once per call and goroutine; nothing is
// allocated per window.
func (c *Cascade) Detect(g *vision.Gray, opt Options) []vision.Face {
	if g == nil || g.W < c.W || g.H < c.H || len(g.Pix) < g.W*g.H {
		return nil
	}
	opt = opt.withDefaults()
	levels := c.levels(g.W, g.H, opt)
	found := make([][]vision.Rect, len(levels))
	scan := func(mine []int) {
		s := c.newScanner(g)
		for _, i := range mine {
			found[i] = s.scan(levels[i])
		}
	}
	if shares := levelWorkers(levels, g.W*g.H); len(shares) == 2 {
		vision.BothAtOnce(func() { scan(shares[0]) }, func() { scan(shares[1]) })
	} else {
		scan(shares[0])
	}
	var raw []vision.Rect
	for _, r := range found {
		raw = append(raw, r...)
	}
	return Group(raw, opt.MinNeighbors, GroupEps)
}

// level is one pyramid level: the scale factor and the scaled size.
type level struct {
	factor float64
	sw, sh int
}

// levels lists the pyramid levels Detect scans for a w×h image, in the
// order it scans them; the factors are the running products OpenCV's
// loop makes.
func (c *Cascade) levels(w, h int, opt Options) []level {
	var out []level
	for factor := 1.0; ; factor *= opt.ScaleFactor {
		winW := int(math.Round(float64(c.W) * factor))
		sw, sh := int(float64(w)/factor+0.5), int(float64(h)/factor+0.5)
		if sw < c.W || sh < c.H || (opt.MaxSize > 0 && winW > opt.MaxSize) {
			return out
		}
		if winW < opt.MinSize {
			continue
		}
		out = append(out, level{factor: factor, sw: sw, sh: sh})
	}
}

// step is the window's stride on a level: 2 px, 1 px once the image is
// halved.
func (l level) step() int {
	if l.factor > 2 {
		return 1
	}
	return 2
}

// levelWorkers shares the levels between the goroutines that scan them:
// two, each given the next level while its share's estimated cost (the
// windows it tries) is the smaller, when a second core may run Go code
// and the image is large enough to pay for a goroutine; else one with
// every level.
func levelWorkers(levels []level, pixels int) [][]int {
	if len(levels) < 2 || pixels < minParallelPixels || runtime.GOARCH == "wasm" || runtime.GOMAXPROCS(0) < 2 {
		all := make([]int, len(levels))
		for i := range all {
			all[i] = i
		}
		return [][]int{all}
	}
	shares := make([][]int, 2)
	var cost [2]float64
	for i, l := range levels {
		k := 0
		if cost[1] < cost[0] {
			k = 1
		}
		shares[k] = append(shares[k], i)
		st := float64(l.step())
		cost[k] += float64(l.sw*l.sh) / (st * st)
	}
	return shares
}

// minParallelPixels is the smallest image whose levels are scanned on two
// goroutines: the 820 search's reduced document (254 000 px) scans in
// ~15 ms, a goroutine starts in microseconds.
const minParallelPixels = 64 * 1024

// scanner holds one goroutine's buffers for scanning levels of g.
type scanner struct {
	c      *Cascade
	g      *vision.Gray
	scaled *vision.Gray
	sum    []uint32
	xs     []int32
	plan   []plannedStump
}

func (c *Cascade) newScanner(g *vision.Gray) *scanner {
	return &scanner{
		c: c, g: g,
		scaled: &vision.Gray{Pix: make([]uint8, g.W*g.H)},
		sum:    make([]uint32, (g.W+1)*(g.H+1)),
		xs:     make([]int32, 2*g.W),
		plan:   make([]plannedStump, c.stumps()),
	}
}

// scan returns the raw windows the cascade accepts on level l, in g's
// pixels, row by row.
func (s *scanner) scan(l level) []vision.Rect {
	c, g, sw, sh, factor := s.c, s.g, l.sw, l.sh, l.factor
	src := g
	if sw != g.W || sh != g.H {
		s.scaled.W, s.scaled.H, s.scaled.Pix = sw, sh, s.scaled.Pix[:sw*sh]
		resizeInto(s.scaled, g, s.xs)
		src = s.scaled
	}
	integral(s.sum, src)
	c.plan(s.plan, sw+1)
	step := l.step()
	winW := int(math.Round(float64(c.W) * factor))
	winH := int(math.Round(float64(c.H) * factor))
	var raw []vision.Rect
	for y := 0; y+c.H <= sh; y += step {
		for x := 0; x+c.W <= sw; x += step {
			switch r := c.eval(s.sum[y*(sw+1)+x:], s.plan); {
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
	return raw
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
// table of the given stride.
func (c *Cascade) plan(p []plannedStump, stride int) {
	k := 0
	for _, st := range c.stages {
		for _, w := range st.weak {
			f := c.features[w.feature]
			ps := &p[k]
			for j := range 4 {
				for i := range 4 {
					ps.ofs[4*j+i] = int32((f.y+j*f.h)*stride + f.x + i*f.w)
				}
			}
			ps.subset, ps.leaf = w.subset, w.leaf
			k++
		}
	}
}

// eval runs the cascade on the window whose top-left integral entry is
// win[0]. It returns 1 when every stage passes, else minus the index of
// the rejecting stage (0 for the first).
func (c *Cascade) eval(win []uint32, plan []plannedStump) int {
	k := 0
	for si := range c.stages {
		st := &c.stages[si]
		var acc float32
		for range st.weak {
			ps := &plan[k]
			k++
			code := lbp(win, &ps.ofs)
			if ps.subset[(code>>5)&7]&(1<<(code&31)) != 0 {
				acc += ps.leaf[0]
			} else {
				acc += ps.leaf[1]
			}
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
// then TL − TR − BL + BR.
func lbp(win []uint32, o *[16]int32) uint32 {
	v0, v1, v2, v3 := win[o[0]], win[o[1]], win[o[2]], win[o[3]]
	v4, v5, v6, v7 := win[o[4]], win[o[5]], win[o[6]], win[o[7]]
	v8, v9, v10, v11 := win[o[8]], win[o[9]], win[o[10]], win[o[11]]
	v12, v13, v14, v15 := win[o[12]], win[o[13]], win[o[14]], win[o[15]]
	cv := v5 - v6 - v9 + v10
	return bit(v0-v1-v4+v5 >= cv, 128) | bit(v1-v2-v5+v6 >= cv, 64) |
		bit(v2-v3-v6+v7 >= cv, 32) | bit(v6-v7-v10+v11 >= cv, 16) |
		bit(v10-v11-v14+v15 >= cv, 8) | bit(v9-v10-v13+v14 >= cv, 4) |
		bit(v8-v9-v12+v13 >= cv, 2) | bit(v4-v5-v8+v9 >= cv, 1)
}

// bit returns b when c holds; the compiler turns it into a conditional
// move rather than a branch.
func bit(c bool, b uint32) uint32 {
	if c {
		return b
	}
	return 0
}
