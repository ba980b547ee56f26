//go:build linux

package main

import (
	"syscall"
	"unsafe"
)

// hugePageSize is the size of a transparent huge page on amd64 and arm64.
const hugePageSize = 2 << 20

// adviseHugePages asks Linux to back the whole 2 MB pages inside b with
// transparent huge pages (MADV_HUGEPAGE: with THP in "madvise" mode, as
// on the Firecracker VM, nothing else does), before b is first written.
// Errors are ignored: the advice changes only speed, and the kernel falls
// back to 4 KB pages when it has no huge ones free. (The library does the
// same for its coefficient arrays, preflight/mem_huge_linux.go.)
func adviseHugePages(b []byte) {
	if len(b) == 0 {
		return
	}
	start := uintptr(unsafe.Pointer(&b[0]))
	lo := (start + hugePageSize - 1) &^ (hugePageSize - 1)
	hi := (start + uintptr(len(b))) &^ (hugePageSize - 1)
	if hi <= lo {
		return
	}
	_ = syscall.Madvise(b[lo-start:hi-start], syscall.MADV_HUGEPAGE)
}
