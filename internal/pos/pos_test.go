package pos

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/doc"
)

// dataDir finds ../shared/data walking up from the working directory.
func dataDir(t testing.TB) string {
	dir, _ := os.Getwd()
	for i := 0; i < 6; i++ {
		p := filepath.Join(dir, "shared", "data")
		if _, err := os.Stat(filepath.Join(p, "ud-ewt")); err == nil {
			return p
		}
		p = filepath.Join(dir, "..", "shared", "data")
		if _, err := os.Stat(filepath.Join(p, "ud-ewt")); err == nil {
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

func readData(t testing.TB, rel string) []Sentence {
	s, err := ReadFile(filepath.Join(dataDir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTrainSmallRoundTrip(t *testing.T) {
	train := readData(t, "ud-ewt/en_ewt-ud-train.conllu.gz")
	dev := readData(t, "ud-ewt/en_ewt-ud-dev.conllu")[:300]
	m, rep, err := Train(train, TrainOptions{Iters: 2, MaxSentences: 1500, Dev: dev, Folds: 2, FoldIters: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.DevUPOS < 0.80 {
		t.Fatalf("small model dev UPOS %.3f, want >= 0.80", rep.DevUPOS)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	a, b := m.Evaluate(dev), m2.Evaluate(dev)
	if d := a.UPOS - b.UPOS; d > 0.002 || d < -0.002 || a.Lemma != b.Lemma {
		t.Fatalf("save/load changed scores: %v → %v", a, b)
	}
	// TagDoc on a document agrees with TagForms.
	forms := dev[0].Forms
	d := &doc.Doc{Text: strings.Join(forms, " ")}
	off := int32(0)
	for _, f := range forms {
		d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: off, End: off + int32(len(f))}})
		off += int32(len(f)) + 1
	}
	d.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: int32(len(d.Text))}, First: 0, Last: int32(len(forms))}}
	m2.TagDoc(d)
	up, xp, lem := m2.TagForms(forms)
	for i := range forms {
		tk := d.Tokens[i]
		if tk.UPOS != up[i] || tk.XPOS != xp[i] || tk.Lemma != lem[i] || tk.UPOS == "" {
			t.Fatalf("token %d: doc %s/%s/%s forms %s/%s/%s", i, tk.UPOS, tk.XPOS, tk.Lemma, up[i], xp[i], lem[i])
		}
	}
	// Concurrent use gives the same tags as sequential use.
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				s := dev[k]
				up2, _, lem2 := m2.TagForms(s.Forms)
				up1, _, lem1 := m.TagForms(s.Forms)
				for i := range up1 {
					if up1[i] != up2[i] || lem1[i] != lem2[i] {
						errs <- s.Forms[i]
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatalf("concurrent tagging differs at %q", e)
	}
	// Bad input is an error, not a panic.
	data := buf.Bytes()
	for _, n := range []int{0, 3, 10, len(data) / 2, len(data) - 1} {
		if _, err := Load(bytes.NewReader(data[:n])); !errors.Is(err, ErrFormat) {
			t.Fatalf("truncated at %d: err %v", n, err)
		}
	}
}

func TestLemmaRules(t *testing.T) {
	ex := []lemmaExample{
		{"dogs", "NNS", "dog", false}, {"cats", "NNS", "cat", false}, {"studies", "NNS", "study", false}, {"flies", "NNS", "fly", false},
		{"walked", "VBD", "walk", false}, {"talked", "VBD", "talk", false}, {"went", "VBD", "go", false},
		{"The", "DT", "the", false}, {"the", "DT", "the", false}, {"Paris", "NNP", "Paris", false}, {"London", "NNP", "London", false},
	}
	l := trainLemmatizer([]string{"DT", "NNP", "NNS", "VBD"}, ex, 1)
	for _, c := range []struct{ form, xpos, want string }{
		{"birds", "NNS", "bird"}, {"Birds", "NNS", "bird"}, {"parties", "NNS", "party"},
		{"jumped", "VBD", "jump"}, {"went", "VBD", "go"}, {"Berlin", "NNP", "Berlin"},
		{"THE", "DT", "the"}, {"dogs", "XX", "dogs"},
	} {
		if got := l.Lemma(c.form, c.xpos); got != c.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", c.form, c.xpos, got, c.want)
		}
	}
}

// TestLemmaPastForms: the past tense learns from the past participle's
// examples ("repeated" is "repeat" whatever its tag), and a secondary corpus
// fills in words the primary lacks without overruling the ones it has.
func TestLemmaPastForms(t *testing.T) {
	ex := []lemmaExample{
		// VBD alone ties between the two ways of "-eated"
		{"created", "VBD", "create", false}, {"treated", "VBD", "treat", false},
		{"defeated", "VBN", "defeat", false}, {"seated", "VBN", "seat", false},
		{"United", "NNP", "United", false},
		{"United", "NNP", "Unite", true}, {"United", "NNP", "Unite", true},
		{"Oxfam", "NNP", "Oxfam", true}, {"geese", "NNS", "goose", true},
	}
	l := trainLemmatizer([]string{"NNP", "NNS", "VBD", "VBN"}, ex, 2)
	for _, c := range []struct{ form, xpos, want string }{
		{"repeated", "VBD", "repeat"}, {"repeated", "VBN", "repeat"}, {"created", "VBD", "create"},
		{"United", "NNP", "United"}, {"geese", "NNS", "goose"},
	} {
		if got := l.Lemma(c.form, c.xpos); got != c.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", c.form, c.xpos, got, c.want)
		}
	}
}

func FuzzLoad(f *testing.F) {
	train := []Sentence{{Forms: []string{"dogs", "ran"}, UPOS: []string{"NOUN", "VERB"}, XPOS: []string{"NNS", "VBD"}, Lemmas: []string{"dog", "run"}}}
	m, _, err := Train(train, TrainOptions{Iters: 1})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	m.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(fileMagic))
	raw := [][]string{{"dogs", "ran"}, {"the", "dogs", "ran"}, {"dogs", "ran", "the"}, {"Dogs", "ran"}}
	mw, _, err := Train(train, TrainOptions{Iters: 1, Raw: raw, Clusters: 2, Lookahead: 2})
	if err != nil {
		f.Fatal(err)
	}
	buf.Reset()
	mw.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		m.TagForms([]string{"The", "dogs", "ran", "."})
	})
}

