// Package storetest is the test suite every store backend must pass: call Run
// from the backend's tests with a function that opens a fresh, migrated store.
package storetest

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"dateline/internal/doc"
	"dateline/internal/output"
	"dateline/internal/store"
	"dateline/internal/store/sqldb"
)

// Opener opens a fresh, empty, migrated store for one test.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	t.Run("Migrate", func(t *testing.T) { testMigrate(t, open(t)) })
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, open(t)) })
	t.Run("Idempotent", func(t *testing.T) { testIdempotent(t, open(t)) })
	t.Run("NearDuplicate", func(t *testing.T) { testNear(t, open(t)) })
	t.Run("Happenings", func(t *testing.T) { testHappenings(t, open(t)) })
	t.Run("Queries", func(t *testing.T) { testQueries(t, open(t)) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open(t)) })
	t.Run("BadSpanRollsBack", func(t *testing.T) { testBadSpan(t, open(t)) })
	t.Run("EventPages", func(t *testing.T) { testEventPages(t, open(t)) })
	t.Run("EventFilters", func(t *testing.T) { testEventFilters(t, open(t)) })
	t.Run("ListPages", func(t *testing.T) { testListPages(t, open(t)) })
	t.Run("ListFilters", func(t *testing.T) { testListFilters(t, open(t)) })
}

