//go:build !linux

package preflight

// adviseHugePages is a no-op where there is no MADV_HUGEPAGE.
func adviseHugePages[T any](s []T) {}
