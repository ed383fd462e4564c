package depparse

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks Linux to back the 2 MB-aligned part of the n bytes at p
// with transparent huge pages (where the system allows it on request), so
// that random lookups over the big tables miss the TLB less. Call it before
// the memory is first written. It is only a hint: failures are ignored.
func adviseHuge(p unsafe.Pointer, n int) {
	const huge = 2 << 20
	skip := int((huge - uintptr(p)%huge) % huge)
	if n-skip < huge {
		return
	}
	b := unsafe.Slice((*byte)(p), n)[skip:]
	b = b[:len(b)&^(huge-1)]
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
