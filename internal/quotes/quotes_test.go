package quotes_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/pipeline"
	"dateline/internal/quotes"
	"dateline/internal/reader"
	"dateline/internal/tokenize"
)

func sharedDir(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for i := 0; i < 6; i++ {
		p := filepath.Join(dir, "shared")
		if st, err := os.Stat(filepath.Join(p, "data")); err == nil && st.IsDir() {
			return p
		}
		p = filepath.Join(dir, "..", "shared")
		if st, err := os.Stat(filepath.Join(p, "data")); err == nil && st.IsDir() {
			return p
		}
		dir = filepath.Dir(dir)
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("../shared not found")
	}
	t.Skip("../shared not found")
	return ""
}

func fold(s string) string {
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "", "\u201d", "", `"`, "").Replace(s)
	return strings.Trim(strings.ToLower(strings.Join(strings.Fields(s), " ")), " .,;:")
}

// common is the length of the longest common substring of a and b.
func common(a, b string) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				best = max(best, cur[j])
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}

func run(t *testing.T, text string) *doc.Doc {
	t.Helper()
	d := &doc.Doc{Text: text}
	tokenize.Doc(d)
	if err := quotes.Find(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSeedStory checks every core quote of the seed story's gold analysis,
// matched as ../shared/tools/score/doc.py matches them (a common substring of
// at least half the gold text, one-to-one): found, with the right kind and
// speaker entity, through the whole pipeline.
func TestSeedStory(t *testing.T) {
	sh := sharedDir(t)
	dir := filepath.Join(sh, "examples", "seed")
	data, err := os.ReadFile(filepath.Join(dir, "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	gdata, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Quotes []struct {
			Speaker, Kind, Text, Level string
			Cue                        *string
		} `json:"quotes"`
	}
	if err := json.Unmarshal(gdata, &gold); err != nil {
		t.Fatal(err)
	}
	d, err := reader.Text("article.txt", data, reader.Options{Published: "2021-09-24"})
	if err != nil {
		t.Fatal(err)
	}
	if err := pipeline.Default().Run(d); err != nil {
		t.Fatal(err)
	}
	used := map[int]bool{}
	for _, g := range gold.Quotes {
		if g.Level == "hard" {
			continue
		}
		gt := fold(g.Text)
		best, bestC := -1, 0
		for i, q := range d.Quotes {
			if used[i] {
				continue
			}
			if c := common(gt, fold(d.Str(q.Content))); 2*c >= len(gt) && c > bestC {
				best, bestC = i, c
			}
		}
		if best < 0 {
			t.Errorf("core quote not found: %q", g.Text)
			continue
		}
		used[best] = true
		q := d.Quotes[best]
		if q.Kind != g.Kind {
			t.Errorf("%q: kind %s, want %s", g.Text, q.Kind, g.Kind)
		}
		if g.Cue != nil && (q.Cue.Empty() || !strings.Contains(d.Str(q.Cue), *g.Cue)) {
			t.Errorf("%q: cue %v, want %q", g.Text, q.Cue, *g.Cue)
		}
		if q.Speaker < 0 {
			t.Errorf("%q: no speaker entity (span %v), want %s", g.Text, q.SpeakerSpan, g.Speaker)
			continue
		}
		e := d.Entities[q.Speaker]
		ok := fold(e.Name) == fold(g.Speaker)
		for _, mi := range e.Mentions {
			ok = ok || fold(d.Str(d.Mentions[mi].Span)) == fold(g.Speaker)
		}
		if !ok {
			t.Errorf("%q: speaker %s, want %s", g.Text, e.Name, g.Speaker)
		}
	}
}

type want struct {
	kind, content, speaker, cue string
}

func TestCases(t *testing.T) {
	cases := []struct {
		text string
		want []want
	}{
		{"“We will win,” he said. “Nobody can stop us.”",
			// a further quote of the same paragraph with no attribution of its own
			// goes on the same quote, as PolNeAR annotates it
			[]want{{"direct", "We will win,” he said. “Nobody can stop us.", "he", "said"}}},
		{"“We will win,” he said.\n\n“Nobody can stop us.”",
			[]want{{"direct", "We will win", "he", "said"}, {"direct", "Nobody can stop us.", "he", ""}}},
		{"“We will win,” said John Smith, “and nobody can stop us.”",
			[]want{{"direct", "We will win,” said John Smith, “and nobody can stop us.", "John Smith", "said"}}},
		{"The minister told reporters that the talks had failed.",
			[]want{{"indirect", "that the talks had failed", "The minister", "told"}}},
		{"The talks failed, according to two officials.",
			[]want{{"indirect", "The talks failed", "two officials", "according to"}}},
		{"Mr. Smith, who leads the party, said on Tuesday that it would \"never give up\" the fight.",
			[]want{{"mixed", "that it would \"never give up\" the fight", "Mr. Smith", "said"}}},
		{"The ministry said in a statement: \"We reject the claims.\"",
			[]want{{"direct", "We reject the claims.", "The ministry", "said"}}},
		{"He wrote:\n\n“First paragraph goes here.\n\n“Second paragraph ends it.”",
			[]want{{"direct", "First paragraph goes here.\n\n“Second paragraph ends it.", "He", "wrote"}}},
		{"The plan is dead, the senator said.",
			[]want{{"indirect", "The plan is dead", "the senator", "said"}}},
		{"It was a day of rain and wind, and nothing happened.", nil},
		// a long speaker phrase after the closing mark
		{"“Their strategy is very clear,” Michael McFaul, a senior fellow at the Hoover Institution, said.",
			[]want{{"direct", "Their strategy is very clear", "Michael McFaul, a senior fellow at the Hoover Institution", "said"}}},
		// a quote opening mid-sentence: the words before it belong to the content
		{"Not paying taxes “makes me smart,” Mr. Trump said.",
			[]want{{"mixed", "Not paying taxes “makes me smart", "Mr. Trump", "said"}}},
		// a title in quotation marks later in the sentence is no part of the quote
		{"“She just made it up,” he said of the claim during a call to ABC’s “This Week.”",
			[]want{{"direct", "She just made it up", "he", "said"}}},
		// transcript lines and a headline with a colon as cue; a line is
		// direct only in quotation marks closed at its end
		{"Poll: Wealthy Voters Abandon Republican Party\n\nWALLACE: Will she be there?\n\nPENCE: She will not be attending the debate.",
			[]want{{"indirect", "Wealthy Voters Abandon Republican Party", "Poll", ":"},
				{"indirect", "Will she be there?", "WALLACE", ":"},
				{"indirect", "She will not be attending the debate", "PENCE", ":"}}},
		{"“WALLACE: Will she be there?”\n\n“PENCE: She will not be attending the debate.\n\n“WALLACE: Why not?”",
			[]want{{"direct", "Will she be there?", "WALLACE", ":"},
				{"indirect", "She will not be attending the debate", "PENCE", ":"},
				{"direct", "Why not?", "WALLACE", ":"}}},
		// the content ends before a coordinated cue
		{"Trump said he would order a review of the defenses and warned against hackers from China.",
			[]want{{"indirect", "he would order a review of the defenses", "Trump", "said"},
				{"indirect", "against hackers from China", "Trump", "warned"}}},
		// a poll shows any content
		{"A Fox News poll shows Sanders with 47 percent.",
			[]want{{"indirect", "Sanders with 47 percent", "A Fox News poll", "shows"}}},
	}
	for _, c := range cases {
		d := run(t, c.text)
		var got []want
		for _, q := range d.Quotes {
			w := want{kind: q.Kind, content: d.Str(q.Content)}
			if !q.SpeakerSpan.Empty() {
				w.speaker = d.Str(q.SpeakerSpan)
			}
			if !q.Cue.Empty() {
				w.cue = d.Str(q.Cue)
			}
			got = append(got, w)
		}
		if len(got) != len(c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: quote %d\n got %q\nwant %q", c.text, i, got[i], c.want[i])
			}
		}
	}
}

// TestNoLayers: no tokens, no entities — no quotes, no panic.
func TestNoLayers(t *testing.T) {
	d := &doc.Doc{Text: "“Hello,” he said."}
	if err := quotes.Find(d); err != nil || len(d.Quotes) != 0 {
		t.Fatalf("without tokens: %v %v", err, d.Quotes)
	}
	d = run(t, "“Hello there, friends,” he said.")
	if len(d.Quotes) != 1 || d.Quotes[0].Speaker != -1 {
		t.Fatalf("without entities: %+v", d.Quotes)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"“a,” he said, “b”", "\"\"\"", "” x ” said", "‘’‘", "according to", "said, according to,",
		"He said:\n\n“A\n\n“B", "X, who, said", "„Ja“, sagte er.", "« Oui », dit-il."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &doc.Doc{Text: s}
		tokenize.Doc(d)
		if err := quotes.Find(d); err != nil {
			t.Fatal(err)
		}
		for _, q := range d.Quotes {
			if q.Content.Empty() || q.Content.Start < 0 || int(q.Content.End) > len(s) {
				t.Fatalf("bad content %v in %q", q.Content, s)
			}
			for _, sp := range []doc.Span{q.Cue, q.SpeakerSpan} {
				if sp != doc.NoSpan && (sp.Start < 0 || int(sp.End) > len(s) || sp.End < sp.Start) {
					t.Fatalf("bad span %v in %q", sp, s)
				}
			}
		}
	})
}

