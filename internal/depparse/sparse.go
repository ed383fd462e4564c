package depparse

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
	if t.classes > 1<<16 {
		return nil
	}
	s := &sparseTable{slots: make([]sparseSlot, nslots), mask: t.mask, classes: t.classes, scale: t.scale}
	var row []uint32
	for i := 0; i < nslots; i++ {
		r := t.rows[i*t.stride : (i+1)*t.stride]
		if r[0] == 0 && r[1] == 0 {
			continue
		}
		row = row[:0]
		for c, w := range r[2:] {
			if w != 0 {
				row = append(row, uint32(c)<<16|uint32(uint16(w)))
			}
		}
		row = append(row, 0, 0)
		start, more := len(s.extra), len(row)-4
		if more > 0 {
			s.extra = append(s.extra, row[2:2+more]...)
		} else {
			more = 0
		}
		if more > 255 || len(s.extra) >= maxSparsePairs {
			return nil
		}
		s.slots[i] = sparseSlot{
			a: uint64(uint16(r[0])) | uint64(uint16(r[1]))<<16 | uint64(row[0])<<32,
			b: uint64(row[1]) | uint64(start)<<40 | uint64(more)<<32,
		}
	}
	return s
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
