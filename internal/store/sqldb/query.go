package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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

// Events lists events matching f, by date: by sort_day (the event's first
// day, or its article's publication day), read in order from an index.
func (s *DB) Events(ctx context.Context, f store.Filter) ([]store.EventRow, error) {
	f = cleanFilter(f)
	from, to, err := days(f)
	if err != nil {
		return nil, err
	}
	var w where
	if f.Type != "" {
		w.add(`e.type = ?`, strings.ToUpper(f.Type))
	}
	if from != nil {
		w.add(`e.sort_end >= ?`, *from)
	}
	if to != nil {
		w.add(`e.sort_day <= ?`, *to)
	}
	if f.Article != 0 {
		w.add(`e.article_id = ?`, f.Article)
	}
	if f.Actor != "" || f.Country != "" || f.Sector != "" {
		// Driven from the entities (a covering index on name_key), not
		// from every event's actors: CROSS JOIN keeps SQLite's join order
		// (entities outside), which halves the cost of an actor look-up;
		// PostgreSQL plans it as any inner join.
		var sub where
		from := `entities n CROSS JOIN event_actors x`
		if f.Actor != "" {
			// The substring is matched against the distinct actor names
			// (migration 0005), whose entities the name_key index finds.
			from = `actor_names k CROSS JOIN ` + from
			sub.add(`k.name_key LIKE ? ESCAPE '\'`, like(f.Actor))
			sub.add(`n.name_key = k.name_key`)
		}
		sub.add(`x.article_id = n.article_id AND x.entity_idx = n.idx`)
		entityConds(&sub, store.Filter{Country: f.Country, Sector: f.Sector}, "n")
		w.add(`(e.article_id, e.idx) IN (SELECT x.article_id, x.event_idx FROM `+from+sub.sql()+`)`, sub.args...)
	}
	s.textCond(&w, f)
	q := `SELECT e.article_id, e.idx, coalesce(e.happening_id, 0), e.type, e.mode, e.date, coalesce(e.location_name, ''),
		e.cameo, e.negated, e.confidence, coalesce(v.text, ''), coalesce(v.cp_start, 0), coalesce(v.cp_end, 0),
		a.published, a.url, a.path, a.title
		FROM events e JOIN articles a ON a.id = e.article_id
		LEFT JOIN evidence v ON v.article_id = e.article_id AND v.event_idx = e.idx AND v.idx = 0` + w.sql() +
		` ORDER BY e.sort_day, e.article_id, e.idx LIMIT ?`
	rows, err := s.query(ctx, q, append(w.args, limit(f))...)
	if err != nil {
		return nil, err
	}
	var out []store.EventRow
	for rows.Next() {
		var r store.EventRow
		var neg int
		if err := rows.Scan(&r.Article, &r.Index, &r.Happening, &r.Type, &r.Mode, &r.Date, &r.Location, &r.CAMEO,
			&neg, &r.Confidence, &r.Trigger, &r.Start, &r.End, &r.Published, &r.URL, &r.Path, &r.Title); err != nil {
			rows.Close()
			return nil, err
		}
		r.Negated = neg != 0
		r.Actors, r.Recipients = []store.Actor{}, []store.Actor{}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.fillActors(ctx, out)
}

// pairChunk is the most events whose actors fillActors reads by their keys.
const pairChunk = 256

// pow2 is the least power of two ≥ n.
func pow2(n int) int {
	p := 1
	for p < n {
		p *= 2
	}
	return p
}

// fillActors loads the actors and recipients of the listed events.
func (s *DB) fillActors(ctx context.Context, evs []store.EventRow) error {
	type key struct {
		art int64
		idx int
	}
	at := make(map[key]int, len(evs))
	keys := make([]key, 0, len(evs))
	for i, e := range evs {
		k := key{e.Article, e.Index}
		if _, dup := at[k]; !dup {
			keys = append(keys, k)
		}
		at[k] = i
	}
	// A page of events (at most pairChunk) reads only the actors of its
	// articles' events with its event indexes, by key, not every event of
	// its articles. A longer listing reads every event's actors of its
	// articles, a range of the key each, which is cheaper per row.
	chunk, pairs := 500, len(keys) <= pairChunk
	var arts []int64
	total := len(keys)
	if pairs {
		chunk = pairChunk
	} else {
		seen := map[int64]bool{}
		for _, k := range keys {
			if !seen[k.art] {
				seen[k.art] = true
				arts = append(arts, k.art)
			}
		}
		total = len(arts)
	}
	for lo := 0; lo < total; lo += chunk {
		// Lists are padded to a power of two (repeating the last item) so
		// that few statement shapes exist and each is prepared once.
		var args []any
		var cond string
		if pairs {
			part := keys[lo:min(lo+chunk, len(keys))]
			// The articles and the event indexes of the page: a superset
			// of its keys (rows of other events are skipped below), read
			// as index searches, in a statement quick to prepare.
			var pa, pi []any
			sa, si := map[int64]bool{}, map[int]bool{}
			for _, k := range part {
				if !sa[k.art] {
					sa[k.art] = true
					pa = append(pa, k.art)
				}
				if !si[k.idx] {
					si[k.idx] = true
					pi = append(pi, k.idx)
				}
			}
			na, ni := pow2(len(pa)), pow2(len(pi))
			for i := range na {
				args = append(args, pa[min(i, len(pa)-1)])
			}
			for i := range ni {
				args = append(args, pi[min(i, len(pi)-1)])
			}
			cond = `x.article_id IN (` + strings.TrimSuffix(strings.Repeat("?, ", na), ", ") +
				`) AND x.event_idx IN (` + strings.TrimSuffix(strings.Repeat("?, ", ni), ", ") + `)`
		} else {
			part := arts[lo:min(lo+chunk, len(arts))]
			n := pow2(len(part))
			for i := range n {
				args = append(args, part[min(i, len(part)-1)])
			}
			cond = `x.article_id IN (` + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + `)`
		}
		q := `SELECT x.article_id, x.event_idx, x.role, x.entity_idx, n.name, n.type, n.country, n.sector
			FROM event_actors x JOIN entities n ON n.article_id = x.article_id AND n.idx = x.entity_idx
			WHERE ` + cond + `
			ORDER BY x.article_id, x.event_idx, x.role, x.pos`
		rows, err := s.query(ctx, q, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k key
			var role int
			var a store.Actor
			if err := rows.Scan(&k.art, &k.idx, &role, &a.Entity, &a.Name, &a.Type, &a.Country, &a.Sector); err != nil {
				rows.Close()
				return err
			}
			i, ok := at[k]
			if !ok {
				continue
			}
			if role == 0 {
				evs[i].Actors = append(evs[i].Actors, a)
			} else {
				evs[i].Recipients = append(evs[i].Recipients, a)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
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
		` ORDER BY a.pub_day, q.article_id, q.idx LIMIT ?`
	return collect(ctx, s, q, append(w.args, limit(f)), func(rows *sql.Rows, r *store.QuoteRow) error {
		return rows.Scan(&r.Article, &r.Index, &r.Kind, &r.Text, &r.Start, &r.End, &r.Speaker, &r.Country,
			&r.Sector, &r.Cue, &r.Published, &r.URL, &r.Path)
	})
}

// Entities lists entities grouped by name, type and coding, most reported first.
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
		ORDER BY count(DISTINCT n.article_id) DESC, min(n.name) LIMIT ?`
	return collect(ctx, s, q, append(w.args, limit(f)), func(rows *sql.Rows, r *store.EntityRow) error {
		return rows.Scan(&r.Name, &r.Type, &r.Country, &r.Sector, &r.Articles, &r.Mentions)
	})
}

// Articles lists stored articles matching f, by publication date.
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
	s.textCond(&w, f)
	q := `SELECT a.id, a.doc_id, a.hash, a.path, a.url, a.source_name, a.title, a.published, coalesce(a.canonical_id, 0),
		length(a.text),
		(SELECT count(*) FROM sentences x WHERE x.article_id = a.id),
		(SELECT count(*) FROM entities x WHERE x.article_id = a.id),
		(SELECT count(*) FROM quotes x WHERE x.article_id = a.id),
		(SELECT count(*) FROM events x WHERE x.article_id = a.id)
		FROM articles a` + w.sql() + ` ORDER BY a.pub_day, a.id LIMIT ?`
	return collect(ctx, s, q, append(w.args, limit(f)), func(rows *sql.Rows, r *store.ArticleRow) error {
		return rows.Scan(&r.ID, &r.DocID, &r.Hash, &r.Path, &r.URL, &r.Source, &r.Title, &r.Published, &r.Canonical,
			&r.Chars, &r.Sentences, &r.Entities, &r.Quotes, &r.Events)
	})
}

// Happenings lists happenings matching f, most reported first. Actor,
// country and sector match any of its events' actors; the dates bound its day.
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
	q := `SELECT h.id, h.type, h.day, h.signature, count(*), count(DISTINCT e.article_id)
		FROM happenings h JOIN events e ON e.happening_id = h.id` + w.sql() + `
		GROUP BY h.id, h.type, h.day, h.signature
		ORDER BY count(*) DESC, h.day, h.id LIMIT ?`
	rows, err := s.query(ctx, q, append(w.args, limit(f))...)
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
			r.Actors = append(r.Actors, k[strings.IndexByte(k, ':')+1:])
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
		h.Snippet = strings.Join(strings.Fields(snip.String), " ")
		return nil
	})
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
