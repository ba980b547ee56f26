package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/idpreflight/idpreflight/preflight"
)

// summary counts outcomes for the closing line of a batch.
type summary struct {
	start                   time.Time
	valid, rejected, errors int
	skipped                 int // recorded by an earlier run (--resume)
	byCode                  map[preflight.Code]int
}

func newSummary() *summary {
	return &summary{start: time.Now(), byCode: map[preflight.Code]int{}}
}

func (s *summary) add(r checkResult) {
	switch {
	case r.err != nil:
		s.errors++
	case r.rep.Valid:
		s.valid++
	default:
		s.rejected++
		for _, c := range r.rep.Codes() {
			s.byCode[c]++
		}
	}
}

// write prints counts per code and throughput.
func (s *summary) write(w io.Writer) {
	n := s.valid + s.rejected + s.errors
	secs := time.Since(s.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(n) / secs
	}
	fmt.Fprintf(w, "checked %d in %.1fs (%.1f images/s): %d valid, %d rejected, %d errors", n, secs, rate, s.valid, s.rejected, s.errors)
	if s.skipped > 0 {
		fmt.Fprintf(w, ", %d already recorded", s.skipped)
	}
	fmt.Fprintln(w)
	codes := make([]preflight.Code, 0, len(s.byCode))
	for c := range s.byCode {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
	var parts []string
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d×%d", c, s.byCode[c]))
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "by code: %s\n", strings.Join(parts, "  "))
	}
}
