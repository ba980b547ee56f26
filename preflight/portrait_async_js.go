//go:build js && wasm

package preflight

import "github.com/idpreflight/idpreflight/internal/vision"

// portraitJob is the browser build's portrait search: one thread, so the
// search runs in wait, where the sequential check ran it, and no
// goroutine code is downloaded (see portrait_async.go).
type portraitJob struct{ run func() portraitSearch }

func startPortrait(eng engine, rect *rectified, frame *vision.RGB, frameScale float64, w, h int, lim Thresholds) *portraitJob {
	return &portraitJob{run: func() portraitSearch {
		return searchPortrait(eng, rect, frame, frameScale, w, h, lim)
	}}
}

func (j *portraitJob) wait() portraitSearch { return j.run() }

// drain has nothing to wait for: the search runs only in wait.
func (*portraitJob) drain() {}
