package preflight

import "math"

// The search for the table scale of the DCT paths (searchScale): sampled
// size estimates, each a count over an eighth of the MCU rows, bracket
// the finest scale that fits, and the policy's size model through them
// aims every next sample. Each sample costs an eighth of an exact count,
// so the number taken is most of the search's cost.

// transcodeStopMargin is how close under the target a sampled estimate
// must come for the search to stop there: closer than the samples' own
// error (one to two percent against the exact count), so that searching
// further would move the output by less than the samples can tell.
// Before it, the search went on narrowing the bracket to 1 % of the
// scale: on the 24 MP bench photo six more samples, to end on the scale
// whose estimate had already been 0.06 % under the target.
const transcodeStopMargin = 0.005

// scaleSearch is the state of the search for the table scale: the
// sampled estimates so far, in the order taken, and the scales known
// not to fit (fine, exact) and past the floor (coarse).
type scaleSearch struct {
	in           RecompressInput
	estimate     func(s int) (int, error)
	sampled      map[int]int
	order        []int
	calib        float64 // exact / sampled, once an exact count missed
	fine, coarse int
}

// bisect returns a scale in (fine, coarse] whose sampled estimate, times
// calib, fits target: the first sampled one within transcodeStopMargin
// under target, or else within 1 % of the finest that fits (coarse when
// none does). The next guess is where the policy's size model through
// the estimates so far (the input's size at first) puts the target, or
// the middle of the bracket when the model points outside it or creeps:
// two samples in a row on the same side that did not halve the bracket.
func (sr *scaleSearch) bisect(target int) (int, error) {
	if sr.sampled == nil {
		sr.sampled = map[int]int{}
	}
	fine, coarse := sr.fine, sr.coarse
	var points []Attempt
	for _, s := range sr.order {
		if n := sr.calibrated(s); n > target {
			fine = max(fine, s)
		}
		points = append(points, Attempt{Quality: int(math.Round(qualityForScale(float64(s) / 1000))), Scale: 1, Bytes: sr.calibrated(s)})
	}
	for _, s := range sr.order {
		// Only above fine: after an exact count missed, a finer sample
		// may still read as fitting.
		if s > fine && s < coarse && sr.calibrated(s) <= target {
			coarse = s
		}
	}
	if len(points) == 0 && sr.in.Quality > 0 {
		points = append(points, Attempt{Quality: sr.in.Quality, Scale: 1, Bytes: sr.in.Bytes})
	}
	guess := modelScale(sr.in, points, target)
	lastFit, creeping := 0, false // lastFit: +1 the last sample fitted, -1 it did not
	for coarse-fine > max(1, coarse/100) && !sr.closeUnder(coarse, target) {
		if guess <= fine || guess >= coarse || creeping {
			guess = (fine + coarse) / 2
		}
		width := coarse - fine
		e, err := sr.estimate(guess)
		if err != nil {
			return 0, err
		}
		sr.sampled[guess] = e
		sr.order = append(sr.order, guess)
		n := sr.calibrated(guess)
		fit := -1
		if n <= target {
			coarse, fit = guess, 1
		} else {
			fine = guess
		}
		// The sizes step with the tables' rounding, so the model can
		// creep by a per mille at a time towards one side; a guess on
		// the other side, or one that halved the bracket, is progress.
		creeping = fit == lastFit && coarse-fine > width/2
		lastFit = fit
		points = append(points, Attempt{Quality: int(math.Round(qualityForScale(float64(guess) / 1000))), Scale: 1, Bytes: n})
		guess = modelScale(sr.in, points, target)
	}
	return coarse, nil
}

// calibrated is the sampled estimate at s times calib.
func (sr *scaleSearch) calibrated(s int) int {
	return int(float64(sr.sampled[s]) * sr.calib)
}

// closeUnder says whether s was sampled and its calibrated estimate fits
// target within transcodeStopMargin.
func (sr *scaleSearch) closeUnder(s, target int) bool {
	if _, ok := sr.sampled[s]; !ok {
		return false
	}
	n := sr.calibrated(s)
	return n <= target && float64(n) >= float64(target)*(1-transcodeStopMargin)
}

// modelScale is the table scale (per mille) at which the policy's size
// model through points predicts budget bytes for the whole image.
func modelScale(in RecompressInput, points []Attempt, budget int) int {
	q := fitModel(in, points).quality(float64(budget), 1)
	pct := 200 - 2*q
	if q < 50 {
		pct = 5000 / max(q, 1)
	}
	return int(math.Round(10 * pct))
}
