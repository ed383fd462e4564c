package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsAfterArguments: a flag after the arguments is a flag, as in most
// tools: "dateline train quotes -h" prints help and trains nothing, and
// "dateline extract a.txt --jsonl" writes JSONL; after "--" all are arguments.
func TestFlagsAfterArguments(t *testing.T) {
	var out, errb bytes.Buffer
	dir := t.TempDir()
	code := Run(context.Background(), []string{"train", "quotes", "-out", dir, "-h"}, strings.NewReader(""), &out, &errb)
	if code != 0 || !strings.Contains(errb.String(), "usage: dateline train") {
		t.Fatalf("train quotes -h: code %d, stderr %.200q", code, errb.String())
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("train quotes -h wrote %d files", len(ents))
	}
	a := filepath.Join(dir, "a.txt")
	os.WriteFile(a, []byte("Officials met on Tuesday. They talked.\n"), 0o644)
	out.Reset()
	errb.Reset()
	if code := Run(context.Background(), []string{"extract", a, "--jsonl"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("extract a.txt --jsonl: code %d: %s", code, errb.String())
	}
	if s := out.String(); strings.Count(s, "\n") != 1 || !strings.HasPrefix(s, "{\"schema\"") {
		t.Errorf("extract a.txt --jsonl: want one JSON line, got %.120q", s)
	}
	out.Reset()
	errb.Reset()
	code = Run(context.Background(), []string{"extract", "--", "--jsonl"}, strings.NewReader(""), &out, &errb)
	if code == 0 || !strings.Contains(errb.String(), "--jsonl") {
		t.Errorf("extract -- --jsonl: want the file \"--jsonl\" not found, got code %d, %q", code, errb.String())
	}
}
