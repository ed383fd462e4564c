package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/pipeline"
	"dateline/internal/reader"
	"dateline/internal/store"
	"dateline/internal/store/sqlite"
)

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
)

func defaultPipeline() *pipeline.Pipeline {
	pipeOnce.Do(func() { pipe = pipeline.Default() })
	return pipe
}

// testDocs reads and analyses the invented stories in testdata/articles; the
// publication date is the file name's first ten characters.
func testDocs(t testing.TB) []*doc.Doc {
	t.Helper()
	files, err := filepath.Glob("testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("testdata/articles: %v (%d files)", err, len(files))
	}
	p := defaultPipeline()
	var docs []*doc.Doc
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := reader.Text(f, data, reader.Options{Published: filepath.Base(f)[:10]})
		if err != nil {
			t.Fatal(err)
		}
		d.Source.URL = "https://news.example/" + strings.TrimSuffix(filepath.Base(f), ".txt")
		if err := p.Run(d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(d.Events) == 0 {
			fixtureEvents(t, d, filepath.Base(f))
		}
		docs = append(docs, d)
	}
	// The network needs events between actors; if the pipeline coded none,
	// the fixture's are added.
	linked := false
	for _, d := range docs {
		for _, e := range d.Events {
			linked = linked || len(e.Actors) > 1 || len(e.Actors) > 0 && len(e.Recipients) > 0
		}
	}
	if !linked {
		for i, d := range docs {
			fixtureEvents(t, d, filepath.Base(files[i]))
		}
	}
	return docs
}

// testStore builds an SQLite database of the test stories in a temp folder.
func testStore(t testing.TB) (store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Put(context.Background(), testDocs(t)); err != nil {
		t.Fatal(err)
	}
	return st, path
}

type answer struct {
	status int
	ctype  string
	body   []byte
}

func do(t testing.TB, h http.Handler, method, target string, body []byte, hdr ...string) answer {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return answer{w.Code, w.Header().Get("Content-Type"), w.Body.Bytes()}
}

// checkSchema validates a JSON answer against openapi.json.
func checkSchema(t *testing.T, sp *spec, method, target string, a answer) any {
	t.Helper()
	path := strings.SplitN(target, "?", 2)[0]
	sch, err := sp.responseSchema(method, path, a.status, a.ctype)
	if err != nil {
		t.Errorf("%s %s: %v", method, target, err)
		return nil
	}
	var v any
	if err := json.Unmarshal(a.body, &v); err != nil {
		t.Errorf("%s %s: %v", method, target, err)
		return nil
	}
	for _, e := range sp.validate(sch, v, "$") {
		t.Errorf("%s %s: %s", method, target, e)
	}
	return v
}

