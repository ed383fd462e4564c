package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"dateline/internal/doc"
	"dateline/internal/formats"
	"dateline/internal/output"
	"dateline/internal/reader"
	"dateline/internal/store"
)

// ListPage is the JSON answer of every list endpoint.
type ListPage[T any] struct {
	Items  []T `json:"items"`
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
	// Next is the offset of the next page, or null on the last page.
	Next *int `json:"next"`
}

var filterParams = []string{"actor", "country", "sector", "type", "from", "to", "text", "article"}

// respond serves a GET answer from the cache or builds it.
func (s *Server) respond(w http.ResponseWriter, r *http.Request, build func(ctx context.Context) ([]byte, string, error)) {
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	body, ctype, tag, err := s.cache.answer(ctx, r.URL.Path+"?"+r.URL.RawQuery, build)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	// The client may keep the answer but asks each time; the same answer
	// again is a 304 without a body. A long answer goes gzipped to a client
	// that takes it (50 events are 19 KB of JSON, 3 KB gzipped), under a tag
	// of its own.
	h := w.Header()
	h.Add("Vary", "Accept-Encoding")
	gz := len(body) >= gzipMin && acceptsGzip(r.Header.Get("Accept-Encoding"))
	if gz {
		tag = strings.TrimSuffix(tag, `"`) + `-gz"`
	}
	h.Set("ETag", tag)
	h.Set("Cache-Control", "no-cache")
	if noneMatch(r.Header.Get("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if gz {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
		zw.Write(body)
		zw.Close()
		body = b.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	write(w, ctype, body)
}

// gzipMin is the shortest answer worth gzipping.
const gzipMin = 1024

// noneMatch reports whether an If-None-Match header names tag (weakly, as
// RFC 9110 compares for it) or is "*".
func noneMatch(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == tag || t == "*" {
			return true
		}
	}
	return false
}

func write(w http.ResponseWriter, ctype string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if strings.HasPrefix(ctype, "text/csv") {
		h.Set("Content-Disposition", "attachment")
	}
	w.Write(body)
}

func jsonBody(v any) ([]byte, string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, "", err
	}
	return b.Bytes(), "application/json", nil
}

// serveList answers a list endpoint in JSON (a ListPage), JSONL (one item a
// line) or CSV (header, then one row an item).
func serveList[T any](s *Server, w http.ResponseWriter, r *http.Request, kind string, allowed []string,
	fetch func(ctx context.Context, q query) ([]T, error), header []string, row func(T) []string) {
	q, err := parseQuery(r.URL.RawQuery, kind, allowed...)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.respond(w, r, func(ctx context.Context) ([]byte, string, error) {
		rows, err := fetch(ctx, q)
		if err != nil {
			return nil, "", err
		}
		items, next := page(rows, q)
		switch q.format {
		case "jsonl":
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			for _, it := range items {
				if err := enc.Encode(it); err != nil {
					return nil, "", err
				}
			}
			return b.Bytes(), "application/x-ndjson", nil
		case "csv":
			var b bytes.Buffer
			cw := output.NewCSVWriter(&b)
			cw.Write(header)
			for _, it := range items {
				cw.Write(row(it))
			}
			cw.Flush()
			return b.Bytes(), "text/csv; charset=utf-8", cw.Error()
		}
		p := ListPage[T]{Items: items, Offset: q.offset, Limit: q.limit}
		if next >= 0 {
			p.Next = &next
		}
		return jsonBody(p)
	})
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	if err := noParams(r.URL.RawQuery); err != nil {
		s.failErr(w, r, err)
		return
	}
	s.respond(w, r, func(ctx context.Context) ([]byte, string, error) {
		st, err := s.st.Stats(ctx)
		if err != nil {
			return nil, "", err
		}
		return jsonBody(st)
	})
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, "events", filterParams, func(ctx context.Context, q query) ([]store.EventRow, error) {
		return s.st.Events(ctx, q.f)
	}, []string{"article", "event", "date", "type", "mode", "actors", "actor_codes", "recipients", "recipient_codes",
		"location", "cameo", "happening", "negated", "confidence", "trigger", "start", "end", "published", "title", "source"},
		func(e store.EventRow) []string {
			return []string{i64(e.Article), "V" + strconv.Itoa(e.Index+1), e.Date, e.Type, e.Mode, store.JoinNames(e.Actors),
				store.JoinCodes(e.Actors), store.JoinNames(e.Recipients), store.JoinCodes(e.Recipients), e.Location, e.CAMEO, i64(e.Happening),
				strconv.FormatBool(e.Negated), strconv.FormatFloat(e.Confidence, 'f', 3, 64), e.Trigger,
				strconv.Itoa(e.Start), strconv.Itoa(e.End), e.Published, e.Title, source(e.URL, e.Path)}
		})
}

