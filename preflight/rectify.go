package preflight

import (
	"errors"
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// rectifiedWidth is the working width of the flat document in pixels. The
// quality measures (826, 828, 829) and the portrait search (820) run at
// this fixed width whatever the photo's resolution, so that one threshold
// fits every camera; 1000 px is also the width the dev set's sharpness
// labels were measured at.
const rectifiedWidth = 1000

// docFormat is a physical document size (ISO/IEC 7810).
type docFormat struct {
	name     string  // the endpoint's document_type spelling
	widthMM  float64 // long side
	heightMM float64 // short side
}

var (
	formatID1 = docFormat{name: "identification_card", widthMM: 85.6, heightMM: 54}
	formatID3 = docFormat{name: "passport", widthMM: 125, heightMM: 88}
)

func (f docFormat) aspect() float64 { return f.widthMM / f.heightMM }

// rectified is the main document warped flat at rectifiedWidth. It is
// computed once per check and shared by the stages that look inside the
// document, so that they agree on what "the document" is.
type rectified struct {
	// rgb and gray are the flat document, rectifiedWidth wide.
	rgb  *vision.RGB
	gray *vision.Gray
	// mask marks the pixels the measures use (1): those that come from
	// inside the photo rather than from the edge padding of a document
	// running past the frame, and that lie at least rectifyBorder from
	// the document's edges.
	mask []uint8
	// quad is the document's outline in image pixels.
	quad vision.Quad
	// toImage maps rectified pixel coordinates to image pixels.
	toImage vision.Homography
	// format is the physical size the document was taken to have.
	format docFormat
	// srcWidth is the document's width in image pixels (mean length of
	// the top and bottom edges), the basis of its effective resolution.
	srcWidth float64
	// buf holds the planes of a live stream, reused by the measures
	// (nil: they allocate).
	buf *rectBuffers
}

// errNoArea: the quad has no area to rectify.
var errNoArea = errors.New("document quad has no area")

// pxPerMM is the effective resolution of the document in the photo.
func (r *rectified) pxPerMM() float64 { return r.srcWidth / r.format.widthMM }

// maskFraction is the share of rectified pixels the measures use.
func (r *rectified) maskFraction() float64 {
	n := 0
	for _, v := range r.mask {
		n += int(v)
	}
	return float64(n) / float64(len(r.mask))
}

// imageRegion maps a box of the rectified document to the image: the
// bounding box of its four mapped corners, clipped to the w×h frame.
func (r *rectified) imageRegion(x0, y0, x1, y1 float64, w, h int) (Region, bool) {
	var q vision.Quad
	for i, p := range []vision.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}} {
		q[i] = r.toImage.Apply(p)
	}
	reg := quadRegion(q, w, h)
	if len(reg) == 0 {
		return Region{}, false
	}
	return reg[0], true
}

// chooseFormat picks the physical format from the quad's shape and the
// requested document type. The requested type wins unless the shape
// clearly says otherwise: perspective distorts the measured aspect by a
// few per cent, so the decision line is moved 0.04 towards the other
// format (ID-1 is 1.586, ID-3 1.42, the midpoint 1.503).
func chooseFormat(q vision.Quad, t DocumentType) docFormat {
	w, h := quadSides(q)
	if w == 0 || h == 0 {
		if t == Passport {
			return formatID3
		}
		return formatID1
	}
	r := math.Max(w/h, h/w)
	mid := (formatID1.aspect() + formatID3.aspect()) / 2
	if t == Passport {
		if r > mid+0.04 {
			return formatID1
		}
		return formatID3
	}
	if r < mid-0.04 {
		return formatID3
	}
	return formatID1
}

// quadSides returns the mean lengths of the quad's top/bottom and
// left/right edges.
func quadSides(q vision.Quad) (w, h float64) {
	return (q[0].Dist(q[1]) + q[3].Dist(q[2])) / 2, (q[1].Dist(q[2]) + q[0].Dist(q[3])) / 2
}

// warpFunc rectifies the quad of img into a w×h image (vision.WarpQuad's
// contract); each engine brings its own.
type warpFunc func(img *vision.RGB, q vision.Quad, w, h int) (*vision.RGB, error)

// rectify warps the quad of img to a flat document rectifiedWidth wide,
// with the height from the chosen format's aspect ratio (the quad's own
// orientation decides whether the long side is horizontal). When the
// document is much larger than the working width the image is first box-
// shrunk by an integer factor, so that the bilinear warp never skips
// source pixels: sharpness is then the same whether the document was
// photographed at 1000 or 3000 px. q is in photo pixels; scale is photo
// pixels per img pixel (above 1 after a reduced decode), so that the
// effective resolution and the regions stay in photo pixels.
func rectify(img *vision.RGB, scale float64, q vision.Quad, t DocumentType, warp warpFunc) (*rectified, error) {
	return rectifyAt(img, scale, q, t, warp, rectSize{rectifiedWidth, 2}, nil)
}