// testListFilters: the filters articles and happenings take do filter (the
// server offers them; both were ignored): articles by the type of one of
// their events, happenings by one of the articles that report them. A
// happening of events without actors lists none (it listed one, "").
func testListFilters(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Varied(60, 11)...)
	evs, err := s.Events(ctx, store.Filter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	withType := map[string]map[int64]bool{}
	for _, e := range evs {
		if withType[e.Type] == nil {
			withType[e.Type] = map[int64]bool{}
		}
		withType[e.Type][e.Article] = true
	}
	all, err := s.Articles(ctx, store.Filter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	for typ, want := range withType {
		got, err := s.Articles(ctx, store.Filter{Type: strings.ToLower(typ), Limit: -1})
		if err != nil || len(got) != len(want) || len(got) == len(all) {
			t.Errorf("Articles(type %s) = %d articles, %v; want %d of %d", typ, len(got), err, len(want), len(all))
			continue
		}
		for _, a := range got {
			if !want[a.ID] {
				t.Errorf("Articles(type %s): article %d has no such event", typ, a.ID)
			}
		}
	}
	haps, err := s.Happenings(ctx, store.Filter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	whole := map[int64]store.HappeningRow{}
	noActor := 0
	for _, h := range haps {
		whole[h.ID] = h
		if slices.Contains(h.Actors, "") {
			t.Errorf("happening %d: actors %q", h.ID, h.Actors)
		}
		if len(h.Actors) == 0 {
			noActor++
		}
	}
	if noActor == 0 {
		t.Errorf("no happening without actors among %d", len(haps))
	}
	for _, a := range all[:10] {
		want := map[int64]bool{}
		for _, e := range evs {
			if e.Article == a.ID && e.Happening != 0 {
				want[e.Happening] = true
			}
		}
		got, err := s.Happenings(ctx, store.Filter{Article: a.ID, Limit: -1})
		if err != nil || len(got) != len(want) {
			t.Errorf("Happenings(article %d) = %d, %v; want %d", a.ID, len(got), err, len(want))
			continue
		}
		for _, h := range got {
			if !want[h.ID] || !reflect.DeepEqual(h, whole[h.ID]) {
				t.Errorf("Happenings(article %d): %+v, want one of its own as listed whole (%+v)", a.ID, h, whole[h.ID])
			}
		}
	}
}

// Checker is a store that can check its derived tables against what they
// summarise (sqldb: event_parties).
type Checker interface {
	CheckDerived(ctx context.Context) error
}

// checkDerived checks s's derived tables, if it has any.
func checkDerived(t *testing.T, s store.Store, when string) {
	t.Helper()
	if c, ok := s.(Checker); ok {
		if err := c.CheckDerived(context.Background()); err != nil {
			t.Errorf("%s: %v", when, err)
		}
	}
}

// Varied is n analysed articles (seeded, so the same each run) whose events
// differ in every way the events filters look at: types; actors and
// recipients from a pool of names (twenty "Minister NN", so that one word is
// held by many names), countries and sectors, the same entity as actor and
// recipient, or twice; events without parties; days, months, years and
// non-calendar dates; articles with a day, a month or no publication date;
// the words alpha, beta or gamma in the text.
func Varied(n int, seed uint64) []*doc.Doc {
	r := rand.New(rand.NewPCG(seed, 7))
	type ent struct{ name, typ, country, sector string }
	pool := []ent{{"Antony Blinken", "PERSON", "USA", "GOV"}, {"Shah Mahmood Qureshi", "PERSON", "PAK", "GOV"},
		{"Pakistan", "GPE", "PAK", ""}, {"United States", "GPE", "USA", ""}, {"Taliban", "ORG", "AFG", "REB"},
		{"Ministry of Defence", "ORG", "GBR", "MIL"}, {"Crowd", "GROUP", "", ""}}
	countries := []string{"PAK", "USA", "AFG", "GBR", ""}
	sectors := []string{"GOV", "MIL", ""}
	for i := 1; i <= 20; i++ {
		pool = append(pool, ent{fmt.Sprintf("Minister %02d", i), "PERSON", countries[i%len(countries)], sectors[i%len(sectors)]})
	}
	types := []string{"CONSULT", "ACCUSE", "AGREE", "ASSAULT"}
	dates := []string{"", "2021-09-23", "2021-09-30", "2021-10-02", "2021-09", "2021", "2020", "2020-02-29", "P3D", "2021-W38"}
	pubs := []string{"2021-09-24", "2021-10-01", "", "2020-12-31", "2021-09"}
	words := []string{"alpha", "beta", "gamma"}
	var out []*doc.Doc
	for i := range n {
		d := Story(pubs[r.IntN(len(pubs))], "", fmt.Sprintf("Varied report %d on %s.", i, words[r.IntN(len(words))]))
		perm := r.Perm(len(pool))[:4+r.IntN(4)]
		d.Entities = d.Entities[:0]
		for _, k := range perm {
			e := pool[k]
			d.Entities = append(d.Entities, doc.Entity{Name: e.name, Type: e.typ, Country: e.country, Sector: e.sector,
				Mentions: []int32{int32(len(d.Entities) % len(d.Mentions))}})
		}
		ev := d.Events[0]
		d.Events = d.Events[:0]
		for range r.IntN(5) {
			e := ev
			e.Type = types[r.IntN(len(types))]
			e.Date = dates[r.IntN(len(dates))]
			e.Actors, e.Recipients = []int32{}, []int32{}
			for range r.IntN(4) {
				e.Actors = append(e.Actors, int32(r.IntN(len(d.Entities))))
			}
			for range r.IntN(3) {
				e.Recipients = append(e.Recipients, int32(r.IntN(len(d.Entities))))
			}
			d.Events = append(d.Events, e)
		}
		out = append(out, d)
	}
	return out
}

// sortDays is the days an event row is listed and filtered by: its date's,
// else its article's publication day; ok is false when it has neither.
func sortDays(e store.EventRow) (from, to int64, ok bool) {
	if f, t, ok := store.DayRange(e.Date); ok {
		return f, t, true
	}
	f, _, ok := store.DayRange(e.Published)
	return f, f, ok
}

// testEventFilters: every filter of the events listing (and its pages) gives
// what filtering the whole listing gives, and the listing is in date order;
// the derived tables agree with what they summarise after puts, repeated puts
// and a failed put.
func testEventFilters(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Varied(160, 1)
	for i := 0; i < len(docs); i += 40 {
		put(t, s, docs[i:i+40]...)
	}
	checkDerived(t, s, "after Put")
	if r := put(t, s, docs[:10]...); r.Inserted != 0 {
		t.Fatalf("Put again: %+v", r)
	}
	bad := Varied(3, 2)
	bad[2].Events = append(bad[2].Events, doc.Event{Type: "ACCUSE", Actors: []int32{99}})
	if _, err := s.Put(ctx, bad); err == nil {
		t.Fatal("Put of an event with an unknown actor: no error")
	}
	checkDerived(t, s, "after a repeated and a failed Put")

	all, err := s.Events(ctx, store.Filter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		n += len(d.Events)
	}
	if len(all) != n {
		t.Fatalf("all events: %d, want %d", len(all), n)
	}
	// Date order: undated events (no date, no publication day) all at one
	// end, the rest by day; then by article and index.
	nullsFirst := false
	if _, _, ok := sortDays(all[0]); !ok {
		nullsFirst = true
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		da, _, oka := sortDays(a)
		db, _, okb := sortDays(b)
		var c int
		switch {
		case oka != okb:
			if oka == nullsFirst {
				t.Fatalf("event %d/%d (day %v) before %d/%d (day %v): undated events not at one end", a.Article,
					a.Index, oka, b.Article, b.Index, okb)
			}
			continue
		case oka:
			c = cmp.Compare(da, db)
		}
		if c == 0 {
			c = cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.Index, b.Index))
		}
		if c >= 0 {
			t.Fatalf("event %d/%d not after %d/%d", b.Article, b.Index, a.Article, a.Index)
		}
	}

	texts := map[string]map[int64]bool{}
	for _, w := range []string{"alpha", "beta"} {
		arts, err := s.Articles(ctx, store.Filter{Text: w, Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		texts[w] = map[int64]bool{}
		for _, a := range arts {
			texts[w][a.ID] = true
		}
	}
	match := func(f store.Filter, e store.EventRow) bool {
		if f.Type != "" && !strings.EqualFold(e.Type, f.Type) || f.Article != 0 && e.Article != f.Article {
			return false
		}
		if f.Text != "" && !texts[f.Text][e.Article] {
			return false
		}
		if f.From != "" || f.To != "" {
			lo, hi, ok := sortDays(e)
			from, _ := store.ParseDay(f.From)
			to, _ := store.ParseDay(f.To)
			if !ok || f.From != "" && hi < from || f.To != "" && lo > to {
				return false
			}
		}
		if f.Actor == "" && f.Country == "" && f.Sector == "" {
			return true
		}
		for _, a := range append(append([]store.Actor{}, e.Actors...), e.Recipients...) {
			if strings.Contains(strings.ToLower(a.Name), strings.ToLower(f.Actor)) &&
				(f.Country == "" || strings.EqualFold(a.Country, f.Country)) &&
				(f.Sector == "" || strings.EqualFold(a.Sector, f.Sector)) {
				return true
			}
		}
		return false
	}
	mid := all[len(all)/2].Article
	filters := []store.Filter{
		{}, {Actor: "minister"}, {Actor: "MINISTER 0"}, {Actor: "minister 07"}, {Actor: "ister 1"}, {Actor: "blinken"},
		{Actor: "zzz"}, {Actor: "100%_"}, {Actor: "a"},
		{Country: "PAK"}, {Country: "usa"}, {Sector: "GOV"}, {Country: "PAK", Sector: "GOV"}, {Sector: "REB"},
		{Actor: "minister", Country: "AFG"}, {Actor: "Minister 0", Country: "PAK"}, {Actor: "pakistan", Sector: "GOV"},
		{Type: "CONSULT"}, {Type: "accuse", Actor: "minister 1"}, {Type: "AGREE", Country: "USA"},
		{Type: "ASSAULT", Actor: "minister"},
		{From: "2021-09-23", To: "2021-09-23"}, {From: "2021-10-01"}, {To: "2021-01-01"}, {From: "2021-06-15", To: "2021-06-20"},
		{From: "2020-02-01", To: "2020-03-31", Type: "CONSULT"}, {From: "2021-09-01", To: "2021-09-30", Actor: "minister 0"},
		{From: "2021-09-24", Actor: "minister"}, {To: "2021-09-23", Country: "PAK"}, {From: "2021-12-31", Sector: "MIL"},
		{Article: mid}, {Article: mid, Actor: "i"}, {Article: mid, Country: "USA", Type: "ACCUSE"},
		{Text: "alpha"}, {Text: "beta", Actor: "minister"}, {Text: "alpha", Country: "PAK", From: "2021-01-01"},
	}
	for _, f := range filters {
		var want []store.EventRow
		for _, e := range all {
			if match(f, e) {
				want = append(want, e)
			}
		}
		for _, pg := range [][2]int{{-1, 0}, {1, 0}, {5, 0}, {5, 3}, {50, 7}, {3, len(want) - 1}, {4, len(want) + 2}} {
			g := f
			g.Limit, g.Offset = pg[0], max(pg[1], 0)
			got, err := s.Events(ctx, g)
			if err != nil {
				t.Fatalf("Events(%+v): %v", g, err)
			}
			w := want[min(g.Offset, len(want)):]
			if g.Limit >= 0 {
				w = w[:min(g.Limit, len(w))]
			}
			if len(got) != len(w) || (len(w) > 0 && !reflect.DeepEqual(got, w)) {
				t.Errorf("Events(%+v): %d events, want %d", g, len(got), len(w))
				for i := range min(len(got), len(w)) {
					if !reflect.DeepEqual(got[i], w[i]) {
						t.Errorf("event %d:\n got %+v\nwant %+v", i, got[i], w[i])
						break
					}
				}
			}
		}
	}
}

// testEventPages: pages of events, short (actors read by event key) and long
// (by article), come in date order with every event's actors, and a page is
// the head of the longer listing.
func testEventPages(t *testing.T, s store.Store) {
	ctx := context.Background()
	const n = 300
	var batch []*doc.Doc
	for i := range n {
		// Undated events sort by their article's publication day.
		day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*7)%n).Format("2006-01-02")
		date := day
		if i%3 == 0 {
			date = ""
		}
		batch = append(batch, Story(day, date, fmt.Sprintf("Report %d of %d.", i, n)))
	}
	put(t, s, batch...)
	all, err := s.Events(ctx, store.Filter{Limit: -1})
	if err != nil || len(all) != n {
		t.Fatalf("all events: %d, %v; want %d", len(all), err, n)
	}
	for i, e := range all {
		if len(e.Actors) != 2 || e.Actors[0].Name != "Shah Mahmood Qureshi" || e.Actors[1].Name != "Antony Blinken" {
			t.Fatalf("event %d: actors %+v", i, e.Actors)
		}
		if i > 0 && e.Published < all[i-1].Published {
			t.Fatalf("event %d (%s) after %s: not in date order", i, e.Published, all[i-1].Published)
		}
	}
	for _, lim := range []int{1, 51, 256, 257} {
		page, err := s.Events(ctx, store.Filter{Limit: lim, Actor: "qureshi"})
		if err != nil || len(page) != lim {
			t.Fatalf("page of %d: %d, %v", lim, len(page), err)
		}
		for i, e := range page {
			if e.Article != all[i].Article || len(e.Actors) != 2 || len(e.Recipients) != 0 {
				t.Fatalf("page of %d, event %d: %+v, want article %d with 2 actors", lim, i, e, all[i].Article)
			}
		}
	}
	from, err := s.Events(ctx, store.Filter{From: "2020-03-01", To: "2020-03-31", Limit: -1})
	if err != nil || len(from) != 31 {
		t.Fatalf("events of March 2020: %d, %v; want 31", len(from), err)
	}
}

