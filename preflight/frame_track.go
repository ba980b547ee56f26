package preflight

import (
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Between live frames the document moves a little: documentTracker
// refits the previous outline (vision.TrackDocument) instead of detecting
// from scratch, which costs a fraction of a detection. A full detection
// still runs when the track is lost, when the last frame showed no or
// several documents (824 must be seen), and every redetectEvery frames so
// that a second document entering the frame is not missed for long.
// Tracking starts only once two consecutive detections agree (corners
// within the search radius): a document moving in fast, blurred, jumps
// further between frames than the radius, and a tracker started on it
// settles on the text and portrait edges it left behind.
const (
	// redetectEvery is the longest run of tracked frames (1 s at 15 fps).
	redetectEvery = 15
	// trackRadius is how far a side is searched across itself, as a
	// fraction of min(width, height): 3 % is 14 px on a 640×480 frame,
	// a hand's drift between two frames at 15 fps.
	trackRadius = 0.03
)

// documentTracker remembers the outline of the single document of the
// last frame.
type documentTracker struct {
	last   vision.Quad
	have   bool // last holds the single document of the last frame
	held   bool // and it has moved less than the search radius since the frame before
	w, h   int
	streak int // frames tracked since the last full detection
	// buf is the tracker's working memory, kept across resets.
	buf vision.TrackBuffers
}

func (t *documentTracker) reset() { *t = documentTracker{buf: t.buf} }

// follow tries to find the last frame's document in img; ok is false when
// a full detection must run instead.
func (t *documentTracker) follow(img *vision.RGB) (vision.Quad, bool) {
	if !t.willFollow(img.W, img.H) {
		return vision.Quad{}, false
	}
	det, ok := t.buf.Track(img, t.last, searchRadius(img.W, img.H))
	if !ok {
		return vision.Quad{}, false
	}
	return det.Quad, true
}

// willFollow says whether follow will try to track in a w×h frame (if
// not, a full detection runs).
func (t *documentTracker) willFollow(w, h int) bool {
	return t.have && t.held && w == t.w && h == t.h && t.streak < redetectEvery
}

// found records the documents of a w×h frame and whether they came from
// tracking.
func (t *documentTracker) found(doc *Document, tracked bool, w, h int) {
	if doc == nil || len(doc.Quads) != 1 {
		t.have, t.held = false, false
		return
	}
	q := doc.Quads[0].vision()
	t.held = tracked || (t.have && w == t.w && h == t.h &&
		maxCornerShift(t.last, q) <= float64(searchRadius(w, h)))
	t.last, t.have, t.w, t.h = q, true, w, h
	if tracked {
		t.streak++
	} else {
		t.streak = 0
	}
}

// searchRadius is the tracker's search distance across a side in a w×h
// frame, px.
func searchRadius(w, h int) int {
	return max(3, int(math.Round(trackRadius*float64(min(w, h)))))
}
