package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"dateline/internal/store"
)

// where builds a conjunction of conditions and their parameters.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// like is a case-insensitive substring pattern for LIKE ... ESCAPE '\'.
func like(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

// pageArgs are the LIMIT and OFFSET parameters of f.
func pageArgs(f store.Filter) []any { return []any{limit(f), max(f.Offset, 0)} }

func limit(f store.Filter) int {
	if f.Limit < 0 {
		return 1 << 40
	}
	if f.Limit == 0 {
		return 1000
	}
	return f.Limit
}

// days parses the filter's date range; a zero bound is absent.
func days(f store.Filter) (from, to *int64, err error) {
	if f.From != "" {
		d, err := store.ParseDay(f.From)
		if err != nil {
			return nil, nil, fmt.Errorf("--from: %w", err)
		}
		from = &d
	}
	if f.To != "" {
		d, err := store.ParseDay(f.To)
		if err != nil {
			return nil, nil, fmt.Errorf("--to: %w", err)
		}
		to = &d
	}
	return from, to, nil
}

// entityConds adds conditions on an entities row n for actor, country, sector.
func entityConds(w *where, f store.Filter, n string) {
	if f.Actor != "" {
		w.add(n+`.name_key LIKE ? ESCAPE '\'`, like(f.Actor))
	}
	if f.Country != "" {
		w.add(n+`.country = ?`, strings.ToUpper(f.Country))
	}
	if f.Sector != "" {
		w.add(n+`.sector = ?`, strings.ToUpper(f.Sector))
	}
}

func (s *DB) textCond(w *where, f store.Filter) {
	if f.Text == "" {
		return
	}
	q := s.d.FTSQuery(f.Text)
	if q == "" { // no words at all: nothing can match
		w.add(`1 = 0`)
		return
	}
	w.add(s.d.MatchArticle, q)
}

// clean drops what no database takes in a text parameter: NUL bytes and
// invalid UTF-8.
func clean(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
}

// cleanFilter cleans every text field of f.
func cleanFilter(f store.Filter) store.Filter {
	for _, p := range []*string{&f.Actor, &f.Country, &f.Sector, &f.Type, &f.From, &f.To, &f.Text} {
		*p = clean(*p)
	}
	return f
}

// partyChunk is the most events whose parties one statement reads.
const partyChunk = 256

// maxArms is the most actor names whose events one ordered UNION merges (an
// arm each, read in date order from the name index). A substring that more
// names hold reads the events in date order and keeps those with such a
// party instead.
const maxArms = 16

// maxScan is the longest page (offset and limit) that reads the events in
// order, keeping those with a matching party, when no party index leads to
// them; a longer one reads the matching events and sorts them.
const maxScan = 1000

// pow2 is the least power of two ≥ n.
func pow2(n int) int {
	p := 1
	for p < n {
		p *= 2
	}
	return p
}

// dayConds adds the date range on a row x with sort_day and sort_end: the
// event ends on or after from and begins on or before to. No event spans more
// than store.MaxDaySpan days, so sort_day ≥ from − MaxDaySpan follows: said
// outright, it bounds the range read from a sort_day index.
func dayConds(w *where, x string, from, to *int64) {
	if from != nil {
		w.add(x+`.sort_day >= ?`, *from-store.MaxDaySpan)
		w.add(x+`.sort_end >= ?`, *from)
	}
	if to != nil {
		w.add(x+`.sort_day <= ?`, *to)
	}
}

// partyConds adds the conditions of f on an event_parties row p but its name.
func partyConds(w *where, f store.Filter, p string, from, to *int64) {
	if f.Country != "" {
		w.add(p+`.country = ?`, strings.ToUpper(f.Country))
	}
	if f.Sector != "" {
		w.add(p+`.sector = ?`, strings.ToUpper(f.Sector))
	}
	if f.Type != "" {
		w.add(p+`.type = ?`, strings.ToUpper(f.Type))
	}
	dayConds(w, p, from, to)
	if f.Article != 0 {
		w.add(p+`.article_id = ?`, f.Article)
	}
}

// nameCache keeps the actor names (actor_names) for the actor filter's
// substring match: joined into one text, each after a NUL (which no name and
// no cleaned filter holds), searched once per query. The table only grows
// (Put adds names, nothing deletes them), so its row count tells whether the
// copy is current.
type nameCache struct {
	mu     sync.Mutex
	count  int64
	all    string // "\x00name\x00name..."
	starts []int  // where each name begins in all
	ok     bool
}

// actorKeys lists the event actor names (lower case) that hold actor, as
// name_key LIKE '%actor%' would (both sides lower case): a count of the
// names, then a search of the cached copy, instead of a LIKE over every name
// per query.
func (s *DB) actorKeys(ctx context.Context, actor string) ([]string, error) {
	var n int64
	if err := s.queryRow(ctx, `SELECT count(*) FROM actor_names`).Scan(&n); err != nil {
		return nil, err
	}
	c := &s.names
	c.mu.Lock()
	all, starts, fresh := c.all, c.starts, c.ok && c.count == n
	c.mu.Unlock()
	if !fresh {
		// Read after the count: a name stored in between is kept and
		// only makes the next query read the names again.
		keys, err := collect(ctx, s, `SELECT name_key FROM actor_names`, nil,
			func(rows *sql.Rows, k *string) error { return rows.Scan(k) })
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		starts = make([]int, len(keys))
		for i, k := range keys {
			b.WriteByte(0)
			starts[i] = b.Len()
			b.WriteString(k)
		}
		all = b.String()
		c.mu.Lock()
		c.count, c.all, c.starts, c.ok = n, all, starts, true
		c.mu.Unlock()
	}
	pat := strings.ToLower(actor)
	var out []string
	for off := 0; off < len(all); {
		i := strings.Index(all[off:], pat)
		if i < 0 {
			break
		}
		// The name the match lies in, and on past its end.
		k, _ := slices.BinarySearch(starts, off+i+1)
		lo, hi := starts[k-1], len(all)
		if k < len(starts) {
			hi = starts[k] - 1
		}
		out = append(out, all[lo:hi])
		off = hi
	}
	return out, nil
}

// eventPage is a statement that selects the page of events matching f (f.Limit
// rows from f.Offset) as sort_day, article_id, event_idx, in the listing's
// order, and its parameters; ok is false when no event can match. Each way
// in reads an index in that order and stops at the page's end.
func (s *DB) eventPage(ctx context.Context, f store.Filter) (q string, args []any, ok bool, err error) {
	f = cleanFilter(f)
	from, to, err := days(f)
	if err != nil {
		return "", nil, false, err
	}
	const order = ` ORDER BY 1, 2, 3 LIMIT ? OFFSET ?`
	page := pageArgs(f)
	party := f.Actor != "" || f.Country != "" || f.Sector != ""
	var keys []string
	if f.Actor != "" && f.Text == "" {
		if keys, err = s.actorKeys(ctx, f.Actor); err != nil {
			return "", nil, false, err
		}
		if len(keys) == 0 {
			return "", nil, false, nil
		}
	}
	if party && f.Text == "" && len(keys) <= maxArms {
		if len(keys) == 0 {
			// A country or a sector: its index, in order; an event
			// with two such parties is listed once.
			var w where
			partyConds(&w, f, "p", from, to)
			return `SELECT DISTINCT p.sort_day, p.article_id, p.event_idx FROM event_parties p` + w.sql() + order,
				append(w.args, page...), true, nil
		}
		// An arm per name, each read in order from the name index, merged
		// by the UNION, which lists an event found twice (two parties of
		// that name, or of two names) once, as DISTINCT does for one name.
		// Padded to a power of two (repeating the last name) so that few
		// statement shapes exist and each is prepared once.
		var b strings.Builder
		n := pow2(len(keys))
		for i := range n {
			var w where
			w.add(`p.name_key = ?`, keys[min(i, len(keys)-1)])
			partyConds(&w, f, "p", from, to)
			switch {
			case i > 0:
				b.WriteString(` UNION SELECT`)
			case n == 1:
				b.WriteString(`SELECT DISTINCT`)
			default:
				b.WriteString(`SELECT`)
			}
			b.WriteString(` p.sort_day, p.article_id, p.event_idx FROM event_parties p` + w.sql())
			args = append(args, w.args...)
		}
		return b.String() + order, append(args, page...), true, nil
	}
	// The events in order (by type, from events_type_sort), each kept if it
	// matches.
	var w where
	tables := `events e`
	if f.Type != "" {
		w.add(`e.type = ?`, strings.ToUpper(f.Type))
	}
	dayConds(&w, "e", from, to)
	if f.Article != 0 {
		w.add(`e.article_id = ?`, f.Article)
	}
	if party {
		var sub where
		if f.Actor != "" {
			sub.add(`p.name_key IN (SELECT k.name_key FROM actor_names k WHERE k.name_key LIKE ? ESCAPE '\')`, like(f.Actor))
		}
		partyConds(&sub, store.Filter{Country: f.Country, Sector: f.Sector}, "p", nil, nil)
		if limit(f)+max(f.Offset, 0) > maxScan {
			// A long listing reads every match anyway: the matching
			// events by key, then sorted, not every event in order.
			w.add(`(e.article_id, e.idx) IN (SELECT p.article_id, p.event_idx FROM event_parties p`+sub.sql()+`)`,
				sub.args...)
		} else {
			w.add(`EXISTS (SELECT 1 FROM event_parties p WHERE p.article_id = e.article_id AND p.event_idx = e.idx AND `+
				strings.Join(sub.conds, " AND ")+`)`, sub.args...)
		}
	}
	if f.Text != "" {
		tables += ` JOIN articles a ON a.id = e.article_id`
		s.textCond(&w, f)
	}
	return `SELECT e.sort_day, e.article_id, e.idx AS event_idx FROM ` + tables + w.sql() + order,
		append(w.args, page...), true, nil
}

// eventsSQL reads the events of the page that pq selects (eventPage), with
// their articles and first evidence.
func eventsSQL(pq string) string {
	return `WITH pick AS MATERIALIZED (` + pq + `)
		SELECT pick.sort_day, e.article_id, e.idx, coalesce(e.happening_id, 0), e.type, e.mode, e.date,
		coalesce(e.location_name, ''), e.cameo, e.negated, e.confidence, coalesce(v.text, ''), coalesce(v.cp_start, 0),
		coalesce(v.cp_end, 0), a.published, a.url, a.path, a.title
		FROM pick JOIN events e ON e.article_id = pick.article_id AND e.idx = pick.event_idx
		JOIN articles a ON a.id = e.article_id
		LEFT JOIN evidence v ON v.article_id = e.article_id AND v.event_idx = e.idx AND v.idx = 0`
}

// partiesSQL reads the parties of n events named by (article, index)
// parameters. The join order is spelt out: SQLite otherwise may read the
// list as a co-routine and scan every party for it.
func partiesSQL(n int) string {
	return `WITH k (a, i) AS (VALUES ` + strings.Repeat(`(CAST(? AS BIGINT), CAST(? AS BIGINT)), `, n-1) +
		`(CAST(? AS BIGINT), CAST(? AS BIGINT)))
		SELECT x.article_id, x.event_idx, x.role, x.pos, x.entity_idx, x.name, x.ent_type, x.country, x.sector
		FROM k CROSS JOIN event_parties x WHERE x.article_id = k.a AND x.event_idx = k.i`
}

// ExplainEvents returns the query plans of the statements Events runs for f
// (the page with its events, then their parties), one line a step, as the
// dialect's Explain prefix gives them.
func (s *DB) ExplainEvents(ctx context.Context, f store.Filter) ([]string, error) {
	pq, args, ok, err := s.eventPage(ctx, f)
	if err != nil || !ok {
		return nil, err
	}
	n := pow2(min(limit(f), partyChunk))
	keys := make([]any, 2*n)
	for i := range keys {
		keys[i] = int64(0)
	}
	var out []string
	for _, st := range []struct {
		q    string
		args []any
	}{{eventsSQL(pq), args}, {partiesSQL(n), keys}} {
		rows, err := s.DB.QueryContext(ctx, s.d.Explain+s.Q(st.q), st.args...)
		if err != nil {
			return nil, err
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return nil, err
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			// The step's text is the last column (SQLite: id, parent,
			// notused, detail; PostgreSQL: the line).
			out = append(out, fmt.Sprint(vals[len(vals)-1]))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		out = append(out, "")
	}
	return out, nil
}

// Events lists events matching f, by date: by sort_day (the event's first
// day, or its article's publication day), then article and index. One
// statement picks the page (eventPage) and reads its events, articles, first
// evidence and parties (event_parties, by key).
func (s *DB) Events(ctx context.Context, f store.Filter) ([]store.EventRow, error) {
	pq, args, ok, err := s.eventPage(ctx, f)
	if err != nil || !ok {
		return nil, err
	}
	rows, err := s.query(ctx, eventsSQL(pq), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type key struct {
		art int64
		idx int
	}
	type party struct {
		role, pos int64
		a         store.Actor
	}
	type event struct {
		day     sql.NullInt64
		r       store.EventRow
		parties []party
	}
	var evs []event
	at := map[key]int{}
	for rows.Next() {
		var e event
		// Integers are scanned as int64: database/sql converts an int64
		// to an int through its decimal text.
		var idx, neg, start, end int64
		r := &e.r
		if err := rows.Scan(&e.day, &r.Article, &idx, &r.Happening, &r.Type, &r.Mode, &r.Date, &r.Location, &r.CAMEO,
			&neg, &r.Confidence, &r.Trigger, &start, &end, &r.Published, &r.URL, &r.Path, &r.Title); err != nil {
			return nil, err
		}
		r.Index, r.Start, r.End, r.Negated = int(idx), int(start), int(end), neg != 0
		at[key{r.Article, r.Index}] = len(evs)
		evs = append(evs, e)
	}
	if err := rows.Err(); err != nil || len(evs) == 0 {
		return nil, err
	}
	rows.Close()
	// The page's parties, by key: a list of keys padded to a power of two
	// with (0, 0), which no event has, so that few statement shapes exist.
	for lo := 0; lo < len(evs); lo += partyChunk {
		part := evs[lo:min(lo+partyChunk, len(evs))]
		n := pow2(len(part))
		args := make([]any, 0, 2*n)
		for i := range n {
			if i < len(part) {
				args = append(args, part[i].r.Article, int64(part[i].r.Index))
			} else {
				args = append(args, int64(0), int64(0))
			}
		}
		rows, err := s.query(ctx, partiesSQL(n), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var art, idx int64
			var p party
			var ent int64
			if err := rows.Scan(&art, &idx, &p.role, &p.pos, &ent, &p.a.Name, &p.a.Type, &p.a.Country, &p.a.Sector); err != nil {
				rows.Close()
				return nil, err
			}
			p.a.Entity = int(ent)
			if i, ok := at[key{art, int(idx)}]; ok {
				evs[i].parties = append(evs[i].parties, p)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	// The listing's order, as eventPage's ORDER BY has it.
	nulls := 1
	if s.d.NullsFirst {
		nulls = -1
	}
	slices.SortFunc(evs, func(a, b event) int {
		switch {
		case a.day.Valid && b.day.Valid:
			if c := cmp.Compare(a.day.Int64, b.day.Int64); c != 0 {
				return c
			}
		case a.day.Valid != b.day.Valid:
			if a.day.Valid {
				return -nulls
			}
			return nulls
		}
		return cmp.Or(cmp.Compare(a.r.Article, b.r.Article), cmp.Compare(a.r.Index, b.r.Index))
	})
	out := make([]store.EventRow, len(evs))
	for i := range evs {
		e := &evs[i]
		ps := e.parties
		byRole := func(a, b party) int { return cmp.Or(cmp.Compare(a.role, b.role), cmp.Compare(a.pos, b.pos)) }
		if !slices.IsSortedFunc(ps, byRole) {
			slices.SortFunc(ps, byRole)
		}
		e.r.Actors, e.r.Recipients = []store.Actor{}, []store.Actor{}
		for _, p := range ps {
			if p.role == 0 {
				e.r.Actors = append(e.r.Actors, p.a)
			} else {
				e.r.Recipients = append(e.r.Recipients, p.a)
			}
		}
		out[i] = e.r
	}
	return out, nil
}

// Quotes lists quotes matching f: the speaker by actor, country, sector; the
// article's publication date; Text is a substring of the quote.
func (s *DB) Quotes(ctx context.Context, f store.Filter) ([]store.QuoteRow, error) {
	f = cleanFilter(f)
	from, to, err := days(f)
	if err != nil {
		return nil, err
	}
	var w where
	entityConds(&w, f, "n")
	if from != nil {
		w.add(`a.pub_day >= ?`, *from)
	}
	if to != nil {
		w.add(`a.pub_day <= ?`, *to)
	}
	if f.Article != 0 {
		w.add(`q.article_id = ?`, f.Article)
	}
	if f.Text != "" {
		w.add(`lower(q.text) LIKE ? ESCAPE '\'`, like(f.Text))
	}
	join := "LEFT JOIN"
	if f.Actor != "" || f.Country != "" || f.Sector != "" {
		join = "JOIN"
	}
	q := `SELECT q.article_id, q.idx, q.kind, q.text, q.cp_start, q.cp_end, coalesce(n.name, coalesce(q.speaker_text, '')),
		coalesce(n.country, ''), coalesce(n.sector, ''), coalesce(q.cue_text, ''), a.published, a.url, a.path
		FROM quotes q JOIN articles a ON a.id = q.article_id
		` + join + ` entities n ON n.article_id = q.article_id AND n.idx = q.speaker_idx` + w.sql() +
		` ORDER BY a.pub_day, q.article_id, q.idx LIMIT ? OFFSET ?`
	return collect(ctx, s, q, append(w.args, pageArgs(f)...), func(rows *sql.Rows, r *store.QuoteRow) error {
		return rows.Scan(&r.Article, &r.Index, &r.Kind, &r.Text, &r.Start, &r.End, &r.Speaker, &r.Country,
			&r.Sector, &r.Cue, &r.Published, &r.URL, &r.Path)
	})
}

// Entities lists entities grouped by name, type and coding, most reported
// first, then by name and the rest of the group's key, so that pages of any
// length make one listing (PostgreSQL orders ties anyhow).
func (s *DB) Entities(ctx context.Context, f store.Filter) ([]store.EntityRow, error) {
	f = cleanFilter(f)
	from, to, err := days(f)
	if err != nil {
		return nil, err
	}
	var w where
	entityConds(&w, f, "n")
	if f.Type != "" {
		w.add(`n.type = ?`, strings.ToUpper(f.Type))
	}
	if from != nil {
		w.add(`a.pub_day >= ?`, *from)
	}
	if to != nil {
		w.add(`a.pub_day <= ?`, *to)
	}
	if f.Article != 0 {
		w.add(`n.article_id = ?`, f.Article)
	}
	s.textCond(&w, f)
	q := `SELECT min(n.name), n.type, n.country, n.sector, count(DISTINCT n.article_id), CAST(coalesce(sum(
		(SELECT count(*) FROM mentions m WHERE m.article_id = n.article_id AND m.entity_idx = n.idx)), 0) AS BIGINT)
		FROM entities n JOIN articles a ON a.id = n.article_id` + w.sql() + `
		GROUP BY n.name_key, n.type, n.country, n.sector
		ORDER BY count(DISTINCT n.article_id) DESC, min(n.name), n.name_key, n.type, n.country, n.sector LIMIT ? OFFSET ?`
	return collect(ctx, s, q, append(w.args, pageArgs(f)...), func(rows *sql.Rows, r *store.EntityRow) error {
		return rows.Scan(&r.Name, &r.Type, &r.Country, &r.Sector, &r.Articles, &r.Mentions)
	})
}

// Articles lists stored articles matching f, by publication date: actor,
// country and sector name one of its entities, Type one of its events' types.
func (s *DB) Articles(ctx context.Context, f store.Filter) ([]store.ArticleRow, error) {
	f = cleanFilter(f)
	from, to, err := days(f)
	if err != nil {
		return nil, err
	}
	var w where
	if from != nil {
		w.add(`a.pub_day >= ?`, *from)
	}
	if to != nil {
		w.add(`a.pub_day <= ?`, *to)
	}
	if f.Article != 0 {
		w.add(`a.id = ?`, f.Article)
	}
	if f.Actor != "" || f.Country != "" || f.Sector != "" {
		var sub where
		sub.add(`n.article_id = a.id`)
		entityConds(&sub, f, "n")
		w.add(`EXISTS (SELECT 1 FROM entities n`+sub.sql()+`)`, sub.args...)
	}
	if f.Type != "" {
		w.add(`EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.type = ?)`, strings.ToUpper(f.Type))
	}
	s.textCond(&w, f)
	q := `SELECT a.id, a.doc_id, a.hash, a.path, a.url, a.source_name, a.title, a.published, coalesce(a.canonical_id, 0),
		length(a.text),
		(SELECT count(*) FROM sentences x WHERE x.article_id = a.id),
		(SELECT count(*) FROM entities x WHERE x.article_id = a.id),
		(SELECT count(*) FROM quotes x WHERE x.article_id = a.id),
		(SELECT count(*) FROM events x WHERE x.article_id = a.id)
		FROM articles a` + w.sql() + ` ORDER BY a.pub_day, a.id LIMIT ? OFFSET ?`
	return collect(ctx, s, q, append(w.args, pageArgs(f)...), func(rows *sql.Rows, r *store.ArticleRow) error {
		return rows.Scan(&r.ID, &r.DocID, &r.Hash, &r.Path, &r.URL, &r.Source, &r.Title, &r.Published, &r.Canonical,
			&r.Chars, &r.Sentences, &r.Entities, &r.Quotes, &r.Events)
	})
}

// Happenings lists happenings matching f, most reported first. Actor,
// country and sector match any of its events' actors; the dates bound its day;
// Article is one of the articles that report it (its counts stay whole).
func (s *DB) Happenings(ctx context.Context, f store.Filter) ([]store.HappeningRow, error) {
	f = cleanFilter(f)
	from, to, err := days(f)
	if err != nil {
		return nil, err
	}
	var w where
	if f.Type != "" {
		w.add(`h.type = ?`, strings.ToUpper(f.Type))
	}
	if from != nil {
		w.add(`h.day >= ?`, *from)
	}
	if to != nil {
		w.add(`h.day <= ?`, *to)
	}
	if f.Actor != "" || f.Country != "" || f.Sector != "" {
		var sub where
		entityConds(&sub, f, "n")
		w.add(`h.id IN (SELECT e.happening_id FROM entities n
			JOIN event_actors x ON x.article_id = n.article_id AND x.entity_idx = n.idx
			JOIN events e ON e.article_id = x.article_id AND e.idx = x.event_idx`+sub.sql()+`)`, sub.args...)
	}
	if f.Text != "" {
		var sub where
		s.textCond(&sub, f)
		w.add(`h.id IN (SELECT e.happening_id FROM events e JOIN articles a ON a.id = e.article_id`+sub.sql()+`)`, sub.args...)
	}
	if f.Article != 0 {
		w.add(`h.id IN (SELECT e.happening_id FROM events e WHERE e.article_id = ?)`, f.Article)
	}
	q := `SELECT h.id, h.type, h.day, h.signature, count(*), count(DISTINCT e.article_id)
		FROM happenings h JOIN events e ON e.happening_id = h.id` + w.sql() + `
		GROUP BY h.id, h.type, h.day, h.signature
		ORDER BY count(*) DESC, h.day, h.id LIMIT ? OFFSET ?`
	rows, err := s.query(ctx, q, append(w.args, pageArgs(f)...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.HappeningRow
	for rows.Next() {
		var r store.HappeningRow
		var day sql.NullInt64
		var sig string
		if err := rows.Scan(&r.ID, &r.Type, &day, &sig, &r.Reports, &r.Articles); err != nil {
			return nil, err
		}
		if day.Valid {
			r.Date = time.Unix(day.Int64*24*60*60, 0).UTC().Format("2006-01-02")
		}
		r.Actors = []string{}
		for _, k := range strings.Split(sig, "|")[1:] {
			if k != "" { // "ASSAULT|": a happening of no actor
				r.Actors = append(r.Actors, k[strings.IndexByte(k, ':')+1:])
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Search is full-text search over titles and texts.
func (s *DB) Search(ctx context.Context, query string, n int) ([]store.Hit, error) {
	fq := s.d.FTSQuery(clean(query))
	if fq == "" {
		return nil, nil
	}
	if n <= 0 {
		n = 20
	}
	return collect(ctx, s, s.d.SearchSQL, []any{fq, n}, func(rows *sql.Rows, h *store.Hit) error {
		var snip sql.NullString
		if err := rows.Scan(&h.Article, &h.Title, &h.Published, &h.Path, &h.URL, &snip, &h.Rank); err != nil {
			return err
		}
		h.Snippet, h.Marks = marks(strings.Join(strings.Fields(snip.String), " "))
		return nil
	})
}

// MarkStart and MarkEnd enclose the matched words in the snippet SearchSQL
// selects: private-use characters, which no article text is expected to
// hold, so that a bracket of the text is not taken for a mark.
const (
	MarkStart = "\uE000"
	MarkEnd   = "\uE001"
)

// marks turns a snippet with MarkStart and MarkEnd into the snippet with
// [ and ], and the code-point spans of the marked words.
func marks(snip string) (string, [][2]int) {
	var b strings.Builder
	spans := [][2]int{}
	n, open := 0, -1
	for _, r := range snip {
		switch {
		case string(r) == MarkStart && open < 0:
			b.WriteByte('[')
			n++
			open = n
		case string(r) == MarkEnd && open >= 0:
			spans = append(spans, [2]int{open, n})
			b.WriteByte(']')
			n++
			open = -1
		case string(r) == MarkStart || string(r) == MarkEnd:
		default:
			b.WriteRune(r)
			n++
		}
	}
	if open >= 0 { // cut off before its end
		spans = append(spans, [2]int{open, n})
		b.WriteByte(']')
	}
	return b.String(), spans
}

// Stats counts rows.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.DB.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM articles WHERE canonical_id IS NULL),
		(SELECT count(*) FROM removed),
		(SELECT count(*) FROM sentences),
		(SELECT count(*) FROM entities),
		(SELECT count(*) FROM mentions),
		(SELECT count(*) FROM times),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM happenings)`).Scan(&st.Articles, &st.Canonical, &st.Removed, &st.Sentences,
		&st.Entities, &st.Mentions, &st.Times, &st.Quotes, &st.Events, &st.Happenings)
	return st, err
}

// CheckDerived checks event_parties against what it copies (event_actors
// with their entities and events): it holds every such row, and no other.
func (s *DB) CheckDerived(ctx context.Context) error {
	const stored = `SELECT article_id, event_idx, role, pos, entity_idx, name, name_key, ent_type, country, sector,
		type, sort_day, sort_end FROM event_parties`
	const derived = `SELECT x.article_id, x.event_idx, x.role, x.pos, x.entity_idx, n.name, n.name_key, n.type,
		n.country, n.sector, e.type, e.sort_day, e.sort_end
		FROM event_actors x
		JOIN entities n ON n.article_id = x.article_id AND n.idx = x.entity_idx
		JOIN events e ON e.article_id = x.article_id AND e.idx = x.event_idx`
	var extra, missing, rows int64
	err := s.DB.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM (`+stored+` EXCEPT `+derived+`) a),
		(SELECT count(*) FROM (`+derived+` EXCEPT `+stored+`) b), (SELECT count(*) FROM event_parties)`).Scan(&extra, &missing, &rows)
	if err != nil {
		return fmt.Errorf("event_parties: %w", err)
	}
	if extra != 0 || missing != 0 {
		return fmt.Errorf("event_parties: %d rows of %d not in event_actors, %d rows of event_actors missing", extra, rows, missing)
	}
	return nil
}