// testListPages: pages of every list, followed by their offsets, make the
// whole listing, also where its order has ties: entities of one name and as
// many articles that differ in type or coding, search hits of equal rank.
// PostgreSQL sorts such ties in any order, and did, differently for another
// LIMIT: pages of 13 of the entities over VOA+PolNeAR repeated one entity
// and left out another.
func testListPages(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Varied(40, 3)
	var variants []doc.Entity
	for i := range 100 {
		name := fmt.Sprintf("Jordan %02d", i%40)
		variants = append(variants, doc.Entity{Name: name, Type: []string{"PERSON", "GPE", "ORG", "LOC"}[i%4],
			Country: []string{"", "JOR", "USA"}[i%3]})
	}
	for i := range 3 {
		d := Story("2021-10-05", "", fmt.Sprintf("Jordan tie %d.", i))
		d.Entities = d.Entities[:0]
		for k, e := range variants {
			e.Mentions = []int32{int32(k % len(d.Mentions))}
			d.Entities = append(d.Entities, e)
		}
		docs = append(docs, d)
	}
	put(t, s, docs...)
	lists := map[string]func(f store.Filter) (any, int, error){
		"entities": func(f store.Filter) (any, int, error) { r, err := s.Entities(ctx, f); return r, len(r), err },
		"quotes":   func(f store.Filter) (any, int, error) { r, err := s.Quotes(ctx, f); return r, len(r), err },
		"articles": func(f store.Filter) (any, int, error) { r, err := s.Articles(ctx, f); return r, len(r), err },
		"happenings": func(f store.Filter) (any, int, error) {
			r, err := s.Happenings(ctx, f)
			return r, len(r), err
		},
		"events": func(f store.Filter) (any, int, error) { r, err := s.Events(ctx, f); return r, len(r), err },
	}
	for name, list := range lists {
		all, n, err := list(store.Filter{Limit: -1})
		if err != nil || n < 10 {
			t.Fatalf("%s: %d, %v", name, n, err)
		}
		want := reflect.ValueOf(all)
		for _, size := range []int{1, 4, 13} {
			var got []any
			for off := 0; off < n+size; off += size {
				page, _, err := list(store.Filter{Limit: size, Offset: off})
				if err != nil {
					t.Fatal(err)
				}
				for v, i := reflect.ValueOf(page), 0; i < v.Len(); i++ {
					got = append(got, v.Index(i).Interface())
				}
			}
			for i := range max(len(got), n) {
				if i >= len(got) || i >= n || !reflect.DeepEqual(got[i], want.Index(i).Interface()) {
					t.Errorf("%s in pages of %d: %d rows; row %d differs from the whole listing's", name, size, len(got), i)
					break
				}
			}
		}
	}
	// Search has no offset: a longer list must begin with the shorter one.
	var tie []*doc.Doc
	for i := range 12 {
		tie = append(tie, Story("2021-10-06", "", fmt.Sprintf("Zebra crossing number%c.", 'a'+i)))
	}
	put(t, s, tie...)
	long, err := s.Search(ctx, "zebra", 100)
	if err != nil || len(long) != 12 {
		t.Fatalf("Search(zebra): %d hits, %v", len(long), err)
	}
	for n := 1; n < len(long); n++ {
		short, err := s.Search(ctx, "zebra", n)
		if err != nil || !reflect.DeepEqual(short, long[:n]) {
			t.Errorf("Search(zebra, %d) is not the first %d of Search(zebra, 100): %v", n, n, err)
			break
		}
	}
}

