package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"dateline/internal/doc"
	"dateline/internal/tokenize"
)

// FuzzResolve: on any text and anchor, no panic; spans lie inside the text on
// rune boundaries, in order, without overlap; every time has a type.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"Blinken met Qureshi on Thursday.", "The Taliban seized power in mid-August.",
		"At 3 p.m. local time, 0600 GMT, 9/23 and Sept. 23, 2021", "the '90s' 1990s mid-", "every Friday for 14 years",
		"’90s – “now” — 12:", "May 2021 may March", "2021-09-2", "the past three years ago later earlier",
	} {
		f.Add(s, "2021-09-24")
	}
	f.Add("Thursday", "")
	f.Add("Thursday", "garbage")
	f.Fuzz(func(t *testing.T, text, anchor string) {
		if !utf8.ValidString(text) {
			return
		}
		d := run(text, anchor)
		prev := int32(0)
		for _, x := range d.Times {
			if x.Start < prev || x.End <= x.Start || int(x.End) > len(text) {
				t.Fatalf("bad span %v (prev end %d) in %q", x.Span, prev, text)
			}
			if !utf8.RuneStart(text[x.Start]) || int(x.End) < len(text) && !utf8.RuneStart(text[x.End]) {
				t.Fatalf("span %v not on rune boundaries in %q", x.Span, text)
			}
			if x.Type == "" {
				t.Fatalf("time %q without a type", d.Str(x.Span))
			}
			prev = x.End
		}
	})
}

func TestNoAnchor(t *testing.T) {
	d := run("He met her on Thursday and will leave in September. They met on March 3, 2020.", "")
	want := map[string]string{"Thursday": "XXXX-WXX-4", "September": "XXXX-09", "March 3, 2020": "2020-03-03"}
	for _, x := range d.Times {
		if w, ok := want[d.Str(x.Span)]; ok && w != x.Value {
			t.Errorf("%q: %s, want %s", d.Str(x.Span), x.Value, w)
		}
		delete(want, d.Str(x.Span))
	}
	for k := range want {
		t.Errorf("%q not found", k)
	}
}

func TestTaggedTense(t *testing.T) {
	// "meet" is present tense: with tags, the meeting is to come; the word list
	// alone sees only "led" and puts it in the past.
	text := "The ministers who led the talks meet again on Monday."
	tags := map[string]string{"led": "VBD", "meet": "VBP", "again": "RB", "on": "IN", "who": "WP", "the": "DT", ".": "."}
	for _, tagged := range []bool{false, true} {
		d := &doc.Doc{Text: text, Published: "2021-09-24"}
		tokenize.Doc(d)
		if tagged {
			for i := range d.Tokens {
				if x, ok := tags[d.Form(i)]; ok {
					d.Tokens[i].XPOS = x
				} else {
					d.Tokens[i].XPOS = "NNS"
				}
			}
		}
		Resolve(d)
		want := "2021-09-20"
		if tagged {
			want = "2021-09-27"
		}
		if len(d.Times) != 1 || d.Times[0].Value != want {
			t.Errorf("tagged=%v: times %+v, want Monday = %s", tagged, d.Times, want)
		}
	}
}

// TestTaggedTenseNear: a present-tense verb points a weekday forward only
// from just before it, and never a possessive weekday.
func TestTaggedTenseNear(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"The move follows Tuesday's ruling by the court.", "2021-09-21"},
		{"Talks open on Tuesday.", "2021-09-28"},
		{"The firm bought the stake on Tuesday and holds 14% of it.", "2021-09-21"},
		{"He and the king meet separately Tuesday with the envoy.", "2021-09-28"},
		{"They did not meet Tuesday.", "2021-09-21"},
		{"Parliament to vote Tuesday on the plan.", "2021-09-28"},
		{"He was forced to quit on Tuesday.", "2021-09-21"},
	} {
		d := &doc.Doc{Text: c.text, Published: "2021-09-24"}
		tokenize.Doc(d)
		for i := range d.Tokens {
			switch d.Form(i) {
			case "follows", "holds":
				d.Tokens[i].XPOS = "VBZ"
			case "open":
				d.Tokens[i].XPOS = "VBP"
			case "meet", "vote", "quit":
				d.Tokens[i].XPOS = "VB"
			case "forced":
				d.Tokens[i].XPOS = "VBN"
			case "was":
				d.Tokens[i].XPOS = "VBD"
			case "to":
				d.Tokens[i].XPOS = "TO"
			case "did":
				d.Tokens[i].XPOS = "VBD"
			case "bought":
				d.Tokens[i].XPOS = "VBD"
			default:
				d.Tokens[i].XPOS = "NN"
			}
		}
		Resolve(d)
		if len(d.Times) != 1 || d.Times[0].Value != c.want {
			t.Errorf("%q: times %+v, want Tuesday = %s", c.text, d.Times, c.want)
		}
	}
}

