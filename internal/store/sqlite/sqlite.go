// Package sqlite is the default store backend: one SQLite file through
// modernc.org/sqlite (pure Go), in WAL mode, with FTS5 full-text search.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"dateline/internal/store/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialect is SQLite's way of doing what differs between backends.
func Dialect() sqldb.Dialect {
	m, _ := fs.Sub(migrations, "migrations")
	return sqldb.Dialect{
		Name:         "sqlite",
		Migrations:   m,
		IndexText:    &sqldb.Table{Name: "article_fts", Cols: []string{"rowid", "title", "text"}},
		MatchArticle: `a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)`,
		SearchSQL: `SELECT a.id, a.title, a.published, a.path, a.url,
			snippet(article_fts, 1, '` + sqldb.MarkStart + `', '` + sqldb.MarkEnd + `', '…', 16), -bm25(article_fts)
			FROM article_fts JOIN articles a ON a.id = article_fts.rowid
			WHERE article_fts MATCH ? ORDER BY bm25(article_fts) LIMIT ?`,
		FTSQuery:   FTSQuery,
		MaxParams:  32000,
		NullsFirst: true,
		Explain:    `EXPLAIN QUERY PLAN `,
	}
}

// FTSQuery turns free text into an FTS5 query that matches articles holding
// every word: each word is quoted, so no user input is read as FTS5 syntax.
// A word given again (in any case, with or without diacritics) is left out:
// it matches nothing more, and FTS5's ranking and snippets slow down with the
// square of the repeats (a search of "the" 40 times took 22 s over 389
// articles, 120 times over two minutes).
func FTSQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	seen := make(map[string]bool, len(words))
	out := words[:0]
	for _, w := range words {
		if k := ftsFold(w); !seen[k] {
			seen[k] = true
			out = append(out, `"`+w+`"`)
		}
	}
	return strings.Join(out, " ")
}

// ftsFold is a word as the index's tokenizer (unicode61 remove_diacritics 2)
// keeps it, near enough: lower case, without combining marks.
func ftsFold(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Open opens (creating if needed) the SQLite database at path and migrates it.
func Open(ctx context.Context, path string) (*sqldb.DB, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(30000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)",
		"cache_size(-65536)", "mmap_size(268435456)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite %s: %w", path, err)
	}
	s := sqldb.New(db, Dialect())
	if err := s.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite %s: %w", path, err)
	}
	return s, nil
}
