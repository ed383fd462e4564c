package depparse

import (
	"dateline/internal/hugemem"
	"dateline/internal/perceptron"
)

// sparseTable is the relation classifier's inference table. The dense table
// stores a weight for every class in every row (about 50 int16, two cache
// lines), but a trained feature has non-zero weights for only about two
// relations. sparseTable keeps the dense table's slots (same row positions,
// same probe chains, same 32-bit check keys, so every lookup finds exactly
// the row the dense table finds) but each slot is 16 bytes — the check key,
// the first two non-zero (class, weight) pairs inline, and where any further
// pairs start in one shared array — so a lookup costs one cache line and the
// whole table is about a sixth of the dense one. Scores are the same integer
// sums, hence the same parses.
type sparseTable struct {
	slots   []sparseSlot
	extra   []uint32 // pairs beyond the first two of a row
	mask    uint64
	classes int
	scale   float32
}

// sparseSlot: a is the check key (low 32 bits, 0 = empty) and the first pair
// (high 32); b is the second pair (low 32) and start<<8 | count of the
// row's further pairs in extra (high 32). A pair is class<<16 | uint16(weight);
// an absent pair is 0, which adds 0 to class 0.
type sparseSlot struct{ a, b uint64 }

const maxSparsePairs = 1 << 24

// newSparse compacts t; it returns nil if t is too large for the layout.
func newSparse(t *table) *sparseTable {
	nslots := len(t.rows) / t.stride
	s := &sparseTable{slots: make([]sparseSlot, nslots), mask: t.mask, classes: t.classes, scale: t.scale}
	for i := 0; i < nslots; i++ {
		r := t.rows[i*t.stride : (i+1)*t.stride]
		if r[0] == 0 && r[1] == 0 {
			continue
		}
		if !s.add(i, uint32(uint16(r[0]))|uint32(uint16(r[1]))<<16, r[2:]) {
			return nil
		}
	}
	return s
}

// add stores the row of slot i: check key and the weight of every class.
// It reports false if the row does not fit the layout.
func (s *sparseTable) add(i int, key uint32, w []int16) bool {
	if s.classes > 1<<16 {
		return false
	}
	var p [2]uint32
	n, start := 0, len(s.extra)
	for c, x := range w {
		if x == 0 {
			continue
		}
		v := uint32(c)<<16 | uint32(uint16(x))
		if n < 2 {
			p[n] = v
		} else {
			s.extra = append(s.extra, v)
		}
		n++
	}
	more := max(n-2, 0)
	if more > 255 || len(s.extra) >= maxSparsePairs {
		return false
	}
	s.slots[i] = sparseSlot{
		a: uint64(key) | uint64(p[0])<<32,
		b: uint64(p[1]) | uint64(start)<<40 | uint64(more)<<32,
	}
	return true
}

// key32 is the dense table's check key as one uint32 (never 0).
func key32(f uint64) uint64 { return uint64(uint32(f>>32) | 1) }

// score sets out[c] to the summed weight of feats for class c, exactly as
// table.score does over the dense table.
func (t *sparseTable) score(feats []uint64, acc []int32, out []float32) {
	acc = acc[:t.classes]
	for i := range acc {
		acc[i] = 0
	}
	slots, extra, mask := t.slots, t.extra, t.mask
	// fetch every feature's first slot at once (see touch)
	var x uint64
	for _, f := range feats {
		x ^= slots[f&mask].a
	}
	if x == 0x7123 {
		sink = int16(x)
	}
	for _, f := range feats {
		k := key32(f)
		i := f & mask
		for {
			v := &slots[i]
			if uint64(uint32(v.a)) == k {
				p0, p1 := uint32(v.a>>32), uint32(v.b)
				acc[p0>>16] += int32(int16(uint16(p0)))
				acc[p1>>16] += int32(int16(uint16(p1)))
				if n := int(uint8(v.b >> 32)); n > 0 {
					start := int(v.b >> 40)
					for _, p := range extra[start : start+n] {
						acc[p>>16] += int32(int16(uint16(p)))
					}
				}
				break
			}
			if uint32(v.a) == 0 {
				break
			}
			i = (i + 1) & mask
		}
	}
	for c := range acc {
		out[c] = float32(acc[c]) * t.scale
	}
}

