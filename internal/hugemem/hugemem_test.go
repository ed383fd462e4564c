package hugemem

import "testing"

func TestMakeIsZeroedAndSized(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 3 << 20} {
		s := Make[uint64](n)
		if len(s) != n {
			t.Fatalf("len %d, want %d", len(s), n)
		}
		for i := range s {
			if s[i] != 0 {
				t.Fatalf("n=%d: s[%d]=%d, want zeroed memory", n, i, s[i])
			}
			s[i] = uint64(i)
		}
	}
}
