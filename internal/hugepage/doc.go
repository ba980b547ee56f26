// Package hugepage asks the kernel for transparent huge pages on the few
// very large buffers of a recompression (the packed coefficients, the
// CLI's copy of the input), where the first touch of each 4 KB page is
// a fault of its own: ~7 µs each on the Firecracker VMs this was
// measured on. The library and the CLI share it so that the advice and
// its alignment arithmetic live in one place.
package hugepage