func TestAPI(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, CacheTTL: -1})
	sp := loadSpec(t)
	get := func(target string) any {
		t.Helper()
		a := do(t, h, "GET", target, nil)
		if a.status != 200 {
			t.Fatalf("GET %s: %d %s", target, a.status, a.body)
		}
		return checkSchema(t, sp, "GET", target, a)
	}
	stats := get("/api/stats").(map[string]any)
	if stats["articles"].(float64) != 4 || stats["events"].(float64) == 0 || stats["quotes"].(float64) == 0 {
		t.Errorf("stats: %v", stats)
	}
	evs := get("/api/events?limit=1000").(map[string]any)["items"].([]any)
	if len(evs) == 0 {
		t.Fatal("no events")
	}
	// Pagination: two pages of one make the first two events.
	p1 := get("/api/events?limit=1").(map[string]any)
	if len(evs) > 1 && (p1["next"] == nil || p1["next"].(float64) != 1) {
		t.Errorf("page 1 next: %v", p1["next"])
	}
	p2 := get("/api/events?limit=1&offset=1").(map[string]any)
	if len(evs) > 1 && !jsonEqual(p2["items"].([]any)[0], evs[1]) {
		t.Errorf("page 2: %v, want %v", p2["items"], evs[1])
	}
	last := get("/api/events?limit=1000&offset=" + itoa(len(evs)-1)).(map[string]any)
	if last["next"] != nil || len(last["items"].([]any)) != 1 {
		t.Errorf("last page: %v", last)
	}
	for _, target := range []string{"/api/happenings", "/api/quotes", "/api/entities", "/api/articles",
		"/api/events?type=consult&from=2026-03-01&to=2026-03-31", "/api/quotes?actor=Ferreira",
		"/api/entities?type=PERSON", "/api/search?q=river", "/api/timeline", "/api/network?limit=50",
		"/api/articles/1", "/api/events?actor=Brandt&country=CHE"} {
		get(target)
	}
	qs := get("/api/quotes?actor=Ferreira").(map[string]any)["items"].([]any)
	if len(qs) == 0 {
		t.Errorf("no quotes by Ferreira")
	}
	if hits := get("/api/search?q=dam").(map[string]any)["items"].([]any); len(hits) != 2 {
		t.Errorf("search dam: %d hits, want 2", len(hits))
	}
	tl := get("/api/timeline").(map[string]any)
	if len(tl["days"].([]any)) < 2 || len(tl["series"].([]any)) == 0 {
		t.Errorf("timeline: %v", tl)
	}
	net := get("/api/network").(map[string]any)
	if len(net["edges"].([]any)) == 0 {
		t.Errorf("network has no edges: %v", net)
	}
	// The article view: every event's evidence lies in the text.
	view := get("/api/articles/1").(map[string]any)["article"].(map[string]any)
	text := []rune(view["text"].(string))
	for _, e := range view["events"].([]any) {
		for _, ev := range e.(map[string]any)["evidence"].([]any) {
			tr := ev.(map[string]any)["trigger"].(map[string]any)
			s, e := int(tr["start"].(float64)), int(tr["end"].(float64))
			if string(text[s:e]) != tr["text"] {
				t.Errorf("evidence %q at %d-%d is %q in the text", tr["text"], s, e, string(text[s:e]))
			}
		}
	}
	if len(view["removed"].([]any)) == 0 {
		t.Errorf("article 1: the promo line was not removed")
	}
	// Downloads.
	a := do(t, h, "GET", "/api/events?format=csv", nil)
	if a.status != 200 || !strings.HasPrefix(a.ctype, "text/csv") || bytes.Count(a.body, []byte("\n")) != len(evs)+1 {
		t.Errorf("csv: %d %s %d lines, want %d", a.status, a.ctype, bytes.Count(a.body, []byte("\n")), len(evs)+1)
	}
	a = do(t, h, "GET", "/api/quotes?format=jsonl", nil)
	lines := bytes.Split(bytes.TrimSpace(a.body), []byte("\n"))
	for _, l := range lines {
		var v any
		if err := json.Unmarshal(l, &v); err != nil {
			t.Errorf("jsonl line %q: %v", l, err)
			continue
		}
		for _, e := range sp.validate(map[string]any{"$ref": "#/components/schemas/Quote"}, v, "$") {
			t.Error("jsonl:", e)
		}
	}
	// The page and the description.
	if a := do(t, h, "GET", "/", nil); a.status != 200 || !bytes.Contains(a.body, []byte("<html")) {
		t.Errorf("/: %d %.100s", a.status, a.body)
	}
	if a := do(t, h, "GET", "/openapi.json", nil); a.status != 200 || !json.Valid(a.body) {
		t.Errorf("/openapi.json: %d", a.status)
	}
	// Not found is JSON and described.
	a = do(t, h, "GET", "/api/articles/999", nil)
	if a.status != 404 {
		t.Errorf("/api/articles/999: %d", a.status)
	}
	checkSchema(t, sp, "GET", "/api/articles/999", a)
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func itoa(i int) string { return i64(int64(i)) }

