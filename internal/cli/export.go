package cli

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"dateline/internal/output"
	"dateline/internal/store"
)

func init() {
	register(&command{
		name:  "export",
		short: "export stored articles or events as JSONL, CSV or GDELT-style TSV",
		usage: "--format jsonl|csv|gdelt [--db PATH|postgres://...] [filters]",
		long: `Writes the database to standard output.

--format jsonl   one article per line in the contract's shape (as extract
                 prints it, without tokens), every stored layer included.
--format csv     one event per line: article, event, date, type, mode, actors
                 and recipients with their codes, location, CAMEO root, source.
--format gdelt   GDELT-style event TSV with a header: date (YYYYMMDD), actor
                 codes, names and countries, CAMEO root code, location, source
                 URL, and our PLOVER type and mode beside them.

The filters of dateline query apply (events for csv and gdelt, articles for
jsonl); by default everything is exported.`,
		flags: exportFlags,
	})
}

func exportFlags(fs *flag.FlagSet) func(*Env, []string) error {
	db := fs.String("db", defaultDB, "database: an SQLite file or a postgres:// URL")
	format := fs.String("format", "jsonl", "jsonl, csv or gdelt")
	var ff filterFlags
	ff.register(fs)
	return func(env *Env, args []string) error {
		if len(args) > 0 {
			return usageErr("unexpected argument %q", args[0])
		}
		if err := ff.check(); err != nil {
			return err
		}
		switch *format {
		case "jsonl", "csv", "gdelt":
		default:
			return usageErr("--format %q: jsonl, csv or gdelt", *format)
		}
		st, err := openStore(env.Ctx, *db, true)
		if err != nil {
			return err
		}
		defer st.Close()
		out := bufio.NewWriterSize(env.Stdout, 1<<16)
		defer out.Flush()
		switch *format {
		case "jsonl":
			return exportJSONL(env, st, ff.f, out)
		case "csv":
			evs, err := st.Events(env.Ctx, ff.f)
			if err != nil {
				return err
			}
			w := output.NewCSVWriter(out)
			w.Write([]string{"article", "event", "date", "type", "mode", "actors", "actor_codes", "recipients",
				"recipient_codes", "location", "cameo", "happening", "negated", "confidence", "trigger", "published", "source"})
			for _, e := range evs {
				w.Write([]string{itoa(e.Article), "V" + strconv.Itoa(e.Index+1), e.Date, e.Type, e.Mode,
					store.JoinNames(e.Actors), store.JoinCodes(e.Actors), store.JoinNames(e.Recipients), store.JoinCodes(e.Recipients), e.Location, e.CAMEO,
					itoa(e.Happening), strconv.FormatBool(e.Negated), strconv.FormatFloat(e.Confidence, 'f', 3, 64),
					e.Trigger, e.Published, source(e.URL, e.Path)})
			}
			w.Flush()
			return w.Error()
		default:
			evs, err := st.Events(env.Ctx, ff.f)
			if err != nil {
				return err
			}
			writeGDELT(out, evs)
			return nil
		}
	}
}

func exportJSONL(env *Env, st store.Store, f store.Filter, out *bufio.Writer) error {
	arts, err := st.Articles(env.Ctx, f)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		if err := env.Ctx.Err(); err != nil {
			return err
		}
		doc, err := st.Load(env.Ctx, a.ID)
		if err != nil {
			return fmt.Errorf("article %d: %w", a.ID, err)
		}
		if err := enc.Encode(doc); err != nil {
			return err
		}
	}
	return nil
}

// GDELTHeader names the columns of the GDELT-style export.
var GDELTHeader = []string{"GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode",
	"Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventRootCode",
	"ActionGeo_FullName", "SOURCEURL", "PLOVERType", "PLOVERMode", "HappeningID", "Confidence", "IsNegated"}

// writeGDELT writes events as GDELT-style TSV. Actor1 is the first actor;
// Actor2 the first recipient, else the second actor. The date is the event's,
// else the article's publication date.
func writeGDELT(w *bufio.Writer, evs []store.EventRow) {
	clean := func(s string) string {
		return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }), " ")
	}
	row := func(cols []string) {
		for i, c := range cols {
			if i > 0 {
				w.WriteByte('\t')
			}
			w.WriteString(clean(c))
		}
		w.WriteByte('\n')
	}
	row(GDELTHeader)
	for _, e := range evs {
		var a1, a2 store.Actor
		if len(e.Actors) > 0 {
			a1 = e.Actors[0]
		}
		switch {
		case len(e.Recipients) > 0:
			a2 = e.Recipients[0]
		case len(e.Actors) > 1:
			a2 = e.Actors[1]
		}
		date := e.Date
		if len(date) < 10 || date[4] != '-' || date[7] != '-' {
			date = e.Published
		}
		sqlDate := ""
		if len(date) >= 10 && date[4] == '-' && date[7] == '-' {
			sqlDate = date[0:4] + date[5:7] + date[8:10]
		}
		neg := "0"
		if e.Negated {
			neg = "1"
		}
		row([]string{fmt.Sprintf("%d-%d", e.Article, e.Index+1), sqlDate, a1.Code(), a1.Name, a1.Country, a1.Sector,
			a2.Code(), a2.Name, a2.Country, a2.Sector, e.CAMEO, e.Location, source(e.URL, e.Path), e.Type, e.Mode,
			itoa(e.Happening), strconv.FormatFloat(e.Confidence, 'f', 3, 64), neg})
	}
}
