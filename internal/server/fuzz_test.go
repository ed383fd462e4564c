package server

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzParseQuery: any query string is parsed or refused with a client error;
// an accepted one is within the limits.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "limit=10&offset=5", "type=consult&from=2026-03-01&to=2026-03-31", "from=2026-13-01",
		"actor=%ff", "%zz", "limit=-1", "format=csv&limit=100000", "country=pak&sector=gov", "a=1&a=2", "q=river&limit=1",
		"article=9223372036854775807", "to=0000-01-01", "limit=1e3", "text=%00"} {
		f.Add(s, "events")
		f.Add(s, "entities")
	}
	f.Fuzz(func(t *testing.T, raw, kind string) {
		q, err := parseQuery(raw, kind, append(filterParams, "q")...)
		if err != nil {
			var br *badRequest
			if !errors.As(err, &br) || br.msg == "" {
				t.Fatalf("%q: error %v is not a client error", raw, err)
			}
			return
		}
		if q.limit < 1 || q.limit > MaxDownload || q.offset < 0 || q.offset > maxOffset || q.f.Limit != q.limit+1 ||
			q.f.Offset != q.offset {
			t.Fatalf("%q: limit %d offset %d", raw, q.limit, q.offset)
		}
		if q.format == "json" && q.limit > MaxLimit {
			t.Fatalf("%q: JSON page of %d", raw, q.limit)
		}
	})
}

// FuzzDecodePost: any body is decoded into a bounded batch of articles with
// text, or refused with a client error.
func FuzzDecodePost(f *testing.F) {
	for _, s := range []string{`{"text":"x"}`, `[{"text":"a"},{"text":"b","published":"2026-03-01"}]`, `[]`, `{}`, `{"text":1}`,
		`{"text":"x"}{"text":"y"}`, `[{"text":"x","bogus":true}]`, `{"text":"x","published":"2026-02-30"}`, "\x00", `"text"`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		arts, err := decodePost(body)
		if err != nil {
			var br *badRequest
			if !errors.As(err, &br) {
				t.Fatalf("%q: error %v is not a client error", body, err)
			}
			return
		}
		if len(arts) == 0 || len(arts) > MaxBatch {
			t.Fatalf("%q: %d articles", body, len(arts))
		}
		for _, a := range arts {
			if a.Text == "" {
				t.Fatalf("%q: article without text", body)
			}
		}
	})
}

// FuzzHandler: no query string on any GET endpoint gets a 500.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{"events?text=%22", "search?q=NEAR(", "search?q=%22a%22%20OR", "quotes?text=%25_", "articles?text=*",
		"events?actor=%5C", "search?q=-", "search?q=a:b", "entities?actor=%27", "happenings?text=^", "timeline?text=(", "network?actor=%"} {
		f.Add(s)
	}
	st, _ := testStore(f)
	h := New(Config{Store: st, CacheTTL: -1})
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.Parse("/api/" + target)
		if err != nil || u.Path == "" {
			return
		}
		req := httptest.NewRequest("GET", "/", nil)
		req.URL = u
		req.RequestURI = u.RequestURI()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("GET %s: %d %s", u, w.Code, w.Body)
		}
	})
}
