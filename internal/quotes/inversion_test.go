package quotes_test

import (
	"testing"

	"dateline/internal/pipeline"
	"dateline/internal/reader"
)

// TestInvertedSpeaker: in "The deal is dead, said Tom Reed." the speaker
// comes after the cue and the content before it; "said Monday" names nobody,
// and "X, a spokeswoman, said …" keeps its speaker before the cue.
func TestInvertedSpeaker(t *testing.T) {
	for _, c := range []struct{ text, content, speaker string }{
		{"The deal is dead, said Tom Reed, who leads the union.", "The deal is dead", "Tom Reed"},
		{"The talks will resume in March, said a spokesman.", "The talks will resume in March", "a spokesman"},
		{"Mara Quist, a spokeswoman, said the talks would resume in March.", "the talks would resume in March", "Mara Quist, a spokeswoman"},
	} {
		d, err := reader.Text("story.txt", []byte("Talks\n\n"+c.text+"\n"), reader.Options{Published: "2024-03-05"})
		if err != nil {
			t.Fatal(err)
		}
		if err := pipeline.Default().Run(d); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, q := range d.Quotes {
			if fold(d.Str(q.Content)) == fold(c.content) && d.Str(q.SpeakerSpan) == c.speaker {
				found = true
			}
		}
		if !found {
			for _, q := range d.Quotes {
				t.Logf("content %q speaker %q", d.Str(q.Content), d.Str(q.SpeakerSpan))
			}
			t.Errorf("%s: want content %q said by %q", c.text, c.content, c.speaker)
		}
	}
}
