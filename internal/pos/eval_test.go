package pos

import (
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestEvalFull trains on the full training data and reports dev figures.
// Run with DATELINE_EVAL=1 (minutes).
func TestEvalFull(t *testing.T) {
	if os.Getenv("DATELINE_EVAL") == "" {
		t.Skip("set DATELINE_EVAL=1")
	}
	train := readData(t, "ud-ewt/en_ewt-ud-train.conllu.gz")
	ewt := train
	if os.Getenv("POS_EWT2") != "" {
		train = append(append([]Sentence(nil), ewt...), ewt...)
	}
	if os.Getenv("POS_GUM") != "" {
		train = append(train, readData(t, "gum/en_gum-ccby-train.conllu.gz")...)
	}
	dev := readData(t, "ud-ewt/en_ewt-ud-dev.conllu")
	folds := 0
	if os.Getenv("POS_FOLDS") != "" {
		folds = 5
	}
	iters := 12
	if os.Getenv("POS_ITERS") != "" {
		iters = 8
	}
	m, rep, err := Train(train, TrainOptions{Iters: iters, Dev: dev, Log: os.Stderr, Folds: folds})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("best pass %d: dev UPOS %.2f XPOS %.2f lemma %.2f; %d features %d weights; %v",
		rep.BestIter, 100*rep.DevUPOS, 100*rep.DevXPOS, 100*rep.DevLemma, rep.Features, rep.Weights, rep.Took)
	gdev := readData(t, "gum/en_gum-ccby-dev.conllu")
	t.Logf("GUM dev: %v", m.Evaluate(gdev))
	if p := os.Getenv("POS_OUT"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		m.WriteTo(f)
		f.Close()
	}
}

// TestLemmaErrors trains the lemmatiser as `dateline train pos` does (EWT and
// GUM train) and, for comparison, on EWT train alone, and reports lemma
// accuracy with gold XPOS on EWT dev and GUM dev, and the commonest EWT dev
// errors of the first.
func TestLemmaErrors(t *testing.T) {
	if os.Getenv("DATELINE_EVAL") == "" {
		t.Skip("set DATELINE_EVAL=1")
	}
	ewt := readData(t, "ud-ewt/en_ewt-ud-train.conllu.gz")
	gum := readData(t, "gum/en_gum-ccby-train.conllu.gz")
	dev := readData(t, "ud-ewt/en_ewt-ud-dev.conllu")
	gumDev := readData(t, "gum/en_gum-ccby-dev.conllu")
	accuracy := func(l *Lemmatizer, sents []Sentence, errs map[string]int) float64 {
		ok, n := 0, 0
		for _, s := range sents {
			for i, f := range s.Forms {
				n++
				if got := l.Lemma(f, s.XPOS[i]); got == s.Lemmas[i] {
					ok++
				} else if errs != nil {
					errs[f+" "+s.XPOS[i]+" "+got+" → "+s.Lemmas[i]]++
				}
			}
		}
		return 100 * float64(ok) / float64(n)
	}
	for _, src := range []struct {
		name  string
		sents []Sentence
	}{{"EWT+GUM train", append(append([]Sentence(nil), ewt...), gum...)}, {"EWT train", ewt}} {
		xs := map[string]bool{}
		var ex []lemmaExample
		for n, s := range src.sents {
			for i := range s.Forms {
				xs[s.XPOS[i]] = true
				ex = append(ex, lemmaExample{s.Forms[i], s.XPOS[i], s.Lemmas[i], n >= len(ewt)})
			}
		}
		var xpos []string
		for x := range xs {
			xpos = append(xpos, x)
		}
		l := trainLemmatizer(xpos, ex, 2)
		errs := map[string]int{}
		t.Logf("%s: lemma accuracy with gold XPOS: EWT dev %.2f, GUM dev %.2f",
			src.name, accuracy(l, dev, errs), accuracy(l, gumDev, nil))
		if src.name == "EWT+GUM train" {
			keys := make([]string, 0, len(errs))
			for e := range errs {
				keys = append(keys, e)
			}
			sort.Slice(keys, func(i, j int) bool {
				return errs[keys[i]] > errs[keys[j]] || errs[keys[i]] == errs[keys[j]] && keys[i] < keys[j]
			})
			for _, e := range keys[:min(40, len(keys))] {
				t.Logf("%d %s", errs[e], e)
			}
		}
	}
}

// TestPruneSweep prunes the model in $POS_MODEL at several thresholds and
// reports dev accuracy and size.
func TestPruneSweep(t *testing.T) {
	p := os.Getenv("POS_MODEL")
	if p == "" || os.Getenv("DATELINE_EVAL") == "" {
		t.Skip("set DATELINE_EVAL=1 POS_MODEL=file")
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Load(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	dev := readData(t, "ud-ewt/en_ewt-ud-dev.conllu")
	ap, ap2 := m.ap, m.ap2
	for _, th := range []float32{0, 0.1, 0.3, 0.5, 1, 2} {
		m.ap = ap.Prune(th)
		if ap2 != nil {
			m.ap2 = ap2.Prune(th)
		}
		start := time.Now()
		sc := m.Evaluate(dev)
		t.Logf("prune %.1f: %d features %d weights; %v; %v", th, m.ap.NumFeatures(), m.ap.NumWeights(), sc, time.Since(start))
	}
}

// TestConfusions prints the commonest UPOS errors of $POS_MODEL on EWT dev.
func TestConfusions(t *testing.T) {
	p := os.Getenv("POS_MODEL")
	if p == "" || os.Getenv("DATELINE_EVAL") == "" {
		t.Skip("set DATELINE_EVAL=1 POS_MODEL=file")
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Load(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	dev := readData(t, "ud-ewt/en_ewt-ud-dev.conllu")
	conf := map[string]int{}
	words := map[string]int{}
	unk, unkErr, n, errs := 0, 0, 0, 0
	for _, s := range dev {
		up, _, _ := m.TagForms(s.Forms)
		for i := range up {
			n++
			_, known := m.ambIdx[strings.ToLower(s.Forms[i])]
			if !known {
				unk++
			}
			if up[i] != s.UPOS[i] {
				errs++
				if !known {
					unkErr++
				}
				conf[s.UPOS[i]+"→"+up[i]]++
				words[s.Forms[i]+" "+s.UPOS[i]+"→"+up[i]]++
			}
		}
	}
	t.Logf("%d words, %d errors; %d words not in the ambiguity lexicon with %d errors", n, errs, unk, unkErr)
	type kv struct {
		k string
		v int
	}
	top := func(m map[string]int, k int) []kv {
		var out []kv
		for a, b := range m {
			out = append(out, kv{a, b})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].v > out[j].v })
		if len(out) > k {
			out = out[:k]
		}
		return out
	}
	for _, e := range top(conf, 25) {
		t.Logf("%5d %s", e.v, e.k)
	}
	for _, e := range top(words, 40) {
		t.Logf("%5d %s", e.v, e.k)
	}
}
