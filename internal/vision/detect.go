package vision

import (
	"math"
	"sort"
)

// Detection is one document found in an image.
type Detection struct {
	// Quad is the outline in the input image's pixels, corners TL, TR, BR,
	// BL of the document; corners may lie outside the image.
	Quad Quad
	// Score is the detector's confidence, 0..1.
	Score float64
}

// DetectOptions tunes DetectDocuments.
type DetectOptions struct {
	// Aspects lists the expected width/height ratios of the document
	// (1.586 for ID-1 cards, 1.42 for ID-3 passport pages), most likely
	// first. Empty means both.
	Aspects []float64
	// Fast trades accuracy for speed for live camera frames: a smaller
	// working copy and fewer lines; the winners' sides are refitted at
	// full resolution.
	Fast bool
	// Buffers, when set, is working memory reused from call to call
	// (a live stream's frames); nil allocates afresh.
	Buffers *DetectBuffers
	// Faces, when set, lets the detector use the portrait as an anchor
	// when its best outlines disagree (detect_portrait.go); Fast mode
	// does not use it.
	Faces FaceFinder
	// Candidates, when set, proposes further outlines on the working
	// copy, in its pixel coordinates (the gocv engine's OpenCV contours).
	// They are scored, ranked and picked with the line-based hypotheses,
	// so the shared Go scorer decides between both. It must not keep or
	// change work.
	Candidates func(work *RGB) []Quad
}

// Default aspect ratios (width / height) of ID-1 cards and ID-3 passport
// pages.
const (
	AspectID1 = 85.6 / 54.0
	AspectID3 = 125.0 / 88.0
)

// Detection thresholds on the hypothesis score (0..1), set on the
// behaviour of the whole labelled dev set (documents versus scenes
// without one), not on single files.
const (
	minDocScore    = 0.55 // weakest outline reported as a document
	minSecondScore = 0.7  // weakest outline reported as a further document
	secondRelative = 0.85 // a further document must score this share of the best
)

// fastGradFloor is Fast mode's gradient floor: the weakest gradient
// (8-bit levels per pixel) that may join a segment (segmentParams.minMag,
// 4 in the full detector) or support a side (scoreParams.edgeMin is 4:
// in Fast mode supports between 4 and the floor read zero, see configFor).
const fastGradFloor = 10

// minAreaFraction is the smallest outline considered, as a share of the
// image: documents the endpoint accepts cover 10 %, and the smallest in
// real photos cover ~3 %; below 2 % are logos, flags and keys.
const minAreaFraction = 0.02

// detectConfig holds the sizes derived from DetectOptions.
type detectConfig struct {
	workSide int  // long side of the working copy, px
	maxLines int  // strongest lines combined into hypotheses
	keep     int  // hypotheses (best by coverage) given the full score
	refine   bool // refit the winners' sides at full resolution
	// refineNearest samples the refit's colour profiles at the nearest
	// pixel instead of bilinearly.
	refineNearest bool
	textRank      int     // best hypotheses ranked by their text rows (0: none)
	box           bool    // shrink by an integer box mean (DetectBuffers.shrink)
	coarse        bool    // add segments found at half the working resolution
	rescue        int     // hypotheses scored in all when none passes or the winner is weak (rescueDocuments)
	mrz           bool    // add the page outlines implied by a machine-readable zone (detect_mrz.go)
	minScore      float64 // weakest outline reported
	edgeKeep      int     // further hypotheses the rescue scores, best by gradient support past cfg.rescue (edgeQuota)
	// fineKeep, when above 0, scores every hypothesis first with the
	// sides walked every coarseStep px and keeps only the fineKeep best,
	// scored again at every pixel (scoreHypotheses).
	fineKeep, coarseStep int
	portrait             *portraitAnchor // the portrait cue of one call (nil: none)
	zones                mrzCue          // the machine-readable zones of one call (none when !mrz)

	// gradFloor leaves gradients certainly weaker than it zero, skipping
	// their normals (gradField.compute); it must not exceed the weakest
	// strength read (fastGradFloor).
	gradFloor float32
}

