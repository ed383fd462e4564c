// Package hugemem allocates the models' big read-only lookup tables so that
// Linux may back them with 2 MB pages. The tables are probed at random, one
// cache line per feature, so with 4 KB pages nearly every probe also misses
// the TLB; with huge pages a 16 MB table needs 8 TLB entries instead of 4,096.
//
//	slots := hugemem.Make[slot](size) // then fill; read-only afterwards
//
// It is only a hint: where the system does not allow huge pages on request
// (or off Linux) Make is make.
package hugemem

import "unsafe"

// Make returns a zeroed slice of n values, its memory advised for huge pages
// before it is first written. Small slices are plain makes.
func Make[T any](n int) []T {
	s := make([]T, n)
	var zero T
	if size := n * int(unsafe.Sizeof(zero)); size >= 4<<20 {
		advise(unsafe.Pointer(unsafe.SliceData(s)), size)
	}
	return s
}
