package vision

// trackMaxSamples caps the samples along one side: a hundred points fix a
// line to a fraction of a pixel, and each costs a profile of 2·radius+2
// bilinear colour samples.
const trackMaxSamples = 150

// TrackBuffers holds the working memory of TrackDocument (per-side
// profiles, edge candidates, line grid, fit points) for reuse from frame
// to frame of a live stream: a tracked frame then allocates nothing. The
// zero value is ready to use; a TrackBuffers must not be shared by
// concurrent calls.
type TrackBuffers struct {
	prof    []float64
	cands   []float64
	start   []int
	centres []Point
	hit     []bool
	lines   []trackLine
	pts     []Point
	res     []float64
}

// trackLine is a candidate border across a side: offsets oa at the first
// sample and ob at the last, and how many samples support it.
type trackLine struct {
	oa, ob float64
	sup    int
}

// trackNarrow is the search radius (px) of the tracker's second pass,
// which settles each side on the exact step.
const trackNarrow = 3

// nearestRGB is the colour of the pixel under (x, y) in image coordinates
// (pixel centres at +0.5), clamped to the image.
func nearestRGB(img *RGB, x, y float64) [3]float64 {
	i := 3 * (int(clampFloat(y, float64(img.H)-0.5))*img.W + int(clampFloat(x, float64(img.W)-0.5)))
	p := img.Pix[i : i+3 : i+3]
	return [3]float64{float64(p[0]), float64(p[1]), float64(p[2])}
}
