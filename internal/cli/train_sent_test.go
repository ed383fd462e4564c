package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainSentSmall(t *testing.T) {
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
	if err := trainSent(env, &TrainOpts{Data: data, Out: out, Small: true}); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "pass 1: train boundary F1") {
		t.Fatalf("no score reported:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "sent.bin.gz")); err == nil {
		t.Fatal("smoke run wrote a model into --out")
	}
}
