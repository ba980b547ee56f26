package evalset

import "strconv"

// RejectSplit tells the two kinds of false reject apart. A clean case
// (no code labelled true) can be rejected for a code the labels say must
// not be reported, which is a plain error, or only for codes the labels
// leave open (null: borderline glare, a corner a few pixels past the
// frame), which the endpoint may or may not reject as well. The
// false-reject rate counts both; this split shows how much of it is
// each, so that work goes where the errors are.
type RejectSplit struct {
	// OnFalse lists the rejected clean cases that report at least one
	// code labelled false.
	OnFalse []string `json:"on_false_code"`
	// OnFalseRate is len(OnFalse) over the clean cases.
	OnFalseRate float64 `json:"on_false_code_rate"`
	// OpenOnly counts, per code, the rejected clean cases that report
	// only codes labelled null (a case reporting two such codes counts
	// under both).
	OpenOnly map[int]int `json:"open_only_by_code"`
	// OpenOnlyCases is the number of those cases.
	OpenOnlyCases int `json:"open_only_cases"`
}

// add files one rejected clean case.
func (s *RejectSplit) add(c Case, r Result) {
	var open []int
	for code := range r.Codes {
		want, labelled := c.Expect[strconv.Itoa(code)]
		if labelled && want != nil && !*want {
			s.OnFalse = append(s.OnFalse, c.ID)
			return
		}
		open = append(open, code)
	}
	if s.OpenOnly == nil {
		s.OpenOnly = map[int]int{}
	}
	for _, code := range open {
		s.OpenOnly[code]++
	}
	s.OpenOnlyCases++
}
