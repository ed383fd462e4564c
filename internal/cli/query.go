package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"dateline/internal/output"
	"dateline/internal/store"
	"dateline/internal/store/postgres"
	"dateline/internal/store/sqlite"
)

func init() {
	register(&command{
		name:  "query",
		short: "list stored events, quotes, entities or articles, with filters",
		usage: "events|quotes|entities|articles|happenings|stats [--db PATH|postgres://...] [filters] [--json|--csv]",
		long: `Answers questions from the database ingest filled.

  dateline query events --actor Qureshi --from 2021-09-01 --to 2021-09-30
  dateline query quotes --actor Qureshi --text Taliban
  dateline query entities --type PERSON --country PAK
  dateline query articles --text "humanitarian aid" --json
  dateline query happenings --type CONSULT --from 2021-09-01   (events linked
      across reports: one type, the same actors, within a day; most reported first)

Filters: --actor matches the name of an event's actor or recipient, a quote's
speaker, an entity, or an entity of the article (case-insensitive substring);
--country and --sector match their coding; --type is the event type (PLOVER)
or the entity type; --from/--to bound the event's date (else the article's
publication date); --text is a full-text match on the article (for quotes, a
substring of the quote). Output is a table, or --json (an array) or --csv.`,
		flags: queryFlags,
	})
}

const defaultDB = "dateline.db"

// openStore opens the database named by db: a postgres:// URL or an SQLite
// file. With mustExist, a missing SQLite file is an error, not a new database.
func openStore(ctx context.Context, db string, mustExist bool) (store.Store, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	if mustExist {
		if _, err := os.Stat(db); err != nil {
			return nil, fmt.Errorf("database %s: %w (run dateline ingest first, or name one with --db)", db, errors.Unwrap(err))
		}
	}
	return sqlite.Open(ctx, db)
}

// outFlags are the output choices shared by query, search and export.
type outFlags struct {
	json, csv bool
}

func (o *outFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.json, "json", false, "print a JSON array")
	fs.BoolVar(&o.csv, "csv", false, "print CSV with a header row")
}

type filterFlags struct {
	f store.Filter
}

func (ff *filterFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&ff.f.Actor, "actor", "", "actor, speaker or entity name (case-insensitive substring)")
	fs.StringVar(&ff.f.Country, "country", "", "actor's country (ISO 3166-1 alpha-3, e.g. PAK)")
	fs.StringVar(&ff.f.Sector, "sector", "", "actor's sector (GOV, MIL, REB, ...)")
	fs.StringVar(&ff.f.Type, "type", "", "event type (PLOVER, e.g. CONSULT) or entity type (PERSON, ORG, GPE, ...)")
	fs.StringVar(&ff.f.From, "from", "", "first date, YYYY-MM-DD")
	fs.StringVar(&ff.f.To, "to", "", "last date, YYYY-MM-DD")
	fs.StringVar(&ff.f.Text, "text", "", "words the article must hold (quotes: text of the quote)")
	fs.Int64Var(&ff.f.Article, "article", 0, "only this article (database id)")
	fs.IntVar(&ff.f.Limit, "limit", -1, "at most this many rows (-1: all)")
}

func (ff *filterFlags) check() error {
	for _, d := range []struct{ name, v string }{{"--from", ff.f.From}, {"--to", ff.f.To}} {
		if d.v != "" {
			if _, err := store.ParseDay(d.v); err != nil {
				return usageErr("%s: %v", d.name, err)
			}
		}
	}
	return nil
}

func queryFlags(fs *flag.FlagSet) func(*Env, []string) error {
	db := fs.String("db", defaultDB, "database: an SQLite file or a postgres:// URL")
	var ff filterFlags
	ff.register(fs)
	var of outFlags
	of.register(fs)
	timing := fs.Bool("timing", false, "print the query's time to standard error")
	return func(env *Env, args []string) error {
		// flags may follow the kind (dateline query events --actor X): the
		// command line parses them wherever they stand
		if len(args) == 0 {
			return usageErr("name what to list: events, quotes, entities, articles, happenings or stats")
		}
		kind := args[0]
		if len(args) > 1 {
			return usageErr("unexpected argument %q", args[1])
		}
		if err := ff.check(); err != nil {
			return err
		}
		if of.json && of.csv {
			return usageErr("--json and --csv: choose one")
		}
		switch kind {
		case "events", "quotes", "entities", "articles", "happenings", "stats":
		default:
			return usageErr("unknown kind %q: events, quotes, entities, articles, happenings or stats", kind)
		}
		st, err := openStore(env.Ctx, *db, true)
		if err != nil {
			return err
		}
		defer st.Close()
		start := time.Now()
		err = runQuery(env, st, kind, ff.f, of, func() {
			if *timing {
				fmt.Fprintf(env.Stderr, "query %s: %v\n", kind, time.Since(start).Round(10*time.Microsecond))
			}
		})
		return err
	}
}

