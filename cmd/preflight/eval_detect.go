package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/idpreflight/idpreflight/internal/evalset"
	"github.com/idpreflight/idpreflight/preflight"
)

// geometryCodes are the codes a detect-only run decides: the outline
// alone sets them.
var geometryCodes = []int{
	int(preflight.CodeNoDocument), int(preflight.CodeCropped), int(preflight.CodeTooSmall),
	int(preflight.CodeOutside), int(preflight.CodeMultiple), int(preflight.CodeNearEdge),
}

// detectionSummary keeps the codes of s that a detect-only run decides;
// the others were never measured and would read as misses.
func detectionSummary(s evalset.Summary) evalset.Summary {
	s.Codes = slices.DeleteFunc(slices.Clone(s.Codes), func(c evalset.CodeStats) bool {
		return !slices.Contains(geometryCodes, c.Code)
	})
	return s
}

// printDetection prints eval --detect-only: the outline's quality first,
// then the geometry codes, then (verbose) every case's IoU.
func printDetection(w io.Writer, s evalset.Summary, verbose bool) {
	d := s.Detection
	fmt.Fprintf(w, "detect-only: cases %d, errors %d, %.1f images/s\n", s.Cases, len(s.Errors), s.ImagesPerSecond)
	fmt.Fprintf(w, "quad IoU on %d single-document cases: mean %.3f, median %.3f, share >= 0.9: %.3f\n",
		s.IoUCases, s.IoUMean, s.IoUMedian, s.IoUAt90)
	fmt.Fprintf(w, "undetected (labelled document, nothing found): %d\n", len(d.Undetected))
	fmt.Fprintf(w, "spurious (no labelled document, something found): %d\n\n", len(d.Spurious))
	printCodeTable(w, s.Codes)
	for _, e := range s.Errors {
		fmt.Fprintln(w, "error:", e)
	}
	if !verbose {
		return
	}
	for _, id := range d.Undetected {
		fmt.Fprintln(w, "undetected", id)
	}
	for _, id := range d.Spurious {
		fmt.Fprintln(w, "spurious", id)
	}
	printCodeCases(w, s.Codes)
	for _, c := range d.CaseIoUs {
		fmt.Fprintf(w, "iou %.3f found %d %s\n", c.IoU, c.Found, c.ID)
	}
}
