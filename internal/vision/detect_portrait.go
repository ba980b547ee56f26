package vision

import (
	"math"
	"sort"
)

// FaceFinder finds upright frontal faces between minSize and maxSize px
// wide in g, strongest first; Face.Score is the detector's support (for
// cascades, the raw windows merged). The detector needs it from outside:
// the cascade lives in a package that imports this one.
type FaceFinder func(g *Gray, minSize, maxSize int) []Face

// The portrait anchor: the front of an ID card and a passport's data
// page hold a portrait of known size and place, so when the best outlines
// disagree, one that holds a face where the portrait belongs says where
// the document is, and the contenders that hold none are wrong (a box on
// a newspaper, a keyboard key, the sheet under the document). Cascade
// faces measure 0.15–0.32 of the document's short side on the dev set's
// portraits (see preflight's face search); the bounds leave a margin.
const (
	portraitMinFace = 0.11 // smallest face, share of the outline's short side
	portraitMaxFace = 0.45 // largest face, share of the outline's short side
	// portraitEdge and portraitMiddle bound the face centre along the long
	// side: portraits sit in the left or the right part, never on the
	// centre line (a framed photo or a poster puts the face there).
	portraitEdge   = 0.03
	portraitMiddle = 0.45
	portraitCross  = 0.12 // margin across the long side
	// portraitInside is how far a face corner may stick out of the
	// outline, as a share of the outline: a slightly tight outline still
	// holds its portrait.
	portraitInside = 0.03
	// portraitTallTop bounds the face centre's distance from the top of
	// an outline standing tall under an upright face: a vertical-format
	// card's portrait sits in its top third, a portrait photo's face near
	// the middle (ICAO photos: 0.4–0.6 of the height).
	portraitTallTop = 0.33
)

// The anchor's reach and strength.
const (
	portraitContend  = 0.6 // contenders rank at least this share of the best
	portraitAnswers  = 8   // distinct outlines whose region is searched
	portraitAgree    = 0.8 // IoU above which two outlines are the same answer
	portraitMiss     = 0.6 // rank weight of a contender without a face when another has one
	portraitMinScore = 3   // weakest face (windows merged) that anchors
	portraitWindow   = 45  // the cascade's window: the smallest face it finds, px
	// portraitBudget bounds the pixels searched: the pure-Go cascade
	// costs ~0.6 µs a pixel, and a region searched at the scale of its
	// smallest contender can reach a megapixel. Small contenders whose
	// faces the budget leaves under the window go without an anchor.
	portraitBudget = 200_000
)

// faceBox is a face in working-image pixels.
type faceBox struct{ X0, Y0, X1, Y1 float64 }

// portraitAnchor holds what the portrait cue needs during one detection:
// the face finder, the full-resolution image the faces are searched in,
// its scale to the working copy, and the faces once searched (the search
// runs at most once per call).
type portraitAnchor struct {
	find     FaceFinder
	img      *RGB
	sx, sy   float64 // working / input, per axis
	searched bool
	faces    []faceBox
}

// newPortraitAnchor returns the anchor for one detection, or nil when
// there is no face finder.
func newPortraitAnchor(find FaceFinder, img *RGB, sx, sy float64) *portraitAnchor {
	if find == nil || img == nil {
		return nil
	}
	return &portraitAnchor{find: find, img: img, sx: sx, sy: sy}
}

// rerank weighs down, by portraitMiss, the contenders (outlines ranked
// within portraitContend of the best) that hold no portrait, when the
// contenders disagree and at least one holds a face where a portrait
// belongs, unless they would be reported beside it as a further
// document. Without disagreement it searches no face: most photos cost
// nothing. A nil anchor does nothing.
func (a *portraitAnchor) rerank(hyps []hypothesis) {
	if a == nil || len(hyps) < 2 {
		return
	}
	sort.SliceStable(hyps, func(i, j int) bool { return hyps[i].Rank > hyps[j].Rank })
	n := 1
	for n < len(hyps) && hyps[n].Rank >= portraitContend*hyps[0].Rank {
		n++
	}
	cont := hyps[:n]
	answers := distinctAnswers(cont)
	if len(answers) < 2 {
		return
	}
	faces := a.search(answers)
	if len(faces) == 0 {
		return
	}
	fits := make([]bool, n)
	holder := -1 // the best contender holding a portrait
	for i := range cont {
		fits[i] = holdsPortrait(cont[i].Q, faces)
		if fits[i] && holder < 0 {
			holder = i
		}
	}
	if holder < 0 {
		return
	}
	// A contender nearly tied with the portrait's document, either of
	// which would be reported beside the other, is a second document
	// whose face went unfound (too small for the search, a back side):
	// it keeps its rank.
	for i := range cont {
		if !fits[i] && !(companion(cont[holder], cont[i]) && companion(cont[i], cont[holder])) {
			cont[i].Rank *= portraitMiss
		}
	}
}

