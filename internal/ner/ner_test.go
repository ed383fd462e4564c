package ner

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/internal/doc"
	"dateline/internal/proc"
	"dateline/models"
)

// sharedData finds ../shared/data walking up from the package directory; it
// skips the test when absent, unless CI=true.
func sharedData(t testing.TB) string {
	dir, _ := os.Getwd()
	for i := 0; i < 6; i++ {
		p := filepath.Join(dir, "shared", "data")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		dir = filepath.Dir(dir)
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("../shared/data not found")
	}
	t.Skip("../shared/data not found")
	return ""
}

func openData(t testing.TB, rel string) io.Reader {
	p := filepath.Join(sharedData(t), rel)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if strings.HasSuffix(p, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		return z
	}
	return f
}

func TestMentionsFromIOB(t *testing.T) {
	cases := []struct {
		tags string
		want string
	}{
		{"I-PER I-PER O I-LOC", "PER0-2 LOC3-4"},
		{"B-PER I-PER B-PER O", "PER0-2 PER2-3"},
		{"I-ORG I-LOC I-LOC", "ORG0-1 LOC1-3"},
		{"O I-MISC B-MISC I-MISC", "MISC1-2 MISC2-4"},
		{"S-LOC B-PER E-PER U-ORG", "LOC0-1 PER1-3 ORG3-4"},
	}
	for _, c := range cases {
		ms, err := mentionsFromIOB(strings.Fields(c.tags))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range ms {
			got = append(got, fmt.Sprintf("%s%d-%d", m.Type, m.Start, m.End))
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: got %s, want %s", c.tags, g, c.want)
		}
	}
	if _, err := mentionsFromIOB([]string{"X-PER"}); err == nil {
		t.Error("bad prefix accepted")
	}
}

func TestBILOU(t *testing.T) {
	ms := []Mention{{0, 2, "PER"}, {3, 4, "LOC"}, {4, 7, "ORG"}}
	labels := bilou(7, ms)
	prev := -1
	for i, l := range labels {
		if !valid(prev, l, i == len(labels)-1) {
			t.Fatalf("label %d at %d invalid after %d", l, i, prev)
		}
		prev = l
	}
	back := spans(labels)
	if fmt.Sprint(back) != fmt.Sprint(ms) {
		t.Fatalf("round trip: %v != %v", back, ms)
	}
}

func TestReadGUMEntities(t *testing.T) {
	const s = "# newdoc id = d1\n# sent_id = 1\n" +
		"1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(1-place-new-x-x-2,3-sgl-United_States\n" +
		"2\tUnited\tUnited\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n" +
		"3\tStates\tStates\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)\n" +
		"4\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
		"5\tPresident\tPresident\tPROPN\tNNP\t_\t6\tcompound\t_\tEntity=(2-person-new-x-x-1,2-coref\n" +
		"6\tBiden\tBiden\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=2)\n" +
		"7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n" +
		"8\tEnglish\tEnglish\tPROPN\tNNP\t_\t4\tobl\t_\tEntity=(3-abstract-new-x-x-1-sgl)\n" +
		"9\tthe\tthe\tDET\tDT\t_\t10\tdet\t_\tEntity=(4-organization-new-x-x-2-sgl\n" +
		"10\tgovernment\tgovernment\tNOUN\tNN\t_\t4\tobl\t_\tEntity=4)\n\n"
	docs, err := ReadGUM(strings.NewReader(s), "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Sents) != 1 {
		t.Fatalf("got %d docs", len(docs))
	}
	got := fmt.Sprint(docs[0].Sents[0].Gold)
	if want := "[{1 3 LOC} {5 6 PER}]"; got != want {
		t.Errorf("gold %s, want %s", got, want)
	}
	if u := docs[0].Sents[0].Unsure; u == nil || !u[7] || u[9] {
		t.Errorf("unsure %v: want English unsure, government not", u)
	}
}

