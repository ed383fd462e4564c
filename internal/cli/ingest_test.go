package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestIngestQueryExport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(filepath.Join(in, "sub"), 0o755)
	stories := []string{
		"Pakistan's Foreign Minister Shah Mahmood Qureshi met Antony Blinken in New York on Thursday.\n\nThey discussed Afghanistan.",
		"Heavy rain flooded roads across the province on Sunday.\n\nSchools stayed closed as rivers rose.",
		"The court ruled on the election dispute on Monday.\n\nThe opposition leader said he would appeal.",
	}
	for i, s := range stories {
		where := in
		if i == 2 {
			where = filepath.Join(in, "sub")
		}
		os.WriteFile(filepath.Join(where, "s"+string(rune('a'+i))+".txt"), []byte(s), 0o644)
	}
	os.WriteFile(filepath.Join(in, "bad.txt"), []byte("bad \xff"), 0o644)
	db := filepath.Join(dir, "x.db")

	_, errs, code := run(t, "", "ingest", "--db", db, "--published", "2021-09-24", in)
	if code != 1 || !strings.Contains(errs, "bad.txt: ") || !strings.Contains(errs, "3 stored") {
		t.Fatalf("ingest: code %d, stderr %q", code, errs)
	}
	if runtime.GOOS == "linux" && !regexp.MustCompile(`, peak memory [1-9][0-9]* MB\n`).MatchString(errs) {
		t.Errorf("the summary does not report peak memory: %q", errs)
	}
	_, errs, code = run(t, "From standard input, a fourth story about trade talks.", "ingest", "--db", db, "-")
	if code != 0 || !strings.Contains(errs, "1 stored") {
		t.Fatalf("ingest -: code %d, stderr %q", code, errs)
	}
	_, errs, code = run(t, `{"text": "A JSONL story read with a forced format, about fishing boats.", "published": "2020-05-06"}`,
		"ingest", "--db", db, "--format", "jsonl", "-")
	if code != 0 || !strings.Contains(errs, "1 stored") {
		t.Fatalf("ingest --format jsonl -: code %d, stderr %q", code, errs)
	}
	out, _, _ := run(t, "", "query", "articles", "--db", db, "--from", "2020-05-06", "--to", "2020-05-06", "--csv")
	if !strings.Contains(out, "2020-05-06") {
		t.Errorf("JSONL story's own date not stored:\n%s", out)
	}
	_, errs, code = run(t, "", "ingest", "--db", db, filepath.Join(in, "sa.txt"), filepath.Join(in, "sub"))
	if code != 0 || !strings.Contains(errs, "0 stored") || !strings.Contains(errs, "2 already stored") {
		t.Fatalf("ingest again: code %d, stderr %q", code, errs)
	}

	out, errs, code = run(t, "", "query", "articles", "--db", db, "--json")
	var arts []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &arts) != nil || len(arts) != 5 {
		t.Fatalf("query articles --json: code %d, %d articles, stderr %q, out %s", code, len(arts), errs, out)
	}
	out, _, code = run(t, "", "query", "articles", "--db", db, "--from", "2021-09-24", "--to", "2021-09-24", "--csv")
	if code != 0 || strings.Count(out, "\n") != 4 || !strings.HasPrefix(out, "ID,PUBLISHED,TITLE") {
		t.Errorf("query articles --csv by date: code %d\n%s", code, out)
	}
	out, _, code = run(t, "", "query", "--db", db, "stats")
	if code != 0 || !strings.Contains(out, "articles") {
		t.Errorf("query stats: %d %s", code, out)
	}
	for _, kind := range []string{"events", "quotes", "entities", "happenings"} {
		out, errs, code = run(t, "", "query", kind, "--db", db, "--json")
		var rows []any
		if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
			t.Errorf("query %s --json: code %d, stderr %q, out %q", kind, code, errs, out)
		}
	}
	out, _, code = run(t, "", "search", "--db", db, "rivers", "rose")
	if code != 0 || !strings.Contains(out, "[rivers] [rose]") {
		t.Errorf("search: code %d\n%s", code, out)
	}
	out, _, code = run(t, "", "export", "--db", db, "--format", "jsonl")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 5 {
		t.Fatalf("export jsonl: code %d, %d lines", code, len(lines))
	}
	var a struct {
		Schema    int              `json:"schema"`
		Text      string           `json:"text"`
		Sentences []map[string]int `json:"sentences"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &a); err != nil || a.Schema != 1 || a.Text == "" || len(a.Sentences) == 0 {
		t.Errorf("export jsonl line: %v %+v", err, a)
	}
	out, _, code = run(t, "", "export", "--db", db, "--format", "gdelt")
	if code != 0 || !strings.HasPrefix(out, "GLOBALEVENTID\tSQLDATE\t") {
		t.Errorf("export gdelt: code %d\n%s", code, out)
	}
	out, _, code = run(t, "", "export", "--db", db, "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "article,event,date,type") {
		t.Errorf("export csv: code %d\n%s", code, out)
	}

	// Misuse.
	for _, args := range [][]string{
		{"query", "things", "--db", db},
		{"query", "events", "--db", db, "--from", "Sept"},
		{"query", "events", "--db", filepath.Join(dir, "missing.db")},
		{"export", "--db", db, "--format", "xml"},
		{"search", "--db", db},
		{"ingest", "--db", db},
		{"ingest", "--db", db, "--format", "pdf", in},
	} {
		if _, _, code := run(t, "", args...); code == 0 {
			t.Errorf("%q: exit 0", args)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("query created a missing database")
	}
}