// rectifyAt is rectify at another working size (width and smallest
// pre-shrink factor), into buf's planes when buf is not nil: live frames
// (AnalyzeFrame) use config.rectSize and their stream's buffers, and warp
// with vision.WarpQuadFixedInto whatever the engine (a frame is guidance;
// the engines' warps agree, see engine_conformance_test.go).
func rectifyAt(img *vision.RGB, scale float64, q vision.Quad, t DocumentType, warp warpFunc, size rectSize, buf *rectBuffers) (*rectified, error) {
	width := size.width
	if q.Area() < 1 {
		return nil, errNoArea
	}
	f := chooseFormat(q, t)
	sw, sh := quadSides(q)
	outW := width
	outH := int(math.Round(float64(width) / f.aspect()))
	if sh > sw { // the document stands upright in its own corner order
		outH = int(math.Round(float64(width) * f.aspect()))
	}
	src, sq := img, q.Scale(1/scale)
	if k := int(math.Max(sw/scale/float64(outW), sh/scale/float64(outH))); k >= size.minShrink {
		box := quadBox(sq, k)
		var err error
		if src, err = buf.shrink(img, box, k); err != nil {
			return nil, fmt.Errorf("rectify: %w", err)
		}
		ox, oy := float64(max(box.X0, 0)), float64(max(box.Y0, 0))
		for i, p := range sq {
			sq[i] = vision.Point{X: (p.X - ox) / float64(k), Y: (p.Y - oy) / float64(k)}
		}
	}
	if buf != nil {
		warp = buf.warp
	}
	out, err := warp(src, sq, outW, outH)
	if err != nil {
		return nil, fmt.Errorf("rectify: %w", err)
	}
	dst := vision.Quad{{X: 0, Y: 0}, {X: float64(outW), Y: 0}, {X: float64(outW), Y: float64(outH)}, {X: 0, Y: float64(outH)}}
	toImage, err := vision.HomographyFromQuads(dst, q)
	if err != nil {
		return nil, fmt.Errorf("rectify: %w", err)
	}
	r := &rectified{rgb: out, gray: buf.grayOf(out), quad: q, toImage: toImage, format: f, srcWidth: math.Max(sw, sh), buf: buf}
	r.mask = measureMask(buf.maskPlane(outW*outH), toImage, outW, outH, int(math.Round(float64(img.W)*scale)), int(math.Round(float64(img.H)*scale)))
	return r, nil
}

// quadBox is the quad's bounding box grown by k pixels (so the bilinear
// taps at the border stay inside the shrunk copy).
func quadBox(q vision.Quad, k int) vision.Rect {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range q {
		x0, y0 = math.Min(x0, p.X), math.Min(y0, p.Y)
		x1, y1 = math.Max(x1, p.X), math.Max(y1, p.Y)
	}
	return vision.Rect{X0: int(math.Floor(x0)) - k, Y0: int(math.Floor(y0)) - k, X1: int(math.Ceil(x1)) + k, Y1: int(math.Ceil(y1)) + k}
}

// rectifyBorder is the share of the width and of the height left out of
// the measures on each side of the flat document: rounded corners (3.7 %
// of an ID-1 card's width), the background a slightly loose quad takes in
// and the card's own edge against the desk would otherwise count as
// document detail, brightness or highlights.
const rectifyBorder = 0.04

// measureMask marks, in m (w·hh zero bytes), the rectified pixels inside
// the border whose source lies in the imgW×imgH frame; h maps rectified
// to image pixels. It returns m.
func measureMask(m []uint8, h vision.Homography, w, hh, imgW, imgH int) []uint8 {
	inside := func(x, y float64) bool {
		p := h.Apply(vision.Point{X: x, Y: y})
		return p.X >= 0 && p.Y >= 0 && p.X <= float64(imgW) && p.Y <= float64(imgH)
	}
	bx, by := int(math.Round(rectifyBorder*float64(w))), int(math.Round(rectifyBorder*float64(hh)))
	// The frame is convex: when the corners are in, every pixel is.
	all := inside(0, 0) && inside(float64(w), 0) && inside(float64(w), float64(hh)) && inside(0, float64(hh))
	for y := by; y < hh-by; y++ {
		for x := bx; x < w-bx; x++ {
			if all || inside(float64(x)+0.5, float64(y)+0.5) {
				m[y*w+x] = 1
			}
		}
	}
	return m
}