func TestReadersRejectBadInput(t *testing.T) {
	if _, err := ReadCoNLL2003(strings.NewReader("EU NNP I-NP Q-ORG\n"), "bad"); err == nil || !strings.Contains(err.Error(), "bad") {
		t.Errorf("bad tag: err %v", err)
	}
	if _, err := ReadUNER(strings.NewReader("1\tx\n"), "bad"); err == nil {
		t.Error("short UNER line accepted")
	}
	if _, err := ReadGUM(strings.NewReader("1\tx\n"), "bad"); err == nil {
		t.Error("short CoNLL-U line accepted")
	}
	if _, err := Load(strings.NewReader("nonsense"), "bad"); err == nil {
		t.Error("bad model accepted")
	}
}

func FuzzReadGUM(f *testing.F) {
	f.Add("1\tA\ta\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(1-person-new-x-x-1-sgl)\n")
	f.Add("1\tA\ta\tPROPN\tNNP\t_\t0\troot\t_\tEntity=((((1)))2)-(\n2\tB\tb\tX\tX\t_\t9\tx\t_\tEntity=1)\n")
	f.Add("1\tA\ta\tPROPN\tNNP\t_\t0\troot\t_\tEntity=)(\n")
	f.Fuzz(func(t *testing.T, s string) {
		docs, err := ReadGUM(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, x := range d.Sents {
				for _, m := range x.Gold {
					if m.Start < 0 || m.End > len(x.Words) || m.Start >= m.End {
						t.Fatalf("bad mention %v in %d words", m, len(x.Words))
					}
				}
			}
		}
	})
}

func FuzzReadCoNLL2003(f *testing.F) {
	f.Add("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n")
	f.Add("a b\n\nc B-X\nd E-X\n")
	f.Add("# c\n1\tx\tB-LOC\t-\t-\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, read := range []func(io.Reader, string) ([]Document, error){ReadCoNLL2003, ReadUNER} {
			docs, err := read(strings.NewReader(s), "fuzz")
			if err != nil {
				continue
			}
			for _, d := range docs {
				for _, x := range d.Sents {
					labels := bilou(len(x.Words), x.Gold)
					if len(labels) != len(x.Words) {
						t.Fatal("label count")
					}
				}
			}
		}
	})
}

func FuzzLoad(f *testing.F) {
	m := tinyModel(f)
	var b bytes.Buffer
	m.WriteTo(&b)
	f.Add(b.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		m.TagDocument([][]string{{"Mr", "Smith", "went", "to", "Paris", "."}})
	})
}

// toyDocs is a small hand-made corpus for tests that need no shared data.
func toyDocs() []Document {
	var docs []Document
	names := []struct{ per, org, loc string }{
		{"John Smith", "Acme Corp", "Paris"}, {"Mary Jones", "Globex", "London"},
		{"Ahmed Khan", "United Nations", "Kabul"}, {"Li Wei", "Reuters", "Beijing"},
	}
	for i := 0; i < 40; i++ {
		n := names[i%len(names)]
		var words []string
		var gold []Mention
		add := func(s, typ string) {
			w := strings.Fields(s)
			gold = append(gold, Mention{len(words), len(words) + len(w), typ})
			words = append(words, w...)
		}
		add(n.per, "PER")
		words = append(words, "of")
		add(n.org, "ORG")
		words = append(words, "said", "in")
		add(n.loc, "LOC")
		words = append(words, "on", "Monday", ".")
		docs = append(docs, Document{ID: fmt.Sprint(i), Sents: []Sent{{Words: words, Gold: gold}}})
	}
	return docs
}

