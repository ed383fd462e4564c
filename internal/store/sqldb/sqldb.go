// Package sqldb is the store.Store implementation shared by the SQL backends:
// one schema shape, written with ? placeholders and rebound per backend, and a
// Dialect for what differs (migrations, placeholders, full-text search).
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"dateline/internal/doc"
	"dateline/internal/output"
	"dateline/internal/store"
)

// Dialect is what one SQL backend does its own way.
type Dialect struct {
	Name string
	// Migrations holds NNNN_name.sql files, applied in order, each once.
	Migrations fs.FS
	// Rebind turns ? placeholders into the backend's own; nil keeps them.
	Rebind func(string) string
	// MigrationLock, if set, is run first in each migration transaction.
	MigrationLock string
	// IndexText, if set, adds (id, title, text) rows to a full-text index
	// that the database does not maintain itself; it returns the table and
	// its columns for a bulk insert.
	IndexText *Table
	// MatchArticle is a boolean SQL condition on articles a with one
	// parameter, the FTSQuery of the user's text.
	MatchArticle string
	// SearchSQL selects id, title, published, path, url, snippet (the
	// matched words between MarkStart and MarkEnd), rank for parameters
	// (query, limit), best first.
	SearchSQL string
	// FTSQuery turns the user's words into the parameter MatchArticle and
	// SearchSQL expect.
	FTSQuery func(string) string
	// MaxParams is the most bind parameters one statement may carry.
	MaxParams int
	// NullsFirst says that ORDER BY x puts NULLs before every value
	// (SQLite), not after (PostgreSQL).
	NullsFirst bool
	// Explain is the prefix that makes a statement return its query plan.
	Explain string
}

// Table names a table and the columns a bulk insert fills.
type Table struct {
	Name string
	Cols []string
}

// DB is a store.Store over database/sql.
type DB struct {
	DB    *sql.DB
	d     Dialect
	stmts stmtCache
	names nameCache
}

// New wraps an open database. It does not migrate.
func New(db *sql.DB, d Dialect) *DB {
	if d.Rebind == nil {
		d.Rebind = func(s string) string { return s }
	}
	if d.MaxParams == 0 {
		d.MaxParams = 999
	}
	return &DB{DB: db, d: d}
}

// Q rebinds a ?-placeholder query for this backend.
func (s *DB) Q(q string) string { return s.d.Rebind(q) }

// Close closes the database.
func (s *DB) Close() error { return errors.Join(s.stmts.close(), s.DB.Close()) }

// Migrate applies the dialect's migrations not yet recorded in schema_version,
// each in its own transaction.
func (s *DB) Migrate(ctx context.Context) error {
	names, err := fs.Glob(s.d.Migrations, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("%s: migration %s: name must start with its number", s.d.Name, name)
		}
		body, err := fs.ReadFile(s.d.Migrations, name)
		if err != nil {
			return err
		}
		if err := s.migrateOne(ctx, v, name, string(body)); err != nil {
			return fmt.Errorf("%s: migration %s: %w", s.d.Name, name, err)
		}
	}
	return nil
}

func (s *DB) migrateOne(ctx context.Context, v int, name, body string) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.d.MigrationLock != "" {
		if _, err := tx.ExecContext(ctx, s.d.MigrationLock); err != nil {
			return err
		}
	}
	// Created here, after the lock, so that concurrent migrators do not race.
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("schema_version: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.Q(`SELECT count(*) FROM schema_version WHERE version = ?`), v).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.Q(`INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)`),
		v, name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// Version is the highest applied migration.
func (s *DB) Version(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.DB.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&v)
	return int(v.Int64), err
}

