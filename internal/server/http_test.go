package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/store"
)

// TestMethodNotAllowed: a known path asked with a method it does not take is
// a 405 naming the methods it takes (Allow), not a 404 saying the endpoint
// does not exist; an unknown path stays a 404.
func TestMethodNotAllowed(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, CacheTTL: -1})
	for _, c := range []struct{ method, target, allow string }{
		{"POST", "/api/events", "GET, HEAD"},
		{"DELETE", "/api/stats", "GET, HEAD"},
		{"PUT", "/api/articles/1", "GET, HEAD"},
		{"DELETE", "/api/articles", "GET, HEAD, POST"},
		{"POST", "/api/search?q=dam", "GET, HEAD"},
		{"POST", "/", "GET, HEAD"},
		{"DELETE", "/app.js", "GET, HEAD"},
	} {
		req := httptest.NewRequest(c.method, c.target, nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 405 || w.Header().Get("Allow") != c.allow {
			t.Errorf("%s %s: %d, Allow %q; want 405, Allow %q (%s)", c.method, c.target, w.Code, w.Header().Get("Allow"),
				c.allow, w.Body)
			continue
		}
		var e apiError
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Status != 405 || e.Error == "" {
			t.Errorf("%s %s: body %s", c.method, c.target, w.Body)
		}
	}
	for _, c := range []struct{ method, target string }{{"POST", "/api/nothing"}, {"GET", "/api/articles/1/events"},
		{"DELETE", "/api/"}} {
		a := do(t, h, c.method, c.target, nil)
		if a.status != 404 {
			t.Errorf("%s %s: %d %s, want 404", c.method, c.target, a.status, a.body)
		}
	}
}

// TestNoParams: the counts and the article view take no parameters; one
// given (format=csv, limit) is refused, not ignored with a JSON answer.
func TestNoParams(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, CacheTTL: -1})
	sp := loadSpec(t)
	for _, target := range []string{"/api/stats?format=csv", "/api/stats?limit=5", "/api/articles/1?format=csv",
		"/api/articles/1?offset=2", "/api/articles/1?%zz"} {
		a := do(t, h, "GET", target, nil)
		if a.status != 400 {
			t.Errorf("GET %s: %d %.80s, want 400", target, a.status, a.body)
			continue
		}
		checkSchema(t, sp, "GET", target, a)
	}
	for _, target := range []string{"/api/stats", "/api/stats?", "/api/articles/1"} {
		if a := do(t, h, "GET", target, nil); a.status != 200 {
			t.Errorf("GET %s: %d %s", target, a.status, a.body)
		}
	}
}

