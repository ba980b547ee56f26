package main

import (
	"bytes"
	"context"
	"image"
	"sync"

	"golang.org/x/sync/semaphore"

	"github.com/idpreflight/idpreflight/preflight"
)

// bytesPerPixel is what a check holds per decoded pixel at its peak: the
// decoder's YCbCr planes (1.5–3 B), the RGB copy (3 B) and the working
// copies. Measured peaks stay under this, so budget/bytesPerPixel pixels
// may be in flight at once.
const bytesPerPixel = 8

// checkResult is one input's outcome.
type checkResult struct {
	seq  int
	file string
	rep  *preflight.Report
	err  error
}

// pool checks items with jobs workers while keeping the pixels decoded at
// once under a memory budget: a 100 MP photo waits for room instead of
// multiplying by the job count.
type pool struct {
	jobs   int
	budget int64 // bytes
	opts   []preflight.Option
}

// run consumes items and sends one result per item, in completion order.
// It closes out when every item is done.
func (p *pool) run(ctx context.Context, items <-chan item, out chan<- checkResult) {
	mem := semaphore.NewWeighted(p.budget)
	var wg sync.WaitGroup
	for range p.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				out <- p.checkItem(ctx, mem, it)
			}
		}()
	}
	wg.Wait()
	close(out)
}

func (p *pool) checkItem(ctx context.Context, mem *semaphore.Weighted, it item) checkResult {
	r := checkResult{seq: it.seq, file: it.name, err: it.err}
	if r.err != nil {
		return r
	}
	data, err := it.read()
	if err != nil {
		r.err = err
		return r
	}
	// Reserve memory from the header's dimensions; unreadable headers
	// cost nothing since Check refuses them before decoding.
	w := int64(0)
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		w = min(int64(cfg.Width)*int64(cfg.Height)*bytesPerPixel, p.budget)
	}
	if w > 0 {
		if err := mem.Acquire(ctx, w); err != nil {
			r.err = err
			return r
		}
		defer mem.Release(w)
	}
	r.rep, r.err = preflight.Check(ctx, data, p.opts...)
	return r
}
