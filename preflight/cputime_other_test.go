//go:build !unix

package preflight

import "time"

// processCPU is not measured outside unix (js/wasm has no getrusage).
func processCPU() (time.Duration, bool) { return 0, false }