// Has reports whether an article with this hash is stored.
func (s *DB) Has(ctx context.Context, hash string) (bool, error) {
	var one int
	err := s.DB.QueryRowContext(ctx, s.Q(`SELECT 1 FROM articles WHERE hash = ?`), hash).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// nearSQL finds candidate near-duplicates: canonical articles sharing a band
// (one indexed look-up per band). Only canonical articles are candidates, so
// a cluster of copies costs one comparison, not one per copy; the limit
// bounds pathological inputs.
const nearSQL = `SELECT id, simhash, hash FROM articles WHERE band0 = ? AND canonical_id IS NULL
	UNION ALL SELECT id, simhash, hash FROM articles WHERE band1 = ? AND canonical_id IS NULL
	UNION ALL SELECT id, simhash, hash FROM articles WHERE band2 = ? AND canonical_id IS NULL
	UNION ALL SELECT id, simhash, hash FROM articles WHERE band3 = ? AND canonical_id IS NULL
	LIMIT 1024`

// Near finds the canonical article of a stored near-duplicate of sh, or 0.
func (s *DB) Near(ctx context.Context, sh uint64) (int64, error) {
	q, err := s.DB.PrepareContext(ctx, s.Q(nearSQL))
	if err != nil {
		return 0, err
	}
	defer q.Close()
	return near(ctx, q, sh, "")
}

func near(ctx context.Context, q *sql.Stmt, sh uint64, notHash string) (int64, error) {
	b := store.Bands(sh)
	rows, err := q.QueryContext(ctx, b[0], b[1], b[2], b[3])
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	best, bestD := int64(0), store.MaxNearDistance+1
	for rows.Next() {
		var id, h int64
		var hash string
		if err := rows.Scan(&id, &h, &hash); err != nil {
			return 0, err
		}
		if hash == notHash {
			continue
		}
		if d := store.Hamming(uint64(h), sh); d < bestD || (d == bestD && id < best) {
			best, bestD = id, d
		}
	}
	return best, rows.Err()
}

// bulk gathers rows for one table and inserts them with multi-row INSERTs.
type bulk struct {
	t    Table
	rows [][]any
}

func (b *bulk) add(vals ...any) { b.rows = append(b.rows, vals) }

func (s *DB) flush(ctx context.Context, tx *sql.Tx, b *bulk) error {
	if len(b.rows) == 0 {
		return nil
	}
	nc := len(b.t.Cols)
	per := max(1, min(500, s.d.MaxParams/nc))
	head := "INSERT INTO " + b.t.Name + " (" + strings.Join(b.t.Cols, ", ") + ") VALUES "
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", nc), ", ") + ")"
	// Full chunks share one prepared statement; the last, shorter one has its own.
	var stmt *sql.Stmt
	stmtN := -1
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	args := make([]any, 0, per*nc)
	for i := 0; i < len(b.rows); i += per {
		chunk := b.rows[i:min(i+per, len(b.rows))]
		if len(chunk) != stmtN {
			if stmt != nil {
				stmt.Close()
			}
			var sb strings.Builder
			sb.WriteString(head)
			for k := range chunk {
				if k > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString(one)
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, s.Q(sb.String())); err != nil {
				return fmt.Errorf("insert %s: %w", b.t.Name, err)
			}
			stmtN = len(chunk)
		}
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("insert %s: %w", b.t.Name, err)
		}
	}
	b.rows = b.rows[:0]
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// nullStr is NULL for "".
func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullIdx(i int32, n int) any {
	if i < 0 || int(i) >= n {
		return nil
	}
	return int64(i)
}

var mentionKinds = map[doc.MentionKind]string{
	doc.MentionName: "name", doc.MentionNominal: "nominal", doc.MentionPronoun: "pronoun",
	doc.MentionMetonym: "metonym", doc.MentionDemonym: "demonym",
}