func (s *Server) happenings(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, "happenings", filterParams, func(ctx context.Context, q query) ([]store.HappeningRow, error) {
		return s.st.Happenings(ctx, q.f)
	}, []string{"happening", "date", "type", "actors", "reports", "articles"},
		func(h store.HappeningRow) []string {
			return []string{i64(h.ID), h.Date, h.Type, strings.Join(h.Actors, ";"), strconv.Itoa(h.Reports),
				strconv.Itoa(h.Articles)}
		})
}

// quoteParams are the filters quotes and speakers take.
var quoteParams = []string{"actor", "country", "sector", "from", "to", "text", "article"}

func (s *Server) quotes(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, "quotes", append(quoteParams, "speaker"),
		func(ctx context.Context, q query) ([]store.QuoteRow, error) {
			if q.speaker == nil {
				return s.st.Quotes(ctx, q.f)
			}
			// One speaker, as /api/speakers names them: the quotes
			// matching the other filters (up to MaxDownload), kept
			// when the speaker is the same, then the page.
			all, err := s.allQuotes(ctx, q.f)
			var rows []store.QuoteRow
			for _, x := range all {
				if x.Speaker == *q.speaker {
					rows = append(rows, x)
				}
			}
			return rows[min(q.f.Offset, len(rows)):min(q.f.Offset+q.f.Limit, len(rows))], err
		}, []string{"article", "quote", "speaker", "country", "sector", "kind", "text", "cue", "start", "end", "published", "source"},
		func(x store.QuoteRow) []string {
			return []string{i64(x.Article), "Q" + strconv.Itoa(x.Index+1), x.Speaker, x.Country, x.Sector, x.Kind, x.Text,
				x.Cue, strconv.Itoa(x.Start), strconv.Itoa(x.End), x.Published, source(x.URL, x.Path)}
		})
}

// allQuotes reads the quotes matching f's filters, from the first, up to
// MaxDownload of them.
func (s *Server) allQuotes(ctx context.Context, f store.Filter) ([]store.QuoteRow, error) {
	f.Offset, f.Limit = 0, MaxDownload
	return s.st.Quotes(ctx, f)
}

// Speaker is one speaker's share of the quotes: its name as quotes give it
// ("" for the quotes nobody was found to say) and how many quotes in how
// many articles.
type Speaker struct {
	Speaker  string `json:"speaker"`
	Quotes   int    `json:"quotes"`
	Articles int    `json:"articles"`
}

// speakers lists the speakers of the quotes matching the filters (up to
// MaxDownload quotes), most quoted first, then by name.
func (s *Server) speakers(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, "speakers", quoteParams, func(ctx context.Context, q query) ([]Speaker, error) {
		all, err := s.allQuotes(ctx, q.f)
		if err != nil {
			return nil, err
		}
		at := map[string]int{}
		seen := map[string]map[int64]bool{}
		var out []Speaker
		for _, x := range all {
			i, ok := at[x.Speaker]
			if !ok {
				i = len(out)
				at[x.Speaker] = i
				out = append(out, Speaker{Speaker: x.Speaker})
				seen[x.Speaker] = map[int64]bool{}
			}
			out[i].Quotes++
			if !seen[x.Speaker][x.Article] {
				seen[x.Speaker][x.Article] = true
				out[i].Articles++
			}
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Quotes != out[j].Quotes {
				return out[i].Quotes > out[j].Quotes
			}
			return out[i].Speaker < out[j].Speaker
		})
		return out[min(q.f.Offset, len(out)):min(q.f.Offset+q.f.Limit, len(out))], nil
	}, []string{"speaker", "quotes", "articles"}, func(x Speaker) []string {
		return []string{x.Speaker, strconv.Itoa(x.Quotes), strconv.Itoa(x.Articles)}
	})
}

