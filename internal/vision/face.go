package vision

// Face is a face found by a detector, in the pixels of the image searched.
type Face struct {
	Rect Rect
	// Score is the detector's support for the face: for cascades the
	// number of raw windows merged into it (OpenCV's neighbours). Engines
	// that cannot tell report 0.
	Score float64
}