// distinctAnswers returns up to portraitAnswers outlines of cont (best
// first) that each overlap every earlier one by less than portraitAgree:
// the different answers among the contenders. A crisp frame gives many
// near-copies of one outline; they are one answer.
func distinctAnswers(cont []hypothesis) []Quad {
	var out []Quad
	for _, h := range cont {
		if len(out) == portraitAnswers {
			break
		}
		fresh := true
		for _, q := range out {
			if quadOverlap(q, h.Q) >= portraitAgree {
				fresh = false
				break
			}
		}
		if fresh {
			out = append(out, h.Q)
		}
	}
	return out
}

// quadOverlap is the intersection over union of two convex quads.
func quadOverlap(a, b Quad) float64 {
	inter := IntersectionArea(a[:], b[:])
	u := a.Area() + b.Area() - inter
	if u <= 0 || math.IsNaN(inter) {
		return 0
	}
	return inter / u
}

// search finds, once per detection, the faces that could be the portrait
// of one of the answers: in the frame region they cover, at the sizes
// their short sides allow, searched at the scale where the smallest such
// face fills the cascade's window (from the full-resolution image, which
// small documents need, never upsampled).
func (a *portraitAnchor) search(answers []Quad) []faceBox {
	if a.searched {
		return a.faces
	}
	a.searched = true
	ww, wh := float64(a.img.W)*a.sx, float64(a.img.H)*a.sy
	x0, y0, x1, y1 := ww, wh, 0.0, 0.0
	minShort, maxShort := math.Inf(1), 0.0
	for _, q := range answers {
		for _, p := range q {
			x0, y0 = math.Min(x0, p.X), math.Min(y0, p.Y)
			x1, y1 = math.Max(x1, p.X), math.Max(y1, p.Y)
		}
		s := shortSide(q)
		minShort, maxShort = math.Min(minShort, s), math.Max(maxShort, s)
	}
	x0, y0, x1, y1 = math.Max(0, x0), math.Max(0, y0), math.Min(ww, x1), math.Min(wh, y1)
	minFace, maxFace := portraitMinFace*minShort, portraitMaxFace*maxShort
	if x1-x0 < minFace || y1-y0 < minFace || minFace <= 0 {
		return nil
	}
	// k is the search scale relative to the working copy, capped at the
	// input's own resolution.
	k := math.Min(portraitWindow/minFace, 1/math.Max(a.sx, a.sy))
	k = math.Min(k, math.Sqrt(portraitBudget/((x1-x0)*(y1-y0))))
	// Input-pixel crop of the region, resized to the search scale.
	cx0, cy0 := int(x0/a.sx), int(y0/a.sy)
	cx1, cy1 := min(a.img.W, int(math.Ceil(x1/a.sx))), min(a.img.H, int(math.Ceil(y1/a.sy)))
	sw, sh := int(math.Round((x1-x0)*k)), int(math.Round((y1-y0)*k))
	if cx1-cx0 < 1 || cy1-cy0 < 1 || sw < portraitWindow || sh < portraitWindow {
		return nil
	}
	g := resizeAreaCrop(a.img, cx0, cy0, cx1, cy1, sw, sh).Gray()
	// The resize may keep the crop's size (it never upsamples): map
	// through the sizes actually searched.
	fx, fy := float64(cx1-cx0)*a.sx/float64(g.W), float64(cy1-cy0)*a.sy/float64(g.H)
	ox, oy := float64(cx0)*a.sx, float64(cy0)*a.sy
	for _, f := range a.find(g, max(portraitWindow, int(minFace/fx)), int(math.Ceil(maxFace/fx))) {
		if f.Score < portraitMinScore {
			continue
		}
		a.faces = append(a.faces, faceBox{
			X0: ox + float64(f.Rect.X0)*fx, Y0: oy + float64(f.Rect.Y0)*fy,
			X1: ox + float64(f.Rect.X1)*fx, Y1: oy + float64(f.Rect.Y1)*fy,
		})
	}
	return a.faces
}

// resizeAreaCrop is ResizeArea of the pixels [x0,x1)×[y0,y1) of img,
// read in place: copying the crop first moved up to a whole 12 MP photo
// for a search of 200 000 pixels.
func resizeAreaCrop(img *RGB, x0, y0, x1, y1, w, h int) *RGB {
	cw, ch := x1-x0, y1-y0
	w, h = min(max(w, 1), cw), min(max(h, 1), ch)
	out := NewRGB(w, h)
	resizeArea(out.Pix, w, h, img.Pix[3*(y0*img.W+x0):], cw, ch, 3*img.W, 3)
	return out
}

