package preflight

import "github.com/idpreflight/idpreflight/internal/vision"

// frameBuffers is the working memory AnalyzeFrame reuses from frame to
// frame of one stream: at 15 frames a second, fresh pixel buffers per
// frame are megabytes of garbage a second, and in the browser the Go
// runtime's collector runs on the same thread as the analysis.
type frameBuffers struct {
	detect vision.DetectBuffers
	rect   rectBuffers
}

// detector returns the detector's buffers; nil (allocate afresh) when b
// is nil, as for Check.
func (b *frameBuffers) detector() *vision.DetectBuffers {
	if b == nil {
		return nil
	}
	return &b.detect
}

// rectifier returns the flat document's buffers; nil when b is nil.
func (b *frameBuffers) rectifier() *rectBuffers {
	if b == nil {
		return nil
	}
	return &b.rect
}

// rectBuffers are the planes of the flat document and of the measures
// taken on it. Every method works on a nil *rectBuffers too, allocating
// afresh, so the full check shares the code.
type rectBuffers struct {
	rgb, small  *vision.RGB
	gray        *vision.Gray
	mask, glare []uint8
	smooth, tmp []float32
	blobs       vision.BlobBuffers
}

// warp is vision.WarpQuadFixedInto into the reused document image (a
// warpFunc). Only live frames reuse buffers: their flat document guides,
// the full check's (vision.WarpQuad) decides.
func (b *rectBuffers) warp(img *vision.RGB, q vision.Quad, w, h int) (*vision.RGB, error) {
	out, err := vision.WarpQuadFixedInto(b.rgb, img, q, w, h)
	if err == nil {
		b.rgb = out
	}
	return out, err
}

// shrink is vision.ShrinkRGB, the pre-shrink of a large document.
func (b *rectBuffers) shrink(img *vision.RGB, r vision.Rect, k int) (*vision.RGB, error) {
	if b == nil {
		return vision.ShrinkRGB(img, r, k)
	}
	out, err := vision.ShrinkRGBInto(b.small, img, r, k)
	if err == nil {
		b.small = out
	}
	return out, err
}

// grayOf returns the luma of m.
func (b *rectBuffers) grayOf(m *vision.RGB) *vision.Gray {
	if b == nil {
		return m.Gray()
	}
	b.gray = m.GrayInto(b.gray)
	return b.gray
}

// maskPlane returns n zero bytes for the measure mask.
func (b *rectBuffers) maskPlane(n int) []uint8 {
	if b == nil {
		return make([]uint8, n)
	}
	b.mask = zeroBytes(b.mask, n)
	return b.mask
}

// glarePlane returns n zero bytes for the highlight mask.
func (b *rectBuffers) glarePlane(n int) []uint8 {
	if b == nil {
		return make([]uint8, n)
	}
	b.glare = zeroBytes(b.glare, n)
	return b.glare
}

// findBlobs is vision.FindBlobs; with b the result is valid until the
// next call.
func (b *rectBuffers) findBlobs(mask []uint8, w, h, minArea int) []vision.Blob {
	if b == nil {
		return vision.FindBlobs(mask, w, h, minArea)
	}
	return b.blobs.Find(mask, w, h, minArea)
}

// smoothed is vision.SmoothFloat of g.
func (b *rectBuffers) smoothed(g *vision.Gray, sigma float64) []float32 {
	if b == nil {
		return vision.SmoothFloat(g, sigma)
	}
	b.smooth, b.tmp = vision.SmoothFloatInto(b.smooth, b.tmp, g, sigma)
	return b.smooth
}

// zeroBytes returns s resized to n zero bytes, reusing its array when it
// is large enough.
func zeroBytes(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	s = s[:n]
	clear(s)
	return s
}
