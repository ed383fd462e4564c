package depparse

import (
	"os"
	"slices"
	"testing"
)

// rowsOfSparse decodes every occupied slot of s into key and full row.
func rowsOfSparse(s *sparseTable) map[int][]int32 {
	out := map[int][]int32{}
	for i, v := range s.slots {
		if uint32(v.a) == 0 {
			continue
		}
		r := make([]int32, 1+s.classes)
		r[0] = int32(uint32(v.a))
		add := func(p uint32) { r[1+p>>16] += int32(int16(uint16(p))) }
		add(uint32(v.a >> 32))
		add(uint32(v.b))
		start, n := int(v.b>>40), int(uint8(v.b>>32))
		for _, p := range s.extra[start : start+n] {
			add(p)
		}
		out[i] = r
	}
	return out
}

func rowsOfMoves(s *moveTable) map[int][]int32 {
	out := map[int][]int32{}
	for i, v := range s.slots {
		if uint32(v) == 0 {
			continue
		}
		r := make([]int32, 1+nMoves)
		r[0] = int32(uint32(v) | 1)
		if v&1 != 0 {
			for _, p := range []uint16{uint16(v >> 32), uint16(v >> 48)} {
				r[1+p>>14] += int32(int16(p<<2)) >> 2
			}
		} else {
			for c, w := range s.ovf[v>>32] {
				r[1+c] = int32(w)
			}
		}
		out[i] = r
	}
	return out
}

func rowsOfDense(t *table) map[int][]int32 {
	out := map[int][]int32{}
	for i := 0; i < len(t.rows)/t.stride; i++ {
		r := t.rows[i*t.stride : (i+1)*t.stride]
		if r[0] == 0 && r[1] == 0 {
			continue
		}
		x := []int32{int32(uint32(uint16(r[0])) | uint32(uint16(r[1]))<<16)}
		for _, w := range r[2:] {
			x = append(x, int32(w))
		}
		out[i] = x
	}
	return out
}

func sameRows(t *testing.T, name string, got, want map[int][]int32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, dense table has %d", name, len(got), len(want))
	}
	for i, w := range want {
		if !slices.Equal(got[i], w) {
			t.Fatalf("%s: slot %d holds %v, dense table %v", name, i, got[i], w)
		}
	}
}

// The compact tables, built directly from the perceptrons, hold in every
// slot exactly the key and weights of the dense table's row, with the same
// mask and scale: lookups find the same rows and sum the same integers.
func TestCompactTablesMatchDense(t *testing.T) {
	m, err := Default()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	md, ld := newTable(m.trans), newTable(m.label)
	ms, ls := moveTableOf(m.trans), sparseOf(m.label)
	if ms == nil || ls == nil {
		t.Fatal("embedded model does not fit the compact tables")
	}
	if ms.mask != md.mask || ms.scale != md.scale || ls.mask != ld.mask || ls.scale != ld.scale || ls.classes != ld.classes {
		t.Fatal("compact tables differ in size or scale")
	}
	sameRows(t, "move", rowsOfMoves(ms), rowsOfDense(md))
	sameRows(t, "relation", rowsOfSparse(ls), rowsOfDense(ld))
	// and from a dense table
	sameRows(t, "move from dense", rowsOfMoves(newMoveTable(md)), rowsOfDense(md))
	sameRows(t, "relation from dense", rowsOfSparse(newSparse(ld)), rowsOfDense(ld))
}