// shortSide is the mean length of q's two shorter opposite sides.
func shortSide(q Quad) float64 {
	a := (q[0].Dist(q[1]) + q[2].Dist(q[3])) / 2
	b := (q[1].Dist(q[2]) + q[3].Dist(q[0])) / 2
	return math.Min(a, b)
}

// holdsPortrait reports whether one of faces lies inside q where a
// document's portrait would: wholly inside, in the left or right part
// along the long side, away from the long sides, and of a portrait's
// size for q's short side.
func holdsPortrait(q Quad, faces []faceBox) bool {
	if len(faces) == 0 {
		return false
	}
	// Rectify q to the unit square with its first side along x; when
	// that side is the short one, x runs across the document.
	h, err := HomographyFromQuads(q, Quad{{0, 0}, {1, 0}, {1, 1}, {0, 1}})
	if err != nil {
		return false
	}
	firstLong := q[0].Dist(q[1])+q[2].Dist(q[3]) >= q[1].Dist(q[2])+q[3].Dist(q[0])
	short := shortSide(q)
	for _, f := range faces {
		size := math.Sqrt((f.X1 - f.X0) * (f.Y1 - f.Y0))
		if size < portraitMinFace*short || size > portraitMaxFace*short {
			continue
		}
		if !cornersInside(h, f) {
			continue
		}
		c := h.Apply(Point{(f.X0 + f.X1) / 2, (f.Y0 + f.Y1) / 2})
		along, across := c.X, c.Y
		if !firstLong {
			along, across = c.Y, c.X
		}
		side := math.Min(along, 1-along)
		if tall, top := faceUp(h, f, firstLong, short/longSide(q), along); tall {
			// An upright face (the finder finds no other) in an outline
			// whose long side runs up and down: a vertical-format card
			// holds its portrait in the top part; a portrait photo, which
			// the detector outlines too, has its face in the middle.
			side = top
			if side > portraitTallTop {
				continue
			}
		}
		if side >= portraitEdge && side <= portraitMiddle && across >= portraitCross && across <= 1-portraitCross {
			return true
		}
	}
	return false
}

// faceUp reports whether the face f, upright in the image, looks along
// the long side of the outline rectified by h (the outline stands tall
// under it), and how far the face centre (along, in rectified units)
// lies from the outline's end above the face. shortToLong is the ratio
// of the outline's sides, which weighs the rectified directions back to
// lengths.
func faceUp(h Homography, f faceBox, firstLong bool, shortToLong, along float64) (tall bool, top float64) {
	cx := (f.X0 + f.X1) / 2
	c := h.Apply(Point{cx, (f.Y0 + f.Y1) / 2})
	u := h.Apply(Point{cx, f.Y0}) // the face's top, straight up
	dAlong, dAcross := u.X-c.X, u.Y-c.Y
	if !firstLong {
		dAlong, dAcross = dAcross, dAlong
	}
	if math.Abs(dAlong) <= math.Abs(dAcross)*shortToLong {
		return false, 0
	}
	if dAlong < 0 {
		return true, along
	}
	return true, 1 - along
}

// longSide is the mean length of q's two longer opposite sides.
func longSide(q Quad) float64 {
	a := (q[0].Dist(q[1]) + q[2].Dist(q[3])) / 2
	b := (q[1].Dist(q[2]) + q[3].Dist(q[0])) / 2
	return math.Max(a, b)
}

// cornersInside reports whether the corners of f map, through h, into
// the unit square widened by portraitInside.
func cornersInside(h Homography, f faceBox) bool {
	for _, p := range [4]Point{{f.X0, f.Y0}, {f.X1, f.Y0}, {f.X1, f.Y1}, {f.X0, f.Y1}} {
		u := h.Apply(p)
		if u.X < -portraitInside || u.X > 1+portraitInside || u.Y < -portraitInside || u.Y > 1+portraitInside {
			return false
		}
	}
	return true
}

// portraitPhotoFace is the smallest face, as a share of an outline's
// short side, that makes the outline a photo of the person rather than a
// document: document portraits' faces measure 0.15–0.32 of the short
// side on the dev set, the box around a card's portrait photo 0.35–0.44.
const portraitPhotoFace = 0.36

// framesFace reports whether one of the faces the anchor found fills q
// as a photo of a person does (wholly inside, at least
// portraitPhotoFace of its short side). It searches no face: without a
// search during this detection, or for a nil anchor, it is false.
func (a *portraitAnchor) framesFace(q Quad) bool {
	if a == nil || !a.searched || len(a.faces) == 0 {
		return false
	}
	h, err := HomographyFromQuads(q, Quad{{0, 0}, {1, 0}, {1, 1}, {0, 1}})
	if err != nil {
		return false
	}
	short := shortSide(q)
	for _, f := range a.faces {
		if math.Sqrt((f.X1-f.X0)*(f.Y1-f.Y0)) >= portraitPhotoFace*short && cornersInside(h, f) {
			return true
		}
	}
	return false
}
