package main

import (
	"fmt"
	"io"
	"sync"

	"github.com/schollz/progressbar/v3"
)

// progressModes are the values of --progress.
var progressModes = []string{"auto", "always", "never"}

// progress counts finished items on a bar on stderr. The zero of its
// pointer (nil) is a silent progress, so callers need no checks; it is
// safe for concurrent use by the workers.
type progress struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
	w   io.Writer
}

// newProgress returns a bar on stderr, or nil when mode is "never", or
// "auto" and stderr is not a terminal (a pipe or a CI log wants no
// carriage-return animation). total < 0 means unknown (inputs stream).
func newProgress(mode string, stderr io.Writer, total int, what string) *progress {
	if mode == "never" || (mode == "auto" && !isTerminal(stderr)) {
		return nil
	}
	return &progress{w: stderr, bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("img"),
		progressbar.OptionThrottle(100_000_000),
	)}
}

// add counts one finished item.
func (p *progress) add() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Add(1) // only a write error on stderr, which we cannot report better
}

// finish completes the bar and ends its line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Finish()
	fmt.Fprintln(p.w)
}
