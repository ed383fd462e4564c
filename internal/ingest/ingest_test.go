package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"dateline/internal/doc"
	"dateline/internal/pipeline"
	"dateline/internal/store"
	"dateline/internal/store/sqlite"
	"dateline/internal/tokenize"
)

var words = strings.Fields(`minister government talks security border trade agreement officials said
	meeting president army rebels capital province election protest court ruling foreign aid sanctions
	ceasefire troops police villagers weapons parliament opposition leader spokesman statement week`)

// corpus writes n distinct articles (plus a duplicate and a bad file) under
// dir and returns the number of good, distinct articles.
func corpus(t testing.TB, dir string, n int) int {
	t.Helper()
	r := rand.New(rand.NewSource(1))
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Story number %d\n\n", i)
		for s := 0; s < 8; s++ {
			for w := 0; w < 12; w++ {
				if w == 0 {
					b.WriteString("The ")
				}
				b.WriteString(words[r.Intn(len(words))])
				b.WriteByte(' ')
			}
			b.WriteString("ended. ")
		}
		where := dir
		if i%3 == 0 {
			where = sub
		}
		if err := os.WriteFile(filepath.Join(where, fmt.Sprintf("story%03d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		if i == 0 { // the same content under another name: skipped
			os.WriteFile(filepath.Join(dir, "copy-of-story000.txt"), []byte(b.String()), 0o644)
		}
	}
	os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("not \xff\xfe UTF-8"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("hidden files are not read"), 0o644)
	return n
}

// slowPipeline tokenises and sleeps, so that a run takes long enough to kill.
func slowPipeline(d time.Duration) *pipeline.Pipeline {
	p, err := pipeline.New(
		pipeline.Stage{Name: "tokenize", Requires: []string{"text"}, Assigns: []string{"tokens", "sentences"},
			Run: func(x *doc.Doc) error { tokenize.Doc(x); return nil }},
		pipeline.Stage{Name: "sleep", Run: func(*doc.Doc) error { time.Sleep(d); return nil }})
	if err != nil {
		panic(err)
	}
	return p
}

func openDB(t testing.TB, path string) store.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) add(file, reason string) {
	p.mu.Lock()
	p.list = append(p.list, filepath.Base(file)+": "+reason)
	p.mu.Unlock()
}