// TestSearchCSVRank: the rank column of a search download keeps its
// figures: BM25 ranks over a corpus where the word is common are small
// (~1e-6), and four decimals wrote them all as 0.0000.
func TestSearchCSVRank(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, CacheTTL: -1})
	var page ListPage[struct {
		Article int64   `json:"article"`
		Rank    float64 `json:"rank"`
	}]
	if err := json.Unmarshal(do(t, h, "GET", "/api/search?q=the", nil).body, &page); err != nil || len(page.Items) == 0 {
		t.Fatalf("search the: %v (%d hits)", err, len(page.Items))
	}
	rows, err := csv.NewReader(bytes.NewReader(do(t, h, "GET", "/api/search?q=the&format=csv", nil).body)).ReadAll()
	if err != nil || len(rows) != len(page.Items)+1 {
		t.Fatalf("csv: %v (%d rows for %d hits)", err, len(rows), len(page.Items))
	}
	for i, it := range page.Items {
		r, err := strconv.ParseFloat(rows[i+1][1], 64)
		if err != nil || it.Rank != 0 && (r == 0 || abs(r-it.Rank) > 1e-5*abs(it.Rank)) {
			t.Errorf("hit %d: csv rank %q, JSON rank %g", i, rows[i+1][1], it.Rank)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestAssetCaching: the page's files and openapi.json carry an ETag and
// Cache-Control: no-cache, and a request with the tag gets a 304 with no
// body, so a reload does not fetch the 600 KB script again.
func TestAssetCaching(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, CacheTTL: -1})
	for _, target := range []string{"/", "/app.js", "/app.css", "/openapi.json"} {
		req := httptest.NewRequest("GET", target, nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		tag := w.Header().Get("ETag")
		if w.Code != 200 || tag == "" || w.Header().Get("Cache-Control") != "no-cache" || w.Body.Len() == 0 {
			t.Errorf("GET %s: %d, ETag %q, Cache-Control %q", target, w.Code, tag, w.Header().Get("Cache-Control"))
			continue
		}
		req = httptest.NewRequest("GET", target, nil)
		req.Header.Set("If-None-Match", tag)
		w = httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 304 || w.Body.Len() != 0 {
			t.Errorf("GET %s with If-None-Match %s: %d, %d bytes", target, tag, w.Code, w.Body.Len())
		}
		req = httptest.NewRequest("GET", target, nil)
		req.Header.Set("If-None-Match", `"other"`)
		w = httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 || w.Body.Len() == 0 {
			t.Errorf("GET %s with another tag: %d, %d bytes", target, w.Code, w.Body.Len())
		}
	}
	// HEAD of the description says its length.
	req := httptest.NewRequest("HEAD", "/openapi.json", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != 200 || w.Header().Get("Content-Length") != strconv.Itoa(len(OpenAPI())) ||
		!strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Errorf("HEAD /openapi.json: %d, length %q, type %q", w.Code, w.Header().Get("Content-Length"), w.Header().Get("Content-Type"))
	}
}

// TestSpeakers: /api/speakers counts every matching quote by its speaker
// (the page used to count only the first 1000 quotes it fetched), and
// /api/quotes?speaker= lists exactly one speaker's quotes, in pages; empty,
// the quotes of no known speaker.
func TestSpeakers(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, CacheTTL: -1})
	sp := loadSpec(t)
	get := func(target string, v any) {
		t.Helper()
		a := do(t, h, "GET", target, nil)
		if a.status != 200 {
			t.Fatalf("GET %s: %d %s", target, a.status, a.body)
		}
		checkSchema(t, sp, "GET", target, a)
		if err := json.Unmarshal(a.body, v); err != nil {
			t.Fatal(err)
		}
	}
	var quotes ListPage[struct {
		Article int64  `json:"article"`
		Index   int    `json:"index"`
		Speaker string `json:"speaker"`
	}]
	get("/api/quotes?limit=1000", &quotes)
	want := map[string]int{}
	for _, q := range quotes.Items {
		want[q.Speaker]++
	}
	var speakers ListPage[Speaker]
	get("/api/speakers", &speakers)
	if len(speakers.Items) != len(want) || len(want) < 2 {
		t.Fatalf("%d speakers, want %d (%v)", len(speakers.Items), len(want), want)
	}
	for i, s := range speakers.Items {
		if s.Quotes != want[s.Speaker] || s.Articles < 1 || s.Articles > s.Quotes {
			t.Errorf("speaker %q: %d quotes in %d articles, want %d quotes", s.Speaker, s.Quotes, s.Articles, want[s.Speaker])
		}
		if i > 0 && s.Quotes > speakers.Items[i-1].Quotes {
			t.Errorf("speaker %q (%d quotes) after %q (%d)", s.Speaker, s.Quotes, speakers.Items[i-1].Speaker, speakers.Items[i-1].Quotes)
		}
		// The speaker's quotes, one a page.
		var got []string
		for off := 0; ; {
			var p ListPage[struct {
				Speaker string `json:"speaker"`
			}]
			get("/api/quotes?limit=1&speaker="+url.QueryEscape(s.Speaker)+"&offset="+itoa(off), &p)
			for _, q := range p.Items {
				got = append(got, q.Speaker)
			}
			if p.Next == nil || len(got) > len(quotes.Items) {
				break
			}
			off = *p.Next
		}
		if len(got) != s.Quotes {
			t.Errorf("speaker %q: pages of quotes %q, want %d of theirs", s.Speaker, got, s.Quotes)
		}
		for _, g := range got {
			if g != s.Speaker {
				t.Errorf("speaker %q: a quote of %q", s.Speaker, g)
			}
		}
	}
	var p ListPage[Speaker]
	get("/api/speakers?limit=1&offset=1", &p)
	if len(p.Items) != 1 || p.Items[0] != speakers.Items[1] || (p.Next == nil) != (len(speakers.Items) == 2) {
		t.Errorf("second page of one speaker: %+v", p)
	}
	if a := do(t, h, "GET", "/api/speakers?type=CONSULT", nil); a.status != 400 {
		t.Errorf("speakers by type: %d", a.status)
	}
	if a := do(t, h, "GET", "/api/quotes?speaker=a&speaker=b", nil); a.status != 400 {
		t.Errorf("two speakers: %d", a.status)
	}
}

