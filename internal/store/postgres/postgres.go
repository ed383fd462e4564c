// Package postgres is the shared store backend: PostgreSQL through pgx, with
// tsvector + GIN full-text search, for several machines ingesting into one
// database.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"dateline/internal/store/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialect is PostgreSQL's way of doing what differs between backends.
func Dialect() sqldb.Dialect {
	m, _ := fs.Sub(migrations, "migrations")
	return sqldb.Dialect{
		Name:       "postgres",
		Migrations: m,
		Rebind:     Rebind,
		// One migrator at a time when several machines start together.
		MigrationLock: `SELECT pg_advisory_xact_lock(7355608)`,
		MatchArticle:  `a.tsv @@ plainto_tsquery('english', ?)`,
		SearchSQL: `SELECT h.id, h.title, h.published, h.path, h.url,
			ts_headline('english', h.text, h.q, 'StartSel=` + sqldb.MarkStart + `, StopSel=` + sqldb.MarkEnd + `, MaxWords=24, MinWords=10'), h.rank
			FROM (SELECT a.id, a.title, a.published, a.path, a.url, a.text, t.q, ts_rank(a.tsv, t.q) AS rank
				FROM articles a, (SELECT plainto_tsquery('english', ?) AS q) t
				WHERE a.tsv @@ t.q ORDER BY rank DESC, a.id LIMIT ?) h
			ORDER BY h.rank DESC, h.id`,
		FTSQuery:  func(s string) string { return strings.TrimSpace(s) },
		MaxParams: 65000,
		Explain:   `EXPLAIN `,
	}
}

// Rebind turns ? placeholders into $1, $2, ... (the queries hold no ? in
// string literals).
func Rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// Open connects to the PostgreSQL database at dsn (postgres://...) and migrates it.
func Open(ctx context.Context, dsn string) (*sqldb.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db.SetMaxOpenConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s := sqldb.New(db, Dialect())
	if err := s.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return s, nil
}
