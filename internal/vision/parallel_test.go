package vision

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBothAtOnce(t *testing.T) {
	for _, procs := range []int{1, 2} {
		for _, tc := range []struct {
			name          string
			panicFirst    bool
			panicSecond   bool
			wantPanicWith any
		}{
			{"both finish", false, false, nil},
			{"the first panics", true, false, "first failed"},
			{"the second panics", false, true, "second failed"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				var firstDone, secondDone atomic.Bool
				first := func() {
					if tc.panicFirst {
						panic("first failed")
					}
					firstDone.Store(true)
				}
				second := func() {
					if tc.panicSecond {
						panic("second failed")
					}
					secondDone.Store(true)
				}
				run := func() { bothAtOnce(first, second) }
				if tc.wantPanicWith == nil {
					assert.NotPanics(t, run)
					assert.True(t, firstDone.Load() && secondDone.Load(), "both ran")
					return
				}
				assert.PanicsWithValue(t, tc.wantPanicWith, run)
				if tc.panicSecond && procs > 1 && runtime.GOARCH != "wasm" {
					assert.True(t, firstDone.Load(), "the first had stopped when the panic reached the caller")
				}
			})
		}
	}
}
