package vision

import "math"

// Tracking: on live video the document moves little between frames, so
// its outline is looked for next to where it was instead of detected from
// scratch. Refitting four sides costs a few thousand samples; a detection
// costs a gradient of the whole frame, segments and hypotheses.
const (
	// trackMinSupport is the least share of a side's samples that must
	// straddle a colour step for the side to count as still there; the
	// weakest side may be lower (a finger on it) down to trackMinSide.
	trackMinSupport = 0.7
	trackMinSide    = 0.45
	// trackMaxAreaChange bounds the area ratio between the previous and
	// the tracked outline: a bigger change is a different object.
	trackMaxAreaChange = 1.3
	// trackMinStep is the colour step (8-bit levels, between the bands
	// stepOffset px either side) that counts a sample as on a border:
	// midway between the detector's stepMin and stepFull.
	trackMinStep = (stepMin + stepFull) / 2
)

// TrackDocument looks for the document whose outline was prev in the
// previous frame: each side is refitted onto the strongest colour edge
// within ±radius px across it, and the new outline is accepted only when
// every side seen in the frame is backed by a colour step along most of
// its length and the area changed little. ok is false when the document
// was lost; the caller then detects from scratch.
func TrackDocument(img *RGB, prev Quad, radius int) (det Detection, ok bool) {
	if img == nil || img.W < 16 || img.H < 16 || len(img.Pix) < 3*img.W*img.H || prev.Area() < 64 || radius < 1 {
		return Detection{}, false
	}
	// Two passes: the first pulls the sides onto the moved edges, the
	// second, with a small radius, settles them on the exact step.
	q := refineQuad(img, prev, radius)
	q = refineQuad(img, q, 3)
	r := q.Area() / prev.Area()
	if r > trackMaxAreaChange || r < 1/trackMaxAreaChange {
		return Detection{}, false
	}
	var sum, tot float64
	weakest := 1.0
	for k := range 4 {
		s, l := stepSupport(img, q[k], q[(k+1)%4])
		if l < 8 {
			continue // off the frame: nothing to check
		}
		sum += s * l
		tot += l
		weakest = math.Min(weakest, s)
	}
	if tot == 0 || sum/tot < trackMinSupport || weakest < trackMinSide {
		return Detection{}, false
	}
	return Detection{Quad: orderCorners(q), Score: sum / tot}, true
}

// stepSupport is the share of samples along the in-frame part of a→b
// where the colours stepOffset px on either side differ by at least
// trackMinStep (a border between regions), and that part's length.
func stepSupport(img *RGB, a, b Point) (support, length float64) {
	t0, t1, ok := clippedT(a, b, float64(img.W), float64(img.H))
	if !ok {
		return 0, 0
	}
	// Skip the corners, as refineSide does: rounded corners, shadows.
	t0, t1 = math.Max(t0, 0.06), math.Min(t1, 0.94)
	full := a.Dist(b)
	length = (t1 - t0) * full
	if length < 1 {
		return 0, length
	}
	ux, uy := (b.X-a.X)/full, (b.Y-a.Y)/full
	n := min(int(length/2), 200)
	hit := 0
	for s := range n {
		t := t0*full + (float64(s)+0.5)*length/float64(n)
		if colourStep(img, a.X+ux*t-0.5, a.Y+uy*t-0.5, -uy, ux) >= trackMinStep {
			hit++
		}
	}
	return float64(hit) / float64(max(n, 1)), length
}
