package quotes

import (
	"testing"

	"dateline/internal/doc"
)

// TestDropNested: of two attributions with one content the first found
// stays; one inside another's content goes, unless it is a direct quote
// inside a report that follows its content.
func TestDropNested(t *testing.T) {
	sp := func(a, b int32) doc.Span { return doc.Span{Start: a, End: b} }
	f := &finder{out: []doc.Quote{
		{Kind: "indirect", Content: sp(10, 50), Cue: sp(5, 9)},   // X told the Post that …
		{Kind: "indirect", Content: sp(10, 50), Cue: sp(0, 4)},   // … the same content, another cue
		{Kind: "indirect", Content: sp(20, 40), Cue: sp(15, 19)}, // nested in the first
		{Kind: "direct", Content: sp(60, 80), Cue: sp(55, 59)},   // Qureshi said, “…,”
		{Kind: "mixed", Content: sp(52, 82), Cue: sp(84, 92)},    // … Dawn reported
	}}
	f.dropNested()
	var got []doc.Span
	for _, q := range f.out {
		got = append(got, q.Cue)
	}
	if want := []doc.Span{sp(5, 9), sp(55, 59)}; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("kept cues %v, want %v", got, want)
	}
}
