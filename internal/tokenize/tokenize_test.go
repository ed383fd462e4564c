package tokenize

import (
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/perceptron"
)

// render writes tokens separated by spaces; a word that continues a multiword
// token is written "+word" ("do +n't").
func render(text string, toks []doc.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		if t.InMWT {
			b.WriteByte('+')
		}
		b.WriteString(text[t.Start:t.End])
	}
	return b.String()
}

func TestTokens(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Mr. Smith went to Washington.", "Mr. Smith went to Washington ."},
		{"I don't know.", "I do +n't know ."},
		{"Pakistan's foreign minister", "Pakistan +'s foreign minister"},
		{"Pakistan’s foreign minister", "Pakistan +’s foreign minister"},
		{"I'm sure they're here, we've seen it and he'll come; she'd go.", "I +'m sure they +'re here , we +'ve seen it and he +'ll come ; she +'d go ."},
		{"can't won't cannot gonna", "ca +n't wo +n't can +not gon +na"},
		{"the parents' house", "the parents +' house"},
		{"He arrived in the U.S. on Sept. 23 with Gen. Milley.", "He arrived in the U.S. on Sept. 23 with Gen. Milley ."},
		{"John F. Kennedy and J.R.R. Tolkien", "John F. Kennedy and J.R.R. Tolkien"},
		{"It cost $1,200.50 or 5% more.", "It cost $ 1,200.50 or 5 % more ."},
		{"Call 713-853-3989 at 5:30pm.", "Call 713-853-3989 at 5:30 pm ."},
		{"Visit https://www.voanews.com/a/x.html, or e-mail news@voa.gov.", "Visit https://www.voanews.com/a/x.html , or e-mail news@voa.gov ."},
		{"#Taliban @StateDept said", "#Taliban @StateDept said"},
		{"“I met him,” he said.", "“ I met him , ” he said ."},
		{"\"I met him,\" he said.", "\" I met him , \" he said ."},
		{"‘global unity’ on", "‘ global unity ’ on"},
		{"‘’Yes’’ and ‘’ no", "‘’ Yes ’’ and ‘’ no"},
		{"He said -- after all -- that", "He said -- after all -- that"},
		{"war—and peace – maybe", "war — and peace – maybe"},
		{"Wait... what…", "Wait ... what …"},
		{"Really?! Yes!!!", "Really ?! Yes !!!"},
		{"a long-term, well-known and non-violent e-mail", "a long - term , well - known and non-violent e-mail"},
		{"and/or 11/28/2000 9/11", "and / or 11/28/2000 9/11"},
		{"(see above) [sic]", "( see above ) [ sic ]"},
		{"etc. The end, etc.", "etc . The end , etc ."},
		{"in the '90s, 'em", "in the '90s , 'em"},
		{"Yes :) ok", "Yes :) ok"},
		{"1. First item", "1. First item"},
		{"at 8am and 10 p.m. tonight", "at 8 am and 10 p.m. tonight"},
		{"", ""},
	}
	for _, c := range cases {
		got := render(c.in, Tokens(c.in))
		if got != c.want {
			t.Errorf("Tokens(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestSentences checks the sentence splitter as Doc runs it (with the
// built-in boundary model if there is one); TestRuleSentences checks the
// rules alone on the same cases.
func TestSentences(t *testing.T) { testSentences(t, loadModel()) }

func TestRuleSentences(t *testing.T) { testSentences(t, nil) }

func testSentences(t *testing.T, m *perceptron.Model) {
	sentences := func(text string) string {
		d := &doc.Doc{Text: text}
		docWith(d, m)
		var parts []string
		for _, s := range d.Sentences {
			parts = append(parts, d.Str(s.Span))
		}
		return strings.Join(parts, " | ")
	}
	cases := []struct{ in, want string }{
		{"Mr. Smith went to Washington. He left.", "Mr. Smith went to Washington. | He left."},
		{"He met Gen. Milley on Sept. 23 in the U.S. Capitol.", "He met Gen. Milley on Sept. 23 in the U.S. Capitol."},
		{"He lives in the U.S. The rest is history.", "He lives in the U.S. | The rest is history."},
		{"“I met him,” he said. “It went well.”", "“I met him,” he said. | “It went well.”"},
		{"He said: “It went well.” Then he left.", "He said: “It went well.” | Then he left."},
		{"\"Why?\" he asked. Nobody knew.", "\"Why?\" he asked. | Nobody knew."},
		{"What now? We wait!", "What now? | We wait!"},
		{"It was late... The end.", "It was late... | The end."},
		{"It rose 3.5 percent. Shares fell.", "It rose 3.5 percent. | Shares fell."},
		{"J. R. Smith scored. Then he sat.", "J. R. Smith scored. | Then he sat."},
		{"Prices, etc. The rest.", "Prices, etc. | The rest."},
		{"Apple Inc. announced it.", "Apple Inc. announced it."},
		{"Great place! The food was good", "Great place! | The food was good"},
		{"See you at 5 p.m. The doors open early.", "See you at 5 p.m. | The doors open early."},
		{"No final stop", "No final stop"},
		// a picture's caption and its credit (GUM news)
		{"Protesters outside the embassy in London Image: Jane Doe.", "Protesters outside the embassy in London | Image: Jane Doe."},
		{"The new stadium. Photo: Wikimedia Commons.", "The new stadium. | Photo: Wikimedia Commons."},
		// a Wikinews dateline run into the first sentence; without the weekday, no
		{"Sunday, October 12, 2008 Police in Ohio arrested a man.", "Sunday, October 12, 2008 | Police in Ohio arrested a man."},
		{"November 7, 2010 First time eating here and it was great.", "November 7, 2010 First time eating here and it was great."},
		{"Interview with LibriVox founder Hugh McGuire Sunday, May 28, 2006", "Interview with LibriVox founder Hugh McGuire | Sunday, May 28, 2006"},
		{"We met on Sunday, May 28, 2006", "We met on Sunday, May 28, 2006"},
	}
	for _, c := range cases {
		if got := sentences(c.in); got != c.want {
			t.Errorf("sentences(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestParagraphsBoundSentences(t *testing.T) {
	d := &doc.Doc{Text: "First line without stop\n\nSecond one"}
	d.Paragraphs = []doc.Span{{Start: 0, End: 23}, {Start: 25, End: int32(len(d.Text))}}
	Doc(d)
	if len(d.Sentences) != 2 || d.Str(d.Sentences[1].Span) != "Second one" {
		t.Fatalf("sentences = %+v", d.Sentences)
	}
}

// TestLongSentenceCut: text with no sentence end is cut into sentences of at
// most 256 tokens, after a comma in the second half of the window when there
// is one, so that the stages after stay fast on hostile input.
func TestLongSentenceCut(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 1000; i++ {
		b.WriteString("word ")
		if i%200 == 199 {
			b.WriteString(", ")
		}
	}
	d := &doc.Doc{Text: b.String()}
	Doc(d)
	if len(d.Sentences) < 4 {
		t.Fatalf("%d sentences for 1,000 words with no end, want at least 4", len(d.Sentences))
	}
	for i, s := range d.Sentences {
		if n := s.Last - s.First; n > 256 {
			t.Errorf("sentence %d has %d tokens", i, n)
		}
		if i < len(d.Sentences)-1 && d.Form(int(s.Last-1)) != "," && s.Last-s.First != 256 {
			t.Errorf("sentence %d ends with %q after %d tokens", i, d.Form(int(s.Last-1)), s.Last-s.First)
		}
	}
	if d.Form(int(d.Sentences[0].Last-1)) != "," {
		t.Errorf("first cut not at the comma: %q", d.Form(int(d.Sentences[0].Last-1)))
	}
}