// Story builds an analysed article with every layer set: non-ASCII text (so
// byte and code-point offsets differ), a dateline, a removed line, entities
// with coded actors, a time, a direct quote and a CONSULT event of the two
// ministers on date. extra is appended to the text to vary it.
func Story(published, date, extra string) *doc.Doc {
	text := "NEW YORK — Pakistan’s Foreign Minister Shah Mahmood Qureshi met Antony Blinken on Thursday. " +
		"“We want peace in Afghanistan and with the Taliban,” Qureshi said after the meeting. " + extra
	d := &doc.Doc{Source: doc.Source{Path: "story.txt", URL: "https://example.org/story", Name: "Example"},
		Title: "Qureshi meets Blinken", Published: published, Text: text,
		Removed: []doc.Removed{{Text: "Reading: more stories", Reason: "promo"}}}
	at := func(s string, nth int) doc.Span {
		off := 0
		for k := 0; ; k++ {
			i := strings.Index(text[off:], s)
			if i < 0 {
				panic("storetest: " + s + " not in text")
			}
			if k == nth {
				return doc.Span{Start: int32(off + i), End: int32(off + i + len(s))}
			}
			off += i + len(s)
		}
	}
	s1 := at("Thursday.", 0).End
	d.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: s1}}, {Span: doc.Span{Start: s1 + 1, End: int32(len(text))}}}
	d.Mentions = []doc.Mention{
		{Span: at("Shah Mahmood Qureshi", 0), Entity: 0, Kind: doc.MentionName},
		{Span: at("Antony Blinken", 0), Entity: 1, Kind: doc.MentionName},
		{Span: at("Pakistan", 0), Entity: 2, Kind: doc.MentionName},
		{Span: at("Qureshi", 1), Entity: 0, Kind: doc.MentionName},
		{Span: at("NEW YORK", 0), Entity: 3, Kind: doc.MentionName},
	}
	d.Entities = []doc.Entity{
		{Name: "Shah Mahmood Qureshi", Type: "PERSON", Country: "PAK", Sector: "GOV", Role: "Foreign Minister", Mentions: []int32{0, 3}},
		{Name: "Antony Blinken", Type: "PERSON", Country: "USA", Sector: "GOV", Mentions: []int32{1}},
		{Name: "Pakistan", Type: "GPE", Country: "PAK", Mentions: []int32{2}},
		{Name: "New York", Type: "GPE", Country: "USA", Mentions: []int32{4}},
	}
	d.Dateline = &doc.Dateline{Place: "NEW YORK", Span: at("NEW YORK", 0), Entity: 3}
	d.Times = []doc.Time{{Span: at("Thursday", 0), Type: "DATE", Value: date}}
	d.Quotes = []doc.Quote{{Kind: "direct", Content: at("We want peace in Afghanistan and with the Taliban,", 0),
		Cue: at("said", 0), SpeakerSpan: at("Qureshi", 1), Speaker: 0, Sentence: 1}}
	d.Events = []doc.Event{{Type: "CONSULT", Mode: "bilateral", Actors: []int32{0, 1}, Recipients: []int32{},
		Date: date, Time: 0, Location: &doc.Place{Name: "New York", Entity: 3},
		Evidence: []doc.Evidence{{Sentence: 0, Trigger: at("met", 0)}}, Confidence: 0.9, CAMEO: "04",
		Explain: "verb met"}}
	return d
}

