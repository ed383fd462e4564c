package doc

import "testing"

func TestRuneOffsets(t *testing.T) {
	d := &Doc{Text: "a‘é’b 😀c"}
	// bytes: a(0) ‘(1-3) é(4-5) ’(6-8) b(9) space(10) 😀(11-14) c(15)
	cases := []struct{ b, r int }{{0, 0}, {1, 1}, {4, 2}, {6, 3}, {9, 4}, {11, 6}, {15, 7}, {16, 8}, {99, 8}}
	for _, c := range cases {
		if got := d.Rune(int32(c.b)); got != c.r {
			t.Errorf("Rune(%d) = %d, want %d", c.b, got, c.r)
		}
	}
	ascii := &Doc{Text: "plain text"}
	if ascii.Rune(5) != 5 || ascii.Rune(50) != 10 {
		t.Error("ASCII text: byte and code-point offsets must agree")
	}
	d.Text = "é"
	d.ResetRunes()
	if d.Rune(2) != 1 {
		t.Error("ResetRunes did not rebuild the table")
	}
}

func TestLookups(t *testing.T) {
	d := &Doc{Text: "One two. Three."}
	d.Tokens = []Token{{Span: Span{0, 3}}, {Span: Span{4, 7}}, {Span: Span{7, 8}}, {Span: Span{9, 14}}, {Span: Span{14, 15}}}
	d.Sentences = []Sentence{{Span: Span{0, 8}, First: 0, Last: 3}, {Span: Span{9, 15}, First: 3, Last: 5}}
	for off, want := range map[int32]int{0: 0, 5: 1, 7: 2, 8: -1, 9: 3, 14: 4, 15: -1} {
		if got := d.TokenAt(off); got != want {
			t.Errorf("TokenAt(%d) = %d, want %d", off, got, want)
		}
	}
	for off, want := range map[int32]int{0: 0, 7: 0, 8: -1, 9: 1, 14: 1, 20: -1} {
		if got := d.SentenceOf(off); got != want {
			t.Errorf("SentenceOf(%d) = %d, want %d", off, got, want)
		}
	}
	if d.Form(3) != "Three" || d.Str(Span{4, 7}) != "two" {
		t.Error("Form/Str")
	}
	if !(Span{0, 8}).Contains(Span{4, 7}) || (Span{0, 3}).Overlaps(Span{3, 5}) || !(Span{0, 4}).Overlaps(Span{3, 5}) {
		t.Error("span relations")
	}
}
