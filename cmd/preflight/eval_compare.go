package main

import (
	"fmt"
	"io"

	"github.com/idpreflight/idpreflight/internal/evalset"
)

// engineComparison is eval --agree-with: both engines scored on the same
// set, and how often they gave the same verdict.
type engineComparison struct {
	Engine       string            `json:"engine"`
	Other        string            `json:"other"`
	Summary      evalset.Summary   `json:"summary"`
	OtherSummary evalset.Summary   `json:"other_summary"`
	Agreement    evalset.Agreement `json:"agreement"`
}

func caseIDs(l *evalset.Labels) []string {
	ids := make([]string, len(l.Cases))
	for i, c := range l.Cases {
		ids[i] = c.ID
	}
	return ids
}

// printComparison prints per-code F1 side by side and the agreement.
func printComparison(w io.Writer, c engineComparison, verbose bool) {
	fmt.Fprintf(w, "\nF1 by engine\ncode %9s %9s   delta\n", c.Engine, c.Other)
	worst := 0.0
	for i, s := range c.Summary.Codes {
		if i >= len(c.OtherSummary.Codes) {
			break
		}
		o := c.OtherSummary.Codes[i]
		d := s.F1 - o.F1
		worst = min(worst, d)
		fmt.Fprintf(w, "%4d %9.3f %9.3f  %+6.3f\n", s.Code, s.F1, o.F1, d)
	}
	a := c.Agreement
	fmt.Fprintf(w, "largest F1 drop of %s vs %s: %.3f\n", c.Engine, c.Other, max(0, -worst))
	fmt.Fprintf(w, "agreement on codes: %d/%d cases (%.1f %%); main-quad IoU on %d cases: mean %.3f, min %.3f\n",
		a.SameCodes, a.Cases, 100*a.Rate, a.QuadCases, a.QuadIoUMean, a.QuadIoUMin)
	if verbose {
		for _, d := range a.Differ {
			fmt.Fprintln(w, "differ", d)
		}
	}
}