func TestForSentence(t *testing.T) {
	d := run("Blinken met Qureshi on Thursday, a week after talks that lasted three days. Nothing happened.", "2021-09-24")
	if len(d.Sentences) < 2 {
		t.Fatalf("sentences: %d", len(d.Sentences))
	}
	met := d.TokenAt(int32(strings.Index(d.Text, "met")))
	ti := ForSentence(d, 0, met)
	if ti < 0 || d.Str(d.Times[ti].Span) != "Thursday" {
		t.Fatalf("ForSentence = %d, want Thursday (times %+v)", ti, d.Times)
	}
	if ti := ForSentence(d, 1, int(d.Sentences[1].First)+1); ti != -1 {
		t.Errorf("sentence without a date: %d, want -1", ti)
	}
	if ti := ForSentence(d, 7, 0); ti != -1 {
		t.Errorf("no such sentence: %d, want -1", ti)
	}
	// With a parse: the date hanging from another verb loses to the one under head.
	d = run("Officials said on Monday that troops left on Sunday.", "2021-09-24")
	for i := range d.Tokens {
		d.Tokens[i].Head = -1
	}
	idx := func(w string) int { return d.TokenAt(int32(strings.Index(d.Text, w))) }
	said, left := idx("said"), idx("left")
	d.Tokens[idx("Monday")].Head = int32(said)
	d.Tokens[idx("Sunday")].Head = int32(left)
	d.Tokens[left].Head = int32(said)
	d.Tokens[left].UPOS = "VERB"
	d.Tokens[said].UPOS = "VERB"
	if ti := ForSentence(d, 0, left); ti < 0 || d.Str(d.Times[ti].Span) != "Sunday" {
		t.Errorf("ForSentence(left) = %d, want Sunday", ti)
	}
	if ti := ForSentence(d, 0, said); ti < 0 || d.Str(d.Times[ti].Span) != "Monday" {
		t.Errorf("ForSentence(said) = %d, want Monday", ti)
	}
}

// BenchmarkResolve measures the stage alone on news text (the seed story and
// the 256 TimeBank and AQUAINT texts when ../shared is there), in words/s.
func BenchmarkResolve(b *testing.B) {
	var texts []string
	if dir := sharedDir(); dir != "" {
		if t, err := os.ReadFile(filepath.Join(dir, "examples", "seed", "article.txt")); err == nil {
			texts = append(texts, string(t))
		}
		// the TimeBank and AQUAINT texts, markup stripped
		files, _ := filepath.Glob(filepath.Join(dir, "data", "tempeval3", "TBAQ-cleaned", "*", "*.tml"))
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			s := string(raw)
			a, b := strings.Index(s, "<TEXT>"), strings.Index(s, "</TEXT>")
			if a < 0 || b < a {
				continue
			}
			var sb strings.Builder
			in := false
			for _, r := range s[a+6 : b] {
				switch {
				case r == '<':
					in = true
				case r == '>':
					in = false
				case !in:
					sb.WriteRune(r)
				}
			}
			texts = append(texts, sb.String())
		}
	}
	if len(texts) == 0 {
		texts = append(texts, strings.Repeat("Blinken met Qureshi on Thursday in New York, three days after talks in mid-August. ", 40))
	}
	var docs []*doc.Doc
	words := 0
	for _, t := range texts {
		d := &doc.Doc{Text: t, Published: "2021-09-24"}
		tokenize.Doc(d)
		docs = append(docs, d)
		words += len(strings.Fields(t))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Resolve(d)
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

func sharedDir() string {
	dir, _ := os.Getwd()
	for k := 0; k < 6; k++ {
		p := filepath.Join(dir, "..", "shared")
		if _, err := os.Stat(filepath.Join(p, "examples", "seed", "article.txt")); err == nil {
			return p
		}
		dir = filepath.Dir(dir)
	}
	return ""
}

// TestHeadlineYear: a year closing a headline line is a year even after a
// name, though "Windows 2000 Server" inside a line is a product.
func TestHeadlineYear(t *testing.T) {
	d := run("Jobs gives opening keynote to WWDC 2005\nApple Computer CEO Steve Jobs spoke on Monday.", "2005-06-07")
	found := false
	for _, x := range d.Times {
		if d.Str(x.Span) == "2005" && x.Value == "2005" {
			found = true
		}
	}
	if !found {
		t.Errorf("headline year not found: %+v", d.Times)
	}
	d = run("The firm sells Windows 2000 Server to banks.", "2005-06-07")
	for _, x := range d.Times {
		t.Errorf("product name taken for a time: %q %s", d.Str(x.Span), x.Value)
	}
}
