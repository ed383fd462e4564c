package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/store/sqlite"
)

// TestServe starts dateline serve on a free loopback port, asks it for the
// stats, then stops it as SIGINT would (the context ends) and expects a clean
// exit.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, pw)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`http://[0-9.:]+/`).FindString(line)
	if m == "" || !strings.Contains(line, "read-only") {
		t.Fatalf("start line %q", line)
	}
	resp, err := http.Get(m + "api/stats")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("stats: %d", resp.StatusCode)
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit code %d after shutdown", c)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	for _, args := range [][]string{{"serve", "--db", db, "--token", "short"}, {"serve", "--db", db, "--addr", "nope"},
		{"serve", "--db", filepath.Join(t.TempDir(), "missing.db")}, {"serve", "extra"}} {
		if c := Run(context.Background(), args, strings.NewReader(""), io.Discard, io.Discard); c == 0 {
			t.Errorf("%q: exit 0", args)
		}
	}
}
