package preflight

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Face sizes searched, as fractions of the rectified document's short
// side. Measured on the dev set: portraits (ID-1 cards, ID-3 passport
// pages, DLC-2021 printed copies) give cascade faces of 0.15–0.32 of the
// document height; ghost portraits are smaller and do not count.
const (
	minFaceFraction = 0.12
	maxFaceFraction = 0.50
)

// faceSearchShort is the short side, in pixels, the rectified document is
// reduced to for the face search: the smallest face searched is then 48
// px, just above the cascade's 45 px window, and the search costs a
// third of what it would at the 1000 px rectified width.
const faceSearchShort = 400

// When no face is found on the rectified document, the whole photo is
// searched too, in three quarter turns (see frameTurns): a wrong or
// partial document outline must not turn into a missing photo (on the dev
// set most 820 false alarms came from outlines off the document; five
// front photos get their face this way today, two of them 0.7–1.75
// document lengths away from the outline, so the search cannot be
// narrowed to the outline's surroundings). The first turn searched sees
// the photo reduced to frameSearchLong px on its long side, the smallest
// face then 3.5 % of it (the dev set's smallest faces found this way:
// 3.7–4.2 % in earlier sessions; the synthetic card face of 4.8 % in
// TestCheckPortraitFrameFallback scores 3 at 960 px, 6 or more at 1280);
// the other turns see it at frameSearchLongOther, which cuts the
// search's cost by a third when no
// face is found, the common case of a card back or a removed photo. On
// the dev set the faces found in the other turns are 5.4–6.6 % of the
// long side and keep scores of 11–34 at 960 px (6–33 at 800 px), and no
// code changes. Faces larger than maxFrameFaceFraction of the photo's
// short side are a person in front of the camera, not a document
// portrait, and do not count.
const (
	frameSearchLong      = 1280
	frameSearchLongOther = 960
	maxFrameFaceFraction = 0.3
)

// confidentOutline is the detector score from which the document search
// decides 820 alone, without the whole-photo fallback. The fallback is
// there for outlines off the document: on the dev set it ran on 34 front
// photos and changed the verdict on 6, all with a wrong outline (IoU with
// the labelled document 0–0.39) scoring 0.43–0.80, while of the 241 front
// outlines every one with an IoU below 0.8 but one (0.91, IoU 0.58)
// scored below 0.8. A confident outline's document has been searched
// both ways up already, and a face elsewhere in the photo is not its
// portrait; skipping the search saves most of a faceless check (a card
// back, a removed photo).
const confidentOutline = 0.85

// searchFrame reports whether the whole-photo fallback may run for the
// main detection det: not when the detector is confident of it. Outlines
// the caller gives (WithDocumentQuads) carry no confidence of their own
// and keep the fallback, as they may be as wrong as a detector's.
func searchFrame(det vision.Detection, given bool) bool {
	return given || det.Score < confidentOutline
}

// portraitFace is the best face found on a rectified document.
type portraitFace struct {
	score   float64
	quarter int     // clockwise quarter turns of the rectified document searched
	box     faceBox // in rectified-document pixels
}

// faceBox is an axis-aligned box in float pixels, [X0,X1)×[Y0,Y1).
type faceBox struct{ X0, Y0, X1, Y1 float64 }

func (b faceBox) scaled(s float64) faceBox {
	return faceBox{X0: b.X0 * s, Y0: b.Y0 * s, X1: b.X1 * s, Y1: b.Y1 * s}
}

// findPortrait searches the whole rectified document for a face, upright
// and upside down. The whole document is searched because the portrait is
// on the left of most documents but on the right of others (the dev set's
// Spanish and Finnish IDs, the Macedonian ID); the detector's corner order
// only fixes the document up to a half turn, so both are tried, the
// upright one first. A document rectified taller than wide (the quad's
// first side is its short one) is turned a quarter both ways instead.
// The face with the highest score wins; the search stops early at the
// first orientation whose best face reaches minScore.
func findPortrait(eng engine, g *vision.Gray, minScore float64) (portraitFace, bool) {
	quarters := []int{0, 2}
	if g.H > g.W {
		quarters = []int{1, 3}
	}
	short := float64(min(g.W, g.H))
	minSize, maxSize := int(math.Round(minFaceFraction*short)), int(math.Round(maxFaceFraction*short))
	turns := make([]faceTurn, len(quarters))
	for i, q := range quarters {
		turns[i] = faceTurn{gray: func() *vision.Gray { return g }, quarter: q, scale: 1, minSize: minSize, maxSize: maxSize}
	}
	return searchFaces(eng, turns, minScore)
}

