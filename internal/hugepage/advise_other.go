//go:build !linux

package hugepage

// Advise is a no-op where there is no MADV_HUGEPAGE.
func Advise[T any](s []T) {}
