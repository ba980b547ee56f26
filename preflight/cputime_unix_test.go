//go:build unix

package preflight

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) the test process has used so
// far: on a machine shared with other jobs it measures the work a check
// does, where wall time measures the queue too.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
