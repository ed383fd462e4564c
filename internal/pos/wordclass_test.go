package pos

import (
	"bytes"
	"errors"
	"testing"
)

// TestWordClasses trains a small model with word-class features and checks
// that the classes are learned, saved and loaded, and used alike after
// loading.
func TestWordClasses(t *testing.T) {
	train := readData(t, "ud-ewt/en_ewt-ud-train.conllu.gz")[:1500]
	dev := readData(t, "ud-ewt/en_ewt-ud-dev.conllu")[:300]
	var raw [][]string
	for _, s := range train {
		raw = append(raw, s.Forms)
	}
	m, rep, err := Train(train, TrainOptions{Iters: 2, Dev: dev, Raw: raw, Clusters: 16, Lookahead: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.DevUPOS < 0.80 {
		t.Fatalf("small model dev UPOS %.3f, want >= 0.80", rep.DevUPOS)
	}
	// Frequent words have a cluster; "the" is never capitalised mid-sentence.
	v, ok := m.wcls["the"]
	if !ok || wcCluster(v) == 0 || wcCase(v) == 0 {
		t.Fatalf(`word class of "the": %x (found %v)`, v, ok)
	}
	if len(m.wcls) < 500 {
		t.Fatalf("only %d words have word classes", len(m.wcls))
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(m2.wcls) != len(m.wcls) || m2.wcls["the"] != v || m2.look != 2 {
		t.Fatalf("word classes after loading: %d words, want %d", len(m2.wcls), len(m.wcls))
	}
	a, b := m.Evaluate(dev), m2.Evaluate(dev)
	if d := a.UPOS - b.UPOS; d > 0.002 || d < -0.002 {
		t.Fatalf("save/load changed scores: %v → %v", a, b)
	}
	// A model without the word-class features scores differently: the
	// features are in use.
	m3, _, err := Train(train, TrainOptions{Iters: 2})
	if err != nil {
		t.Fatal(err)
	}
	if c := m3.Evaluate(dev); c.UPOS == a.UPOS && c.XPOS == a.XPOS {
		t.Logf("with and without word classes score the same (%v)", c)
	}
	data := buf.Bytes()
	if _, err := Load(bytes.NewReader(data[:len(data)-3])); !errors.Is(err, ErrFormat) {
		t.Fatalf("truncated word classes: err %v", err)
	}
}
