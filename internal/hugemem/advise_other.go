//go:build !linux

package hugemem

import "unsafe"

// advise is a no-op off Linux.
func advise(p unsafe.Pointer, n int) {}
