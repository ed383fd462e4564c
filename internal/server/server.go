// Package server is dateline's HTTP face: a read-only JSON API over a
// store.Store (articles with every layer, events, happenings, quotes and
// their speakers, entities, full-text search, stats, a timeline and an actor
// network), CSV
// and JSONL downloads, an OpenAPI 3 description at /openapi.json, and the
// embedded web page (assets/, built from web/ with esbuild) at /.
//
// Writes (POST /api/articles) are refused unless the server was given a
// token, and then need "Authorization: Bearer TOKEN". Every request has a
// size limit and timeouts (a store query that runs past Config.QueryTimeout
// gets a 503); a malformed query string or an unknown parameter gets a 400
// with a JSON message, a known path asked with another method a 405.
package server

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"dateline/internal/pipeline"
	"dateline/internal/store"
)

//go:embed assets
var assets embed.FS

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the API description served at /openapi.json.
func OpenAPI() []byte { return openAPI }

// Config sets up a Server.
type Config struct {
	Store store.Store
	// Token enables POST /api/articles for requests bearing it; empty
	// means read-only.
	Token string
	// MaxBody is the largest request body accepted (default 8 MiB).
	MaxBody int64
	// Pipeline analyses posted articles (default pipeline.Default(), built on
	// the first write).
	Pipeline func() *pipeline.Pipeline
	// CacheTTL is how long a GET answer is fresh (default 10 s; negative:
	// no cache). An older answer is served while one background query renews
	// it; this server's own writes clear the cache at once.
	CacheTTL time.Duration
	// QueryTimeout bounds the store's work for one GET answer (default
	// DefaultQueryTimeout); a query that runs longer is stopped and answered
	// with a 503, instead of running on after the server's write timeout
	// has given up on the client.
	QueryTimeout time.Duration
	// Log receives one line per failed request (default: discarded).
	Log *log.Logger
}

// DefaultQueryTimeout is Config.QueryTimeout's default: half the write
// timeout of Listen, so that the 503 still reaches the client.
const DefaultQueryTimeout = 60 * time.Second

// Server answers HTTP requests over a store.
type Server struct {
	st      store.Store
	token   []byte
	maxBody int64
	pipe    func() *pipeline.Pipeline
	pipeMu  sync.Mutex
	pipeRun *pipeline.Pipeline
	log     *log.Logger
	mux     *http.ServeMux
	cache   *cache
	timeout time.Duration
}

// New builds a Server.
func New(c Config) *Server {
	s := &Server{st: c.Store, token: []byte(c.Token), maxBody: c.MaxBody, pipe: c.Pipeline, log: c.Log,
		cache: newCache(512), timeout: c.QueryTimeout}
	if s.timeout <= 0 {
		s.timeout = DefaultQueryTimeout
	}
	if c.CacheTTL != 0 {
		s.cache.ttl = c.CacheTTL
	}
	if s.maxBody <= 0 {
		s.maxBody = 8 << 20
	}
	if s.pipe == nil {
		s.pipe = pipeline.Default
	}
	m := http.NewServeMux()
	m.HandleFunc("GET /api/stats", s.stats)
	m.HandleFunc("GET /api/articles", s.articles)
	m.HandleFunc("GET /api/articles/{id}", s.article)
	m.HandleFunc("POST /api/articles", s.post)
	m.HandleFunc("GET /api/events", s.events)
	m.HandleFunc("GET /api/happenings", s.happenings)
	m.HandleFunc("GET /api/quotes", s.quotes)
	m.HandleFunc("GET /api/speakers", s.speakers)
	m.HandleFunc("GET /api/entities", s.entities)
	m.HandleFunc("GET /api/search", s.search)
	m.HandleFunc("GET /api/timeline", s.timeline)
	m.HandleFunc("GET /api/network", s.network)
	m.Handle("GET /openapi.json", staticFiles()["openapi.json"])
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if allow := s.allowed(r); allow != "" {
			w.Header().Set("Allow", allow)
			fail(w, http.StatusMethodNotAllowed, "method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow)
			return
		}
		fail(w, http.StatusNotFound, "no such API endpoint: %s %s (see /openapi.json)", r.Method, r.URL.Path)
	})
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			fail(w, http.StatusMethodNotAllowed, "method %s not allowed here", r.Method)
			return
		}
		f := staticFiles()[strings.TrimPrefix(r.URL.Path, "/")]
		if f == nil {
			fail(w, http.StatusNotFound, "no such page: %s", r.URL.Path)
			return
		}
		f.ServeHTTP(w, r)
	})
	s.mux = m
	return s
}