// findFrameFace is the whole-photo fallback: the photo searched in the
// quarter turns of frameTurns, first the one that would make the document outline
// doc upright (see frameTurns) at frameSearchLong, then the others at
// frameSearchLongOther. The box is in img pixels; doc is in img pixels too.
func findFrameFace(eng engine, img *vision.RGB, doc vision.Quad, minScore float64) (portraitFace, bool) {
	quarters := frameTurns(doc)
	first := frameTurn(img, frameSearchLong, quarters[0])
	turns := []faceTurn{first}
	// One reduced copy serves the other turns; it is made only when
	// the first turn finds no face, and from the first turn's grey copy,
	// not from the photo again: reading a 12 MP photo a second time cost
	// more than the reduction itself.
	rest := smallerTurn(img, first, frameSearchLongOther)
	for _, q := range quarters[1:] {
		rest.quarter = q
		turns = append(turns, rest)
	}
	return searchFaces(eng, turns, minScore)
}

// frameTurn is the search of img reduced to long px on its long side (or
// left as it is when smaller) and turned q quarters. The grey copy is made
// on first use, once.
func frameTurn(img *vision.RGB, long, q int) faceTurn {
	scale, w, h := reducedSize(img.W, img.H, long)
	gray := sync.OnceValue(func() *vision.Gray {
		// Shrink before converting to grey: a 12 MP photo's grey copy
		// would cost more than the search itself.
		if w == img.W && h == img.H {
			return img.Gray()
		}
		return vision.ResizeArea(img, w, h).Gray()
	})
	return faceTurn{gray: gray, quarter: q, scale: scale, maxSize: int(maxFrameFaceFraction * float64(min(w, h)))}
}

// smallerTurn is frameTurn(img, long, 0) made from the grey copy of the
// larger turn from (itself a reduction of img) rather than from img: both
// reductions average areas, so the result is the same image up to
// rounding, for the cost of reading the smaller copy.
func smallerTurn(img *vision.RGB, from faceTurn, long int) faceTurn {
	scale, w, h := reducedSize(img.W, img.H, long)
	gray := sync.OnceValue(func() *vision.Gray {
		g := from.gray()
		if w == g.W && h == g.H {
			return g
		}
		return vision.ResizeAreaPlane(g.Pix, g.W, g.H, g.W, w, h)
	})
	return faceTurn{gray: gray, scale: scale, maxSize: int(maxFrameFaceFraction * float64(min(w, h)))}
}

// reducedSize is the size of a w×h image reduced to long px on its long
// side (unchanged when not longer), and the input pixels per output pixel.
func reducedSize(w, h, long int) (scale float64, rw, rh int) {
	if l := max(w, h); l > long {
		scale = float64(l) / float64(long)
		return scale, int(math.Round(float64(w) / scale)), int(math.Round(float64(h) / scale))
	}
	return 1, w, h
}

// frameTurns orders the quarter turns of the whole-photo search: upright
// first, then the turns a phone held sideways gives; but when the
// document outline's long sides run closer to vertical than to horizontal
// (a card photographed sideways), the two sideways turns come first. The
// outline is known only up to a half turn, and it may be wrong (which is
// why the whole photo is searched), so every listed turn is still
// searched when the first finds no face; only the first runs alone (see
// searchFaces). The upside-down turn is not searched: it matters only
// when the outline is wrong too (with a right one the document search
// covers both half turns), no dev-set face is found only there, and it
// was a fifth of the search's cost, which is most of a faceless check's.
func frameTurns(doc vision.Quad) []int {
	long0 := doc[0].Dist(doc[1]) + doc[2].Dist(doc[3]) // sides 0 and 2
	long1 := doc[1].Dist(doc[2]) + doc[3].Dist(doc[0]) // sides 1 and 3
	a, b := doc[0], doc[1]
	if long1 > long0 {
		a, b = doc[1], doc[2]
	}
	if math.Abs(b.Y-a.Y) > math.Abs(b.X-a.X) {
		return []int{1, 3, 0}
	}
	return []int{0, 1, 3}
}