// TestMalformed: every malformed query string is a 400 with a JSON message.
func TestMalformed(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st})
	sp := loadSpec(t)
	for _, target := range []string{
		"/api/events?from=2026-13-01", "/api/events?from=yesterday", "/api/events?to=2026-02-30",
		"/api/events?from=2026-03-09&to=2026-03-01", "/api/events?limit=abc", "/api/events?limit=0",
		"/api/events?limit=-5", "/api/events?limit=99999999999999999999", "/api/events?offset=-1",
		"/api/events?type=PARTY", "/api/events?type=%27;DROP%20TABLE%20events", "/api/events?country=Pakistan",
		"/api/events?format=xml", "/api/events?article=x", "/api/events?article=0", "/api/events?bogus=1",
		"/api/events?actor=a&actor=b", "/api/events?%zz", "/api/events?actor=%ff", "/api/quotes?type=CONSULT",
		"/api/search", "/api/search?q=", "/api/entities?type=per%20son", "/api/timeline?limit=3",
		"/api/network?offset=3", "/api/stats?x=1", "/api/happenings?to=20260301",
		"/api/events?text=" + strings.Repeat("a", 600),
	} {
		a := do(t, h, "GET", target, nil)
		if a.status != 400 {
			t.Errorf("GET %s: %d %s, want 400", target, a.status, a.body)
			continue
		}
		var e apiError
		if err := json.Unmarshal(a.body, &e); err != nil || e.Error == "" || e.Status != 400 {
			t.Errorf("GET %s: body %s", target, a.body)
		}
		checkSchema(t, sp, "GET", target, a)
	}
	if a := do(t, h, "GET", "/api/articles/abc", nil); a.status != 400 {
		t.Errorf("/api/articles/abc: %d", a.status)
	}
	if a := do(t, h, "GET", "/api/nothing", nil); a.status != 404 || !strings.HasPrefix(a.ctype, "application/json") {
		t.Errorf("/api/nothing: %d %s", a.status, a.ctype)
	}
	// SQL-looking text is data, not SQL.
	for _, target := range []string{"/api/events?actor=%27%20OR%201=1--", "/api/search?q=%22%20OR%20*",
		"/api/quotes?text=%25%27%29%3B", "/api/articles?text=NEAR(a%20b)"} {
		if a := do(t, h, "GET", target, nil); a.status != 200 {
			t.Errorf("GET %s: %d %s", target, a.status, a.body)
		}
	}
}

const testToken = "s3cret-token-for-the-test"

func TestWrites(t *testing.T) {
	st, _ := testStore(t)
	sp := loadSpec(t)
	story := []byte(`{"text":"Ravenna Harbour reopens\n\nRAVENNA, March 10 - The mayor of Ravenna, Paolo Greco, met the port authority on Tuesday. \"The harbour is open again,\" Greco said.","published":"2026-03-10","url":"https://news.example/ravenna"}`)
	ro := New(Config{Store: st, Pipeline: defaultPipeline})
	a := do(t, ro, "POST", "/api/articles", story, "Authorization", "Bearer "+testToken)
	if a.status != http.StatusForbidden {
		t.Errorf("read-only server: %d %s", a.status, a.body)
	}
	checkSchema(t, sp, "POST", "/api/articles", a)
	rw := New(Config{Store: st, Token: testToken, MaxBody: 64 << 10, Pipeline: defaultPipeline})
	for _, hdr := range [][]string{nil, {"Authorization", "Bearer wrong"}, {"Authorization", "Basic " + testToken},
		{"Authorization", "Bearer " + testToken + "x"}, {"Authorization", "Bearer"}} {
		a := do(t, rw, "POST", "/api/articles", story, hdr...)
		if a.status != http.StatusUnauthorized {
			t.Errorf("%v: %d %s", hdr, a.status, a.body)
		}
		checkSchema(t, sp, "POST", "/api/articles", a)
	}
	auth := []string{"Authorization", "Bearer " + testToken, "Content-Type", "application/json"}
	big := []byte(`{"text":"` + strings.Repeat("word ", 20000) + `"}`)
	a = do(t, rw, "POST", "/api/articles", big, auth...)
	if a.status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d %s", a.status, a.body)
	}
	checkSchema(t, sp, "POST", "/api/articles", a)
	// Without a Content-Length the limit holds while reading.
	req := httptest.NewRequest("POST", "/api/articles", io.MultiReader(bytes.NewReader(big)))
	req.ContentLength = -1
	req.Header.Set("Authorization", "Bearer "+testToken)
	w := httptest.NewRecorder()
	rw.ServeHTTP(w, req)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized streamed body: %d %s", w.Code, w.Body)
	}
	for _, body := range []string{``, `{}`, `[]`, `{"text":"x","extra":1}`, `{"text":"x"} {"text":"y"}`, `{"text":`,
		`{"text":"x","published":"March"}`} {
		if a := do(t, rw, "POST", "/api/articles", []byte(body), auth...); a.status != 400 {
			t.Errorf("body %q: %d %s", body, a.status, a.body)
		}
	}
	// a timestamp, as feeds and ingest give it, is a date too
	stamped := []byte(`{"text":"Port talks\n\nThe mayor met the port authority on Tuesday.","published":"Tue, 10 Mar 2026 08:00:00 GMT"}`)
	if a := do(t, rw, "POST", "/api/articles", stamped, auth...); a.status != http.StatusCreated {
		t.Errorf("post with an RFC 1123 date: %d %s", a.status, a.body)
	}
	a = do(t, rw, "POST", "/api/articles", story, auth...)
	if a.status != http.StatusCreated {
		t.Fatalf("good post: %d %s", a.status, a.body)
	}
	checkSchema(t, sp, "POST", "/api/articles", a)
	var res PostResult
	json.Unmarshal(a.body, &res)
	if res.Inserted != 1 || len(res.IDs) != 1 || res.IDs[0] == 0 {
		t.Fatalf("post result %+v", res)
	}
	got := do(t, rw, "GET", "/api/search?q=Ravenna", nil)
	if !bytes.Contains(got.body, []byte(`"article":`+i64(res.IDs[0]))) {
		t.Errorf("posted article not found: %s", got.body)
	}
	// Again: a duplicate, 200.
	a = do(t, rw, "POST", "/api/articles", []byte("["+string(story)+"]"), auth...)
	if a.status != 200 || !bytes.Contains(a.body, []byte(`"duplicates":1`)) {
		t.Errorf("repost: %d %s", a.status, a.body)
	}
}

