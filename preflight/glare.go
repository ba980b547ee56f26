package preflight

import (
	"fmt"
	"math"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Specular highlight model: a reflection of a lamp on the laminate burns
// the sensor out to near-white whatever the print underneath, so it is
// bright in every channel (low saturation) and forms a compact blob.
const (
	// glareLevel is the smallest value of every channel of a highlight
	// pixel; it matches the dev set's doc_sat_frac (all channels >= 250).
	// A looser test (only the brightest channel) counted pale print on
	// clean cards as glare.
	glareLevel = 250
	// glareMinArea drops specks (a few pixels at 1000 px width) that are
	// white print, not reflections.
	glareMinArea = 30
	// glareMinFill is the smallest blob area / bounding-box area: a
	// highlight is an ellipse (fill ~0.5-0.8); white gaps between text
	// lines or a white margin strip are long and thin or ragged.
	glareMinFill = 0.2
	// glareMaxShare is the largest share of the document one highlight
	// may cover: a reflection is the image of a light source, small
	// against the card; a near-white region spanning most of it is a
	// white or burnt-out document, which 828 judges.
	glareMaxShare = 0.35
	// glareMaxWhite is the share of near-white document pixels above
	// which highlights cannot be told from the paper: a white card back
	// or a burnt-out document (828's business) is mostly white, a
	// reflection on a card is not (dev set: glare variants at most 0.15,
	// white specimen backs and over-exposed frames 0.6-0.9).
	glareMaxWhite = 0.5
	// glareEdgeLevel is the grey step that counts as print around a blob.
	glareEdgeLevel = 24
)

// glareBlob is one highlight on the rectified document.
type glareBlob struct {
	box    vision.Rect
	area   int
	weight float64 // 1 + how much print and portrait it covers
}

// glareStats are the 829 measures.
type glareStats struct {
	blobs []glareBlob
	// coreFraction is the highlight area / document area.
	coreFraction float64
	// score is the weighted highlight area / document area.
	score float64
}

// portraitZone is where the holder's photo sits on the front of ID-1 and
// ID-3 documents (ICAO 9303 zone V, ISO 18013 driving licences), as a
// fraction of the rectified width and height; glare there hides what the
// liveness check needs most.
var portraitZone = struct{ x0, y0, x1, y1 float64 }{0.02, 0.18, 0.40, 0.92}

// measureGlare finds highlight blobs inside the document and weights each
// by what it covers: the share of print edges in a ring around it (print
// continues under the glare) and whether it touches the portrait zone.
func measureGlare(r *rectified, front bool) glareStats {
	w, h := r.rgb.W, r.rgb.H
	mask := r.buf.glarePlane(w * h)
	valid, white := 0, 0
	for i := range mask {
		if r.mask[i] == 0 {
			continue
		}
		valid++
		p := r.rgb.Pix[3*i : 3*i+3]
		if min(p[0], p[1], p[2]) >= glareLevel {
			mask[i] = 1
			white++
		}
	}
	var s glareStats
	if valid == 0 || float64(white) > glareMaxWhite*float64(valid) {
		return s
	}
	for _, b := range r.buf.findBlobs(mask, w, h, glareMinArea) {
		if float64(b.Area) < glareMinFill*float64(b.Box.Dx()*b.Box.Dy()) || float64(b.Area) > glareMaxShare*float64(valid) {
			continue
		}
		g := glareBlob{box: b.Box, area: b.Area, weight: 1 + 2*printAround(r.gray, mask, b.Box)}
		if front && touchesPortrait(b.Box, w, h) {
			g.weight++
		}
		s.blobs = append(s.blobs, g)
		s.coreFraction += float64(b.Area) / float64(valid)
		s.score += g.weight * float64(b.Area) / float64(valid)
	}
	return s
}

// printAround is the share of pixels in a ring around box (half its size
// on each side, outside the highlight) where the grey level steps by at
// least glareEdgeLevel to a neighbour, scaled so that text-dense areas
// (about 15 % edge pixels) read 1.
func printAround(g *vision.Gray, mask []uint8, box vision.Rect) float64 {
	mx, my := max(box.Dx()/2, 4), max(box.Dy()/2, 4)
	x0, y0 := max(box.X0-mx, 0), max(box.Y0-my, 0)
	x1, y1 := min(box.X1+mx, g.W-1), min(box.Y1+my, g.H-1)
	edges, n := 0, 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			i := y*g.W + x
			if mask[i] != 0 {
				continue
			}
			n++
			v := int(g.Pix[i])
			dx, dy := int(g.Pix[i+1])-v, int(g.Pix[i+g.W])-v
			if dx*dx >= glareEdgeLevel*glareEdgeLevel || dy*dy >= glareEdgeLevel*glareEdgeLevel {
				edges++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return math.Min(float64(edges)/float64(n)/0.15, 1)
}

func touchesPortrait(b vision.Rect, w, h int) bool {
	z := portraitZone
	return float64(b.X1) > z.x0*float64(w) && float64(b.X0) < z.x1*float64(w) &&
		float64(b.Y1) > z.y0*float64(h) && float64(b.Y0) < z.y1*float64(h)
}

// checkGlare adds 829 when the weighted highlight area exceeds MaxGlare,
// with the highlights' boxes in image pixels as the regions.
func checkGlare(rep *Report, r *rectified, front bool, lim Thresholds) {
	s := measureGlare(r, front)
	rep.Metrics["glare_fraction"] = s.coreFraction
	rep.Metrics["glare_score"] = s.score
	if s.score <= lim.MaxGlare*lim.GlareWarnFactor {
		return
	}
	var regions []Region
	for _, b := range s.blobs {
		if reg, ok := r.imageRegion(float64(b.box.X0), float64(b.box.Y0), float64(b.box.X1), float64(b.box.Y1), rep.Width, rep.Height); ok {
			regions = append(regions, reg)
		}
	}
	sev := Warn
	if s.score > lim.MaxGlare {
		sev = Fail
	}
	rep.add(Issue{Code: CodeReflections, Severity: sev, Value: s.score, Threshold: lim.MaxGlare, Regions: regions,
		Detail: fmt.Sprintf("%d reflection(s) cover %.1f %% of the document", len(s.blobs), 100*s.coreFraction)})
}
