package preflight

import (
	"context"
	"fmt"
	"time"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// FrameReport is the result of AnalyzeFrame: what a capture page needs to
// guide the person holding the document, frame by frame. Its JSON is the
// FrameReport of the JavaScript API (web/preflight.d.ts).
type FrameReport struct {
	Width  int `json:"width"`
	Height int `json:"height"`
	// Quads lists every document found, the main one first.
	Quads []Quad `json:"quads"`
	// Codes lists the failing codes in priority order.
	Codes []Code `json:"codes"`
	// Issues lists failing issues (by priority), then warnings.
	Issues []Issue `json:"issues"`
	// Metrics holds the measurements by name (area_fraction, sharpness,
	// luma_mean, glare_fraction, …) as the full check names them.
	Metrics map[string]float64 `json:"metrics"`
	// Stable is true when the main quad stayed put over the last frames.
	Stable bool `json:"stable"`
	// Ready is true when no code fails and the quad is stable: a good
	// moment to capture the full-resolution photo.
	Ready bool `json:"ready"`
	// MS is the analysis time of this frame in milliseconds.
	MS float64 `json:"ms"`
	// TimingsMS is the time spent per stage, in milliseconds; "track" is
	// the refit of the last frame's outline.
	TimingsMS map[string]float64 `json:"timings_ms"`
}

// FrameState is what AnalyzeFrame keeps between the frames of one camera
// stream: pixel buffers reused from frame to frame and the recent quads
// behind the stability hint. The zero value is ready to use. A FrameState
// is not safe for concurrent use; give each stream its own.
type FrameState struct {
	rgb     *vision.RGB
	buffers frameBuffers
	motion  motionTracker
	track   documentTracker
}

// Reset forgets the previous frames (the stability hint and the tracked
// outline start over) but keeps the buffers.
func (s *FrameState) Reset() {
	s.motion.reset()
	s.track.reset()
}

// AnalyzeFrame checks one live camera frame given as packed RGBA bytes
// (what a canvas or VideoFrame gives), w×h pixels, row by row without
// padding; extra bytes after 4·w·h are ignored. It runs the checks that
// make sense without JPEG bytes, in the detector's fast mode, and adds the
// stability hint from the frames seen before with the same state.
//
// state may be nil for a one-off frame (then Stable is never true).
// Errors wrap ErrEmpty, ErrTooLarge or ErrInvalidOption.
func AnalyzeFrame(ctx context.Context, rgba []byte, w, h int, state *FrameState, opts ...Option) (*FrameReport, error) {
	t0 := time.Now()
	cfg, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	if err := checkFrameSize(len(rgba), w, h, cfg.maxPixels); err != nil {
		return nil, err
	}
	if state == nil {
		state = &FrameState{}
	}
	cfg.live, cfg.buffers = true, &state.buffers
	// A frame that will be detected gets the detector's working copy in
	// the same pass over the pixels as its RGB conversion.
	detect := cfg.quads == nil && !state.track.willFollow(w, h)
	state.rgb = state.buffers.detect.FromRGBA(state.rgb, rgba, w, h, detect)
	tracked := false
	t1 := time.Now()
	if cfg.quads == nil {
		if q, ok := state.track.follow(state.rgb); ok {
			cfg.quads, tracked = []Quad{quadFromVision(q)}, true
		}
	}
	trackMS := ms(time.Since(t1))
	rep, err := run(ctx, &cfg, &decoded{rgb: state.rgb, width: w, height: h, orientation: 1})
	if err != nil {
		return nil, err
	}
	rep.TimingsMS["track"] = trackMS
	rep.Metrics["tracked"] = b2f(tracked)
	fr := &FrameReport{
		Width: w, Height: h,
		Quads:   []Quad{},
		Codes:   rep.Codes(),
		Issues:  rep.Issues,
		Metrics: rep.Metrics,
		// TimingsMS: the stages of run plus the tracking.
		TimingsMS: rep.TimingsMS,
	}
	if fr.Codes == nil {
		fr.Codes = []Code{}
	}
	var main *vision.Quad
	if rep.Document != nil && len(rep.Document.Quads) > 0 {
		fr.Quads = rep.Document.Quads
		q := rep.Document.Quads[0].vision()
		main = &q
	}
	state.track.found(rep.Document, tracked, w, h)
	fr.Stable = state.motion.observe(main, w, h)
	fr.Ready = fr.Stable && len(fr.Codes) == 0
	fr.MS = ms(time.Since(t0))
	return fr, nil
}

// checkFrameSize validates the frame's dimensions against its bytes before
// anything is allocated.
func checkFrameSize(n, w, h, maxPixels int) error {
	switch {
	case n == 0:
		return ErrEmpty
	case w <= 0 || h <= 0:
		return fmt.Errorf("%w: frame size %dx%d", ErrInvalidOption, w, h)
	case int64(w)*int64(h) > int64(maxPixels):
		return fmt.Errorf("%w: frame %dx%d exceeds %d pixels", ErrTooLarge, w, h, maxPixels)
	case int64(n) < 4*int64(w)*int64(h):
		return fmt.Errorf("%w: %d bytes for a %dx%d RGBA frame (want %d)", ErrInvalidOption, n, w, h, 4*w*h)
	}
	return nil
}

// liveRectifiedWidth is the working width of the flat document in a live
// frame. A 640×480 frame shows the document at 300–600 px, so the full
// check's 1000 px would upsample it, at 25 times the pixels, for no
// information; and a frame must be analysed in a few milliseconds. The
// measures' thresholds are the full check's, and sharpness reads higher
// on a smaller rendering, so frames are judged leniently on 826: they
// guide the person, the check of the captured photo decides. On the fake
// camera clip (synth.CaptureClip) 200 px gives the codes 320 px gave on
// every frame (the moving card's 826 included) for 0.39 of the pixels.
// Session 7: 160 px (with liveMinShrink) gives the same codes as 200 on
// every frame of four seeds of the clip, streamed and detected afresh,
// for 0.64 of the pixels: a quarter less time in rectify and the
// measures under wasm.
const liveRectifiedWidth = 160

// liveMinShrink is the smallest pre-shrink factor (see rectify) of a
// live frame's flat document. Below it the bilinear warp reads the frame
// directly: a document up to three times the live width then skips some
// source pixels, which reads as a little more detail (826 is judged
// leniently on frames anyway, see liveRectifiedWidth), while the box
// shrink of the document's bounding box cost more than the warp and all
// the measures after it under wasm (160 px with factor 2 was slower than
// 200 px without). On four seeds of the fake camera clip 3 gives the
// codes 2 gave on every frame.
const liveMinShrink = 3

// rectSize is the working size of the flat document: its width and the
// smallest factor by which a larger document is box-shrunk before the
// warp (rectify).
type rectSize struct {
	width, minShrink int
}

// rectSize is the flat document's working size for this check: the full
// check's shrinks from factor 2, so that its sharpness does not depend on
// the photo's resolution.
func (c *config) rectSize() rectSize {
	if c.live {
		return rectSize{liveRectifiedWidth, liveMinShrink}
	}
	return rectSize{rectifiedWidth, 2}
}

// liveStage says whether a stage of the check runs on live frames: the
// ones that guide the person holding the document. Portrait search (820)
// costs ten times the rest; compression (827) and resolution (818) are
// facts of the captured photo's bytes and size, not of a preview frame.
func liveStage(name string) bool {
	switch name {
	case "detect", "geometry", "rectify", "sharpness", "exposure", "glare":
		return true
	}
	return false
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