// Put stores a batch of analysed articles in one transaction.
func (s *DB) Put(ctx context.Context, batch []*doc.Doc) (store.PutResult, error) {
	res := store.PutResult{IDs: make([]int64, len(batch))}
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	t := tables()
	defer t.close()
	var fts *bulk
	if s.d.IndexText != nil {
		fts = &bulk{t: *s.d.IndexText}
	}
	now := time.Now().UTC().Format(time.RFC3339)
	insArticle, err := tx.PrepareContext(ctx, s.Q(`INSERT INTO articles (hash, doc_id, path, url, source_name, title, published, pub_day,
		dateline_place, dateline_entity, text, simhash, band0, band1, band2, band3, canonical_id, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING RETURNING id`))
	if err != nil {
		return res, err
	}
	defer insArticle.Close()
	nearQ, err := tx.PrepareContext(ctx, s.Q(nearSQL))
	if err != nil {
		return res, err
	}
	defer nearQ.Close()
	for bi, d := range batch {
		if err := store.Validate(d); err != nil {
			return res, fmt.Errorf("article %s: %w", d.Source.Path, err)
		}
		hash := store.Hash(d.Text)
		if d.ID == "" {
			d.ID = hash[:16]
		}
		sh := store.SimHash(d.Text)
		canon, err := near(ctx, nearQ, sh, hash)
		if err != nil {
			return res, fmt.Errorf("near-duplicate look-up: %w", err)
		}
		var pubDay any
		if f, _, ok := store.DayRange(d.Published); ok {
			pubDay = f
		}
		var dlPlace, dlEnt any
		ne := len(d.Entities)
		if d.Dateline != nil {
			dlPlace, dlEnt = d.Dateline.Place, nullIdx(d.Dateline.Entity, ne)
		}
		var canonArg any
		if canon != 0 {
			canonArg = canon
		}
		b := store.Bands(sh)
		var id int64
		err = insArticle.QueryRowContext(ctx, hash, d.ID, d.Source.Path, d.Source.URL, d.Source.Name, d.Title,
			d.Published, pubDay, dlPlace, dlEnt, d.Text, int64(sh), b[0], b[1], b[2], b[3], canonArg, now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			res.Duplicates++
			continue
		}
		if err != nil {
			return res, fmt.Errorf("insert article %s: %w", d.Source.Path, err)
		}
		res.Inserted++
		res.IDs[bi] = id
		if canon != 0 {
			res.Near++
		}
		if fts != nil {
			fts.add(id, d.Title, d.Text)
		}
		if err := s.putLayers(ctx, tx, t, id, d, pubDay); err != nil {
			return res, fmt.Errorf("article %s: %w", d.Source.Path, err)
		}
	}
	all := []*bulk{t.removed, t.sentences, t.entities, t.mentions, t.times, t.quotes, t.events, t.actors, t.parties,
		t.evidence}
	if fts != nil {
		all = append(all, fts)
	}
	for _, b := range all {
		if err := s.flush(ctx, tx, b); err != nil {
			return res, err
		}
	}
	if lo, hi := idRange(res.IDs); lo != 0 {
		// The articles of this batch lie in [lo, hi]; others in the range
		// (stored concurrently) only add names that are theirs anyway.
		if _, err := tx.ExecContext(ctx, s.Q(`INSERT INTO actor_names (name_key)
			SELECT DISTINCT n.name_key FROM event_actors x
			JOIN entities n ON n.article_id = x.article_id AND n.idx = x.entity_idx
			WHERE x.article_id >= ? AND x.article_id <= ?
			ON CONFLICT (name_key) DO NOTHING`), lo, hi); err != nil {
			return res, fmt.Errorf("actor names: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return res, err
	}
	return res, nil
}

// idRange is the least and greatest non-zero id, or 0, 0.
func idRange(ids []int64) (lo, hi int64) {
	for _, id := range ids {
		if id == 0 {
			continue
		}
		if lo == 0 || id < lo {
			lo = id
		}
		hi = max(hi, id)
	}
	return lo, hi
}

type layerTables struct {
	removed, sentences, entities, mentions, times, quotes, events, actors, parties, evidence *bulk
	// Happening statements, prepared on first use in the transaction.
	findH, bumpH, newH *sql.Stmt
}

func (t *layerTables) close() {
	for _, st := range []*sql.Stmt{t.findH, t.bumpH, t.newH} {
		if st != nil {
			st.Close()
		}
	}
}

func tables() *layerTables {
	tb := func(name string, cols ...string) *bulk { return &bulk{t: Table{name, cols}} }
	return &layerTables{
		removed:   tb("removed", "article_id", "idx", "text", "reason"),
		sentences: tb("sentences", "article_id", "idx", "cp_start", "cp_end"),
		entities:  tb("entities", "article_id", "idx", "name", "name_key", "type", "country", "sector", "role"),
		mentions:  tb("mentions", "article_id", "idx", "entity_idx", "cp_start", "cp_end", "text", "kind"),
		times:     tb("times", "article_id", "idx", "cp_start", "cp_end", "text", "type", "value", "mod"),
		quotes: tb("quotes", "article_id", "idx", "kind", "cp_start", "cp_end", "text", "speaker_idx",
			"speaker_start", "speaker_end", "speaker_text", "cue_start", "cue_end", "cue_text", "sentence"),
		events: tb("events", "article_id", "idx", "type", "mode", "date", "day_from", "day_to", "time_idx",
			"location_name", "location_entity", "negated", "hypothetical", "future", "historical",
			"confidence", "cameo", "explain", "happening_id", "sort_day", "sort_end"),
		actors: tb("event_actors", "article_id", "event_idx", "role", "pos", "entity_idx"),
		parties: tb("event_parties", "article_id", "event_idx", "role", "pos", "entity_idx", "name", "name_key",
			"ent_type", "country", "sector", "type", "sort_day", "sort_end"),
		evidence: tb("evidence", "article_id", "event_idx", "idx", "sentence", "cp_start", "cp_end", "text"),
	}
}

// validSpan reports whether s lies inside a text of n bytes.
func validSpan(s doc.Span, n int) bool { return s.Start >= 0 && s.End >= s.Start && int(s.End) <= n }

// putLayers queues the analysis layers of article id, published on pubDay
// (nil if undated).
func (s *DB) putLayers(ctx context.Context, tx *sql.Tx, t *layerTables, id int64, d *doc.Doc, pubDay any) error {
	n := len(d.Text)
	ne := len(d.Entities)
	cp := func(x int32) int { return d.Rune(x) }
	span := func(sp doc.Span, what string) error {
		if !validSpan(sp, n) {
			return fmt.Errorf("%s span [%d,%d) outside the text (%d bytes)", what, sp.Start, sp.End, n)
		}
		return nil
	}
	for i, r := range d.Removed {
		t.removed.add(id, i, r.Text, r.Reason)
	}
	for i, se := range d.Sentences {
		if err := span(se.Span, "sentence"); err != nil {
			return err
		}
		t.sentences.add(id, i, cp(se.Start), cp(se.End))
	}
	for i, e := range d.Entities {
		t.entities.add(id, i, e.Name, strings.ToLower(e.Name), e.Type, e.Country, e.Sector, e.Role)
		for k, mi := range e.Mentions {
			if mi < 0 || int(mi) >= len(d.Mentions) {
				return fmt.Errorf("entity %d: mention %d out of range", i, mi)
			}
			m := d.Mentions[mi]
			if err := span(m.Span, "mention"); err != nil {
				return err
			}
			t.mentions.add(id, k, i, cp(m.Start), cp(m.End), d.Str(m.Span), mentionKinds[m.Kind])
		}
	}
	for i, tm := range d.Times {
		if err := span(tm.Span, "time"); err != nil {
			return err
		}
		t.times.add(id, i, cp(tm.Start), cp(tm.End), d.Str(tm.Span), tm.Type, tm.Value, tm.Mod)
	}
	opt := func(sp doc.Span, what string) (a, b, c any, err error) {
		if sp.Start < 0 {
			return nil, nil, nil, nil
		}
		if err := span(sp, what); err != nil {
			return nil, nil, nil, err
		}
		return cp(sp.Start), cp(sp.End), d.Str(sp), nil
	}
	for i, q := range d.Quotes {
		if err := span(q.Content, "quote"); err != nil {
			return err
		}
		ss, se, st, err := opt(q.SpeakerSpan, "speaker")
		if err != nil {
			return err
		}
		cs, ce, ct, err := opt(q.Cue, "cue")
		if err != nil {
			return err
		}
		t.quotes.add(id, i, q.Kind, cp(q.Content.Start), cp(q.Content.End), d.Str(q.Content),
			nullIdx(q.Speaker, ne), ss, se, st, cs, ce, ct, int64(q.Sentence))
	}
	for i, e := range d.Events {
		var from, to any
		// sort_day and sort_end are the event's days, or the article's
		// publication day when the event has no calendar date: the
		// queries' order and date range, indexed (migration 0003).
		sortDay, sortEnd := pubDay, pubDay
		f, tt, ok := store.DayRange(e.Date)
		if ok {
			from, to = f, tt
			sortDay, sortEnd = f, tt
		}
		var locName, locEnt any
		if e.Location != nil {
			locName, locEnt = e.Location.Name, nullIdx(e.Location.Entity, ne)
		}
		hid, err := s.happening(ctx, tx, t, d, &e, f, ok && f == tt)
		if err != nil {
			return fmt.Errorf("happening: %w", err)
		}
		t.events.add(id, i, e.Type, e.Mode, e.Date, from, to, nullIdx(e.Time, len(d.Times)), locName, locEnt,
			b2i(e.Negated), b2i(e.Hypothetical), b2i(e.Future), b2i(e.Historical), e.Confidence, e.CAMEO, e.Explain, hid,
			sortDay, sortEnd)
		for role, xs := range [][]int32{e.Actors, e.Recipients} {
			for pos, x := range xs {
				if x < 0 || int(x) >= ne {
					return fmt.Errorf("event %d: entity %d out of range", i, x)
				}
				t.actors.add(id, i, role, pos, int64(x))
				// The same participant as the events filters read it
				// (migration 0006).
				en := &d.Entities[x]
				t.parties.add(id, i, role, pos, int64(x), en.Name, strings.ToLower(en.Name), en.Type, en.Country,
					en.Sector, e.Type, sortDay, sortEnd)
			}
		}
		for k, ev := range e.Evidence {
			if err := span(ev.Trigger, "trigger"); err != nil {
				return err
			}
			t.evidence.add(id, i, k, int64(ev.Sentence), cp(ev.Trigger.Start), cp(ev.Trigger.End), d.Str(ev.Trigger))
		}
	}
	return nil
}

// Signature is the key under which events of one happening meet: the type
// and the sorted set of its actors, each by country when it is a coded
// country (GPE), else by lower-cased name.
func Signature(d *doc.Doc, e *doc.Event) string {
	keys := make([]string, 0, len(e.Actors))
	for _, a := range e.Actors {
		if a < 0 || int(a) >= len(d.Entities) {
			continue
		}
		en := &d.Entities[a]
		if en.Country != "" && en.Type == "GPE" {
			keys = append(keys, "c:"+en.Country)
		} else {
			keys = append(keys, "n:"+strings.ToLower(en.Name))
		}
	}
	sort.Strings(keys)
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			out = append(out, k)
		}
	}
	return e.Type + "|" + strings.Join(out, "|")
}

