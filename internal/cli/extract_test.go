package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/internal/doc"
	"dateline/internal/formats"
	"dateline/internal/reader"
)

// TestExtractOutputShape: one article prints as one indented object, two or
// more as JSON lines (decided by the consumer; run with -race).
func TestExtractOutputShape(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("A headline here\n\nLONDON — The minister met the envoy on Monday. Reading: x\n"), 0o644)
	os.WriteFile(b, []byte("Officials met on Tuesday. They talked.\n"), 0o644)
	run := func(args ...string) (string, int) {
		var out, errb bytes.Buffer
		code := Run(context.Background(), append([]string{"extract"}, args...), strings.NewReader(""), &out, &errb)
		if code != 0 {
			t.Logf("stderr: %s", errb.String())
		}
		return out.String(), code
	}
	one, code := run("--published", "2024-01-02", a)
	if code != 0 || !strings.HasPrefix(one, "{\n  ") {
		t.Fatalf("one article: code %d, output %.80q", code, one)
	}
	var art struct {
		Title    string
		Dateline struct{ Place string }
		Text     string
	}
	if err := json.Unmarshal([]byte(one), &art); err != nil || art.Title != "A headline here" || art.Dateline.Place != "London" {
		t.Fatalf("one article: %v %+v", err, art)
	}
	two, code := run(a, b)
	lines := strings.Split(strings.TrimSpace(two), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("two articles: code %d, %d lines", code, len(lines))
	}
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Fatalf("not a JSON line: %.80q", l)
		}
	}
	jl, _ := run("--jsonl", b)
	if strings.Count(strings.TrimSpace(jl), "\n") != 0 || !json.Valid([]byte(jl)) {
		t.Fatalf("--jsonl: %.80q", jl)
	}
	// a bad input among good ones: reported, the others printed, exit 1
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("ab\xffcd"), 0o644)
	out, code := run(a, bad, b)
	if code != 1 || len(strings.Split(strings.TrimSpace(out), "\n")) != 2 {
		t.Fatalf("bad input: code %d, output %q", code, out)
	}
}

func TestCountWordsLikeWc(t *testing.T) {
	for s, want := range map[string]int{"": 0, "  ": 0, "one": 1, " Blinken met\tQureshi\n\n in  New York. ": 6, "a\u00a0b": 2} {
		if got := countWords(s); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestExtractSkippedArticlesFail: an input some of whose articles cannot be
// read (a bad JSONL line) prints the others, names the file and line of the
// bad one, and exits 1; it used to exit 0 because the input as a whole was read.
func TestExtractSkippedArticlesFail(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "dump.jsonl")
	os.WriteFile(in, []byte(`{"title":"One","text":"Officials met on Monday in Paris. They talked."}
{"title":"Broken","text":"unterminated
{"title":"Three","text":"The minister spoke on Tuesday. She left."}
`), 0o644)
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"extract", in}, strings.NewReader(""), &out, &errb)
	if code != 1 {
		t.Errorf("exit code %d, want 1 (stderr %q)", code, errb.String())
	}
	if n := len(strings.Split(strings.TrimSpace(out.String()), "\n")); n != 2 {
		t.Errorf("%d articles printed, want 2", n)
	}
	if !strings.Contains(errb.String(), in+": line 2: not a JSON object") {
		t.Errorf("stderr does not name the file and line: %q", errb.String())
	}
}

// TestExtractStreamsInput: the articles of an input reach analysis as they
// are read, not once the whole input is read (a JSONL dump or a WARC crawl
// was held in memory whole before the first article was analysed).
func TestExtractStreamsInput(t *testing.T) {
	pr, pw := io.Pipe()
	got := make(chan string, 10)
	env := &Env{Ctx: context.Background(), Stdin: pr, Stdout: io.Discard, Stderr: io.Discard}
	done := make(chan []string)
	go func() {
		var titles []string
		readInput(env, "-", reader.Options{}, func(*formats.Error) {}, func(d *doc.Doc) error {
			got <- d.Title
			titles = append(titles, d.Title)
			return nil
		})
		done <- titles
	}()
	// More than the 4 KiB the format is detected from.
	long := strings.Repeat("Officials met on Monday. They talked. ", 150)
	io.WriteString(pw, `{"title":"First story","text":"`+long+`"}`+"\n")
	select {
	case title := <-got:
		if title != "First story" {
			t.Errorf("first article %q", title)
		}
	case <-time.After(10 * time.Second):
		t.Error("the first article was not emitted before the input ended")
	}
	io.WriteString(pw, `{"title":"Second story","text":"The minister spoke on Tuesday. She left."}`+"\n")
	pw.Close()
	if titles := <-done; len(titles) != 2 {
		t.Errorf("articles %q, want 2", titles)
	}
}

// TestExtractStdinTwice: "-" named twice is a usage error; the second read
// used to find standard input empty and report "<stdin>: no article text
// found".
func TestExtractStdinTwice(t *testing.T) {
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"extract", "-", "-"}, strings.NewReader("Officials met on Monday. They talked."), &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "named 2 times") || out.Len() != 0 {
		t.Errorf("exit code %d, stderr %q, output %q", code, errb.String(), out.String())
	}
}
