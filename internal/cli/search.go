package cli

import (
	"flag"
	"fmt"
	"strings"

	"dateline/internal/store"
)

func init() {
	register(&command{
		name:  "search",
		short: "full-text search of stored articles",
		usage: "[--db PATH|postgres://...] [--limit N] [--json|--csv] WORDS...",
		long: `Finds the stored articles that hold every word given, best first, with a
snippet around the match ([ ] mark the words). SQLite uses FTS5 (words are
matched as given, case-insensitive); PostgreSQL uses English tsvector search
(words are stemmed).`,
		flags: searchFlags,
	})
}

func searchFlags(fs *flag.FlagSet) func(*Env, []string) error {
	db := fs.String("db", defaultDB, "database: an SQLite file or a postgres:// URL")
	limit := fs.Int("limit", 20, "at most this many articles")
	var of outFlags
	of.register(fs)
	return func(env *Env, args []string) error {
		q := strings.TrimSpace(strings.Join(args, " "))
		if q == "" {
			return usageErr("nothing to search for")
		}
		if of.json && of.csv {
			return usageErr("--json and --csv: choose one")
		}
		st, err := openStore(env.Ctx, *db, true)
		if err != nil {
			return err
		}
		defer st.Close()
		hits, err := st.Search(env.Ctx, q, *limit)
		if err != nil {
			return fmt.Errorf("search %q: %w", q, err)
		}
		if hits == nil {
			hits = []store.Hit{}
		}
		table := [][]string{{"ARTICLE", "RANK", "PUBLISHED", "TITLE", "SNIPPET", "SOURCE"}}
		for _, h := range hits {
			table = append(table, []string{itoa(h.Article), fmt.Sprintf("%.3f", h.Rank), h.Published, h.Title,
				h.Snippet, source(h.URL, h.Path)})
		}
		return render(env, hits, table, of)
	}
}
