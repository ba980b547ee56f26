//go:build !linux

package main

// adviseHugePages is a no-op where there is no MADV_HUGEPAGE.
func adviseHugePages([]byte) {}