// faceTurn is one search of a face search: the image gray returns, turned
// quarter clockwise quarter turns, for faces of minSize–maxSize of its
// pixels (maxSize <= 0: no bound); scale is the caller's pixels per pixel
// of that image. gray must be safe to call from several goroutines.
type faceTurn struct {
	gray             func() *vision.Gray
	quarter          int
	scale            float64
	minSize, maxSize int
}

// searchFaces runs the turns in order and keeps the highest-scoring face,
// its box in the caller's pixels; it stops at the first turn whose best
// face reaches minScore. The first turn runs alone, as it usually
// decides; when it does not, the remaining turns run concurrently (the
// whole-photo fallback's four searches are most of a check's time) and
// are then read in order, so the answer is the one the sequential search
// gives.
func searchFaces(eng engine, turns []faceTurn, minScore float64) (portraitFace, bool) {
	if len(turns) == 0 {
		return portraitFace{}, false
	}
	found := make([][]vision.Face, len(turns))
	found[0] = turns[0].faces(eng)
	if len(found[0]) == 0 || found[0][0].Score < minScore {
		var wg sync.WaitGroup
		for i := 1; i < len(turns); i++ {
			wg.Go(func() { found[i] = turns[i].faces(eng) })
		}
		wg.Wait()
	}
	var best portraitFace
	ok := false
	for i, t := range turns {
		faces := found[i]
		if len(faces) == 0 || (ok && faces[0].Score <= best.score) {
			continue
		}
		f := faces[0]
		g := t.gray()
		a := vision.UnrotatePoint(vision.Point{X: float64(f.Rect.X0), Y: float64(f.Rect.Y0)}, t.quarter, g.W, g.H)
		b := vision.UnrotatePoint(vision.Point{X: float64(f.Rect.X1), Y: float64(f.Rect.Y1)}, t.quarter, g.W, g.H)
		best = portraitFace{score: f.Score, quarter: t.quarter, box: faceBox{
			X0: math.Min(a.X, b.X), Y0: math.Min(a.Y, b.Y), X1: math.Max(a.X, b.X), Y1: math.Max(a.Y, b.Y),
		}.scaled(t.scale)}
		ok = true
		if best.score >= minScore {
			break
		}
	}
	return best, ok
}

// faces runs the engine's face detector on the turned image; the faces
// are in the turned image's coordinates.
func (t faceTurn) faces(eng engine) []vision.Face {
	g := t.gray()
	if t.quarter != 0 {
		g = vision.RotateGray(g, t.quarter)
	}
	return eng.detectFaces(g, t.minSize, t.maxSize)
}

// checkPortrait adds 820 when no face of plausible size scores
// lim.MinFaceScore on the rectified front side nor, as a fallback, in the
// whole photo (frame, whose pixels are frameScale photo pixels; nil: no
// fallback, see searchFrame). The
// face box, mapped back to the photo, becomes Document.Portrait; a face
// just above the limit is a warning, so a live capture can ask for a
// steadier, closer shot.
func checkPortrait(rep *Report, eng engine, rect *rectified, frame *vision.RGB, frameScale float64, lim Thresholds) {
	reportPortrait(rep, rect, searchPortrait(eng, rect, frame, frameScale, rep.Width, rep.Height, lim), lim)
}

// portraitSearch is what checkPortrait's face search found, before it is
// written into the report: the search reads only the rectified document
// and the photo, so it can run beside the stages that write the report
// (see startPortrait).
type portraitSearch struct {
	face   portraitFace
	ok     bool
	region *Region // the face in photo pixels, clipped; nil: none or outside
	// fromFrame is set when the whole-photo fallback's face won.
	fromFrame bool
	// ms and frameMS time the whole search and the fallback (frameMS < 0:
	// the fallback did not run).
	ms, frameMS float64
}

