package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"dateline/internal/doc"
	"dateline/internal/store"
	"dateline/internal/store/sqldb"
	"dateline/internal/store/storetest"
)

func open(t *testing.T) store.Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

// latest is the number of migrations, the version a migrated store has.
func latest(t *testing.T) int {
	names, err := fs.Glob(Dialect().Migrations, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	return len(names)
}

// TestConcurrentActorQueries: actor queries run while Put stores articles
// whose actors have new names (the cached name list is renewed under them):
// every answer holds only events with such an actor, and once the puts are
// done the last new name is found.
func TestConcurrentActorQueries(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	docs := storetest.Varied(60, 5)
	for i, d := range docs {
		d.Entities[0].Name = fmt.Sprintf("Minister 1%02d", i)
		d.Events = append(d.Events, d.Events...)
		if len(d.Events) == 0 {
			d.Events = storetest.Story("2021-09-24", "2021-09-23", "").Events
		}
		d.Events[0].Actors = []int32{0}
	}
	if _, err := s.Put(ctx, docs[:10]); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			for {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				evs, err := s.Events(ctx, store.Filter{Actor: "minister 1", Limit: 30})
				if err != nil {
					errs <- err
					return
				}
				for _, e := range evs {
					ok := false
					for _, a := range append(e.Actors, e.Recipients...) {
						ok = ok || strings.Contains(strings.ToLower(a.Name), "minister 1")
					}
					if !ok {
						errs <- fmt.Errorf("event %d/%d has no actor holding \"minister 1\": %+v", e.Article, e.Index, e)
						return
					}
				}
			}
		}()
	}
	for i := 10; i < len(docs); i += 10 {
		if _, err := s.Put(ctx, docs[i:i+10]); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	for range 3 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	evs, err := s.Events(ctx, store.Filter{Actor: "minister 159"})
	if err != nil || len(evs) == 0 {
		t.Errorf("Events(minister 159) after the puts: %d, %v", len(evs), err)
	}
}

// TestEventPlans: every way into the events listing reads indexes: no step
// scans a table whole (an ordered scan of a covering index stops at the
// page's end), none builds an automatic index, and a page's parties are read
// by key.
func TestEventPlans(t *testing.T) {
	ctx := context.Background()
	s := open(t).(*sqldb.DB)
	if _, err := s.Put(ctx, storetest.Varied(100, 4)); err != nil {
		t.Fatal(err)
	}
	for _, f := range []store.Filter{{}, {Offset: 100}, {Type: "AGREE"}, {From: "2021-09-01", To: "2021-09-30"},
		{Type: "CONSULT", From: "2021-01-01"}, {Actor: "minister 07"}, {Actor: "Minister 0"}, {Actor: "minister"},
		{Actor: "minister", Type: "ACCUSE"}, {Actor: "minister 1", Type: "AGREE", From: "2020-01-01"},
		{Country: "USA"}, {Country: "PAK", Type: "ASSAULT"}, {Sector: "GOV"}, {Country: "USA", Sector: "GOV"},
		{Article: 3}, {Actor: "blinken", Article: 3}, {Text: "alpha"}, {Actor: "minister", Limit: 5000}} {
		plan, err := s.ExplainEvents(ctx, f)
		if err != nil {
			t.Fatalf("ExplainEvents(%+v): %v", f, err)
		}
		text := strings.Join(plan, "\n")
		for _, line := range plan {
			full := regexp.MustCompile(`^SCAN (e|p|x|a|v|n)\b`).MatchString(line) && !strings.Contains(line, "USING COVERING INDEX")
			if full || strings.Contains(line, "AUTOMATIC") {
				t.Errorf("Events(%+v): %q in the plan\n%s", f, line, text)
			}
		}
		if !strings.Contains(text, "SEARCH x USING PRIMARY KEY (article_id=? AND event_idx=?)") {
			t.Errorf("Events(%+v): parties not read by key:\n%s", f, text)
		}
	}
}

