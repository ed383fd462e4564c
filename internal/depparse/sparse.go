package depparse

// sparseTable is the relation classifier's inference table. The dense table
// stores a weight for every class in every row (about 50 int16, two cache
// lines), but a trained feature has non-zero weights for only about two
// relations. sparseTable keeps the dense table's slots (same row positions,
// same probe chains, same 32-bit check keys, so every lookup finds exactly
// the row the dense table finds) but each slot is one uint64 — the check key
// and where the feature's non-zero (class, weight) pairs start in one shared
// array — so the whole table is about an eighth of the dense one and mostly
// stays in cache. Scores are the same integer sums, hence the same parses.
type sparseTable struct {
	slots   []uint64 // low 32 bits: check key (0 = empty); high: start<<8 | count
	pairs   []uint32 // class<<16 | uint16(weight)
	mask    uint64
	classes int
	scale   float32
}

const maxSparsePairs = 1 << 24

// newSparse compacts t; it returns nil if t is too large for the layout.
func newSparse(t *table) *sparseTable {
	nslots := len(t.rows) / t.stride
	s := &sparseTable{slots: make([]uint64, nslots), mask: t.mask, classes: t.classes, scale: t.scale}
	if t.classes > 1<<16 {
		return nil
	}
	for i := 0; i < nslots; i++ {
		r := t.rows[i*t.stride : (i+1)*t.stride]
		if r[0] == 0 && r[1] == 0 {
			continue
		}
		start, count := len(s.pairs), 0
		for c, w := range r[2:] {
			if w != 0 {
				s.pairs = append(s.pairs, uint32(c)<<16|uint32(uint16(w)))
				count++
			}
		}
		if count > 255 || len(s.pairs) >= maxSparsePairs {
			return nil
		}
		s.slots[i] = uint64(uint16(r[0])) | uint64(uint16(r[1]))<<16 | uint64(start)<<40 | uint64(count)<<32
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
	slots, pairs, mask := t.slots, t.pairs, t.mask
	// fetch every feature's first slot at once (see touch)
	var x uint64
	for _, f := range feats {
		x ^= slots[f&mask]
	}
	if x == 0x7123 {
		sink = int16(x)
	}
	for _, f := range feats {
		k := key32(f)
		i := f & mask
		for {
			v := slots[i]
			if uint64(uint32(v)) == k {
				start, n := int(v>>40), int(uint8(v>>32))
				for _, p := range pairs[start : start+n] {
					acc[p>>16] += int32(int16(uint16(p)))
				}
				break
			}
			if uint32(v) == 0 {
				break
			}
			i = (i + 1) & mask
		}
	}
	for c := range acc {
		out[c] = float32(acc[c]) * t.scale
	}
}
