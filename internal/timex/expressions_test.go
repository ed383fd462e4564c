package timex

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/tokenize"
)

// run tokenises text and resolves its times against the anchor.
func run(text, anchor string) *doc.Doc {
	d := &doc.Doc{Text: text, Published: anchor}
	tokenize.Doc(d)
	Resolve(d)
	return d
}

// TestExpressions runs the table of invented expressions in
// testdata/expressions.txt: each line is an anchor, a sentence with the
// expression in brackets and the expected TYPE VALUE [MOD] (NONE: the
// sentence holds no time expression at all).
func TestExpressions(t *testing.T) {
	f, err := os.Open("testdata/expressions.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 0; sc.Scan(); {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '#' {
			continue
		}
		parts := strings.Split(l, "|")
		if len(parts) != 3 {
			t.Fatalf("expressions.txt:%d: want ANCHOR | SENTENCE | EXPECTED", line)
		}
		anchor, sent, want := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), strings.Fields(parts[2])
		a, b := strings.Index(sent, "["), strings.Index(sent, "]")
		if a < 0 || b < a || len(want) == 0 {
			t.Fatalf("expressions.txt:%d: no [expression] or no expectation", line)
		}
		text := sent[:a] + sent[a+1:b] + sent[b+1:]
		if want[0] == "NONE" {
			text = strings.TrimSpace(text)
		}
		n++
		d := run(text, anchor)
		if want[0] == "NONE" {
			for _, x := range d.Times {
				t.Errorf("expressions.txt:%d: %q: found %q %s %s, want nothing", line, text, d.Str(x.Span), x.Type, x.Value)
			}
			continue
		}
		span := doc.Span{Start: int32(a), End: int32(b - 1)}
		var got *doc.Time
		for k := range d.Times {
			if d.Times[k].Overlaps(span) {
				if got != nil {
					t.Errorf("expressions.txt:%d: %q: two expressions overlap the brackets", line, text)
				}
				got = &d.Times[k]
			}
		}
		if got == nil {
			t.Errorf("expressions.txt:%d: %q: %q not found (want %v)", line, text, text[span.Start:span.End], want)
			continue
		}
		mod := ""
		if len(want) > 2 {
			mod = want[2]
		}
		if got.Span != span || got.Type != want[0] || got.Value != want[1] || got.Mod != mod {
			t.Errorf("expressions.txt:%d: %q: got %q %s %s %s, want %q %s", line, text, d.Str(got.Span), got.Type, got.Value, got.Mod,
				text[span.Start:span.End], strings.Join(want, " "))
		}
	}
	if n < 150 {
		t.Errorf("only %d expressions; the table must hold at least 150", n)
	}
}