// allowed lists the methods the API has for the request's path ("" when the
// path is no endpoint), for the Allow header of a 405.
func (s *Server) allowed(r *http.Request) string {
	var ms []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
		if m == r.Method {
			continue
		}
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
		if _, pat := s.mux.Handler(probe); pat != "" && pat != "/api/" {
			ms = append(ms, m)
		}
	}
	return strings.Join(ms, ", ")
}

// ServeHTTP applies the request limits and security headers, then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	if r.ContentLength > s.maxBody {
		fail(w, http.StatusRequestEntityTooLarge, "request body of %d bytes is over the limit of %d", r.ContentLength, s.maxBody)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logf("panic serving %s: %v", r.URL, v)
			fail(w, http.StatusInternalServerError, "internal error")
		}
	}()
	s.mux.ServeHTTP(w, r)
}

func (s *Server) logf(format string, a ...any) {
	if s.log != nil {
		s.log.Printf(format, a...)
	}
}

// authorized reports whether the request bears the write token.
func (s *Server) authorized(r *http.Request) (ok, enabled bool) {
	if len(s.token) == 0 {
		return false, false
	}
	h := r.Header.Get("Authorization")
	const p = "Bearer "
	if len(h) <= len(p) || !strings.EqualFold(h[:len(p)], p) {
		return false, true
	}
	return subtle.ConstantTimeCompare([]byte(h[len(p):]), s.token) == 1, true
}

// apiError is the body of every error answer.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func fail(w http.ResponseWriter, code int, format string, a ...any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	b, _ := json.Marshal(apiError{Error: fmt.Sprintf(format, a...), Status: code})
	w.Write(append(b, '\n'))
}

// badRequest is an error the client caused: it is answered with a 400.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

func bad(format string, a ...any) error { return &badRequest{fmt.Sprintf(format, a...)} }

// failErr answers err: a 400 for the client's mistakes, 503 when the request
// was cancelled or timed out, else a 500 (logged; the message is kept short).
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	var br *badRequest
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &br):
		fail(w, http.StatusBadRequest, "%s", br.msg)
	case errors.As(err, &mbe):
		fail(w, http.StatusRequestEntityTooLarge, "request body over the limit of %d bytes", mbe.Limit)
	case errors.Is(err, store.ErrNotFound):
		fail(w, http.StatusNotFound, "not found")
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		fail(w, http.StatusServiceUnavailable, "request cancelled or timed out")
	default:
		s.logf("%s %s: %v", r.Method, r.URL, err)
		fail(w, http.StatusInternalServerError, "internal error: %v", err)
	}
}

// ServeGCPercent is the garbage collector's target while Listen serves,
// unless $GOGC says otherwise. A server's live heap is small (cached answers,
// prepared statements; SQLite keeps its pages outside the Go heap) while each
// request allocates a few hundred kilobytes, so the default of 100 collects
// many times a second under load, each time stopping every busy request. At
// 400 the uncached events load test over PolNeAR+VOA used ~0.8-1.0 ms of CPU
// per request instead of ~1.4-1.6 ms (three interleaved runs each).
const ServeGCPercent = 400

// Listen serves h on addr until ctx is done, then shuts down gracefully
// (in-flight requests get up to 10 s). ready, if not nil, is called with the
// bound address once listening. While it serves, the garbage collector runs
// at ServeGCPercent unless $GOGC is set.
func Listen(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(ServeGCPercent))
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	<-errc
	return nil
}
