package preflight

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// quadGeometry is what the geometry codes are decided on.
type quadGeometry struct {
	visible      float64 // area inside the frame / quad area
	outside      float64 // largest corner distance beyond the frame, px
	inside       bool    // all corners within the frame
	margin       float64 // smallest corner distance to an edge, px (inside only)
	areaFraction float64 // area inside the frame / image area
}

func measureQuad(q vision.Quad, w, h int) quadGeometry {
	fw, fh := float64(w), float64(h)
	g := quadGeometry{inside: true, margin: math.Inf(1)}
	area := q.Area()
	inFrame := vision.ClipArea(q[:], fw, fh)
	if area > 0 {
		g.visible = inFrame / area
	}
	g.areaFraction = inFrame / (fw * fh)
	for _, p := range q {
		dx := math.Max(math.Max(-p.X, p.X-fw), 0)
		dy := math.Max(math.Max(-p.Y, p.Y-fh), 0)
		if d := math.Hypot(dx, dy); d > 0 {
			g.inside = false
			g.outside = math.Max(g.outside, d)
		}
		g.margin = math.Min(g.margin, math.Min(math.Min(p.X, fw-p.X), math.Min(p.Y, fh-p.Y)))
	}
	if !g.inside {
		g.margin = 0
	}
	return g
}

// checkGeometry adds 819, 821, 822, 823, 824 and 825 from the detections.
func checkGeometry(rep *Report, dets []vision.Detection, lim Thresholds) {
	w, h := rep.Width, rep.Height
	d := float64(min(w, h))
	if len(dets) == 0 {
		rep.add(Issue{Code: CodeNoDocument, Severity: Fail, Value: 0, Threshold: 1,
			Detail: "no document outline found"})
		return
	}
	doc := &Document{}
	for _, det := range dets {
		doc.Quads = append(doc.Quads, quadFromVision(det.Quad))
	}
	main := dets[0]
	g := measureQuad(main.Quad, w, h)
	doc.AreaFraction, doc.VisibleFraction, doc.Score = g.areaFraction, g.visible, main.Score
	doc.Type = guessType(main.Quad)
	rep.Document = doc
	rep.Metrics["visible_fraction"] = g.visible
	rep.Metrics["area_fraction"] = g.areaFraction
	rep.Metrics["outside_px"] = g.outside
	rep.Metrics["margin_px"] = g.margin
	rep.Metrics["documents"] = float64(len(dets))

	if len(dets) >= 2 {
		rep.add(Issue{Code: CodeMultiple, Severity: Fail, Value: float64(len(dets)), Threshold: 1,
			Detail: fmt.Sprintf("%d documents found", len(dets))})
	}
	// Every document must pass: the endpoint cannot know which one is meant.
	worst := g
	for _, det := range dets[1:] {
		o := measureQuad(det.Quad, w, h)
		worst.visible = math.Min(worst.visible, o.visible)
		worst.outside = math.Max(worst.outside, o.outside)
		worst.inside = worst.inside && o.inside
		worst.margin = math.Min(worst.margin, o.margin)
	}
	bbox := quadRegion(main.Quad, w, h)
	if worst.visible < lim.MinVisible {
		rep.add(Issue{Code: CodeCropped, Severity: Fail, Value: worst.visible, Threshold: lim.MinVisible,
			Detail: fmt.Sprintf("only %.0f %% of the document is in the frame", 100*worst.visible), Regions: bbox})
	}
	if worst.outside > lim.MaxOutside*d {
		rep.add(Issue{Code: CodeOutside, Severity: Fail, Value: worst.outside / d, Threshold: lim.MaxOutside,
			Detail: fmt.Sprintf("a corner is %.0f px outside the frame", worst.outside), Regions: bbox})
	}
	// A corner past the frame by no more than 823's tolerance is on the
	// edge rather than outside it: DESIGN's ladder 825 < 823 < 821 gives
	// it 825 at margin 0 (measureQuad's margin outside the frame), so a
	// document touching the frame is not passed because its fitted
	// corner landed a pixel beyond it.
	onEdge := !worst.inside && worst.outside <= lim.MaxOutside*d
	if worst.inside || onEdge {
		m := worst.margin / d
		detail := fmt.Sprintf("a corner is %.0f px from the edge", worst.margin)
		if onEdge {
			detail = "a corner touches the edge of the frame"
		}
		switch {
		case m < lim.MinMargin:
			rep.add(Issue{Code: CodeNearEdge, Severity: Fail, Value: m, Threshold: lim.MinMargin,
				Detail: detail, Regions: bbox})
		case m < 2*lim.MinMargin:
			rep.add(Issue{Code: CodeNearEdge, Severity: Warn, Value: m, Threshold: lim.MinMargin,
				Detail: "close to the edge of the frame", Regions: bbox})
		}
	}
	if g.areaFraction < lim.MinAreaFraction {
		rep.add(Issue{Code: CodeTooSmall, Severity: Fail, Value: g.areaFraction, Threshold: lim.MinAreaFraction,
			Detail: fmt.Sprintf("the document covers %.1f %% of the image", 100*g.areaFraction), Regions: bbox})
	}
}

// guessType names the ISO format whose aspect ratio is nearer to the
// quad's (mean opposite side lengths; perspective makes this approximate).
func guessType(q vision.Quad) string {
	wd := (q[0].Dist(q[1]) + q[3].Dist(q[2])) / 2
	ht := (q[1].Dist(q[2]) + q[0].Dist(q[3])) / 2
	if ht == 0 {
		return ""
	}
	r := wd / ht
	if r < 1 {
		r = 1 / r
	}
	if math.Abs(r-aspectID3) < math.Abs(r-aspectID1) {
		return Passport.String()
	}
	return IDCard.String()
}

// quadRegion is the quad's bounding box clipped to the image.
func quadRegion(q vision.Quad, w, h int) []Region {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range q {
		x0, y0 = math.Min(x0, p.X), math.Min(y0, p.Y)
		x1, y1 = math.Max(x1, p.X), math.Max(y1, p.Y)
	}
	cx0, cy0 := max(0, int(x0)), max(0, int(y0))
	cx1, cy1 := min(w, int(math.Ceil(x1))), min(h, int(math.Ceil(y1)))
	if cx1 <= cx0 || cy1 <= cy0 {
		return nil
	}
	return []Region{{X: cx0, Y: cy0, W: cx1 - cx0, H: cy1 - cy0}}
}
