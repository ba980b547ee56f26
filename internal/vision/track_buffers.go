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
