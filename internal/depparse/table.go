package depparse

import (
	"math"

	"dateline/internal/perceptron"
)

// table is a read-only, cache-friendly copy of a perceptron model for
// inference: open addressing over fixed-stride rows of int16, each row the
// feature's 32-bit check key (two int16) followed by its weight for every
// class, so that one probe usually costs one cache miss. Features are our own
// well-mixed hashes: the low bits pick the row, the high bits are the check.
type table struct {
	rows    []int16
	stride  int // 2 + classes
	classes int
	mask    uint64
	scale   float32
}

// newTable copies m; weights are quantised to int16 with one scale.
func newTable(m *perceptron.Model) *table {
	c := m.NumClasses()
	n := m.NumFeatures()
	size := 1
	for size < n+n/3+1 { // load factor <= 3/4
		size <<= 1
	}
	t := &table{stride: 2 + c, classes: c, mask: uint64(size - 1)}
	t.rows = make([]int16, size*t.stride)
	var maxAbs float64
	m.Weights(func(_ uint64, _ int, w float32) {
		maxAbs = math.Max(maxAbs, math.Abs(float64(w)))
	})
	t.scale = float32(maxAbs / 32767)
	if t.scale == 0 {
		t.scale = 1
	}
	inv := 1 / float64(t.scale)
	last := uint64(0)
	row := -1
	m.Weights(func(f uint64, class int, w float32) {
		if row < 0 || f != last {
			last = f
			row = t.insert(f)
		}
		if row >= 0 && class < c {
			t.rows[row+2+class] = int16(math.Round(float64(w) * inv))
		}
	})
	return t
}

func checkKey(f uint64) (int16, int16) {
	k := uint32(f>>32) | 1 // never 0: 0 marks an empty row
	return int16(k), int16(k >> 16)
}

// insert returns the offset of f's row, or -1 if another feature with the
// same row and check key is there already.
func (t *table) insert(f uint64) int {
	k0, k1 := checkKey(f)
	i := f & t.mask
	for {
		o := int(i) * t.stride
		r := t.rows[o : o+2]
		if r[0] == 0 && r[1] == 0 {
			r[0], r[1] = k0, k1
			return o
		}
		if r[0] == k0 && r[1] == k1 {
			return -1
		}
		i = (i + 1) & t.mask
	}
}

// score sets out[c] to the summed weight of feats for class c.
func (t *table) score(feats []uint64, acc []int32, out []float32) {
	acc = acc[:t.classes]
	for i := range acc {
		acc[i] = 0
	}
	rows, stride, mask := t.rows, t.stride, t.mask
	touch(rows, feats, mask, stride)
	for _, f := range feats {
		k0, k1 := checkKey(f)
		i := f & mask
		for {
			o := int(i) * stride
			r := rows[o : o+stride : o+stride]
			if r[0] == k0 && r[1] == k1 {
				w := r[2:]
				for c := range acc {
					acc[c] += int32(w[c])
				}
				break
			}
			if r[0] == 0 && r[1] == 0 {
				break
			}
			i = (i + 1) & mask
		}
	}
	for c := range acc {
		out[c] = float32(acc[c]) * t.scale
	}
}

// score4 is score for the four moves, unrolled.
func (t *table) score4(feats []uint64, out *[nMoves]float32) {
	var a0, a1, a2, a3 int32
	rows, mask := t.rows, t.mask
	touch(rows, feats, mask, 6)
	for _, f := range feats {
		k0, k1 := checkKey(f)
		i := f & mask
		for {
			o := int(i) * 6
			r := rows[o : o+6 : o+6]
			if r[0] == k0 && r[1] == k1 {
				a0 += int32(r[2])
				a1 += int32(r[3])
				a2 += int32(r[4])
				a3 += int32(r[5])
				break
			}
			if r[0] == 0 && r[1] == 0 {
				break
			}
			i = (i + 1) & mask
		}
	}
	s := t.scale
	out[0], out[1], out[2], out[3] = float32(a0)*s, float32(a1)*s, float32(a2)*s, float32(a3)*s
}

// sink keeps touch's loads from being optimised away.
var sink int16

// touch loads the first row each feature probes, with no branch on the
// values, so that the processor fetches all the rows' cache lines at once
// instead of one miss after another in the probing loop.
func touch(rows []int16, feats []uint64, mask uint64, stride int) {
	var x int16
	if stride > 16 { // a row over two cache lines: fetch both
		for _, f := range feats {
			o := int(f&mask) * stride
			x ^= rows[o] ^ rows[o+stride-1]
		}
	} else {
		// a row may straddle two cache lines (12-byte rows of the move
		// table do for 2 in 16 slots): load its first and last element
		for _, f := range feats {
			o := int(f&mask) * stride
			x ^= rows[o] ^ rows[o+stride-1]
		}
	}
	if x == 0x7123 {
		sink = x
	}
}

// tableRows replays newTable's construction of m without allocating the
// dense rows: the same size, scale, slots and collisions (a feature whose
// check key is already in its probe chain is dropped). It calls emit once
// per occupied slot, in no particular order, with the slot, its check key
// and the row's weight for every class, and returns the table's mask and
// scale. emit reporting false stops it and makes it return ok false.
func tableRows(m *perceptron.Model, emit func(slot int, key uint32, w []int16) bool) (mask uint64, scale float32, ok bool) {
	c := m.NumClasses()
	n := m.NumFeatures()
	size := 1
	for size < n+n/3+1 {
		size <<= 1
	}
	mask = uint64(size - 1)
	var maxAbs float64
	m.Weights(func(_ uint64, _ int, w float32) {
		maxAbs = math.Max(maxAbs, math.Abs(float64(w)))
	})
	scale = float32(maxAbs / 32767)
	if scale == 0 {
		scale = 1
	}
	inv := 1 / float64(scale)
	keys := make([]uint32, size)
	row := make([]int16, c)
	slot, last, ok := -1, uint64(0), true
	started := false
	flush := func() {
		if slot >= 0 && ok {
			ok = emit(slot, keys[slot], row)
		}
	}
	m.Weights(func(f uint64, class int, w float32) {
		if !started || slot < 0 || f != last {
			started = true
			flush()
			last = f
			slot = insertKey(keys, mask, f)
			clear(row)
		}
		if slot >= 0 && class < c {
			row[class] = int16(math.Round(float64(w) * inv))
		}
	})
	flush()
	return mask, scale, ok
}

// insertKey is table.insert over a bare key array: the slot where f now
// lives, or -1 if its check key is already in its probe chain.
func insertKey(keys []uint32, mask, f uint64) int {
	k := uint32(f>>32) | 1
	i := f & mask
	for {
		switch keys[i] {
		case 0:
			keys[i] = k
			return int(i)
		case k:
			return -1
		}
		i = (i + 1) & mask
	}
}
