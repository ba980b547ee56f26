//go:build !(js && wasm)

package preflight

import (
	"runtime"
	"sync"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// portraitJob is a portrait search (searchPortrait) started before the
// stages that measure the rectified document (sharpness, exposure, glare,
// 827, 818) and collected after them. Those stages and the search only
// read the rectified document and the photo, and on a 12 MP front side
// each side takes tens of milliseconds, so with a second core the check
// ends that much sooner; the report is the one the sequential order
// gives, as the search's findings are written into it only by report.
type portraitJob struct {
	run  func() portraitSearch
	done sync.WaitGroup
	res  portraitSearch
	// panicked holds what the search panicked with on the second
	// goroutine, written before done: wait panics with it again on the
	// caller's goroutine, where the sequential check would have panicked
	// (left there, it would end the process past the caller's recover).
	panicked any
	started  bool // the search runs on its own goroutine
	waited   bool // wait was called
}

// startPortrait starts the search on its own goroutine when more than
// one core may run Go code; otherwise (GOMAXPROCS 1) it runs in wait,
// where the sequential check ran it, as it always does in the browser
// build (portrait_async_js.go).
func startPortrait(eng engine, rect *rectified, frame *vision.RGB, frameScale float64, w, h int, lim Thresholds) *portraitJob {
	j := &portraitJob{run: func() portraitSearch {
		return searchPortrait(eng, rect, frame, frameScale, w, h, lim)
	}}
	if runtime.GOMAXPROCS(0) < 2 {
		return j
	}
	j.started = true
	j.done.Go(func() {
		defer func() { j.panicked = recover() }()
		j.res = j.run()
	})
	return j
}

// wait returns the search's findings, running it now when it was not
// started; it panics as the search did.
func (j *portraitJob) wait() portraitSearch {
	j.waited = true
	if !j.started {
		return j.run()
	}
	j.done.Wait()
	if j.panicked != nil {
		panic(j.panicked)
	}
	return j.res
}

// drain waits for a started search that wait did not collect: a check
// that ends early (a cancelled context) must not leave the search running
// past its return, nor lose its panic.
func (j *portraitJob) drain() {
	if j != nil && j.started && !j.waited {
		j.wait()
	}
}