func (s *Server) entities(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, "entities", filterParams, func(ctx context.Context, q query) ([]store.EntityRow, error) {
		return s.st.Entities(ctx, q.f)
	}, []string{"name", "type", "country", "sector", "articles", "mentions"},
		func(e store.EntityRow) []string {
			return []string{e.Name, e.Type, e.Country, e.Sector, strconv.Itoa(e.Articles), strconv.Itoa(e.Mentions)}
		})
}

func (s *Server) articles(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, "articles", filterParams, func(ctx context.Context, q query) ([]store.ArticleRow, error) {
		return s.st.Articles(ctx, q.f)
	}, []string{"id", "doc_id", "published", "title", "chars", "sentences", "entities", "quotes", "events", "canonical", "source"},
		func(a store.ArticleRow) []string {
			return []string{i64(a.ID), a.DocID, a.Published, a.Title, strconv.Itoa(a.Chars), strconv.Itoa(a.Sentences),
				strconv.Itoa(a.Entities), strconv.Itoa(a.Quotes), strconv.Itoa(a.Events), i64(a.Canonical), source(a.URL, a.Path)}
		})
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r.URL.RawQuery, "search", "q")
	if err == nil && q.q == "" {
		err = bad("q: name the words to search for")
	}
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	serveList(s, w, r, "search", []string{"q"}, func(ctx context.Context, q query) ([]store.Hit, error) {
		// Search has no offset: the hits up to the page's end, from its offset.
		hits, err := s.st.Search(ctx, q.q, q.f.Offset+q.f.Limit)
		return hits[min(q.f.Offset, len(hits)):], err
	}, []string{"article", "rank", "published", "title", "snippet", "source"},
		func(h store.Hit) []string {
			return []string{i64(h.Article), strconv.FormatFloat(h.Rank, 'g', 6, 64), h.Published, h.Title, h.Snippet,
				source(h.URL, h.Path)}
		})
}

// ArticleView is one article with every stored layer.
type ArticleView struct {
	ID      int64           `json:"id"`
	Article *output.Article `json:"article"`
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		fail(w, http.StatusBadRequest, "article id %q: a database id (a whole number from 1)", r.PathValue("id"))
		return
	}
	if err := noParams(r.URL.RawQuery); err != nil {
		s.failErr(w, r, err)
		return
	}
	s.respond(w, r, func(ctx context.Context) ([]byte, string, error) {
		a, err := s.st.Load(ctx, id)
		if err != nil {
			return nil, "", err
		}
		return jsonBody(ArticleView{ID: id, Article: a})
	})
}

// Timeline counts events per day and type.
type Timeline struct {
	Days    []string `json:"days"` // YYYY-MM-DD, ascending, only days with events
	Series  []Series `json:"series"`
	Total   int      `json:"total"`   // events counted
	Undated int      `json:"undated"` // events without a day (left out)
}

// Series is one event type's count on each day of Timeline.Days.
type Series struct {
	Type   string `json:"type"`
	Counts []int  `json:"counts"`
}

func eventDay(e store.EventRow) string {
	for _, d := range []string{e.Date, e.Published} {
		if len(d) >= 10 && d[4] == '-' && d[7] == '-' {
			if _, err := store.ParseDay(d[:10]); err == nil {
				return d[:10]
			}
		}
	}
	return ""
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r.URL.RawQuery, "events", filterParams...)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if r.URL.Query().Has("limit") || r.URL.Query().Has("offset") || q.format != "json" {
		fail(w, http.StatusBadRequest, "the timeline takes only filters")
		return
	}
	s.respond(w, r, func(ctx context.Context) ([]byte, string, error) {
		f := q.f
		f.Limit = MaxDownload
		evs, err := s.st.Events(ctx, f)
		if err != nil {
			return nil, "", err
		}
		return jsonBody(buildTimeline(evs))
	})
}

func buildTimeline(evs []store.EventRow) Timeline {
	t := Timeline{Days: []string{}, Series: []Series{}}
	count := map[string]map[string]int{}
	for _, e := range evs {
		d := eventDay(e)
		if d == "" {
			t.Undated++
			continue
		}
		t.Total++
		if count[e.Type] == nil {
			count[e.Type] = map[string]int{}
		}
		count[e.Type][d]++
	}
	days := map[string]bool{}
	for _, m := range count {
		for d := range m {
			days[d] = true
		}
	}
	for d := range days {
		t.Days = append(t.Days, d)
	}
	sort.Strings(t.Days)
	types := make([]string, 0, len(count))
	for ty := range count {
		types = append(types, ty)
	}
	sort.Strings(types)
	for _, ty := range types {
		sr := Series{Type: ty, Counts: make([]int, len(t.Days))}
		for i, d := range t.Days {
			sr.Counts[i] = count[ty][d]
		}
		t.Series = append(t.Series, sr)
	}
	return t
}