func tinyModel(t testing.TB) *Model {
	m, err := Train(toyDocs(), TrainConfig{Iters: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainSaveLoadRecognize(t *testing.T) {
	m := tinyModel(t)
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Load(bytes.NewReader(b.Bytes()), "mem")
	if err != nil {
		t.Fatal(err)
	}
	if back.NumFeatures() != m.NumFeatures() || back.NumFeatures() == 0 {
		t.Fatalf("features %d after load, %d before", back.NumFeatures(), m.NumFeatures())
	}
	sc := Evaluate(back, toyDocs())
	if f := sc.F1(); f < 0.99 {
		t.Errorf("training-set F1 %.3f after reload", f)
	}
	// Recognize on a Doc: tokens and names set, IOB2 well-formed.
	d := docOf("Mary Jones of Globex said in London on Monday .", "John Smith went home .")
	back.Recognize(d)
	var got []string
	for _, n := range d.Names {
		got = append(got, n.Type+":"+d.Str(n.Span))
	}
	if g := strings.Join(got, " "); g != "PER:Mary Jones ORG:Globex LOC:London PER:John Smith" {
		t.Errorf("names: %s", g)
	}
	if d.Tokens[0].NER != "B-PER" || d.Tokens[1].NER != "I-PER" || d.Tokens[2].NER != "O" {
		t.Errorf("tags %q %q %q", d.Tokens[0].NER, d.Tokens[1].NER, d.Tokens[2].NER)
	}
}

// docOf builds a Doc of space-separated sentences.
func docOf(sents ...string) *doc.Doc {
	d := &doc.Doc{}
	var b strings.Builder
	for _, s := range sents {
		first := int32(len(d.Tokens))
		for _, w := range strings.Fields(s) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			st := int32(b.Len())
			b.WriteString(w)
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: st, End: int32(b.Len())}, Head: -1})
		}
		last := int32(len(d.Tokens))
		d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: d.Tokens[first].Start, End: d.Tokens[last-1].End}, First: first, Last: last})
	}
	d.Text = b.String()
	return d
}