// runQuery runs the query, calls done, then prints the rows.
func runQuery(env *Env, st store.Store, kind string, f store.Filter, of outFlags, done func()) error {
	ctx := env.Ctx
	var rows any
	var table [][]string
	switch kind {
	case "events":
		evs, err := st.Events(ctx, f)
		if err != nil {
			return err
		}
		rows, table = evs, eventTable(evs)
	case "quotes":
		qs, err := st.Quotes(ctx, f)
		if err != nil {
			return err
		}
		table = [][]string{{"ARTICLE", "QUOTE", "SPEAKER", "KIND", "TEXT", "CUE", "PUBLISHED", "SOURCE"}}
		for _, q := range qs {
			table = append(table, []string{itoa(q.Article), "Q" + strconv.Itoa(q.Index+1), q.Speaker, q.Kind, q.Text,
				q.Cue, q.Published, source(q.URL, q.Path)})
		}
		rows = qs
	case "entities":
		es, err := st.Entities(ctx, f)
		if err != nil {
			return err
		}
		table = [][]string{{"NAME", "TYPE", "COUNTRY", "SECTOR", "ARTICLES", "MENTIONS"}}
		for _, e := range es {
			table = append(table, []string{e.Name, e.Type, e.Country, e.Sector, strconv.Itoa(e.Articles), strconv.Itoa(e.Mentions)})
		}
		rows = es
	case "articles":
		as, err := st.Articles(ctx, f)
		if err != nil {
			return err
		}
		table = [][]string{{"ID", "PUBLISHED", "TITLE", "SENTENCES", "ENTITIES", "QUOTES", "EVENTS", "CANONICAL", "SOURCE"}}
		for _, a := range as {
			canon := ""
			if a.Canonical != 0 {
				canon = itoa(a.Canonical)
			}
			table = append(table, []string{itoa(a.ID), a.Published, a.Title, strconv.Itoa(a.Sentences),
				strconv.Itoa(a.Entities), strconv.Itoa(a.Quotes), strconv.Itoa(a.Events), canon, source(a.URL, a.Path)})
		}
		rows = as
	case "happenings":
		hs, err := st.Happenings(ctx, f)
		if err != nil {
			return err
		}
		table = [][]string{{"HAPPENING", "DATE", "TYPE", "ACTORS", "REPORTS", "ARTICLES"}}
		for _, h := range hs {
			table = append(table, []string{itoa(h.ID), h.Date, h.Type, strings.Join(h.Actors, "; "),
				strconv.Itoa(h.Reports), strconv.Itoa(h.Articles)})
		}
		rows = hs
	case "stats":
		s, err := st.Stats(ctx)
		if err != nil {
			return err
		}
		rows = s
		table = [][]string{{"WHAT", "COUNT"}}
		b, _ := json.Marshal(s)
		var m map[string]int
		json.Unmarshal(b, &m)
		for _, k := range []string{"articles", "canonical", "removed", "sentences", "entities", "mentions", "times",
			"quotes", "events", "happenings"} {
			table = append(table, []string{k, strconv.Itoa(m[k])})
		}
	}
	done()
	return render(env, rows, table, of)
}

func eventTable(evs []store.EventRow) [][]string {
	t := [][]string{{"ARTICLE", "EVENT", "DATE", "TYPE", "MODE", "ACTORS", "RECIPIENTS", "LOCATION", "CAMEO",
		"HAPPENING", "TRIGGER", "SOURCE"}}
	for _, e := range evs {
		t = append(t, []string{itoa(e.Article), "V" + strconv.Itoa(e.Index+1), e.Date, e.Type, e.Mode,
			actorList(e.Actors), actorList(e.Recipients), e.Location, e.CAMEO, itoa(e.Happening), e.Trigger,
			source(e.URL, e.Path)})
	}
	return t
}

func actorList(as []store.Actor) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Name
		if c := a.Code(); c != "" {
			parts[i] += " (" + c + ")"
		}
	}
	return strings.Join(parts, "; ")
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func source(url, path string) string {
	if url != "" {
		return url
	}
	return path
}

// render prints rows as JSON, or table (header first) as CSV or an aligned
// table; on a terminal long cells are cut to fit.
func render(env *Env, rows any, table [][]string, of outFlags) error {
	switch {
	case of.json:
		return writeJSONArray(env.Stdout, rows)
	case of.csv:
		w := output.NewCSVWriter(env.Stdout)
		for _, r := range table {
			w.Write(r)
		}
		w.Flush()
		return w.Error()
	}
	width := 0
	if f, ok := env.Stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		width = 60
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, r := range table {
		for i, c := range r {
			c = strings.Join(strings.Fields(c), " ")
			if width > 0 && utf8.RuneCountInString(c) > width {
				c = string([]rune(c)[:width-1]) + "…"
			}
			if i > 0 {
				tw.Write([]byte{'\t'})
			}
			io.WriteString(tw, c)
		}
		tw.Write([]byte{'\n'})
	}
	if len(table) <= 1 {
		fmt.Fprintln(env.Stderr, "no rows")
	}
	return tw.Flush()
}

// writeJSONArray prints a slice (or one value) as a JSON array, one element a
// line; nil slices print as [].
func writeJSONArray(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if string(b) == "null" {
		b = []byte("[]")
	}
	var elems []json.RawMessage
	if json.Unmarshal(b, &elems) != nil { // not an array: one object
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	io.WriteString(w, "[")
	for i, e := range elems {
		if i > 0 {
			io.WriteString(w, ",")
		}
		io.WriteString(w, "\n")
		w.Write(e)
	}
	_, err = io.WriteString(w, "\n]\n")
	return err
}