func TestIngest(t *testing.T) {
	dir := t.TempDir()
	n := corpus(t, filepath.Join(dir, "in"), 40)
	s := openDB(t, filepath.Join(dir, "x.db"))
	defer s.Close()
	var probs problems
	var lines []Progress
	opt := Options{Workers: 3, Batch: 7, Pipeline: pipeline.Tokens(), Problem: probs.add,
		Progress: func(p Progress, final bool) {
			if final {
				lines = append(lines, p)
			}
		}}
	p, err := Run(context.Background(), s, []string{filepath.Join(dir, "in")}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if p.Stored != n || p.Skipped != 1 || p.Failed != 1 || p.Files != n+2 || p.FilesDone != n+2 {
		t.Errorf("first run: %+v, want %d stored, 1 skipped, 1 failed", p, n)
	}
	if len(probs.list) != 1 || !strings.HasPrefix(probs.list[0], "bad.txt: ") || !strings.Contains(probs.list[0], "UTF-8") {
		t.Errorf("problems = %q, want bad.txt reported", probs.list)
	}
	if len(lines) != 1 || lines[0].Stored != n {
		t.Errorf("final progress = %+v", lines)
	}
	st, _ := s.Stats(context.Background())
	if st.Articles != n || st.Sentences < n {
		t.Errorf("stats %+v", st)
	}
	// Again: nothing new.
	p, err = Run(context.Background(), s, []string{filepath.Join(dir, "in")}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if p.Stored != 0 || p.Skipped != n+1 {
		t.Errorf("second run: %+v, want 0 stored, %d skipped", p, n+1)
	}
	st2, _ := s.Stats(context.Background())
	if st2 != st {
		t.Errorf("second run changed the store: %+v -> %+v", st, st2)
	}
	// Standard input and a missing path.
	probs.list = nil
	opt.Stdin = strings.NewReader("A story from standard input. It has two sentences.")
	p, err = Run(context.Background(), s, []string{"-", filepath.Join(dir, "missing")}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if p.Stored != 1 || p.Failed != 1 || len(probs.list) != 1 || !strings.Contains(probs.list[0], "missing") {
		t.Errorf("stdin run: %+v, problems %q", p, probs.list)
	}
}

func TestLine(t *testing.T) {
	p := Progress{Files: 10, FilesDone: 5, Bytes: 1000, BytesDone: 500, Read: 50, Stored: 50, Elapsed: 2 * time.Second}
	if got := Line(p); got != "5/10 files  50 stored  0 skipped  0 failed  25.0 articles/s  ETA 2s" {
		t.Errorf("Line = %q", got)
	}
	// Half the input read, half of that stored: a quarter done.
	p.Stored = 25
	if got := p.ETA(); got != 6*time.Second {
		t.Errorf("ETA = %v, want 6s", got)
	}
}

// TestKillAndResume kills an ingest child process with SIGKILL halfway, runs
// ingest again, and checks the final counts equal a clean run's.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	n := corpus(t, in, 150)
	ctx := context.Background()

	// Clean run.
	clean := openDB(t, filepath.Join(dir, "clean.db"))
	defer clean.Close()
	if _, err := Run(ctx, clean, []string{in}, Options{Workers: 2, Batch: 5, Pipeline: pipeline.Tokens()}); err != nil {
		t.Fatal(err)
	}
	want, _ := clean.Stats(ctx)
	if want.Articles != n {
		t.Fatalf("clean run stored %d, want %d", want.Articles, n)
	}

	// Killed run: a child process ingests slowly; kill it once some batches are in.
	db := filepath.Join(dir, "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$", "-test.v")
	cmd.Env = append(os.Environ(), "DATELINE_INGEST_CHILD="+db, "DATELINE_INGEST_IN="+in)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(50 * time.Second)
	var got store.Stats
	for {
		time.Sleep(20 * time.Millisecond)
		if s, err := sqlite.Open(ctx, db); err == nil {
			got, _ = s.Stats(ctx)
			s.Close()
		}
		if got.Articles >= 30 || time.Now().After(deadline) {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if got.Articles < 30 || got.Articles >= n {
		t.Fatalf("child stored %d articles before the kill; want some, not all (output: %s)", got.Articles, out.String())
	}
	s := openDB(t, db)
	defer s.Close()
	mid, _ := s.Stats(ctx)
	if mid.Articles >= n {
		t.Fatalf("killed run finished anyway (%d articles)", mid.Articles)
	}
	p, err := Run(ctx, s, []string{in}, Options{Workers: 2, Batch: 5, Pipeline: pipeline.Tokens()})
	if err != nil {
		t.Fatal(err)
	}
	final, _ := s.Stats(ctx)
	if final != want {
		t.Errorf("after kill -9 and re-run: %+v; clean run: %+v", final, want)
	}
	if p.Stored != n-mid.Articles {
		t.Errorf("re-run stored %d, want %d (killed run had %d)", p.Stored, n-mid.Articles, mid.Articles)
	}
	t.Logf("killed at %d of %d articles; re-run stored %d", mid.Articles, n, p.Stored)
}

// TestIngestChild is the child process of TestKillAndResume.
func TestIngestChild(t *testing.T) {
	db := os.Getenv("DATELINE_INGEST_CHILD")
	if db == "" {
		t.Skip("run by TestKillAndResume")
	}
	s := openDB(t, db)
	defer s.Close()
	// After 60 articles the analysis stalls, so however fast or slow this
	// machine (or the race detector) is, the parent's kill lands mid-run.
	var analysed atomic.Int32
	p, err := pipeline.New(
		pipeline.Stage{Name: "tokenize", Requires: []string{"text"}, Assigns: []string{"tokens", "sentences"},
			Run: func(x *doc.Doc) error { tokenize.Doc(x); return nil }},
		pipeline.Stage{Name: "stall", Run: func(*doc.Doc) error {
			if analysed.Add(1) > 60 {
				time.Sleep(time.Minute)
			}
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), s, []string{os.Getenv("DATELINE_INGEST_IN")},
		Options{Workers: 2, Batch: 5, Pipeline: p})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCancel(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	n := corpus(t, in, 60)
	s := openDB(t, filepath.Join(dir, "x.db"))
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel once the first batch is stored (as Ctrl-C would, mid-run).
	p, err := Run(ctx, s, []string{in}, Options{Workers: 2, Batch: 4, Pipeline: slowPipeline(10 * time.Millisecond),
		Tick: time.Millisecond, Progress: func(p Progress, final bool) {
			if p.Stored > 0 {
				cancel()
			}
		}})
	if err == nil {
		t.Fatalf("cancelled run returned no error (%+v)", p)
	}
	st, _ := s.Stats(context.Background())
	// Everything analysed before the cancel is stored.
	if st.Articles != p.Stored || st.Articles == 0 || st.Articles >= n {
		t.Errorf("cancelled: stored %d, store has %d of %d", p.Stored, st.Articles, n)
	}
}

// TestBadAnalysis: an article whose analysis panics, or gives spans outside
// its text, is reported and skipped; the rest are stored.
func TestBadAnalysis(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	n := corpus(t, in, 20)
	s := openDB(t, filepath.Join(dir, "x.db"))
	defer s.Close()
	p, err := pipeline.New(
		pipeline.Stage{Name: "tokenize", Requires: []string{"text"}, Assigns: []string{"tokens", "sentences"},
			Run: func(x *doc.Doc) error { tokenize.Doc(x); return nil }},
		pipeline.Stage{Name: "broken", Run: func(x *doc.Doc) error {
			is := func(k string) bool { return x.Title == k || strings.HasPrefix(x.Text, k+"\n") }
			switch {
			case is("Story number 3"):
				panic("index out of range")
			case is("Story number 5"):
				x.Times = append(x.Times, doc.Time{Span: doc.Span{Start: 0, End: int32(len(x.Text) + 10)}, Type: "DATE"})
			}
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	var probs problems
	r, err := Run(context.Background(), s, []string{in}, Options{Workers: 2, Batch: 4, Pipeline: p, Problem: probs.add})
	if err != nil {
		t.Fatal(err)
	}
	if r.Stored != n-2 || r.Failed != 3 { // two bad analyses and bad.txt
		t.Errorf("%+v, want %d stored, 3 failed; problems %q", r, n-2, probs.list)
	}
	got := strings.Join(probs.list, "\n")
	if !strings.Contains(got, "story003.txt: broken: analysis failed: index out of range") ||
		!strings.Contains(got, "story005.txt: analysis gave an article that cannot be stored: time 0: span") {
		t.Errorf("problems:\n%s", got)
	}
}

// refusing is a store that refuses any batch holding the article titled bad.
type refusing struct {
	store.Store
	bad string
}

func (r refusing) Put(ctx context.Context, batch []*doc.Doc) (store.PutResult, error) {
	for _, d := range batch {
		if r.bad == "*" || d.Title == r.bad || strings.HasPrefix(d.Text, r.bad+"\n") {
			return store.PutResult{}, fmt.Errorf("constraint failed")
		}
	}
	return r.Store.Put(ctx, batch)
}

// TestBatchRetry: when the database refuses a batch, its articles are stored
// one by one and only the refused one is reported.
func TestBatchRetry(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	n := corpus(t, in, 20)
	s := openDB(t, filepath.Join(dir, "x.db"))
	defer s.Close()
	var probs problems
	r, err := Run(context.Background(), refusing{s, "Story number 7"}, []string{in},
		Options{Workers: 2, Batch: 6, Pipeline: pipeline.Tokens(), Problem: probs.add})
	if err != nil {
		t.Fatal(err)
	}
	if r.Stored != n-1 || r.Failed != 2 || !strings.Contains(strings.Join(probs.list, "\n"), "story007.txt: not stored: constraint failed") {
		t.Errorf("%+v; problems %q", r, probs.list)
	}
	// A store that refuses everything stops the run with its error.
	s2 := openDB(t, filepath.Join(dir, "y.db"))
	defer s2.Close()
	_, err = Run(context.Background(), refusing{s2, "*"}, []string{in}, Options{Pipeline: pipeline.Tokens(), Batch: 5})
	if err == nil || !strings.Contains(err.Error(), "constraint failed") {
		t.Errorf("store refusing everything: error %v", err)
	}
}

// TestProblemsAsMet: the problems of an input are reported as they are met,
// not gathered until the input ends: an input of millions of bad JSONL lines
// used to hold every problem in memory (5 million lines of 13 bytes: 1.7 GB).
func TestProblemsAsMet(t *testing.T) {
	dir := t.TempDir()
	s := openDB(t, filepath.Join(dir, "x.db"))
	defer s.Close()
	pr, pw := io.Pipe()
	reported := make(chan string, 10)
	opt := Options{Workers: 1, Pipeline: pipeline.Tokens(), Stdin: pr,
		Problem: func(file, reason string) { reported <- file + ": " + reason }}
	done := make(chan Progress)
	go func() {
		p, err := Run(context.Background(), s, []string{"-"}, opt)
		if err != nil {
			t.Error(err)
		}
		done <- p
	}()
	// More than the 4 KiB the format is detected from, then a bad line.
	long := strings.Repeat("Officials met on Monday. They talked. ", 150)
	io.WriteString(pw, `{"title":"First","text":"`+long+`"}`+"\n"+`{"title":"Broken","text":`+"\n")
	select {
	case r := <-reported:
		if r != "<stdin>: line 2: not a JSON object: unexpected end of JSON input (byte 25)" {
			t.Errorf("problem %q", r)
		}
	case <-time.After(10 * time.Second):
		t.Error("the bad line was not reported before the input ended")
	}
	io.WriteString(pw, `{"title":"Third","text":"The minister spoke on Tuesday. She left."}`+"\n")
	pw.Close()
	if p := <-done; p.Stored != 2 || p.Failed != 1 {
		t.Errorf("%+v, want 2 stored, 1 failed", p)
	}
}

// TestWalkSymlinks: in a folder, a symbolic link to a file is read and a
// broken link or a link to a folder is reported; both used to be skipped
// without a word.
func TestWalkSymlinks(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(filepath.Join(in, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "story.txt"), []byte("A story."), 0o644)
	os.WriteFile(filepath.Join(in, "a.txt"), []byte("Another story."), 0o644)
	for link, target := range map[string]string{"linked.txt": "../story.txt", "broken.txt": "../nope.txt", "folder": "sub"} {
		if err := os.Symlink(target, filepath.Join(in, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	inputs, errs := Walk([]string{in})
	var got []string
	for _, x := range inputs {
		got = append(got, filepath.Base(x.path))
	}
	if strings.Join(got, " ") != "a.txt linked.txt" {
		t.Errorf("inputs %q, want a.txt linked.txt", got)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, strings.TrimPrefix(e.Error(), in+string(filepath.Separator)))
	}
	sort.Strings(msgs)
	if len(msgs) != 2 || !strings.HasPrefix(msgs[0], "stat ") || !strings.Contains(msgs[0], "broken.txt: no such file") ||
		!strings.Contains(msgs[1], "folder: a symbolic link to a folder") {
		t.Errorf("errors %q", msgs)
	}
}

// TestWalkStdinOnce: standard input named twice is read once and the second
// naming reported: two readers used to read it at the same time, sharing its
// bytes between them.
func TestWalkStdinOnce(t *testing.T) {
	inputs, errs := Walk([]string{"-", "-"})
	if len(inputs) != 1 || inputs[0].path != "-" || len(errs) != 1 || !strings.Contains(errs[0].Error(), "named more than once") {
		t.Errorf("inputs %v, errors %v", inputs, errs)
	}
}