// TestEmbeddedModel checks the shipped model: it loads fast, and on the
// first 40 documents of CoNLL-2003 testa (dev) it finds names well.
func TestEmbeddedModel(t *testing.T) {
	start := time.Now()
	m, err := Default()
	if err != nil {
		t.Skipf("no embedded model yet: %v", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("model took %v to load", el)
	}
	docs, err := ReadCoNLL2003(openData(t, "conll2003/eng.testa"), "eng.testa")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) > 40 {
		docs = docs[:40]
	}
	if f := Evaluate(m, docs).F1(); f < 0.80 {
		t.Errorf("testa (first 40 docs) F1 %.3f, want ≥ 0.80", f)
	}
	d := docOf("Angela Merkel met officials of the European Union in Brussels on Tuesday .")
	if err := Recognize(d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range d.Names {
		got = append(got, n.Type+":"+d.Str(n.Span))
	}
	if g := strings.Join(got, " "); g != "PER:Angela Merkel ORG:European Union LOC:Brussels" {
		t.Errorf("names: %s", g)
	}
}

func TestSmallTrainingOnSharedData(t *testing.T) {
	docs, err := ReadCoNLL2003(openData(t, "conll2003/eng.train.gz"), "eng.train")
	if err != nil {
		t.Fatal(err)
	}
	gum, err := ReadGUM(openData(t, "gum/en_gum-ccby-train.conllu.gz"), "gum")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 946 || len(gum) != 128 {
		t.Fatalf("read %d CoNLL and %d GUM documents, want 946 and 128", len(docs), len(gum))
	}
	uner, err := ReadUNER(openData(t, "uner-ewt/en_ewt-ud-dev.iob2"), "uner")
	if err != nil {
		t.Fatal(err)
	}
	nm := 0
	for _, d := range uner {
		for _, s := range d.Sents {
			nm += len(s.Gold)
		}
	}
	if nm != 966 {
		t.Errorf("UNER dev: %d names, want 966", nm)
	}
}

func BenchmarkRecognize(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Skip(err)
	}
	docs, err := ReadCoNLL2003(openData(b, "conll2003/eng.testa"), "eng.testa")
	if err != nil {
		b.Fatal(err)
	}
	var ds []*doc.Doc
	words := 0
	for _, x := range docs[:50] {
		var sents []string
		for _, s := range x.Sents {
			sents = append(sents, strings.Join(s.Words, " "))
			words += len(s.Words)
		}
		ds = append(ds, docOf(sents...))
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := proc.CPUTime()
	for i := 0; i < b.N; i++ {
		for _, d := range ds {
			m.Recognize(d)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	if c := proc.CPUTime() - cpu; c > 0 {
		// On a shared machine wall-clock throughput understates the code;
		// this is words per CPU-second of this process.
		b.ReportMetric(float64(words)*float64(b.N)/c.Seconds(), "words/cpu-s")
	}
}

// BenchmarkLoad measures reading the embedded model (gunzip, decode, table).
func BenchmarkLoad(b *testing.B) {
	if _, err := Default(); err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := models.Open("ner")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Load(r, "ner"); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/load")
}

// TestDevFigures scores the embedded model on the whole of CoNLL-2003 testa
// and UNER EWT dev (both dev splits). Run with DATELINE_EVAL=1.
func TestDevFigures(t *testing.T) {
	if os.Getenv("DATELINE_EVAL") == "" {
		t.Skip("set DATELINE_EVAL=1")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	testa, err := ReadCoNLL2003(openData(t, "conll2003/eng.testa"), "eng.testa")
	if err != nil {
		t.Fatal(err)
	}
	uner, err := ReadUNER(openData(t, "uner-ewt/en_ewt-ud-dev.iob2"), "uner dev")
	if err != nil {
		t.Fatal(err)
	}
	a, u := Evaluate(m, testa), Evaluate(m, uner)
	t.Logf("CoNLL-2003 testa F1 %.2f (PER/ORG/LOC %.2f); UNER EWT dev PER/ORG/LOC F1 %.2f",
		100*a.F1(), 100*a.F1("PER", "ORG", "LOC"), 100*u.F1("PER", "ORG", "LOC"))
	if a.F1() < 0.90 || u.F1("PER", "ORG", "LOC") < 0.595 {
		t.Errorf("below the figures in models/ner.md (testa 90.43, UNER dev 60.02)")
	}
}

func TestKBTagsAndHistory(t *testing.T) {
	var buf [2][]byte
	var ts []tok
	for _, w := range strings.Fields("Troops left Pakistan for the United Nations office , John said .") {
		ts = append(ts, makeTok(w, &buf, nil))
	}
	_, codes := kbTags(ts, nil, nil)
	pak := codes[2]
	if pak == 0 || labelPos(int(pak)) != posU {
		t.Errorf("Pakistan: kb code %d, want a one-word match", pak)
	}
	if codes[0] != 0 && labelPos(int(codes[0])) == posU && codes[0] == pak {
		t.Errorf("Troops coded like a country")
	}
	if codes[5] == 0 || labelPos(int(codes[5])) != posB || codes[6] == 0 || labelPos(int(codes[6])) != posL {
		t.Errorf("United Nations: kb codes %d %d, want a two-word match", codes[5], codes[6])
	}
	if codes[1] != 0 || codes[4] != 0 {
		t.Errorf("common words matched: %v", codes)
	}
	if !ts[9].given || ts[0].given {
		t.Errorf("given names: John %v, Troops %v", ts[9].given, ts[0].given)
	}
	st := newDocState()
	if st.histCode(ts[2].hLower) != 0 {
		t.Error("history before any label")
	}
	labels := make([]int, len(ts))
	labels[2] = label(typeIndex("LOC"), posU)
	st.remember(ts, labels)
	st.remember(ts, labels)
	loc := st.histCode(ts[2].hLower)
	if loc != uint64(1+2*typeIndex("LOC"))+1 {
		t.Errorf("unanimous LOC history: code %d", loc)
	}
	labels[2] = 0
	st.remember(ts, labels)
	if c := st.histCode(ts[2].hLower); c != loc-1 {
		t.Errorf("LOC twice, O once: code %d, want %d", c, loc-1)
	}
}

// Skipping plain words outside names changes nothing on names that have
// lower-case words inside them or around them.
func TestPlainWordSkipKeepsNames(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := [][]string{
		strings.Fields("The Bank of England raised rates on Thursday , the governor said ."),
		strings.Fields("She studied at the University of California before joining the Ministry of Foreign Affairs ."),
		strings.Fields("Ludwig van Beethoven and Leonardo da Vinci were mentioned by the officials in Roe v. Wade ."),
		strings.Fields("the prime minister of Pakistan met president Joe Biden in the White House"),
	}
	fast := m.TagDocument(sents)
	scoreEveryWord = true
	slow := m.TagDocument(sents)
	scoreEveryWord = false
	for i := range sents {
		if fmt.Sprint(fast[i]) != fmt.Sprint(slow[i]) {
			t.Errorf("sentence %d: skipping gives %v, scoring every word %v", i, fast[i], slow[i])
		}
	}
	if !containsMention(fast[0], 1, 4, "ORG") {
		t.Errorf("Bank of England not found: %v", fast[0])
	}
}

func containsMention(ms []Mention, start, end int, typ string) bool {
	for _, m := range ms {
		if m.Start == start && m.End == end && m.Type == typ {
			return true
		}
	}
	return false
}

// splitDoc tokenises s at spaces and around hyphens inside words, as UD does
// ("al-Sadr" is three tokens with no space between them).
func splitDoc(s string) *doc.Doc {
	d := &doc.Doc{Text: s}
	start := -1
	flush := func(i int) {
		if start >= 0 {
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: int32(start), End: int32(i)}, Head: -1})
			start = -1
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			flush(i)
		case '-':
			flush(i)
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: int32(i), End: int32(i + 1)}, Head: -1})
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(s))
	d.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: int32(len(s))}, First: 0, Last: int32(len(d.Tokens))}}
	return d
}