func TestBackfillEventParties(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.db")
	storetest.Backfill(t, func(t *testing.T) *sqldb.DB {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestReopenKeepsSchemaVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, []*doc.Doc{storetest.Story("2021-09-24", "2021-09-23", "")}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.Version(ctx)
	if want := latest(t); err != nil || v != want {
		t.Errorf("Version = %d, %v; want %d", v, err, want)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != 1 {
		t.Errorf("after reopen: %+v, %v", st, err)
	}
}

// TestMigrateSortDay: migration 0003 fills sort_day and sort_end of the
// events stored before it, from their dates or their article's publication
// day, so that the events listing keeps its order and date filter.
func TestMigrateSortDay(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	old := Dialect()
	all := old.Migrations
	old.Migrations = fstest.MapFS{}
	for _, name := range []string{"0001_init.sql", "0002_near_canonical.sql"} {
		body, err := fs.ReadFile(all, name)
		if err != nil {
			t.Fatal(err)
		}
		old.Migrations.(fstest.MapFS)[name] = &fstest.MapFile{Data: body}
	}
	s := sqldb.New(db, old)
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// Written as the code before 0003 wrote events: without the new columns.
	undated := storetest.Story("2021-10-05", "", "Undated.")
	late := storetest.Story("2021-12-01", "2021-11-30", "Late.")
	early := storetest.Story("2021-09-24", "2021-09-23", "")
	for i, d := range []*doc.Doc{undated, late, early} {
		day, _, _ := store.DayRange(d.Published)
		if _, err := db.Exec(`INSERT INTO articles (id, hash, doc_id, path, url, source_name, title, published, pub_day,
			text, simhash, band0, band1, band2, band3, ingested_at) VALUES (?, ?, '', '', '', '', '', ?, ?, ?, 0, 0, 0, 0, 0, '')`,
			i+1, store.Hash(d.Text), d.Published, day, d.Text); err != nil {
			t.Fatal(err)
		}
		var from, to any
		if f, tt, ok := store.DayRange(d.Events[0].Date); ok {
			from, to = f, tt
		}
		if _, err := db.Exec(`INSERT INTO events (article_id, idx, type, day_from, day_to) VALUES (?, 0, 'CONSULT', ?, ?)`,
			i+1, from, to); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Version(ctx); err != nil || v != latest(t) {
		t.Fatalf("Version = %d, %v; want %d", v, err, latest(t))
	}
	order := func(f store.Filter) []int64 {
		evs, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, e := range evs {
			ids = append(ids, e.Article)
		}
		return ids
	}
	if got := order(store.Filter{}); fmt.Sprint(got) != "[3 1 2]" {
		t.Errorf("events by day = %v, want [3 1 2] (09-23, undated of 10-05, 11-30)", got)
	}
	if got := order(store.Filter{From: "2021-10-01", To: "2021-10-31"}); fmt.Sprint(got) != "[1]" {
		t.Errorf("events of October = %v, want [1] (the undated event of an article of 10-05)", got)
	}
	if got := order(store.Filter{From: "2021-11-30", To: "2021-11-30", Limit: 1}); fmt.Sprint(got) != "[2]" {
		t.Errorf("events of 11-30 = %v, want [2]", got)
	}
}

func TestFTSQuery(t *testing.T) {
	for in, want := range map[string]string{
		"wheat markets":                     `"wheat" "markets"`,
		`"unbalanced AND (x*`:               `"unbalanced" "AND" "x"`,
		"Qureshi’s":                         `"Qureshi" "s"`,
		"":                                  ``,
		"the THE, The; the":                 `"the"`,
		"Ukraine Ukraïne ukrainë Ukraine's": `"Ukraine" "s"`,
		"a ä à á â ã å ā":                   `"a"`,
	} {
		if got := FTSQuery(in); got != want {
			t.Errorf("FTSQuery(%q) = %s, want %s", in, got, want)
		}
	}
}

// BenchmarkEventsByActorDate is the query `dateline query events --actor X
// --from --to` over a store of 3,000 articles (3,000 events, 12,000 entities).
func BenchmarkEventsByActorDate(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	names := []string{"Shah Mahmood Qureshi", "Imran Khan", "Recep Tayyip Erdogan", "Joe Biden", "Xi Jinping", "Emmanuel Macron"}
	var batch []*doc.Doc
	for i := 0; i < 3000; i++ {
		day := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%1500).Format("2006-01-02")
		d := storetest.Story(day, day, fmt.Sprintf("Report %d.", i))
		d.Entities[0].Name = names[i%len(names)]
		batch = append(batch, d)
		if len(batch) == 200 {
			if _, err := s.Put(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	f := store.Filter{Actor: "erdogan", From: "2020-01-01", To: "2020-12-31"}
	evs, err := s.Events(ctx, f)
	if err != nil || len(evs) == 0 {
		b.Fatalf("%d events, %v", len(evs), err)
	}
	b.ReportAllocs()
	var r0, r1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	for b.Loop() {
		if _, err := s.Events(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	cpu := time.Duration(r1.Utime.Nano() + r1.Stime.Nano() - r0.Utime.Nano() - r0.Stime.Nano())
	// CPU time per query: the wall time on a shared machine counts the others' work.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/query")
	b.ReportMetric(float64(len(evs)), "events")
}

// FuzzSearch: no user text is an FTS5 syntax error or changes the store.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"wheat", `"unbalanced`, "a AND OR NOT (", "title:x*", "NEAR(a b, 2)", "'; DROP TABLE articles; --", "\x00", "ü ß 中文", "^x", "-y +z"} {
		f.Add(s)
	}
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(context.Background(), []*doc.Doc{storetest.Story("2021-09-24", "2021-09-23", "")}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.Search(context.Background(), q, 5); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
		if _, err := s.Events(context.Background(), store.Filter{Actor: q, Text: q}); err != nil {
			t.Errorf("Events(%q): %v", q, err)
		}
		if _, err := s.Quotes(context.Background(), store.Filter{Actor: q, Text: q}); err != nil {
			t.Errorf("Quotes(%q): %v", q, err)
		}
	})
}

// BenchmarkPut stores batches of 64 articles with every layer (the storetest
// story: 4 entities, 5 mentions, a quote, a time, an event) in one transaction.
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "put.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		batch := make([]*doc.Doc, 64)
		for i := range batch {
			day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%700).Format("2006-01-02")
			batch[i] = storetest.Story(day, day, fmt.Sprintf("Report %d of many, with its own words %x.", n, n*7919))
			n++
		}
		if _, err := s.Put(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