// Network is the actor network: actors, and edges for the events between
// them, one edge per (source, target, type), weighted by the events.
type Network struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Node is one actor.
type Node struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	Sector  string `json:"sector,omitempty"`
	Events  int    `json:"events"`
}

// Edge is the events of one type from an actor to a recipient (or between two
// actors of the same event, Directed false).
type Edge struct {
	ID       string     `json:"id"`
	Source   string     `json:"source"`
	Target   string     `json:"target"`
	Type     string     `json:"type"`
	Directed bool       `json:"directed"`
	Weight   int        `json:"weight"`
	Events   []EventRef `json:"events"` // the first MaxEdgeEvents of them
}

// EventRef names one event: its article and its index there.
type EventRef struct {
	Article int64 `json:"article"`
	Index   int   `json:"index"`
}

// MaxEdgeEvents bounds the events listed on one edge.
const MaxEdgeEvents = 50

func actorKey(a store.Actor) string {
	return strings.ToLower(strings.Join(strings.Fields(a.Name), " "))
}

func (s *Server) network(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r.URL.RawQuery, "events", filterParams...)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if r.URL.Query().Has("offset") || q.format != "json" {
		fail(w, http.StatusBadRequest, "the network takes filters and limit (the number of edges) only")
		return
	}
	s.respond(w, r, func(ctx context.Context) ([]byte, string, error) {
		f := q.f
		f.Limit = MaxDownload
		evs, err := s.st.Events(ctx, f)
		if err != nil {
			return nil, "", err
		}
		return jsonBody(buildNetwork(evs, q.limit))
	})
}

func buildNetwork(evs []store.EventRow, maxEdges int) Network {
	nodes := map[string]*Node{}
	edges := map[string]*Edge{}
	node := func(a store.Actor) string {
		k := actorKey(a)
		n := nodes[k]
		if n == nil {
			n = &Node{ID: k, Name: a.Name, Country: a.Country, Sector: a.Sector}
			nodes[k] = n
		}
		return k
	}
	edge := func(src, dst, typ string, directed bool, e store.EventRow) {
		if src == dst || src == "" || dst == "" {
			return
		}
		if !directed && src > dst {
			src, dst = dst, src
		}
		id := typ + "|" + src + "|" + dst
		if !directed {
			id += "|u"
		}
		x := edges[id]
		if x == nil {
			x = &Edge{ID: id, Source: src, Target: dst, Type: typ, Directed: directed}
			edges[id] = x
		}
		x.Weight++
		if len(x.Events) < MaxEdgeEvents {
			x.Events = append(x.Events, EventRef{Article: e.Article, Index: e.Index})
		}
	}
	for _, e := range evs {
		seen := map[string]bool{}
		for _, a := range append(append([]store.Actor{}, e.Actors...), e.Recipients...) {
			k := node(a)
			if !seen[k] {
				seen[k] = true
				nodes[k].Events++
			}
		}
		for _, a := range e.Actors {
			for _, b := range e.Recipients {
				edge(actorKey(a), actorKey(b), e.Type, true, e)
			}
		}
		if len(e.Recipients) == 0 {
			for i, a := range e.Actors {
				for _, b := range e.Actors[i+1:] {
					edge(actorKey(a), actorKey(b), e.Type, false, e)
				}
			}
		}
	}
	list := make([]*Edge, 0, len(edges))
	for _, x := range edges {
		list = append(list, x)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Weight != list[j].Weight {
			return list[i].Weight > list[j].Weight
		}
		return list[i].ID < list[j].ID
	})
	if len(list) > maxEdges {
		list = list[:maxEdges]
	}
	net := Network{Nodes: []Node{}, Edges: []Edge{}}
	used := map[string]bool{}
	for _, x := range list {
		net.Edges = append(net.Edges, *x)
		used[x.Source], used[x.Target] = true, true
	}
	for k := range used {
		net.Nodes = append(net.Nodes, *nodes[k])
	}
	sort.Slice(net.Nodes, func(i, j int) bool { return net.Nodes[i].ID < net.Nodes[j].ID })
	return net
}

