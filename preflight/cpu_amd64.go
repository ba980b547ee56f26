//go:build amd64 && !purego

package preflight

import "golang.org/x/sys/cpu"

// haveAVX2 says the AVX2 kernels of the recompression (*_amd64.s) may
// run. It is read once from CPUID at start-up and never written after;
// the generic Go kernels are the reference the assembly is tested
// against bit for bit, and what every other platform (WebAssembly
// included) and the purego build tag run.
var haveAVX2 = cpu.X86.HasAVX2