func put(t *testing.T, s store.Store, docs ...*doc.Doc) store.PutResult {
	t.Helper()
	r, err := s.Put(context.Background(), docs)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	return r
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func testMigrate(t *testing.T, s store.Store) {
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("Migrate again (%d): %v", i, err)
		}
	}
	if st := stats(t, s); st != (store.Stats{}) {
		t.Errorf("fresh store not empty: %+v", st)
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	d := Story("2021-09-24", "2021-09-23", "")
	r := put(t, s, d)
	if r.Inserted != 1 || r.IDs[0] == 0 {
		t.Fatalf("Put = %+v, want one inserted", r)
	}
	got, err := s.Load(context.Background(), r.IDs[0])
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := output.FromDoc(d, output.Options{Explain: true})
	gj, _ := json.MarshalIndent(got, "", " ")
	wj, _ := json.MarshalIndent(want, "", " ")
	if string(gj) != string(wj) {
		t.Errorf("Load differs from output.FromDoc:\n got %s\nwant %s", gj, wj)
	}
	// Code points, not bytes: the quote starts after two non-ASCII characters.
	q := got.Quotes[0]
	if []rune(got.Text)[q.Start] != 'W' || string([]rune(got.Text)[q.Start:q.End]) != q.Text {
		t.Errorf("quote span [%d,%d) is not a code-point span of %q", q.Start, q.End, q.Text)
	}
	if _, err := s.Load(context.Background(), r.IDs[0]+1000); err != store.ErrNotFound {
		t.Errorf("Load(unknown) error = %v, want ErrNotFound", err)
	}
	want1 := store.Stats{Articles: 1, Canonical: 1, Removed: 1, Sentences: 2, Entities: 4, Mentions: 5, Times: 1,
		Quotes: 1, Events: 1, Happenings: 1}
	if st := stats(t, s); st != want1 {
		t.Errorf("Stats = %+v, want %+v", st, want1)
	}
}

func testIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := Story("2021-09-24", "2021-09-23", "")
	ok, err := s.Has(ctx, store.Hash(a.Text))
	if err != nil || ok {
		t.Fatalf("Has before Put = %v, %v", ok, err)
	}
	put(t, s, a)
	before := stats(t, s)
	// The same text twice in one batch and again in a later one: stored once.
	r := put(t, s, Story("2021-09-24", "2021-09-23", ""), Story("2021-09-24", "2021-09-23", ""))
	if r.Inserted != 0 || r.Duplicates != 2 || r.IDs[0] != 0 {
		t.Errorf("Put of stored text = %+v, want 2 duplicates", r)
	}
	if st := stats(t, s); st != before {
		t.Errorf("Stats changed on duplicate put: %+v -> %+v", before, st)
	}
	ok, err = s.Has(ctx, store.Hash(a.Text))
	if err != nil || !ok {
		t.Errorf("Has after Put = %v, %v", ok, err)
	}
	r = put(t, s, Story("2021-09-24", "2021-09-23", "A second story."), Story("2021-09-24", "2021-09-23", "A second story."))
	if r.Inserted != 1 || r.Duplicates != 1 {
		t.Errorf("batch with a repeated new text = %+v, want 1 inserted 1 duplicate", r)
	}
}