// moveTable is the move classifier's inference table in 8-byte slots (the
// dense table's rows are 12 bytes): the same slots, probe chains and 32-bit
// check keys as the dense table, so every lookup finds the same row, but most
// rows (no more than two non-zero moves, weights within 14 bits) fit inline
// next to their key; the others point into a small overflow array of full
// rows. The table shrinks by a third, and sums are the same integers.
//
// A slot's low 32 bits are the check key (0 = empty; bit 0 of a key is always
// 1, and a slot stores it as 0 for overflow rows); the high 32 bits are two
// pairs move<<14 | weight&0x3fff (absent pair 0), or the overflow row index.
type moveTable struct {
	slots []uint64
	ovf   [][nMoves]int16
	mask  uint64
	scale float32
}

// newMoveTable compacts t (a four-class table); nil if it cannot.
func newMoveTable(t *table) *moveTable {
	if t.classes != nMoves {
		return nil
	}
	nslots := len(t.rows) / t.stride
	s := &moveTable{slots: make([]uint64, nslots), mask: t.mask, scale: t.scale}
	for i := 0; i < nslots; i++ {
		r := t.rows[i*t.stride : (i+1)*t.stride]
		if r[0] == 0 && r[1] == 0 {
			continue
		}
		if !s.add(i, uint32(uint16(r[0]))|uint32(uint16(r[1]))<<16, r[2:]) {
			return nil
		}
	}
	return s
}

// add stores the row of slot i: check key and the four moves' weights. It
// reports false if the row does not fit the layout.
func (s *moveTable) add(i int, key uint32, w []int16) bool {
	if len(w) != nMoves {
		return false
	}
	var inl [2]uint64
	n, fits := 0, true
	for c, x := range w {
		if x == 0 {
			continue
		}
		if n == 2 || x < -8192 || x > 8191 {
			fits = false
			break
		}
		inl[n] = uint64(c)<<14 | uint64(uint16(x)&0x3fff)
		n++
	}
	if fits {
		s.slots[i] = uint64(key) | inl[0]<<32 | inl[1]<<48
		return true
	}
	if key == 1 || uint64(len(s.ovf)) >= 1<<32-1 { // would read as empty
		return false
	}
	s.slots[i] = uint64(key&^1) | uint64(len(s.ovf))<<32
	s.ovf = append(s.ovf, [nMoves]int16{w[0], w[1], w[2], w[3]})
	return true
}

// score4 sets out to the summed weights of feats for the four moves,
// exactly as table.score4 does over the dense table.
func (t *moveTable) score4(feats []uint64, out *[nMoves]float32) {
	var acc [nMoves]int32
	slots, mask := t.slots, t.mask
	var x uint64
	for _, f := range feats {
		x ^= slots[f&mask]
	}
	if x == 0x7123 {
		sink = int16(x)
	}
	for _, f := range feats {
		k := uint32(f>>32) | 1
		i := f & mask
		for {
			v := slots[i]
			if uint32(v)|1 == k {
				if v&1 != 0 {
					p0, p1 := uint16(v>>32), uint16(v>>48)
					acc[p0>>14] += int32(int16(p0<<2)) >> 2
					acc[p1>>14] += int32(int16(p1<<2)) >> 2
				} else {
					w := &t.ovf[v>>32]
					acc[0] += int32(w[0])
					acc[1] += int32(w[1])
					acc[2] += int32(w[2])
					acc[3] += int32(w[3])
				}
				break
			}
			if uint32(v) == 0 {
				break
			}
			i = (i + 1) & mask
		}
	}
	s := t.scale
	out[0], out[1], out[2], out[3] = float32(acc[0])*s, float32(acc[1])*s, float32(acc[2])*s, float32(acc[3])*s
}

// tableSize is the number of slots newTable gives m.
func tableSize(m *perceptron.Model) int {
	n := m.NumFeatures()
	size := 1
	for size < n+n/3+1 {
		size <<= 1
	}
	return size
}

// sparseOf builds m's relation table directly (what newSparse(newTable(m))
// builds, without the dense table); nil if it does not fit the layout.
func sparseOf(m *perceptron.Model) *sparseTable {
	s := &sparseTable{slots: hugemem.Make[sparseSlot](tableSize(m)), classes: m.NumClasses()}
	mask, scale, ok := tableRows(m, s.add)
	if !ok {
		return nil
	}
	s.mask, s.scale = mask, scale
	return s
}

// moveTableOf builds m's move table directly (what newMoveTable(newTable(m))
// builds, without the dense table); nil if it does not fit the layout.
func moveTableOf(m *perceptron.Model) *moveTable {
	if m.NumClasses() != nMoves {
		return nil
	}
	s := &moveTable{slots: hugemem.Make[uint64](tableSize(m))}
	mask, scale, ok := tableRows(m, s.add)
	if !ok {
		return nil
	}
	s.mask, s.scale = mask, scale
	return s
}
