package cli

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"dateline/internal/store"
)

func TestWriteGDELT(t *testing.T) {
	evs := []store.EventRow{{Article: 3, Index: 0, Happening: 7, Type: "CONSULT", Mode: "bilateral", Date: "2021-09-23",
		Actors:     []store.Actor{{Name: "Shah Mahmood Qureshi", Country: "PAK", Sector: "GOV"}},
		Recipients: []store.Actor{{Name: "Antony Blinken", Country: "USA", Sector: "GOV"}},
		Location:   "New\tYork", CAMEO: "04", Confidence: 0.9, URL: "https://example.org/a", Published: "2021-09-24"},
		{Article: 4, Index: 1, Type: "ACCUSE", Date: "2021-W38", Published: "2021-09-25", Path: "b.txt",
			Actors: []store.Actor{{Name: "Taliban"}, {Name: "Kabul", Country: "AFG"}}, Negated: true}}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	writeGDELT(w, evs)
	w.Flush()
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), b.String())
	}
	want := []string{
		"3-1\t20210923\tPAKGOV\tShah Mahmood Qureshi\tPAK\tGOV\tUSAGOV\tAntony Blinken\tUSA\tGOV\t04\tNew York\thttps://example.org/a\tCONSULT\tbilateral\t7\t0.900\t0",
		"4-2\t20210925\t\tTaliban\t\t\tAFG\tKabul\tAFG\t\t\t\tb.txt\tACCUSE\t\t0\t0.000\t1",
	}
	for i, w := range want {
		if lines[i+1] != w {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, lines[i+1], w)
		}
	}
	for _, l := range lines {
		if n := strings.Count(l, "\t"); n != len(GDELTHeader)-1 {
			t.Errorf("%d tabs in %q", n, l)
		}
	}
}