const longTail = "The two ministers discussed the situation in Afghanistan, the humanitarian crisis, the " +
	"evacuation of foreign nationals, trade between the two countries, the fight against terrorism, " +
	"and the future of the region, officials on both sides said in statements released after the talks " +
	"at the United Nations General Assembly, where leaders gathered for the annual debate this week."

func testNear(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := Story("2021-09-24", "2021-09-23", longTail)
	b := Story("2021-09-24", "2021-09-23", longTail+" Reporting by Example Wire.")
	c := Story("2021-09-24", "2021-09-23", "An entirely different report about cricket scores, weather in Lahore, "+
		"the price of wheat flour, a new film release, traffic on the motorway, and school examinations.")
	if dist := store.Hamming(store.SimHash(a.Text), store.SimHash(b.Text)); dist > store.MaxNearDistance {
		t.Fatalf("SimHash distance of near-duplicates = %d", dist)
	}
	r1 := put(t, s, a)
	id, err := s.Near(ctx, store.SimHash(b.Text))
	if err != nil || id != r1.IDs[0] {
		t.Fatalf("Near(b) = %d, %v; want %d", id, err, r1.IDs[0])
	}
	r2 := put(t, s, b, c)
	if r2.Inserted != 2 || r2.Near != 1 {
		t.Errorf("Put(b, c) = %+v, want 2 inserted, 1 near", r2)
	}
	arts, err := s.Articles(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	canon := map[int64]int64{}
	for _, a := range arts {
		canon[a.ID] = a.Canonical
	}
	if canon[r2.IDs[0]] != r1.IDs[0] || canon[r2.IDs[1]] != 0 || canon[r1.IDs[0]] != 0 {
		t.Errorf("canonical links = %v, want %d -> %d only", canon, r2.IDs[0], r1.IDs[0])
	}
	if st := stats(t, s); st.Articles != 3 || st.Canonical != 2 {
		t.Errorf("Stats = %+v, want 3 articles, 2 canonical", st)
	}
}

func testHappenings(t *testing.T, s store.Store) {
	ctx := context.Background()
	// Three reports of the meeting (dates one day apart), one a week later,
	// one undated: three happenings.
	put(t, s, Story("2021-09-24", "2021-09-23", "First report."),
		Story("2021-09-24", "2021-09-24", "Second report."))
	put(t, s, Story("2021-09-25", "2021-09-23", "Third report."),
		Story("2021-10-01", "2021-09-30", "A later meeting."),
		Story("2021-10-01", "", "An undated meeting."))
	st := stats(t, s)
	if st.Events != 5 || st.Happenings != 3 {
		t.Errorf("events %d happenings %d, want 5 and 3", st.Events, st.Happenings)
	}
	// A report that the meeting did not happen is not one more source of it.
	neg := Story("2021-09-25", "2021-09-23", "A denial.")
	neg.Events[0].Negated = true
	put(t, s, neg)
	if st := stats(t, s); st.Happenings != 4 {
		t.Errorf("negated event linked: %d happenings, want 4", st.Happenings)
	}
	evs, err := s.Events(ctx, store.Filter{From: "2021-09-23", To: "2021-09-24"})
	if err != nil {
		t.Fatal(err)
	}
	evs = slices.DeleteFunc(evs, func(e store.EventRow) bool { return e.Negated })
	if len(evs) != 3 {
		t.Fatalf("events in range = %d, want 3", len(evs))
	}
	for _, e := range evs {
		if e.Happening != evs[0].Happening || e.Happening == 0 {
			t.Errorf("event %d/%d happening %d, want all %d", e.Article, e.Index, e.Happening, evs[0].Happening)
		}
	}
	hs, err := s.Happenings(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 4 || hs[0].ID != evs[0].Happening || hs[0].Reports != 3 || hs[0].Articles != 3 ||
		hs[0].Date != "2021-09-23" || hs[0].Type != "CONSULT" ||
		strings.Join(hs[0].Actors, ",") != "antony blinken,shah mahmood qureshi" {
		t.Errorf("Happenings = %+v", hs)
	}
	for _, c := range []struct {
		f    store.Filter
		want int
	}{
		{store.Filter{Actor: "qureshi", From: "2021-09-01", To: "2021-09-30"}, 3},
		{store.Filter{Country: "PAK", Sector: "GOV"}, 4},
		{store.Filter{Type: "ACCUSE"}, 0},
		{store.Filter{Text: "later meeting"}, 1},
	} {
		hs, err := s.Happenings(ctx, c.f)
		if err != nil || len(hs) != c.want {
			t.Errorf("Happenings(%+v) = %d, %v; want %d", c.f, len(hs), err, c.want)
		}
	}
}

func testQueries(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Story("2021-09-24", "2021-09-23", "First report."))
	other := Story("2022-01-10", "2022-01-09", "A different year.")
	other.Entities[0].Name, other.Entities[0].Country = "Imran Khan", "PAK"
	other.Events[0].Type = "ACCUSE"
	other.Quotes[0].Speaker = 1
	put(t, s, other)
	cases := []struct {
		f    store.Filter
		want int
	}{
		{store.Filter{}, 2},
		{store.Filter{Actor: "qureshi"}, 1},
		{store.Filter{Actor: "QURESHI", From: "2021-09-01", To: "2021-09-30"}, 1},
		{store.Filter{Actor: "qureshi", From: "2021-10-01"}, 0},
		{store.Filter{Actor: "blinken"}, 2},
		{store.Filter{Country: "pak", Sector: "gov"}, 2},
		{store.Filter{Country: "AFG"}, 0},
		{store.Filter{Type: "consult"}, 1},
		{store.Filter{Type: "ACCUSE", Actor: "khan"}, 1},
		{store.Filter{Text: "different year"}, 1},
		{store.Filter{Actor: "100%_"}, 0},
		{store.Filter{Limit: 1}, 1},
	}
	for _, c := range cases {
		evs, err := s.Events(ctx, c.f)
		if err != nil {
			t.Errorf("Events(%+v): %v", c.f, err)
			continue
		}
		if len(evs) != c.want {
			t.Errorf("Events(%+v) = %d rows, want %d", c.f, len(evs), c.want)
		}
	}
	evs, err := s.Events(ctx, store.Filter{Actor: "qureshi"})
	if err != nil || len(evs) != 1 {
		t.Fatalf("Events: %v %d", err, len(evs))
	}
	e := evs[0]
	if e.Type != "CONSULT" || e.Date != "2021-09-23" || e.CAMEO != "04" || e.Location != "New York" ||
		e.Trigger != "met" || len(e.Actors) != 2 || e.Actors[0].Code() != "PAKGOV" || e.Actors[1].Name != "Antony Blinken" ||
		e.URL != "https://example.org/story" || e.Published != "2021-09-24" {
		t.Errorf("event row = %+v", e)
	}
	if _, err := s.Events(ctx, store.Filter{From: "Sept 2021"}); err == nil {
		t.Error("Events with a malformed date: no error")
	}

	qs, err := s.Quotes(ctx, store.Filter{Actor: "qureshi", Text: "taliban"})
	if err != nil || len(qs) != 1 || qs[0].Speaker != "Shah Mahmood Qureshi" || qs[0].Cue != "said" {
		t.Errorf("Quotes(qureshi, taliban) = %+v, %v", qs, err)
	}
	qs, err = s.Quotes(ctx, store.Filter{Text: "no such words"})
	if err != nil || len(qs) != 0 {
		t.Errorf("Quotes(no match) = %+v, %v", qs, err)
	}
	qs, err = s.Quotes(ctx, store.Filter{})
	if err != nil || len(qs) != 2 {
		t.Errorf("Quotes() = %d, %v; want 2", len(qs), err)
	}
	if q2, err := s.Quotes(ctx, store.Filter{Offset: 1}); err != nil || len(qs) != 2 || len(q2) != 1 || q2[0] != qs[1] {
		t.Errorf("Quotes(offset 1) = %+v, %v; want the second quote", q2, err)
	}
	all, err := s.Articles(ctx, store.Filter{})
	if a2, err2 := s.Articles(ctx, store.Filter{Offset: 1, Limit: 5}); err != nil || err2 != nil || len(all) != 2 ||
		len(a2) != 1 || a2[0] != all[1] {
		t.Errorf("Articles(offset 1) = %+v, %v; want the second of %+v", a2, err2, all)
	}

	ents, err := s.Entities(ctx, store.Filter{Type: "person"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.EntityRow{}
	for _, e := range ents {
		got[e.Name] = e
	}
	if len(ents) != 3 || got["Antony Blinken"].Articles != 2 || got["Shah Mahmood Qureshi"].Mentions != 2 {
		t.Errorf("Entities(PERSON) = %+v", ents)
	}

	arts, err := s.Articles(ctx, store.Filter{From: "2022-01-01"})
	if err != nil || len(arts) != 1 || arts[0].Events != 1 || arts[0].Sentences != 2 || arts[0].Entities != 4 {
		t.Errorf("Articles(2022) = %+v, %v", arts, err)
	}
	arts, err = s.Articles(ctx, store.Filter{Actor: "imran"})
	if err != nil || len(arts) != 1 {
		t.Errorf("Articles(imran) = %+v, %v", arts, err)
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	for i, w := range []string{"cricket", "wheat", "Taliban"} {
		d := Story(fmt.Sprintf("2021-09-2%d", i), "2021-09-23", "A story about "+w+" prices and "+w+" markets.")
		d.Title = "Story about " + w
		put(t, s, d)
	}
	hits, err := s.Search(ctx, "wheat markets", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Title != "Story about wheat" || !strings.Contains(hits[0].Snippet, "wheat") {
		t.Errorf("Search(wheat markets) = %+v", hits)
	}
	hits, err = s.Search(ctx, "peace", 10)
	if err != nil || len(hits) != 3 {
		t.Errorf("Search(peace) = %d hits, %v; want 3", len(hits), err)
	}
	// Query syntax in user input is text, never an error.
	for _, q := range []string{`"unbalanced`, `a AND OR NOT (`, `title:x*`, `'; DROP TABLE articles; --`, ``,
		"\x00", "bad \xff utf-8", "!!!", `100%_\`} {
		if _, err := s.Search(ctx, q, 10); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
		f := store.Filter{Actor: q, Text: q, Country: q, Type: q}
		if _, err := s.Events(ctx, f); err != nil {
			t.Errorf("Events(%q): %v", q, err)
		}
		if _, err := s.Quotes(ctx, f); err != nil {
			t.Errorf("Quotes(%q): %v", q, err)
		}
		if _, err := s.Entities(ctx, f); err != nil {
			t.Errorf("Entities(%q): %v", q, err)
		}
		if _, err := s.Articles(ctx, f); err != nil {
			t.Errorf("Articles(%q): %v", q, err)
		}
		if _, err := s.Happenings(ctx, f); err != nil {
			t.Errorf("Happenings(%q): %v", q, err)
		}
	}
	if st := stats(t, s); st.Articles != 3 {
		t.Errorf("articles after hostile searches = %d", st.Articles)
	}
	// The marks are the matched words, not the text's own brackets.
	put(t, s, Story("2021-09-29", "2021-09-23", "Officials said [the] barley harvest [sic] failed."))
	hits, err = s.Search(ctx, "barley", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search(barley) = %+v, %v", hits, err)
	}
	snip := []rune(hits[0].Snippet)
	var marked []string
	for _, m := range hits[0].Marks {
		if m[0] < 1 || m[1] >= len(snip) || m[0] > m[1] || snip[m[0]-1] != '[' || snip[m[1]] != ']' {
			t.Fatalf("Search(barley): mark %v in %q", m, hits[0].Snippet)
		}
		marked = append(marked, string(snip[m[0]:m[1]]))
	}
	if strings.Join(marked, " ") != "barley" || !strings.Contains(hits[0].Snippet, "[the] [barley] harvest [sic]") {
		t.Errorf("Search(barley): snippet %q, marks %v (%q); want only barley marked", hits[0].Snippet, hits[0].Marks, marked)
	}
}

func testBadSpan(t *testing.T, s store.Store) {
	good := Story("2021-09-24", "2021-09-23", "Good.")
	bad := Story("2021-09-24", "2021-09-23", "Bad.")
	bad.Times[0].End = int32(len(bad.Text) + 5)
	if _, err := s.Put(context.Background(), []*doc.Doc{good, bad}); err == nil {
		t.Fatal("Put with a span past the text: no error")
	}
	if st := stats(t, s); st != (store.Stats{}) {
		t.Errorf("failed batch left rows: %+v", st)
	}
}

// Backfill: migration 0006 fills event_parties (and extends the events
// indexes; 0007 adds two) from the events stored before it, and the events listing answers
// as before. open opens the same database each time, migrating it; the
// caller closes what it returns.
func Backfill(t *testing.T, open func(t *testing.T) *sqldb.DB) {
	ctx := context.Background()
	s := open(t)
	put(t, s, Varied(80, 3)...)
	filters := []store.Filter{{Limit: -1}, {Actor: "minister", Limit: -1}, {Actor: "minister 1", Limit: -1},
		{Country: "PAK", Limit: -1}, {From: "2021-09-01", To: "2021-09-30", Type: "CONSULT", Limit: -1}}
	before := map[int][]store.EventRow{}
	for i, f := range filters {
		evs, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		before[i] = evs
	}
	latest, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Back to schema 5, as the code before 0006 left it (dropping the table
	// drops the indexes of 0007 on it).
	if _, err := s.DB.ExecContext(ctx, `DROP TABLE event_parties;
		DROP INDEX events_sort; CREATE INDEX events_sort ON events(sort_day, article_id, idx);
		DROP INDEX events_type_sort; CREATE INDEX events_type_sort ON events(type, sort_day, article_id, idx);
		DELETE FROM schema_version WHERE version >= 6`); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Version(ctx); err != nil || v != 5 {
		t.Fatalf("Version = %d, %v; want 5", v, err)
	}
	s.Close()
	s = open(t)
	if v, err := s.Version(ctx); err != nil || v != latest {
		t.Fatalf("Version after reopening = %d, %v; want %d", v, err, latest)
	}
	checkDerived(t, s, "after migration 0006")
	for i, f := range filters {
		evs, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 || !reflect.DeepEqual(evs, before[i]) {
			t.Errorf("Events(%+v) after migration 0006: %d events, before %d (or they differ)", f, len(evs), len(before[i]))
		}
	}
}