func configFor(opt DetectOptions) detectConfig {
	if opt.Fast {
		// 20 lines / 50 cheap hypotheses found no card in any frame of
		// synth.CaptureClip (the capture page's fake camera, wood
		// background); 32 / 120 finds it in every frame that shows it.
		// The working copy is the frame box-shrunk by an integer factor
		// (3 for 640×480: 213 px), a fifth of the cost of area resampling
		// to 320 px, and the winners' sides are refitted at full
		// resolution. Measured on the 236 single-document photos of the
		// dev set resized to 640 px (share of main quads with IoU ≥ 0.9
		// against the labels, documents found): 320 px unrefined 0.729,
		// 215; 213 px 0.720, 224; 160 px 0.674, 226 (coarser outlines
		// pick wrong sides the refit cannot undo). On the fake camera
		// clip (synth.CaptureClip) 213 px finds the card in the same 90
		// of 114 frames as 320 px, all with IoU ≥ 0.9. Scoring, the
		// costliest step under wasm, is coarse to fine: all 120 with the
		// sides walked every 6 px, the best 10 (now 6, below) again at
		// every pixel, a quarter of the work; on the resized dev set the same 0.754 (223
		// found, 6 of the 17 empty scenes with an outline) as scoring all
		// at every pixel, and the same codes and quads on the clip.
		// Scoring all every 2 px gave 0.750 (225, 8 of 17); keeping 80
		// hypotheses 0.742 (221). Re-measured with bench/fastdetect
		// (0.754, 222 found, 8 of 17 at fineKeep 10): the best 6 again at
		// every pixel give 0.758, 222, 8 of 17 for 40 % less fine
		// scoring (8: 0.763, 5: 0.758, 4: 0.754); coarse steps of 7 px
		// gave 0.754 (223), of 8 px 0.746. The refit samples its colour
		// profiles at the nearest full-resolution pixel (the fit over a
		// hundred points per side is sub-pixel anyway): 0.767, 222, 8 of
		// 17 against bilinear's 0.758, for a third of the refit's time
		// under wasm.
		// The gradient skips the normals of pixels too weak for any
		// segment or side support, most of a frame: the same outlines
		// for a third less gradient time.
		// Session 6, bench/fastdetect: a gradient floor (and segment
		// threshold) of 10 instead of 4 gives 0.771, 223 found, 7 of 17
		// empty scenes with an outline (6 and 8: 0.767; 12: 0.754; 14:
		// 0.746), and with it 100 coarse-scored hypotheses instead of
		// 120 give 0.767, 222, 7 of 17 (80: 0.758, 220) for a sixth less
		// coarse scoring; the fake camera clip keeps its outlines.
		return detectConfig{workSide: 213, maxLines: 32, keep: 100, refine: true, box: true, minScore: minDocScore, coarseStep: 6, fineKeep: 6, gradFloor: fastGradFloor, refineNearest: true}
	}
	// Without a document or with a weak one the rescue scores 400 more
	// outlines (~+50 % of the detection time, measured on the dev set's
	// empty scenes); with a confident one (most photos) it costs nothing.
	// Fast mode has no time for it.
	return detectConfig{workSide: 800, maxLines: 64, keep: 400, refine: true, coarse: true, textRank: 60, rescue: 800, mrz: true, minScore: minDocScore, edgeKeep: 64}
}

// DetectDocuments finds the documents in img, best first. It works on an
// area-averaged copy of about 800 px (≈ 213 in Fast mode): colour gradient,
// straight segments grown LSD-style, collinear segments merged into lines,
// pairs of near-parallel lines combined into quadrilaterals (and three
// seen sides extended by the aspect prior when a document runs off the
// frame), each scored by edge support and shape; the winners' sides are
// then refitted on the full-resolution image. Corners are intersections of
// sides, so they may lie outside the image. It keeps no state between
// calls and is safe for concurrent use.
func DetectDocuments(img *RGB, opt DetectOptions) []Detection {
	return detectWith(img, opt, configFor(opt))
}

