package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/testshared"
)

// TestTrainSmall runs every registered trainer's smoke run (a few hundred
// sentences, one pass, a temporary folder), which reloads the model and
// scores it, and checks that the score is reported and that nothing is written
// into --out.
func TestTrainSmall(t *testing.T) {
	data := testshared.Path(t, "data")
	reports := map[string]string{
		"depparse": "EWT dev",
		"ner":      "CoNLL testa F1",
		"pos":      "EWT dev UPOS",
		"quotes":   "shipped model: dev predicates",
		"sent":     "pass 1: train boundary F1",
	}
	for name, tr := range trainers {
		want, ok := reports[name]
		if !ok {
			t.Errorf("trainer %q has no smoke test: add what its report says", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			var stderr bytes.Buffer
			env := &Env{Stderr: &stderr, Stdout: &bytes.Buffer{}}
			out := t.TempDir()
			if err := tr.run(env, &TrainOpts{Data: data, Out: out, Small: true}); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			if !strings.Contains(stderr.String(), want) {
				t.Fatalf("no score reported (want %q):\n%s", want, stderr.String())
			}
			if _, err := os.Stat(filepath.Join(out, name+".bin.gz")); err == nil {
				t.Fatal("smoke run wrote a model into --out")
			}
		})
	}
}