// happening finds the happening an event belongs to, or starts one. Only
// events with actors and a one-day date that are asserted (not negated, not
// hypothetical) are linked across articles.
func (s *DB) happening(ctx context.Context, tx *sql.Tx, t *layerTables, d *doc.Doc, e *doc.Event, day int64, dated bool) (int64, error) {
	prep := func(st **sql.Stmt, q string) error {
		if *st != nil {
			return nil
		}
		var err error
		*st, err = tx.PrepareContext(ctx, s.Q(q))
		return err
	}
	sig := Signature(d, e)
	linkable := dated && len(e.Actors) > 0 && !e.Negated && !e.Hypothetical
	if linkable {
		if err := prep(&t.findH, `SELECT id FROM happenings WHERE signature = ? AND day BETWEEN ? AND ? ORDER BY id LIMIT 1`); err != nil {
			return 0, err
		}
		var id int64
		err := t.findH.QueryRowContext(ctx, sig, day-1, day+1).Scan(&id)
		if err == nil {
			if err := prep(&t.bumpH, `UPDATE happenings SET sources = sources + 1 WHERE id = ?`); err != nil {
				return 0, err
			}
			_, err = t.bumpH.ExecContext(ctx, id)
			return id, err
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	var dayArg any
	if dated {
		dayArg = day
	}
	if err := prep(&t.newH, `INSERT INTO happenings (type, signature, day, sources) VALUES (?, ?, ?, 1) RETURNING id`); err != nil {
		return 0, err
	}
	var id int64
	err := t.newH.QueryRowContext(ctx, e.Type, sig, dayArg).Scan(&id)
	return id, err
}

// Load reads one article back in the contract's shape.
func (s *DB) Load(ctx context.Context, id int64) (*output.Article, error) {
	a := &output.Article{Schema: output.Schema}
	var path, url, name, title, pub string
	var dlPlace sql.NullString
	var dlEnt sql.NullInt64
	err := s.queryRow(ctx, `SELECT doc_id, path, url, source_name, title, published, dateline_place,
		dateline_entity, text FROM articles WHERE id = ?`, id).Scan(&a.ID, &path, &url, &name, &title, &pub,
		&dlPlace, &dlEnt, &a.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	a.Source = output.Source{Path: strp(path), URL: strp(url), Name: strp(name)}
	a.Title, a.Published = strp(title), strp(pub)
	if dlPlace.Valid {
		a.Dateline = &output.Dateline{Place: dlPlace.String, Entity: eid(dlEnt)}
	}
	a.Removed = []output.Removed{}
	a.Sentences = []output.Range{}
	a.Entities = []output.Entity{}
	a.Times = []output.Time{}
	a.Quotes = []output.Quote{}
	a.Events = []output.Event{}
	each := func(q string, scan func(*sql.Rows) error) error {
		rows, err := s.query(ctx, q, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	err = errors.Join(
		each(`SELECT text, reason FROM removed WHERE article_id = ? ORDER BY idx`, func(r *sql.Rows) error {
			var x output.Removed
			err := r.Scan(&x.Text, &x.Reason)
			a.Removed = append(a.Removed, x)
			return err
		}),
		each(`SELECT cp_start, cp_end FROM sentences WHERE article_id = ? ORDER BY idx`, func(r *sql.Rows) error {
			var x output.Range
			err := r.Scan(&x.Start, &x.End)
			a.Sentences = append(a.Sentences, x)
			return err
		}),
		each(`SELECT idx, name, type, country, sector, role FROM entities WHERE article_id = ? ORDER BY idx`, func(r *sql.Rows) error {
			var i int
			var x output.Entity
			var country, sector, role string
			err := r.Scan(&i, &x.Name, &x.Type, &country, &sector, &role)
			x.ID, x.Country, x.Sector, x.Role = output.EntityID(i), strp(country), strp(sector), strp(role)
			x.Mentions = []output.Mention{}
			a.Entities = append(a.Entities, x)
			return err
		}),
		each(`SELECT idx, cp_start, cp_end, text, type, value, mod FROM times WHERE article_id = ? ORDER BY idx`, func(r *sql.Rows) error {
			var i int
			var x output.Time
			var v string
			err := r.Scan(&i, &x.Start, &x.End, &x.Text, &x.Type, &v, &x.Mod)
			x.ID, x.Value = output.TimeID(i), strp(v)
			a.Times = append(a.Times, x)
			return err
		}),
	)
	if err != nil {
		return nil, err
	}
	err = each(`SELECT entity_idx, cp_start, cp_end, text, kind FROM mentions WHERE article_id = ? ORDER BY entity_idx, idx`, func(r *sql.Rows) error {
		var e int
		var m output.Mention
		if err := r.Scan(&e, &m.Start, &m.End, &m.Text, &m.Kind); err != nil {
			return err
		}
		if e < 0 || e >= len(a.Entities) {
			return fmt.Errorf("article %d: mention of unknown entity %d", id, e)
		}
		a.Entities[e].Mentions = append(a.Entities[e].Mentions, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(`SELECT idx, kind, cp_start, cp_end, text, speaker_idx, speaker_start, speaker_end, speaker_text,
		cue_start, cue_end, cue_text FROM quotes WHERE article_id = ? ORDER BY idx`, func(r *sql.Rows) error {
		var i int
		var q output.Quote
		var sp sql.NullInt64
		var ss, se, cs, ce sql.NullInt64
		var st, ct sql.NullString
		if err := r.Scan(&i, &q.Kind, &q.Start, &q.End, &q.Text, &sp, &ss, &se, &st, &cs, &ce, &ct); err != nil {
			return err
		}
		q.ID, q.Speaker = fmt.Sprintf("Q%d", i+1), eid(sp)
		q.SpeakerSpan, q.Cue = textSpan(ss, se, st), textSpan(cs, ce, ct)
		a.Quotes = append(a.Quotes, q)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(`SELECT idx, type, mode, date, time_idx, location_name, location_entity, negated, hypothetical,
		future, historical, confidence, cameo, explain FROM events WHERE article_id = ? ORDER BY idx`, func(r *sql.Rows) error {
		var i int
		var e output.Event
		var mode, date string
		var ti, le sql.NullInt64
		var ln sql.NullString
		var neg, hyp, fut, his int
		if err := r.Scan(&i, &e.Type, &mode, &date, &ti, &ln, &le, &neg, &hyp, &fut, &his, &e.Confidence,
			&e.CAMEO, &e.Explain); err != nil {
			return err
		}
		e.ID, e.Mode, e.Date = fmt.Sprintf("V%d", i+1), strp(mode), strp(date)
		if ti.Valid {
			t := output.TimeID(int(ti.Int64))
			e.Time = &t
		}
		if ln.Valid {
			e.Location = &output.Location{Name: ln.String, Entity: eid(le)}
		}
		e.Negated, e.Hypothetical, e.Future, e.Historical = neg != 0, hyp != 0, fut != 0, his != 0
		e.Actors, e.Recipients, e.Evidence = []string{}, []string{}, []output.Evidence{}
		a.Events = append(a.Events, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ev := func(i int) (*output.Event, error) {
		if i < 0 || i >= len(a.Events) {
			return nil, fmt.Errorf("article %d: row of unknown event %d", id, i)
		}
		return &a.Events[i], nil
	}
	err = errors.Join(
		each(`SELECT event_idx, role, entity_idx FROM event_actors WHERE article_id = ? ORDER BY event_idx, role, pos`, func(r *sql.Rows) error {
			var i, role, ent int
			if err := r.Scan(&i, &role, &ent); err != nil {
				return err
			}
			e, err := ev(i)
			if err != nil {
				return err
			}
			if role == 0 {
				e.Actors = append(e.Actors, output.EntityID(ent))
			} else {
				e.Recipients = append(e.Recipients, output.EntityID(ent))
			}
			return nil
		}),
		each(`SELECT event_idx, sentence, cp_start, cp_end, text FROM evidence WHERE article_id = ? ORDER BY event_idx, idx`, func(r *sql.Rows) error {
			var i int
			var x output.Evidence
			if err := r.Scan(&i, &x.Sentence, &x.Trigger.Start, &x.Trigger.End, &x.Trigger.Text); err != nil {
				return err
			}
			e, err := ev(i)
			if err != nil {
				return err
			}
			e.Evidence = append(e.Evidence, x)
			return nil
		}),
	)
	if err != nil {
		return nil, err
	}
	return a, nil
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func eid(i sql.NullInt64) *string {
	if !i.Valid {
		return nil
	}
	s := output.EntityID(int(i.Int64))
	return &s
}

func textSpan(s, e sql.NullInt64, t sql.NullString) *output.TextSpan {
	if !s.Valid || !e.Valid {
		return nil
	}
	return &output.TextSpan{Start: int(s.Int64), End: int(e.Int64), Text: t.String}
}

var _ store.Store = (*DB)(nil)