func TestCompoundEnd(t *testing.T) {
	d := splitDoc("Muqtada al-Sadr met Iraq - Iran envoys in Tel Aviv-Yafo-Jaffa -")
	form := func(k int) string { return d.Form(k) }
	glued := func(k int) bool { return d.Tokens[k+1].Start == d.Tokens[k].End }
	var words []string
	for i := 0; i < len(d.Tokens); {
		j := compoundEnd(i, len(d.Tokens), form, glued)
		words = append(words, d.Str(doc.Span{Start: d.Tokens[i].Start, End: d.Tokens[j-1].End}))
		i = j
	}
	got := strings.Join(words, "|")
	if want := "Muqtada|al-Sadr|met|Iraq|-|Iran|envoys|in|Tel|Aviv-Yafo-Jaffa|-"; got != want {
		t.Errorf("words %s, want %s", got, want)
	}
}

// TestRecognizeSplitCompound: a name written with a hyphen is found whole
// when the tokenizer split the hyphen off, and every token of it is tagged.
func TestRecognizeSplitCompound(t *testing.T) {
	if _, err := Default(); err != nil {
		t.Skipf("no embedded model yet: %v", err)
	}
	d := splitDoc("The cleric Muqtada al-Sadr spoke in Baghdad on Friday .")
	if err := Recognize(d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range d.Names {
		got = append(got, n.Type+":"+d.Str(n.Span))
	}
	if g := strings.Join(got, " "); g != "PER:Muqtada al-Sadr LOC:Baghdad" {
		t.Errorf("names: %s", g)
	}
	var tags []string
	for i := range d.Tokens {
		tags = append(tags, d.Tokens[i].NER)
	}
	if g := strings.Join(tags[2:6], " "); g != "B-PER I-PER I-PER I-PER" {
		t.Errorf("tags of Muqtada al - Sadr: %s", g)
	}
}

func TestJoinCompounds(t *testing.T) {
	s := Sent{
		Words:  []string{"Muqtada", "al", "-", "Sadr", "visited", "Anglo", "-", "Iraqi", "talks", "in", "Basra", "-", "Iraq"},
		Gold:   []Mention{{0, 4, "PER"}, {10, 11, "LOC"}},
		Unsure: []bool{false, false, false, false, false, true, false, false, false, false, false, false, false},
	}
	glued := []bool{false, true, true, false, false, true, true, false, false, false, true, true, false}
	got := joinCompounds(s, glued)
	if w := strings.Join(got.Words, "|"); w != "Muqtada|al-Sadr|visited|Anglo-Iraqi|talks|in|Basra|-|Iraq" {
		t.Errorf("words %s", w)
	}
	if g := fmt.Sprint(got.Gold); g != "[{0 2 PER} {6 7 LOC}]" {
		t.Errorf("gold %s", g)
	}
	if len(got.Unsure) != len(got.Words) || !got.Unsure[3] || got.Unsure[0] {
		t.Errorf("unsure %v", got.Unsure)
	}
	if same := joinCompounds(s, glued[:3]); len(same.Words) != len(s.Words) {
		t.Error("flags of another length changed the sentence")
	}
}

// joinCase is a sentence (words split at spaces), the recogniser's names in
// it, and the names a join rule should leave.
type joinCase struct {
	text     string
	in, want []Mention
}

func checkJoin(t *testing.T, join func([]Mention, []tok) []Mention, cases []joinCase) {
	t.Helper()
	var buf [2][]byte
	for _, c := range cases {
		var ts []tok
		for _, w := range strings.Fields(c.text) {
			ts = append(ts, makeTok(w, &buf, nil))
		}
		got := join(append([]Mention(nil), c.in...), ts)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
}

// TestJoinParticles: two names joined by name particles are one name, of the
// first one's type; other words between names keep them apart.
func TestJoinParticles(t *testing.T) {
	checkJoin(t, joinParticles, []joinCase{
		{"with Prince Faisal bin Farhan , who", []Mention{{1, 3, "PER"}, {4, 5, "PER"}}, []Mention{{1, 5, "PER"}}},
		{"at the Palais des Nations in Geneva", []Mention{{2, 3, "MISC"}, {4, 5, "PER"}, {6, 7, "LOC"}}, []Mention{{2, 5, "MISC"}, {6, 7, "LOC"}}},
		{"Ursula von der Leyen said", []Mention{{0, 1, "PER"}, {3, 4, "PER"}}, []Mention{{0, 4, "PER"}}},
		{"Americans do Thanksgiving", []Mention{{0, 1, "MISC"}, {2, 3, "MISC"}}, []Mention{{0, 1, "MISC"}, {2, 3, "MISC"}}},
		{"France and Germany", []Mention{{0, 1, "LOC"}, {2, 3, "LOC"}}, []Mention{{0, 1, "LOC"}, {2, 3, "LOC"}}},
		{"Paris de la de Lyon", []Mention{{0, 1, "LOC"}, {4, 5, "LOC"}}, []Mention{{0, 1, "LOC"}, {4, 5, "LOC"}}},
	})
}

// TestJoinAcronym: "X and Y" followed by the acronym of both is one name.
func TestJoinAcronym(t *testing.T) {
	checkJoin(t, joinAcronym, []joinCase{
		{"the National Intelligence and Security Agency , or NISA , said", []Mention{{1, 3, "ORG"}, {4, 6, "ORG"}, {9, 10, "ORG"}}, []Mention{{1, 6, "ORG"}, {9, 10, "ORG"}}},
		{"the Food and Drug Administration ( FDA ) said", []Mention{{1, 2, "ORG"}, {3, 5, "ORG"}, {6, 7, "ORG"}}, []Mention{{1, 5, "ORG"}, {6, 7, "ORG"}}},
		{"Iran and Saudi Arabia ( KSA ) met", []Mention{{0, 1, "LOC"}, {2, 4, "LOC"}, {5, 6, "LOC"}}, []Mention{{0, 1, "LOC"}, {2, 4, "LOC"}, {5, 6, "LOC"}}},
	})
}
