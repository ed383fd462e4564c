package store

import (
	"fmt"
	"strings"
	"testing"
)

// TestMaxDaySpan: no date DayRange reads spans more than MaxDaySpan days past
// its first (the events' date filter bounds its index range with it), and a
// leap year reaches it.
func TestMaxDaySpan(t *testing.T) {
	most := int64(0)
	for y := 1600; y <= 2400; y++ {
		vals := []string{fmt.Sprintf("%04d", y)}
		for m := 1; m <= 12; m++ {
			vals = append(vals, fmt.Sprintf("%04d-%02d", y, m), fmt.Sprintf("%04d-%02d-28", y, m))
		}
		for _, v := range vals {
			f, to, ok := DayRange(v)
			if !ok {
				t.Fatalf("DayRange(%q) not ok", v)
			}
			most = max(most, to-f)
		}
	}
	if most != MaxDaySpan {
		t.Errorf("widest DayRange spans %d days past its first, MaxDaySpan is %d", most, MaxDaySpan)
	}
}

func TestDayRange(t *testing.T) {
	cases := []struct {
		in       string
		from, to int64
		ok       bool
	}{
		{"1970-01-01", 0, 0, true},
		{"1970-01-02T10:00:00Z", 1, 1, true},
		{"1970-02", 31, 58, true},
		{"1971", 365, 729, true},
		{"2021-W38", 0, 0, false},
		{"P3D", 0, 0, false},
		{"", 0, 0, false},
		{"2021-13-45", 0, 0, false},
	}
	for _, c := range cases {
		f, to, ok := DayRange(c.in)
		if f != c.from || to != c.to || ok != c.ok {
			t.Errorf("DayRange(%q) = %d, %d, %v; want %d, %d, %v", c.in, f, to, ok, c.from, c.to, c.ok)
		}
	}
}

func TestSimHash(t *testing.T) {
	base := strings.Repeat("The minister met his counterpart in the capital to discuss trade and security. ", 3) +
		"Officials said the talks were constructive and would continue next month in Geneva."
	if SimHash(base) != SimHash(strings.ToUpper(base)+" ,,, ") {
		t.Error("SimHash depends on case or punctuation")
	}
	if d := Hamming(SimHash(base), SimHash(base+" Reporting by Wire.")); d > MaxNearDistance {
		t.Errorf("near-duplicate distance %d > %d", d, MaxNearDistance)
	}
	other := "Heavy rain flooded roads across the province on Sunday, and schools stayed closed as rivers rose."
	if d := Hamming(SimHash(base), SimHash(other)); d <= MaxNearDistance {
		t.Errorf("unrelated texts distance %d <= %d", d, MaxNearDistance)
	}
	if SimHash("") != 0 || SimHash("one") == 0 {
		t.Error("SimHash of empty / one-word text")
	}
	for _, sh := range []uint64{0, ^uint64(0), 0x0123456789abcdef} {
		b := Bands(sh)
		if uint64(b[0])|uint64(b[1])<<16|uint64(b[2])<<32|uint64(b[3])<<48 != sh {
			t.Errorf("Bands(%x) = %v", sh, b)
		}
	}
}

func BenchmarkSimHash(b *testing.B) {
	text := strings.Repeat("The minister met his counterpart in the capital to discuss trade and security. ", 60)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		SimHash(text)
	}
}
