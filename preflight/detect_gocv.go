//go:build cgo && gocv

package preflight

import "github.com/idpreflight/idpreflight/internal/vision"

// detectDocuments runs the shared Go detector with OpenCV's contour
// outlines (contourQuads) added to its line-based hypotheses: the Go
// scorer, text-row ranking and picking decide between both, so verdicts
// stay close to the pure engine's while OpenCV finds closed outlines the
// line grouping misses. A caller's own Candidates are kept. Fast mode
// (live frames) keeps the line detector alone: on the dev set the contour
// outlines changed no still photo's verdict (README), so they are not
// worth a live frame's time.
func (gocvEngine) detectDocuments(img *vision.RGB, opt vision.DetectOptions) []vision.Detection {
	if opt.Candidates == nil && !opt.Fast {
		p := defaultContourParams()
		opt.Candidates = func(work *vision.RGB) []vision.Quad { return contourQuads(work, p) }
	}
	return vision.DetectDocuments(img, opt)
}
