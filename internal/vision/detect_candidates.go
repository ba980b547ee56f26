package vision

// candidateHypotheses turns the outlines propose finds on the working
// copy (DetectOptions.Candidates) into hypotheses for the full score.
// They carry no line indices (-1: no side was grouped from segments), so
// the cheap coverage cut, which only line-based hypotheses need, does not
// apply; implausible shapes are dropped as for the line-based ones.
func candidateHypotheses(propose func(*RGB) []Quad, work *RGB, p hypoParams) []hypothesis {
	if propose == nil {
		return nil
	}
	var out []hypothesis
	for _, q := range propose(work) {
		h := hypothesis{Q: q, Lines: [4]int{-1, -1, -1, -1}}
		if plausibleQuad(&h, p) {
			out = append(out, h)
		}
	}
	return out
}