// fixtureEvents adds the events testdata/events.tsv lists for a story the
// pipeline coded no events in (the event stage needs a dependency parse). The
// server is under test here, not the analysis.
func fixtureEvents(t testing.TB, d *doc.Doc, file string) {
	t.Helper()
	data, err := os.ReadFile("testdata/events.tsv")
	if err != nil {
		t.Fatal(err)
	}
	entity := func(name string) int32 {
		if name == "" {
			return -1
		}
		for i, e := range d.Entities {
			if e.Name == name {
				return int32(i)
			}
		}
		for i, e := range d.Entities { // the recogniser may have cut the name differently
			if strings.Contains(e.Name, name) || strings.Contains(name, e.Name) {
				return int32(i)
			}
		}
		var have []string
		for _, e := range d.Entities {
			have = append(have, e.Name)
		}
		t.Logf("%s: no entity %q (entities: %q); left out", file, name, have)
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) != 6 || f[0] != file {
			continue
		}
		at := wordIndex(d.Text, f[2])
		if at < 0 {
			t.Fatalf("%s: no trigger %q", file, f[2])
		}
		tr := doc.Span{Start: int32(at), End: int32(at + len(f[2]))}
		sent := int32(0)
		for i, s := range d.Sentences {
			if s.Start <= tr.Start && tr.End <= s.End {
				sent = int32(i)
			}
		}
		ev := doc.Event{Type: f[1], Date: f[5], Time: -1, Confidence: 0.9,
			Evidence: []doc.Evidence{{Sentence: sent, Trigger: tr}}}
		for _, n := range strings.Split(f[3], ";") {
			if i := entity(n); n != "" && i >= 0 {
				ev.Actors = append(ev.Actors, i)
			}
		}
		for _, n := range strings.Split(f[4], ";") {
			if i := entity(n); n != "" && i >= 0 {
				ev.Recipients = append(ev.Recipients, i)
			}
		}
		d.Events = append(d.Events, ev)
	}
}

// wordIndex finds w in s as whole words.
func wordIndex(s, w string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		j := i + len(w)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return i
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// TestPages: on every list endpoint, pages of two, followed by their next
// offsets, make the whole listing, and the last page has no next.
func TestPages(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, CacheTTL: -1})
	get := func(target string) map[string]any {
		t.Helper()
		a := do(t, h, "GET", target, nil)
		if a.status != 200 {
			t.Fatalf("GET %s: %d %s", target, a.status, a.body)
		}
		var v map[string]any
		if err := json.Unmarshal(a.body, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, base := range []string{"/api/events?", "/api/events?actor=a&", "/api/happenings?", "/api/quotes?",
		"/api/entities?", "/api/articles?", "/api/search?q=river&"} {
		all := get(base + "limit=1000")["items"].([]any)
		if len(all) < 3 {
			t.Fatalf("%s: %d items, want some pages of two", base, len(all))
		}
		var got []any
		for off, n := 0, 0; ; n++ {
			p := get(base + "limit=2&offset=" + itoa(off))
			got = append(got, p["items"].([]any)...)
			if p["next"] == nil {
				break
			}
			if off = int(p["next"].(float64)); off != len(got) || n > len(all) {
				t.Fatalf("%s: next %d after %d items", base, off, len(got))
			}
		}
		if !jsonEqual(got, all) {
			t.Errorf("%s: pages of two make %d items, the listing %d (or they differ)", base, len(got), len(all))
		}
		if p := get(base + "limit=2&offset=" + itoa(len(all)+5)); len(p["items"].([]any)) != 0 || p["next"] != nil {
			t.Errorf("%s: page past the end: %v", base, p)
		}
	}
}