// detectWith is DetectDocuments with explicit sizes and threshold.
func detectWith(img *RGB, opt DetectOptions, cfg detectConfig) []Detection {
	if img == nil || img.W < 16 || img.H < 16 || len(img.Pix) < 3*img.W*img.H {
		return nil
	}
	aspects := []float64{AspectID1, AspectID3}
	if len(opt.Aspects) > 0 {
		aspects = make([]float64, 0, len(opt.Aspects))
		for _, a := range opt.Aspects {
			if a > 0 && !math.IsInf(a, 0) {
				aspects = append(aspects, math.Max(a, 1/a))
			}
		}
	}
	work, sx, sy := opt.Buffers.shrink(img, cfg)
	if !opt.Fast {
		cfg.portrait = newPortraitAnchor(opt.Faces, img, sx, sy)
	}
	w, h := float64(work.W), float64(work.H)
	short := math.Min(w, h)
	cues := startCues(work, short, cfg, opt.Candidates)
	g := opt.Buffers.gradient(work, cfg.gradFloor)
	segs := findSegments(g, segmentParams{minMag: max(4, cfg.gradFloor), minLen: math.Max(8, 0.025*short)})
	cues.waitSegments()
	segs = append(segs, cues.coarse...)
	lines := opt.Buffers.groupLines(segs, 2)
	hp := hypoParams{
		W: w, H: h, Aspects: aspects,
		MinSide: math.Max(10, 0.06*short), MinArea: minAreaFraction * w * h,
		MaxLines: cfg.maxLines, KeepCheap: cfg.keep, Buf: opt.Buffers.hypotheses(opt.Fast),
	}
	hyps := enumerateHypotheses(lines, hp)
	cues.wait()
	hyps = append(hyps, cues.candidates(work, hp, opt.Candidates)...)
	// Fast mode keeps the plain side support: the occluder test costs a
	// second walk of every weak side.
	sp := scoreParams{edgeMin: 4, edgeMag: 14, probe: 2, hidden: !opt.Fast, steps: new([]float64)}
	if !opt.Fast && memoSides {
		// Fast mode's coarse-to-fine scoring walks few sides twice, and
		// a map per frame is garbage the live stream does without.
		sp.memo = newSideMemo(g, work, sp)
	}
	cfg.zones = cues.zones
	hyps = append(hyps, cfg.zones.hypotheses(lines, g, work, sp, hp)...)
	hyps = scoreHypotheses(g, work, hyps, hp, sp, cfg)
	cfg.zones.rescore(g, work, hyps, hp, sp)
	rankHypotheses(work, hyps, cfg)
	picked := pickDocuments(hyps, cfg.minScore)
	picked = rescueDocuments(g, work, lines, hp, sp, cfg, hyps, picked)
	picked = keepDocuments(work, picked, cfg)
	if len(picked) == 0 {
		picked = portraitHolder(work, hyps, cfg)
	}
	picked = cutDocuments(g, work, lines, hp, sp, cfg, hyps, picked)
	if len(picked) == 0 && cfg.textRank > 0 {
		picked = printedCopy(work, hp, sp, cfg)
	}
	if len(picked) == 0 {
		picked = heldCard(g, work, lines, hp, sp, cfg, hyps)
	}
	if !opt.Fast {
		picked = snapDocuments(g, work, hp, sp, picked)
	}
	out := make([]Detection, 0, len(picked))
	for _, hy := range picked {
		q := hy.Q
		for k := range q {
			q[k] = Point{q[k].X / sx, q[k].Y / sy}
		}
		if cfg.refine {
			q = opt.Buffers.refineQuad(img, q, int(math.Ceil(2.5/math.Min(sx, sy)))+1, cfg.refineNearest)
		}
		out = append(out, Detection{Quad: orderCorners(q), Score: math.Min(hy.Score, 1)})
	}
	return withFullBleed(out, work, g, aspects, img.W, img.H)
}

// coarseSegments finds segments at half the working resolution, where
// blurred or noisy edges are steeper and cleaner, in working coordinates.
func coarseSegments(work *RGB, short float64) []segment {
	half := ResizeArea(work, work.W/2, work.H/2)
	kx, ky := float64(work.W)/float64(half.W), float64(work.H)/float64(half.H)
	segs := findSegments(colorGradient(half), segmentParams{minMag: 4, minLen: math.Max(8, 0.0125*short)})
	for i := range segs {
		s := &segs[i]
		s.A = Point{s.A.X * kx, s.A.Y * ky}
		s.B = Point{s.B.X * kx, s.B.Y * ky}
		s.Len = s.A.Dist(s.B)
	}
	return segs
}

// pickDocuments returns the best hypothesis by Rank when the best Score
// is strong enough (edge support decides whether there is a document,
// Rank which outline it is), and further ones that overlap no earlier
// pick and rank nearly as well.
func pickDocuments(hyps []hypothesis, minScore float64) []hypothesis {
	best := 0.0
	for _, h := range hyps {
		best = max(best, h.Score)
	}
	if best < minScore {
		return nil
	}
	sort.Slice(hyps, func(a, b int) bool { return hyps[a].Rank > hyps[b].Rank })
	picked := []hypothesis{hyps[0]}
	for _, h := range hyps[1:] {
		if h.Rank < secondRelative*hyps[0].Rank {
			break
		}
		if !companion(hyps[0], h) {
			continue
		}
		clear := true
		for _, p := range picked {
			if overlapping(p.Q, h.Q) {
				clear = false
				break
			}
		}
		if clear {
			picked = append(picked, h)
		}
	}
	return picked
}

// companion reports whether h may be reported as a further document
// beside first: nearly as good (secondRelative, minSecondScore), and, as
// documents photographed together are whole and of a kind, inside the
// frame, of similar size and apart from first.
func companion(first, h hypothesis) bool {
	if h.Rank < secondRelative*first.Rank || h.Score < minSecondScore {
		return false
	}
	ratio := h.Q.Area() / first.Q.Area()
	return h.Visible >= 0.97 && ratio >= 0.5 && ratio <= 2 && !overlapping(first.Q, h.Q)
}

// overlapping reports whether two outlines share more than 5 % of the
// smaller one.
func overlapping(a, b Quad) bool {
	return IntersectionArea(a[:], b[:]) > 0.05*math.Min(a.Area(), b.Area())
}

// orderCorners returns q clockwise on screen starting with the corner
// that is top-left in the image (smallest x+y), so a level document gets
// TL, TR, BR, BL.
func orderCorners(q Quad) Quad {
	if polyArea(q[:]) < 0 {
		q[1], q[3] = q[3], q[1]
	}
	first := 0
	for k := 1; k < 4; k++ {
		if q[k].X+q[k].Y < q[first].X+q[first].Y {
			first = k
		}
	}
	var out Quad
	for k := range 4 {
		out[k] = q[(first+k)%4]
	}
	return out
}
