package cli

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"time"

	"dateline/internal/pipeline"
	"dateline/internal/server"
)

func init() {
	register(&command{
		name:  "serve",
		short: "serve the database over HTTP: a JSON API and a web page to explore it",
		usage: "[--db PATH|postgres://...] [--addr 127.0.0.1:8080] [--token T]",
		long: `Serves the database ingest filled: the web page at / (search, event table
and timeline, actor network, quotes by speaker, articles with every fact
highlighted) and a JSON API under /api/ described at /openapi.json. Lists take
the filters of dateline query (actor, country, sector, type, from, to, text,
article), limit and offset, and format=csv or format=jsonl for downloads.

Read-only unless --token is given (or DATELINE_TOKEN is set); then
POST /api/articles with "Authorization: Bearer TOKEN" analyses and stores one
article {"text": ..., "title": ..., "url": ..., "published": "YYYY-MM-DD"} or
an array of them. Listens on loopback unless --addr names another address.
Ctrl-C (SIGINT) or SIGTERM shuts it down gracefully.`,
		flags: serveFlags,
	})
}

func serveFlags(fs *flag.FlagSet) func(*Env, []string) error {
	db := fs.String("db", defaultDB, "database: an SQLite file or a postgres:// URL")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	token := fs.String("token", "", "bearer token that enables POST /api/articles (default $DATELINE_TOKEN; empty: read-only)")
	maxBody := fs.Int64("max-body", 8<<20, "largest request body in bytes")
	cacheTTL := fs.Duration("cache", 10*time.Second, "how long a GET answer is fresh; older ones are served while renewed (0: no cache)")
	return func(env *Env, args []string) error {
		if len(args) > 0 {
			return usageErr("unexpected argument %q", args[0])
		}
		tok := *token
		if tok == "" {
			tok = os.Getenv("DATELINE_TOKEN")
		}
		if tok != "" && len(tok) < 16 {
			return usageErr("--token: use at least 16 characters")
		}
		if _, _, err := net.SplitHostPort(*addr); err != nil {
			return usageErr("--addr %q: %v", *addr, err)
		}
		st, err := openStore(env.Ctx, *db, true)
		if err != nil {
			return err
		}
		defer st.Close()
		ttl := *cacheTTL
		if ttl == 0 {
			ttl = -1
		}
		logger := log.New(env.Stderr, "dateline serve: ", log.LstdFlags)
		srv := server.New(server.Config{Store: st, Token: tok, MaxBody: *maxBody, CacheTTL: ttl, Log: logger})
		if tok != "" {
			// posted articles are analysed: load the models while the
			// first requests are read-only, not when the first article comes
			go func() {
				if err := pipeline.Default().Load(); err != nil {
					logger.Printf("models: %v (posting articles will fail)", err)
				}
			}()
		}
		err = server.Listen(env.Ctx, *addr, srv, func(a net.Addr) {
			mode := "read-only"
			if tok != "" {
				mode = "writes with the token"
			}
			host := a.String()
			if strings.HasPrefix(host, "0.0.0.0:") || strings.HasPrefix(host, "[::]:") {
				fmt.Fprintf(env.Stderr, "dateline serve: listening on all interfaces\n")
			}
			fmt.Fprintf(env.Stderr, "dateline serve: http://%s/ (%s); Ctrl-C stops\n", host, mode)
		})
		if err == nil {
			fmt.Fprintln(env.Stderr, "dateline serve: stopped")
		}
		return err
	}
}