// PostArticle is one article to analyse and store.
type PostArticle struct {
	Text      string `json:"text"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"` // outlet name
	Path      string `json:"path,omitempty"`
	Published string `json:"published,omitempty"` // a date as ingest reads it: YYYY-MM-DD, RFC 3339, RFC 1123, ...
}

// PostResult says what POST /api/articles stored.
type PostResult struct {
	Inserted   int     `json:"inserted"`
	Duplicates int     `json:"duplicates"`
	Near       int     `json:"near"`
	IDs        []int64 `json:"ids"` // database id of each posted article, 0 if already stored
}

// MaxBatch bounds the articles of one POST.
const MaxBatch = 100

func (s *Server) post(w http.ResponseWriter, r *http.Request) {
	ok, enabled := s.authorized(r)
	if !enabled {
		fail(w, http.StatusForbidden, "this server is read-only (start it with --token to accept articles)")
		return
	}
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dateline"`)
		fail(w, http.StatusUnauthorized, "missing or wrong bearer token")
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			fail(w, http.StatusUnsupportedMediaType, "send JSON (Content-Type: application/json), not %q", ct)
			return
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	arts, err := decodePost(body)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	docs := make([]*doc.Doc, len(arts))
	p := s.pipeline()
	for i, a := range arts {
		name := a.Path
		if name == "" {
			name = a.URL
		}
		if name == "" {
			name = "post:" + strconv.Itoa(i)
		}
		d, err := reader.Text(name, []byte(a.Text), reader.Options{Published: a.Published})
		if err != nil {
			s.failErr(w, r, bad("article %d: %v", i, err))
			return
		}
		d.Source = doc.Source{Path: a.Path, URL: a.URL, Name: a.Source}
		if a.Title != "" {
			d.Title = a.Title
		}
		if err := p.Run(d); err != nil {
			s.failErr(w, r, fmt.Errorf("article %d: analysis: %w", i, err))
			return
		}
		docs[i] = d
	}
	res, err := s.st.Put(r.Context(), docs)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.cache.reset()
	out := PostResult{Inserted: res.Inserted, Duplicates: res.Duplicates, Near: res.Near, IDs: res.IDs}
	if out.IDs == nil {
		out.IDs = []int64{}
	}
	b, ct, _ := jsonBody(out)
	w.Header().Set("Content-Type", ct)
	if out.Inserted > 0 {
		w.WriteHeader(http.StatusCreated)
	}
	w.Write(b)
}

func (s *Server) pipeline() interface{ Run(*doc.Doc) error } {
	s.pipeMu.Lock()
	defer s.pipeMu.Unlock()
	if s.pipeRun == nil {
		s.pipeRun = s.pipe()
	}
	return s.pipeRun
}

// decodePost reads one PostArticle or an array of them, strictly.
func decodePost(body []byte) ([]PostArticle, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, bad("empty body: send an article {\"text\": ...} or an array of them")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var arts []PostArticle
	if body[0] == '[' {
		if err := dec.Decode(&arts); err != nil {
			return nil, bad("body: %v", err)
		}
	} else {
		var a PostArticle
		if err := dec.Decode(&a); err != nil {
			return nil, bad("body: %v", err)
		}
		arts = []PostArticle{a}
	}
	if dec.More() {
		return nil, bad("body: more than one JSON value")
	}
	if len(arts) == 0 {
		return nil, bad("body: an empty batch")
	}
	if len(arts) > MaxBatch {
		return nil, bad("body: %d articles; at most %d a request", len(arts), MaxBatch)
	}
	for i, a := range arts {
		if strings.TrimSpace(a.Text) == "" {
			return nil, bad("article %d: no text", i)
		}
		if a.Published != "" {
			// any form ingest takes: "2024-03-08", RFC 3339, "Fri, 08 Mar 2024 10:00:00 GMT", ...
			p, err := formats.ParseDate(a.Published)
			if err != nil {
				return nil, bad("article %d: published: %v", i, err)
			}
			arts[i].Published = p
		}
	}
	return arts, nil
}

func i64(i int64) string { return strconv.FormatInt(i, 10) }

func source(url, path string) string {
	if url != "" {
		return url
	}
	return path
}
