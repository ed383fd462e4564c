package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainNERSmall(t *testing.T) {
	data := ""
	for _, p := range []string{"../../../shared/data", "../../shared/data"} {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			data = p
			break
		}
	}
	if data == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("../shared/data not found")
		}
		t.Skip("../shared/data not found")
	}
	var stderr bytes.Buffer
	env := &Env{Stderr: &stderr, Stdout: &bytes.Buffer{}}
	out := t.TempDir()
	if err := trainNER(env, &TrainOpts{Data: data, Out: out, Small: true}); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "CoNLL testa F1") {
		t.Fatalf("no dev score reported:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "ner.bin.gz")); err == nil {
		t.Fatal("smoke run wrote a model into --out")
	}
}
