//go:build !amd64 || purego

package preflight

// haveAVX2 is false off amd64 and under the purego build tag: only the
// generic Go kernels exist there (see cpu_amd64.go).
const haveAVX2 = false
