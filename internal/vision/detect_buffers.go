package vision

import "math"

// DetectBuffers holds the working memory of DetectDocuments (the shrunk
// working copy and its colour gradient) for reuse between calls, as a
// live camera stream analyses frame after frame of one size. The zero
// value is ready to use. A DetectBuffers must not be shared by concurrent
// calls.
type DetectBuffers struct {
	work *RGB
	grad gradField
	// ready is the image whose working copy FromRGBA left in work (nil:
	// none), and acc its row accumulator.
	ready *RGB
	acc   []uint32
	// lines is the line grouping's memory, hypos the hypotheses' (Fast
	// mode only: the full detector's rescue enumerates again while the
	// first list is in use).
	lines lineBuffers
	hypos hypoBuffers
	// refine is the full-resolution refit's memory.
	refine refineBuffers
}

// shrink returns the working copy of img for cfg and the scale factors
// (working / input) per axis. Fast mode shrinks by an integer box mean
// (k×k pixels each), which at an integer ratio is what area resampling
// computes, at a fraction of its cost, and lands the long side within
// ±1/(2k) of workSide; the full detector keeps area resampling to the
// exact size. b may be nil.
func (b *DetectBuffers) shrink(img *RGB, cfg detectConfig) (*RGB, float64, float64) {
	if !cfg.box {
		return shrinkRGB(img, cfg.workSide)
	}
	k := int(math.Round(float64(max(img.W, img.H)) / float64(cfg.workSide)))
	if k < 2 {
		return img, 1, 1
	}
	var dst *RGB
	if b != nil {
		if b.ready == img && k == fastShrinkFactor(img.W, img.H) {
			b.ready = nil // once: the caller may write into img next
			return b.work, 1 / float64(k), 1 / float64(k)
		}
		dst = b.work
	}
	work, err := ShrinkRGBInto(dst, img, Rect{X1: img.W, Y1: img.H}, k)
	if err != nil { // unreachable: k >= 2 and img is not empty
		return shrinkRGB(img, cfg.workSide)
	}
	if b != nil {
		b.work = work
	}
	return work, 1 / float64(k), 1 / float64(k)
}

// gradient returns the colour gradient of work with pixels weaker than
// floor left zero (gradField.compute), in b's planes when b is not nil.
func (b *DetectBuffers) gradient(work *RGB, floor float32) *gradField {
	if b == nil {
		g := &gradField{}
		g.compute(work, floor)
		return g
	}
	b.grad.compute(work, floor)
	return &b.grad
}

// groupLines is groupLines in b's memory when b is not nil; the lines are
// valid until the next call.
func (b *DetectBuffers) groupLines(segs []segment, tol float64) []edgeLine {
	if b == nil {
		return groupLines(segs, tol)
	}
	return b.lines.group(segs, tol)
}

// hypotheses returns the hypotheses' memory for a Fast detection (nil:
// allocate afresh; also for b nil).
func (b *DetectBuffers) hypotheses(fast bool) *hypoBuffers {
	if b == nil || !fast {
		return nil
	}
	return &b.hypos
}

// refineQuad is refineQuad in b's memory when b is not nil, sampling the
// nearest pixel when nearest is set.
func (b *DetectBuffers) refineQuad(img *RGB, q Quad, radius int, nearest bool) Quad {
	rb := &refineBuffers{} // the four sides share it
	if b != nil {
		rb = &b.refine
	}
	rb.nearest = nearest
	return fitSides(img, q, radius, rb.side)
}
