package vision

import (
	"runtime"
	"sync"
)

// workCues are the full detector's passes over the working copy that need
// nothing from its line search: the segments at half resolution, the
// machine-readable zones and the caller's candidate outlines (the gocv
// engine's OpenCV contours). With more than one core they run on a second
// goroutine beside the segment search, line grouping and enumeration,
// which take as long; each result is the one the sequential order gives,
// as neither side writes what the other reads.
type workCues struct {
	coarse []segment // segments found at half resolution (cfg.coarse)
	zones  mrzCue    // machine-readable zones (cfg.mrz)
	quads  []Quad    // the caller's candidate outlines, as proposed
	// segs is done when coarse is set, rest when zones and quads are:
	// the coarse segments are needed first, by the line grouping.
	segs, rest sync.WaitGroup
	// segsPanic and restPanic hold what a pass on the second goroutine
	// panicked with, each written before its WaitGroup is done: the
	// waits panic with it again on the caller's goroutine, where a
	// sequential run would have panicked (a panic left on the second
	// goroutine would end the process, past any recover of the caller).
	segsPanic, restPanic any
}

// startCues starts the passes for work; coarse is read after
// waitSegments, zones and quads after wait.
// Fast mode runs none of them but the candidates, and on the caller's
// goroutine: a live frame's budget has no room for a goroutine, nor does
// the browser build's single thread.
func startCues(work *RGB, short float64, cfg detectConfig, propose func(*RGB) []Quad) *workCues {
	c := &workCues{}
	segs := func() {
		if cfg.coarse {
			c.coarse = coarseSegments(work, short)
		}
	}
	rest := func() {
		c.zones = newMRZCue(cfg.mrz, work)
		if propose != nil {
			c.quads = propose(work)
		}
	}
	if runtime.GOARCH != "wasm" && (cfg.coarse || cfg.mrz) && runtime.GOMAXPROCS(0) > 1 {
		c.segs.Add(1)
		c.rest.Go(func() {
			segsDone := false
			defer func() {
				r := recover()
				if !segsDone {
					c.segsPanic = r
					c.segs.Done()
				} else {
					c.restPanic = r
				}
			}()
			segs()
			segsDone = true
			c.segs.Done()
			rest()
		})
	} else {
		segs()
		rest()
	}
	return c
}

// waitSegments returns once coarse is set; it panics as the pass did.
func (c *workCues) waitSegments() {
	c.segs.Wait()
	if c.segsPanic != nil {
		panic(c.segsPanic)
	}
}

// wait returns once every pass is done; it panics as a pass did.
func (c *workCues) wait() {
	c.rest.Wait()
	if c.segsPanic != nil {
		panic(c.segsPanic)
	}
	if c.restPanic != nil {
		panic(c.restPanic)
	}
}

// candidates returns the proposed outlines as plausible hypotheses
// (candidateHypotheses); nil when there is no proposer.
func (c *workCues) candidates(work *RGB, p hypoParams, propose func(*RGB) []Quad) []hypothesis {
	if propose == nil {
		return nil
	}
	return candidateHypotheses(func(*RGB) []Quad { return c.quads }, work, p)
}