// searchPortrait is checkPortrait's face search on the w×h photo.
func searchPortrait(eng engine, rect *rectified, frame *vision.RGB, frameScale float64, w, h int, lim Thresholds) portraitSearch {
	start := time.Now()
	face, ok := findDocumentFace(eng, rect, lim.MinFaceScore)
	s := portraitSearch{face: face, ok: ok, frameMS: -1}
	if ok {
		if reg, in := rect.imageRegion(face.box.X0, face.box.Y0, face.box.X1, face.box.Y1, w, h); in {
			s.region = &reg
		}
	}
	if face.score < lim.MinFaceScore && frame != nil {
		t := time.Now()
		ff, found := findFrameFace(eng, frame, rect.quad.Scale(1/frameScale), lim.MinFaceScore)
		s.frameMS = ms(time.Since(t))
		if found && ff.score > face.score {
			s.face, s.ok, s.region, s.fromFrame = ff, true, boxRegion(ff.box.scaled(frameScale), w, h), true
		}
	}
	s.ms = ms(time.Since(start))
	return s
}

// reportPortrait writes a portrait search's findings into rep.
func reportPortrait(rep *Report, rect *rectified, s portraitSearch, lim Thresholds) {
	if s.frameMS >= 0 {
		rep.TimingsMS["portrait_frame"] = s.frameMS
	}
	if s.fromFrame {
		rep.Metrics["face_outside_document"] = 1
	}
	face, region := s.face, s.region
	rep.Metrics["face_score"] = face.score
	var regions []Region
	if region != nil {
		regions = []Region{*region}
		if rep.Document != nil && face.score >= lim.MinFaceScore {
			rep.Document.Portrait = region
		}
	}
	switch {
	case face.score < lim.MinFaceScore:
		if len(regions) == 0 { // nothing face-like: point at the document searched
			regions = quadRegion(rect.quad, rep.Width, rep.Height)
		}
		rep.add(Issue{Code: CodeNoPortrait, Severity: Fail, Value: face.score, Threshold: lim.MinFaceScore,
			Detail: noPortraitDetail(face, s.ok), Regions: regions})
	case face.score < 1.5*lim.MinFaceScore:
		rep.add(Issue{Code: CodeNoPortrait, Severity: Warn, Value: face.score, Threshold: lim.MinFaceScore,
			Detail: "the portrait's face is only weakly recognised", Regions: regions})
	}
}

// findDocumentFace searches the rectified document reduced to
// faceSearchShort; the box is in rectified-document pixels.
func findDocumentFace(eng engine, rect *rectified, minScore float64) (portraitFace, bool) {
	g, scale := rect.gray, 1.0
	if short := min(rect.rgb.W, rect.rgb.H); short > faceSearchShort {
		scale = float64(short) / faceSearchShort
		w := int(math.Round(float64(rect.rgb.W) / scale))
		h := int(math.Round(float64(rect.rgb.H) / scale))
		g = vision.ResizeArea(rect.rgb, w, h).Gray()
	}
	face, ok := findPortrait(eng, g, minScore)
	face.box = face.box.scaled(scale)
	return face, ok
}

// boxRegion rounds a box in photo pixels outwards and clips it to the
// w×h photo; nil when nothing of it is inside.
func boxRegion(b faceBox, w, h int) *Region {
	x0, y0 := max(0, int(math.Floor(b.X0))), max(0, int(math.Floor(b.Y0)))
	x1, y1 := min(w, int(math.Ceil(b.X1))), min(h, int(math.Ceil(b.Y1)))
	if x1 <= x0 || y1 <= y0 {
		return nil
	}
	return &Region{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

func noPortraitDetail(f portraitFace, ok bool) string {
	if !ok {
		return "no face found on the document or in the photo"
	}
	return fmt.Sprintf("the best face candidate on the document scores %.0f", f.score)
}