// stuckStore is a store whose searches run until they are stopped.
type stuckStore struct{ store.Store }

func (stuckStore) Search(ctx context.Context, q string, n int) ([]store.Hit, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestQueryTimeout: a query that runs past Config.QueryTimeout is stopped
// and answered with a 503, not left running while the client waits (the
// server's write timeout only cuts the connection, it does not stop the
// query).
func TestQueryTimeout(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: stuckStore{st}, CacheTTL: -1, QueryTimeout: 100 * time.Millisecond})
	done := make(chan answer, 1)
	go func() { done <- do(t, h, "GET", "/api/search?q=dam", nil) }()
	select {
	case a := <-done:
		var e apiError
		if a.status != 503 || json.Unmarshal(a.body, &e) != nil || e.Status != 503 {
			t.Errorf("stuck search: %d %s, want 503", a.status, a.body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a stuck search is still running after 10 s")
	}
	// The other endpoints still answer.
	if a := do(t, h, "GET", "/api/events?limit=1", nil); a.status != 200 {
		t.Errorf("events: %d %s", a.status, a.body)
	}
}

// TestPostContentType: a body is read as JSON only when its media type is
// application/json (any case, with parameters); "application/jsonx" or
// "application/json-seq" was taken for JSON because it starts alike.
func TestPostContentType(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, Token: testToken})
	for ct, want := range map[string]int{
		"application/jsonx": 415, "application/json-seq": 415, "application/json;;": 415, "text/plain": 415,
		"application/json": 400, "Application/JSON; charset=utf-8": 400, "": 400,
	} {
		// The body {} is refused as JSON (no text) before any analysis.
		a := do(t, h, "POST", "/api/articles", []byte(`{}`), "Authorization", "Bearer "+testToken, "Content-Type", ct)
		if a.status != want {
			t.Errorf("Content-Type %q: %d %s, want %d", ct, a.status, a.body, want)
		}
	}
}

// TestAssetGzip: the page's files go gzipped to a client that accepts it
// (app.js is 626 KB as built, ~190 KB gzipped), with their own ETag and
// Vary: Accept-Encoding; a client that does not, or says q=0, gets them as
// they are. An unknown page is a 404.
func TestAssetGzip(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, CacheTTL: -1})
	get := func(target, accept, inm string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", target, nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	for _, target := range []string{"/", "/app.js", "/app.css", "/openapi.json"} {
		plain := get(target, "", "")
		gz := get(target, "br, gzip;q=0.8", "")
		if plain.Code != 200 || gz.Code != 200 || plain.Header().Get("Content-Encoding") != "" ||
			gz.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(gz.Header().Get("Vary"), "Accept-Encoding") ||
			gz.Header().Get("Content-Type") != plain.Header().Get("Content-Type") {
			t.Errorf("GET %s: %d %v, gzipped %d %v", target, plain.Code, plain.Header(), gz.Code, gz.Header())
			continue
		}
		n := gz.Body.Len()
		zr, err := gzip.NewReader(gz.Body)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(body, plain.Body.Bytes()) || n >= plain.Body.Len() {
			t.Errorf("GET %s gzipped: %v, %d bytes for %d", target, err, n, plain.Body.Len())
		}
		tag := gz.Header().Get("ETag")
		if tag == "" || tag == plain.Header().Get("ETag") {
			t.Errorf("GET %s: gzipped ETag %q, plain %q", target, tag, plain.Header().Get("ETag"))
		}
		if w := get(target, "gzip", tag); w.Code != 304 {
			t.Errorf("GET %s gzipped with its tag: %d", target, w.Code)
		}
		if w := get(target, "gzip;q=0, identity", ""); w.Header().Get("Content-Encoding") != "" || !bytes.Equal(w.Body.Bytes(), plain.Body.Bytes()) {
			t.Errorf("GET %s with gzip;q=0: %v", target, w.Header())
		}
		t.Logf("%s: %d bytes, %d gzipped", target, plain.Body.Len(), n)
	}
	if w := get("/nothing.js", "gzip", ""); w.Code != 404 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Errorf("/nothing.js: %d %v", w.Code, w.Header())
	}
}

