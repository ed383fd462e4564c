package tokenize

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"dateline/internal/doc"
)

// checkDoc verifies the invariants of the token and sentence layers.
func checkDoc(t *testing.T, d *doc.Doc) {
	t.Helper()
	n := int32(len(d.Text))
	valid := utf8.ValidString(d.Text)
	prevEnd := int32(0)
	for i, tok := range d.Tokens {
		if tok.Start < 0 || tok.Start >= tok.End || tok.End > n {
			t.Fatalf("token %d span %v out of range (len %d)", i, tok.Span, n)
		}
		if tok.Start < prevEnd {
			t.Fatalf("token %d %v overlaps or precedes the one before (end %d)", i, tok.Span, prevEnd)
		}
		if tok.InMWT && (i == 0 || tok.Start != d.Tokens[i-1].End) {
			t.Fatalf("token %d continues a multiword token but is not attached to the one before", i)
		}
		if valid {
			if !utf8.RuneStart(d.Text[tok.Start]) || (tok.End < n && !utf8.RuneStart(d.Text[tok.End])) {
				t.Fatalf("token %d %v does not lie on rune boundaries", i, tok.Span)
			}
		}
		prevEnd = tok.End
	}
	if valid {
		// every non-space character is in a token
		k := 0
		for i, r := range d.Text {
			if isSpace(r) {
				continue
			}
			for k < len(d.Tokens) && int(d.Tokens[k].End) <= i {
				k++
			}
			if k == len(d.Tokens) || int(d.Tokens[k].Start) > i {
				t.Fatalf("character %q at %d is in no token", r, i)
			}
		}
	}
	next := int32(0)
	for i, s := range d.Sentences {
		if s.First != next || s.Last <= s.First || int(s.Last) > len(d.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d) do not follow on from %d", i, s.First, s.Last, next)
		}
		if s.Start != d.Tokens[s.First].Start || s.End != d.Tokens[s.Last-1].End {
			t.Fatalf("sentence %d span %v does not cover its tokens", i, s.Span)
		}
		if d.Tokens[s.First].InMWT {
			t.Fatalf("sentence %d starts inside a multiword token", i)
		}
		next = s.Last
	}
	if int(next) != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Mr. Smith went to Washington. He left.",
		"I don't know, can't say. Pakistan’s minister said “yes”…",
		"WASHINGTON (VOA) — The U.S. on Sept. 23 said $1,200.50 or 5% more -- really?! See https://x.org/a_(b).",
		"e-mail me at a.b@c.com :) #tag @user 713-853-3989 5:30pm 11/28/2000",
		"'' `` '' ‘’ ’’ ... .... !!! ?!? *** <<>> [...] (s) 1. a. 'n' '90s",
		"\u00a0\u2009x\u200by\ufeff\u00ad",
		"\xff\xfe bad utf8 \xc3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		d := &doc.Doc{Text: s}
		Doc(d)
		checkDoc(t, d)
		// deterministic
		e := &doc.Doc{Text: s}
		Doc(e)
		if !reflect.DeepEqual(d.Tokens, e.Tokens) || !reflect.DeepEqual(d.Sentences, e.Sentences) {
			t.Fatal("two runs differ")
		}
		// paragraphs: split at the middle rune boundary
		mid := len(s) / 2
		for mid > 0 && mid < len(s) && !utf8.RuneStart(s[mid]) {
			mid--
		}
		p := &doc.Doc{Text: s, Paragraphs: []doc.Span{{Start: 0, End: int32(mid)}, {Start: int32(mid), End: int32(len(s))}}}
		Doc(p)
		checkDoc(t, p)
		for _, st := range p.Sentences {
			if st.Start < int32(mid) && st.End > int32(mid) {
				t.Fatal("a sentence crosses a paragraph boundary")
			}
		}
	})
}