func TestTypewriterMarks(t *testing.T) {
	d := run(t, "''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist.")
	if len(d.Quotes) != 1 || d.Str(d.Quotes[0].Content) != "This isn't tax reform" || d.Str(d.Quotes[0].SpeakerSpan) != "Douglas Holtz-Eakin" {
		for _, q := range d.Quotes {
			t.Logf("%s %q %v", q.Kind, d.Str(q.Content), q.SpeakerSpan)
		}
		t.Fatal("typewriter marks")
	}
}

// TestParsed: a verb outside the cue lexicon with a clausal complement and a
// named subject is an attribution when the dependency layer is present.
func TestParsed(t *testing.T) {
	d := &doc.Doc{Text: "Clinton reckons the plan will fail."}
	tokenize.Doc(d)
	if len(d.Tokens) != 7 {
		t.Fatalf("%d tokens", len(d.Tokens))
	}
	//                     Clinton reckons  the    plan    will   fail    .
	upos := []string{"PROPN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"}
	head := []int32{1, -1, 3, 5, 5, 1, 1}
	rel := []string{"nsubj", "root", "det", "nsubj", "aux", "ccomp", "punct"}
	for i := range d.Tokens {
		d.Tokens[i].UPOS, d.Tokens[i].Head, d.Tokens[i].Rel = upos[i], head[i], rel[i]
	}
	if err := quotes.Find(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 1 {
		t.Fatalf("got %d quotes", len(d.Quotes))
	}
	q := d.Quotes[0]
	if got := [3]string{d.Str(q.Content), d.Str(q.SpeakerSpan), d.Str(q.Cue)}; got != [3]string{"the plan will fail", "Clinton", "reckons"} {
		t.Fatalf("got %q", got)
	}
	// the same sentence without a parse has no cue
	for i := range d.Tokens {
		d.Tokens[i].Rel = ""
	}
	if err := quotes.Find(d); err != nil || len(d.Quotes) != 0 {
		t.Fatalf("without a parse: %v %d quotes", err, len(d.Quotes))
	}
}

// TestLearned: through the whole pipeline, the model (models/quotes) adds
// attributions of predicates outside the cue lexicon — wants, opposed — with
// the dependent's subtree as content, the subject as speaker and the
// auxiliaries and adverbs before the verb in the cue, as PolNeAR marks it;
// the rules' attribution (believes) stays theirs, once.
func TestLearned(t *testing.T) {
	text := "Donald Trump wants to build a wall on the border with Mexico.\n\n" +
		"Clinton has long opposed the death penalty for drug offenders.\n\n" +
		"The senator believes that the bill will pass next week.\n"
	d, err := reader.Text("t.txt", []byte(text), reader.Options{Verbatim: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := pipeline.Default().Run(d); err != nil {
		t.Fatal(err)
	}
	wants := []want{
		{"indirect", "to build a wall on the border with Mexico", "Donald Trump", "wants"},
		{"indirect", "the death penalty for drug offenders", "Clinton", "has long opposed"},
		{"indirect", "that the bill will pass next week", "The senator", "believes"},
	}
	var got []want
	for _, q := range d.Quotes {
		got = append(got, want{q.Kind, d.Str(q.Content), d.Str(q.SpeakerSpan), d.Str(q.Cue)})
	}
	if len(got) != len(wants) {
		t.Fatalf("got %q\nwant %q", got, wants)
	}
	for i := range got {
		if got[i] != wants[i] {
			t.Errorf("quote %d: got %q, want %q", i, got[i], wants[i])
		}
	}
	// the training examples: no candidate of the rules' cue, one of each
	// other predicate's dependents, features for each
	n, sawWall := 0, false
	quotes.Examples(d, func(c quotes.Cand, feats []uint64) {
		n++
		if d.Form(int(c.Pred)) == "believes" {
			t.Errorf("a candidate of the rules' cue: %+v", c)
		}
		if len(feats) == 0 {
			t.Errorf("no features for %+v", c)
		}
		if d.Form(int(c.Pred)) == "wants" && c.Kind == "xcomp" &&
			d.Text[d.Tokens[c.First].Start:d.Tokens[c.Last-1].End] == "to build a wall on the border with Mexico" {
			sawWall = true
		}
	})
	if n == 0 || !sawWall {
		t.Errorf("%d candidates; the xcomp of wants among them: %v", n, sawWall)
	}
}

// parsedDoc tokenises text and sets the given parse (one entry a token).
func parsedDoc(t *testing.T, text string, upos []string, head []int32, rel []string) *doc.Doc {
	t.Helper()
	d := &doc.Doc{Text: text}
	tokenize.Doc(d)
	if len(d.Tokens) != len(upos) {
		t.Fatalf("%q: %d tokens", text, len(d.Tokens))
	}
	for i := range d.Tokens {
		d.Tokens[i].UPOS, d.Tokens[i].Head, d.Tokens[i].Rel = upos[i], head[i], rel[i]
	}
	return d
}

// TestAdjunctOfTime: with a parse, the content of a cue ends before a
// dependent of the cue verb that says when it was said ("during the
// debate"); without one it runs to the sentence's end.
func TestAdjunctOfTime(t *testing.T) {
	//                Smith    criticized Jones    as     a      fraud   during the    debate  .
	upos := []string{"PROPN", "VERB", "PROPN", "ADP", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT"}
	head := []int32{1, -1, 1, 5, 5, 1, 8, 8, 1, 1}
	rel := []string{"nsubj", "root", "obj", "case", "det", "obl", "case", "det", "obl", "punct"}
	d := parsedDoc(t, "Smith criticized Jones as a fraud during the debate.", upos, head, rel)
	if err := quotes.Find(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 1 || d.Str(d.Quotes[0].Content) != "Jones as a fraud" || d.Str(d.Quotes[0].SpeakerSpan) != "Smith" {
		for _, q := range d.Quotes {
			t.Logf("%q %q", d.Str(q.Content), d.Str(q.SpeakerSpan))
		}
		t.Fatal("the time of the criticism is in its content")
	}
	// a clause of time hanging on the cue: cut; one hanging on a verb of
	// the content: kept
	//                 She    said     the    plan   failed  while  he      was    away    .
	upos = []string{"PRON", "VERB", "DET", "NOUN", "VERB", "SCONJ", "PRON", "AUX", "ADV", "PUNCT"}
	rel = []string{"nsubj", "root", "det", "nsubj", "ccomp", "mark", "nsubj", "cop", "advcl", "punct"}
	for _, c := range []struct {
		advclHead int32
		want      string
	}{{1, "the plan failed"}, {4, "the plan failed while he was away"}} {
		head = []int32{1, -1, 3, 4, 1, 8, 8, 8, c.advclHead, 1}
		d = parsedDoc(t, "She said the plan failed while he was away.", upos, head, rel)
		if err := quotes.Find(d); err != nil {
			t.Fatal(err)
		}
		if len(d.Quotes) != 1 || d.Str(d.Quotes[0].Content) != c.want {
			for _, q := range d.Quotes {
				t.Logf("%q", d.Str(q.Content))
			}
			t.Errorf("advcl on token %d: want %q", c.advclHead, c.want)
		}
	}
	for i := range d.Tokens {
		d.Tokens[i].Rel = ""
	}
	d = run(t, "Smith criticized Jones as a fraud during the debate.")
	if len(d.Quotes) != 1 || d.Str(d.Quotes[0].Content) != "Jones as a fraud during the debate" {
		t.Errorf("without a parse: %d quotes", len(d.Quotes))
	}
}

// TestNoNested: an attribution inside another's content is dropped, as
// PolNeAR annotates only the outer one.
func TestNoNested(t *testing.T) {
	d := run(t, "The spokesman said Trump has long called for lower taxes on small firms.")
	var got []string
	for _, q := range d.Quotes {
		got = append(got, d.Str(q.SpeakerSpan)+": "+d.Str(q.Content))
	}
	if len(got) != 1 || got[0] != "The spokesman: Trump has long called for lower taxes on small firms" {
		t.Errorf("got %q", got)
	}
	// a direct quote inside a report after it stays; the report goes
	d = run(t, "Qureshi said, “We must work together for peace,” the newspaper reported.")
	got = got[:0]
	for _, q := range d.Quotes {
		got = append(got, q.Kind+" "+d.Str(q.SpeakerSpan)+": "+d.Str(q.Content))
	}
	if len(got) != 1 || got[0] != "direct Qureshi: We must work together for peace" {
		t.Errorf("got %q", got)
	}
}

// TestThingEndsAtComma: the content of a cue taking a thing (mentioned,
// praised) ends at its first comma, unless the parse joins what follows to
// the content as a list member or an apposition.
func TestThingEndsAtComma(t *testing.T) {
	d := run(t, "Smith mentioned the delay in his speech, another sign of the feud.")
	if len(d.Quotes) != 1 || d.Str(d.Quotes[0].Content) != "the delay in his speech" {
		for _, q := range d.Quotes {
			t.Logf("%q", d.Str(q.Content))
		}
		t.Error("the content runs past its comma")
	}
	//                Smith    mentioned Jones    ,        Brown    and      Green    in     his     speech  .
	upos := []string{"PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "ADP", "PRON", "NOUN", "PUNCT"}
	head := []int32{1, -1, 1, 4, 2, 6, 2, 9, 9, 1, 1}
	rel := []string{"nsubj", "root", "obj", "punct", "conj", "cc", "conj", "case", "nmod:poss", "obl", "punct"}
	d = parsedDoc(t, "Smith mentioned Jones, Brown and Green in his speech.", upos, head, rel)
	if err := quotes.Find(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 1 || d.Str(d.Quotes[0].Content) != "Jones, Brown and Green in his speech" {
		for _, q := range d.Quotes {
			t.Logf("%q", d.Str(q.Content))
		}
		t.Error("a list in the content is cut")
	}
}
