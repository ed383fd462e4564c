//go:build !linux

package depparse

import "unsafe"

// adviseHuge is a no-op off Linux.
func adviseHuge(p unsafe.Pointer, n int) {}
