package vision

import (
	"runtime"
	"sync"
)

// minParallelScore is the fewest hypotheses worth scoring on several
// goroutines: the full detector scores up to a few hundred outlines of an
// 800 px copy (a third of a 12 MP check's detection, ~0.4 ms each), where
// Fast mode's coarse pass scores a few dozen small ones.
const minParallelScore = 64

// maxScoreWorkers caps the goroutines one detection scores with: a batch
// of checks already keeps the cores busy, and a single check (the gocv
// engine's 12 MP photo) gains little past four.
const maxScoreWorkers = 4

// scoreAll scores every hypothesis in place, as scoreHypothesis one after
// the other would: each worker takes a contiguous share and its own
// occluder-test memory (sp.steps is scratch, so sharing it would race),
// and a hypothesis's score depends on nothing but itself, so the result
// is the sequential one whatever the split. Under GOMAXPROCS 1 (the
// browser build) it runs sequentially.
func scoreAll(g *gradField, work *RGB, hyps []hypothesis, hp hypoParams, sp scoreParams) {
	workers := min(runtime.GOMAXPROCS(0), maxScoreWorkers, len(hyps)/(minParallelScore/2))
	if workers <= 1 || len(hyps) < minParallelScore {
		for i := range hyps {
			scoreHypothesis(g, work, &hyps[i], hp, sp)
		}
		return
	}
	var wg sync.WaitGroup
	per := (len(hyps) + workers - 1) / workers
	for lo := 0; lo < len(hyps); lo += per {
		part := hyps[lo:min(lo+per, len(hyps))]
		own := sp
		if sp.steps != nil {
			own.steps = new([]float64)
		}
		wg.Go(func() {
			for i := range part {
				scoreHypothesis(g, work, &part[i], hp, own)
			}
		})
	}
	wg.Wait()
}