// TestDefaultTag runs the pipeline stage with the embedded model.
func TestDefaultTag(t *testing.T) {
	start := time.Now()
	if _, err := Default(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("model load took %v", took)
	}
	forms := []string{"The", "minister", "said", "on", "Tuesday", "that", "the", "talks", "had", "failed", "."}
	d := &doc.Doc{Text: strings.Join(forms, " ")}
	off := int32(0)
	for _, f := range forms {
		d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: off, End: off + int32(len(f))}})
		off += int32(len(f)) + 1
	}
	d.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: int32(len(d.Text))}, First: 0, Last: int32(len(forms))}}
	if err := Tag(d); err != nil {
		t.Fatal(err)
	}
	want := []struct{ upos, xpos, lemma string }{
		{"DET", "DT", "the"}, {"NOUN", "NN", "minister"}, {"VERB", "VBD", "say"}, {"ADP", "IN", "on"},
		{"PROPN", "NNP", "Tuesday"}, {"SCONJ", "IN", "that"}, {"DET", "DT", "the"}, {"NOUN", "NNS", "talk"}, {"AUX", "VBD", "have"},
		{"VERB", "VBN", "fail"}, {"PUNCT", ".", "."},
	}
	for i, w := range want {
		tk := d.Tokens[i]
		if tk.UPOS != w.upos || tk.XPOS != w.xpos || tk.Lemma != w.lemma {
			t.Errorf("%s: got %s/%s/%s, want %s/%s/%s", forms[i], tk.UPOS, tk.XPOS, tk.Lemma, w.upos, w.xpos, w.lemma)
		}
	}
}
