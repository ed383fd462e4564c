package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/store"
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
	if err != nil || v != 1 {
		t.Errorf("Version = %d, %v; want 1", v, err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != 1 {
		t.Errorf("after reopen: %+v, %v", st, err)
	}
}

func TestFTSQuery(t *testing.T) {
	for in, want := range map[string]string{
		"wheat markets":       `"wheat" "markets"`,
		`"unbalanced AND (x*`: `"unbalanced" "AND" "x"`,
		"Qureshi’s":           `"Qureshi" "s"`,
		"":                    ``,
	} {
		if got := FTSQuery(in); got != want {
			t.Errorf("FTSQuery(%q) = %s, want %s", in, got, want)
		}
	}
}
