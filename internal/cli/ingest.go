package cli

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"golang.org/x/term"

	"dateline/internal/formats"
	"dateline/internal/ingest"
	"dateline/internal/proc"
	"dateline/internal/reader"
)

func init() {
	register(&command{
		name:  "ingest",
		short: "read, analyse and store articles in a database (SQLite file or PostgreSQL)",
		usage: "[--db PATH|postgres://...] [-j N] PATH... (files, folders, - for standard input)",
		long: `Reads every article under the paths (folders recursively, hidden files
skipped; - is standard input), analyses the ones not stored yet on all cores,
and stores them with every layer in batched transactions. The database is an
SQLite file (default ./dateline.db) or a postgres:// URL.

An article whose text is already stored is skipped before analysis, so running
ingest again adds nothing, and a run interrupted (Ctrl-C, kill -9) and run again
stores exactly what was missing. Near-duplicate texts are linked to one
canonical article; events of one type, with the same actors, within a day, are
linked into one happening. A bad input or article is reported (file, reason)
and skipped; the exit code is then 1. On a terminal a progress line shows
articles/s and the time left.`,
		flags: ingestFlags,
	})
}

func ingestFlags(fs *flag.FlagSet) func(*Env, []string) error {
	db := fs.String("db", defaultDB, "database: an SQLite file or a postgres:// URL")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	batch := fs.Int("batch", 64, "articles per transaction")
	published := fs.String("published", "", "publication date (YYYY-MM-DD) for articles that carry none")
	quiet := fs.Bool("q", false, "no progress line and no summary")
	format := fs.String("format", "", "input format for every input: text, html, feed, jsonl or warc (default: detected per input)")
	loadKB := kbFlag(fs)
	return func(env *Env, args []string) error {
		if err := loadKB(); err != nil {
			return err
		}
		if len(args) == 0 {
			return usageErr("no input: name files or folders, or - for standard input")
		}
		if *published != "" {
			norm, err := formats.ParseDate(*published)
			if err != nil {
				return usageErr("--published %q: %v", *published, err)
			}
			*published = norm
		}
		f := formats.Unknown // detected for each input
		if *format != "" {
			var err error
			if f, err = formats.ParseFormat(*format); err != nil {
				return usageErr("--format: %v", err)
			}
		}
		st, err := openStore(env.Ctx, *db, false)
		if err != nil {
			return err
		}
		defer st.Close()
		tty := false
		if f, ok := env.Stderr.(*os.File); ok && !*quiet {
			tty = term.IsTerminal(int(f.Fd()))
		}
		opt := ingest.Options{
			Workers: *workers, Batch: *batch, Stdin: env.Stdin, Format: f,
			Reader: reader.Options{Published: *published},
			Problem: func(file, reason string) {
				if tty {
					fmt.Fprint(env.Stderr, "\r\033[K")
				}
				fmt.Fprintf(env.Stderr, "dateline ingest: %s: %s\n", file, reason)
			},
		}
		if tty {
			opt.Progress = func(p ingest.Progress, final bool) {
				fmt.Fprint(env.Stderr, "\r\033[K"+ingest.Line(p))
				if final {
					fmt.Fprintln(env.Stderr)
				}
			}
		}
		p, err := ingest.Run(env.Ctx, st, args, opt)
		if !*quiet {
			fmt.Fprintf(env.Stderr, "%d articles read, %d stored (%d near-duplicates linked), %d already stored, %d failed, in %v (%.1f articles/s)",
				p.Read, p.Stored, p.Near, p.Skipped, p.Failed, p.Elapsed.Round(time.Millisecond), p.Rate())
			if peak := proc.PeakMemory(); peak > 0 {
				fmt.Fprintf(env.Stderr, ", peak memory %d MB", peak>>20)
			}
			fmt.Fprintln(env.Stderr)
		}
		if err != nil {
			if env.Ctx.Err() != nil {
				return fmt.Errorf("interrupted; what was analysed is stored, run again to go on")
			}
			return err
		}
		if p.Failed > 0 {
			return &ExitError{Code: 1, Err: fmt.Errorf("%d inputs or articles failed", p.Failed)}
		}
		return nil
	}
}
