package vision

import (
	"runtime"
	"sync"
)

// bothAtOnce runs first on a second goroutine and second on the caller's,
// and returns when both are done, when a second core may run Go code;
// otherwise (the browser build's single thread, GOMAXPROCS 1) it runs
// them one after the other. The two must not write what the other reads.
// A panic in either is raised on the caller's goroutine once both have
// stopped, as a sequential run would raise it (left on the second
// goroutine, it would end the process past the caller's recover).
func bothAtOnce(first, second func()) {
	if runtime.GOARCH == "wasm" || runtime.GOMAXPROCS(0) < 2 {
		first()
		second()
		return
	}
	var wg sync.WaitGroup
	var panicked any
	wg.Go(func() {
		defer func() { panicked = recover() }()
		first()
	})
	func() {
		defer wg.Wait() // a panic here leaves nothing running
		second()
	}()
	if panicked != nil {
		panic(panicked)
	}
}