// TestAnswerETag: a GET answer of the API carries an ETag and Cache-Control:
// no-cache, and the same request with that tag in If-None-Match is a 304
// with no body; another answer has another tag. (API answers had no
// validator and no Cache-Control at all.)
func TestAnswerETag(t *testing.T) {
	st, _ := testStore(t)
	for _, ttl := range []time.Duration{0, -1} { // cached and not
		testAnswerETag(t, New(Config{Store: st, CacheTTL: ttl}))
	}
}

func testAnswerETag(t *testing.T, h http.Handler) {
	get := func(target, inm string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", target, nil)
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	tags := map[string]string{}
	for _, target := range []string{"/api/events?limit=2", "/api/events?limit=3", "/api/stats", "/api/articles/1",
		"/api/search?q=dam", "/api/timeline", "/api/events?format=csv"} {
		w := get(target, "")
		tag := w.Header().Get("ETag")
		if w.Code != 200 || tag == "" || w.Header().Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: %d, ETag %q, Cache-Control %q", target, w.Code, tag, w.Header().Get("Cache-Control"))
			continue
		}
		if other, ok := tags[tag]; ok {
			t.Errorf("GET %s: the tag of %s", target, other)
		}
		tags[tag] = target
		for _, inm := range []string{tag, "W/" + tag, `"x", ` + tag, "*"} {
			if w := get(target, inm); w.Code != 304 || w.Body.Len() != 0 || w.Header().Get("ETag") != tag {
				t.Errorf("GET %s, If-None-Match %s: %d, %d bytes", target, inm, w.Code, w.Body.Len())
			}
		}
		if w := get(target, `"other"`); w.Code != 200 || w.Body.Len() == 0 {
			t.Errorf("GET %s, another tag: %d", target, w.Code)
		}
	}
	// Errors are not kept.
	if w := get("/api/events?limit=0", ""); w.Code != 400 || w.Header().Get("ETag") != "" || w.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("bad request: %d %v", w.Code, w.Header())
	}
}

// TestAPIGzip: a long API answer goes gzipped to a client that accepts it,
// under its own tag, and reads back as the plain answer; a client that does
// not accept gzip gets it plain.
func TestAPIGzip(t *testing.T) {
	st, _ := testStore(t)
	h := New(Config{Store: st, CacheTTL: -1})
	get := func(gzip bool, tag string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/api/entities?limit=100", nil)
		if gzip {
			req.Header.Set("Accept-Encoding", "gzip, deflate")
		}
		if tag != "" {
			req.Header.Set("If-None-Match", tag)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	plain, zipped := get(false, ""), get(true, "")
	if plain.Code != 200 || plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("plain: %d, encoding %q", plain.Code, plain.Header().Get("Content-Encoding"))
	}
	if plain.Body.Len() < gzipMin {
		t.Fatalf("answer of %d bytes, shorter than gzipMin: the test needs a longer one", plain.Body.Len())
	}
	if zipped.Code != 200 || zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Header().Get("ETag") == plain.Header().Get("ETag") {
		t.Fatalf("gzip: %d, encoding %q, tag %q (plain %q)", zipped.Code, zipped.Header().Get("Content-Encoding"), zipped.Header().Get("ETag"), plain.Header().Get("ETag"))
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	back, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(back, plain.Body.Bytes()) || zipped.Body.Len() >= plain.Body.Len() {
		t.Errorf("gzipped answer of %d bytes reads back as %d bytes (plain %d), err %v", zipped.Body.Len(), len(back), plain.Body.Len(), err)
	}
	if w := get(true, zipped.Header().Get("ETag")); w.Code != 304 {
		t.Errorf("gzip with its own tag: %d, want 304", w.Code)
	}
}
