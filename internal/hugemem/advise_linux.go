package hugemem

import (
	"syscall"
	"unsafe"
)

// advise asks Linux to back the 2 MB-aligned part of the n bytes at p with
// transparent huge pages. Failures are ignored.
func advise(p unsafe.Pointer, n int) {
	const huge = 2 << 20
	skip := int((huge - uintptr(p)%huge) % huge)
	if n-skip < huge {
		return
	}
	b := unsafe.Slice((*byte)(p), n)[skip:]
	b = b[:len(b)&^(huge-1)]
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
