package vision

// fmin and fmax are math.Min and math.Max for the values the detector
// compares (never NaN; a zero's sign does not matter to any caller), as
// one comparison each: in the browser build math.Min and math.Max are
// calls that handle NaN and ±0, and they sit on paths run for every
// pixel of a segment and every step of every side scored.
func fmin(a, b float64) float64 {
	if b < a {
		return b
	}
	return a
}

func fmax(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}
