package preflight

import "github.com/idpreflight/idpreflight/internal/vision"

// The stability hint: a capture page should take the photo only when the
// card has been held still for a moment, because motion blur and a quad
// that jumps between candidates both mean the next frame may differ.
const (
	// stableFrames is how many consecutive frames must show the main quad
	// (≈ 1/3 s at 15 fps).
	stableFrames = 5
	// stableShift is the largest corner movement between consecutive
	// frames, as a fraction of min(width, height), still called steady:
	// 1.5 % is ≈ 7 px on a 640×480 frame, above detector jitter and below
	// what a moving hand produces.
	stableShift = 0.015
)

// motionTracker remembers the main quads of the last frames. It has a
// fixed-size history, so it allocates nothing per frame.
type motionTracker struct {
	last  vision.Quad
	w, h  int
	steps int // consecutive frames with a quad that moved little
}

func (m *motionTracker) reset() { m.steps = 0 }

// observe records the main quad of a w×h frame (nil: none found) and
// reports whether the quad has been steady for stableFrames frames.
func (m *motionTracker) observe(q *vision.Quad, w, h int) bool {
	if q == nil || w != m.w || h != m.h {
		m.w, m.h = w, h
		m.steps = 0
		if q != nil {
			m.last, m.steps = *q, 1
		}
		return false
	}
	limit := stableShift * float64(min(w, h))
	if m.steps > 0 && maxCornerShift(m.last, *q) <= limit {
		m.steps++
	} else {
		m.steps = 1
	}
	m.last = *q
	return m.steps >= stableFrames
}

// maxCornerShift is the largest distance between corresponding corners.
func maxCornerShift(a, b vision.Quad) float64 {
	d := 0.0
	for i := range a {
		d = max(d, a[i].Dist(b[i]))
	}
	return d
}
