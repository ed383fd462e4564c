package output

import (
	"encoding/json"
	"testing"

	"dateline/internal/doc"
)

func TestFromDocUsesCodePointOffsets(t *testing.T) {
	text := "“Hi,” Blinken said in Kabul."
	d := &doc.Doc{ID: "x", Text: text, Published: "2021-09-24"}
	// byte offsets: “ is 3 bytes, ” is 3 bytes
	blinken := doc.Span{Start: 10, End: 17}
	said := doc.Span{Start: 18, End: 22}
	d.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: int32(len(text))}}}
	d.Mentions = []doc.Mention{{Span: blinken, Entity: 0}}
	d.Entities = []doc.Entity{{Name: "Antony Blinken", Type: "PERSON", Country: "USA", Mentions: []int32{0}}}
	d.Quotes = []doc.Quote{{Kind: "direct", Content: doc.Span{Start: 3, End: 6}, Cue: said, SpeakerSpan: blinken, Speaker: 0}}
	d.Events = []doc.Event{{Type: "CONSULT", Actors: []int32{0, 7}, Time: -1, Evidence: []doc.Evidence{{Trigger: said}}, Explain: "why"}}
	a := FromDoc(d, Options{})
	if d.Str(blinken) != "Blinken" || d.Str(said) != "said" {
		t.Fatal("test spans are off")
	}
	m := a.Entities[0].Mentions[0]
	if m.Start != 6 || m.End != 13 || m.Text != "Blinken" {
		t.Errorf("mention %+v, want code points 6..13", m)
	}
	q := a.Quotes[0]
	if q.Start != 1 || q.End != 4 || q.Text != "Hi," || *q.Speaker != "E1" || q.Cue.Start != 14 {
		t.Errorf("quote %+v", q)
	}
	if len(a.Events[0].Actors) != 1 {
		t.Errorf("an actor index out of range must be dropped: %v", a.Events[0].Actors)
	}
	if a.Events[0].Explain != "" || FromDoc(d, Options{Explain: true}).Events[0].Explain != "why" {
		t.Error("explain only with Options.Explain")
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "id", "source", "title", "published", "dateline", "text", "removed", "sentences", "entities", "times", "quotes", "events"} {
		if _, ok := back[k]; !ok {
			t.Errorf("contract field %q missing", k)
		}
	}
	if back["title"] != nil || back["schema"].(float64) != 1 {
		t.Errorf("title %v schema %v", back["title"], back["schema"])
	}
	if evs := back["events"].([]any); len(evs) != 1 || evs[0].(map[string]any)["recipients"] == nil {
		t.Error("empty lists must be [] not null")
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+1 (555) 010":             "'+1 (555) 010",
		"@SUM(A1)":                 "'@SUM(A1)",
		"-3.5":                     "-3.5",
		"\tcmd":                    "'\tcmd",
		"Reuters":                  "Reuters",
		"":                         "",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
