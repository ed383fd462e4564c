package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net"
	"os"
	"testing"
	"time"

	"dateline/internal/store"
	"dateline/internal/store/sqldb"
	"dateline/internal/store/storetest"
)

// server finds the PostgreSQL server on 127.0.0.1:5432 and returns an admin
// DSN for database db. Without a server the test skips, unless CI=true.
func server(t *testing.T) func(db string) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", "127.0.0.1:5432", time.Second)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL on 127.0.0.1:5432: %v", err)
		}
		t.Skipf("no PostgreSQL on 127.0.0.1:5432: %v", err)
	}
	c.Close()
	if dsn := os.Getenv("DATELINE_PG_ADMIN"); dsn != "" {
		return func(db string) string { return dsn + "/" + db + "?sslmode=disable" }
	}
	for _, user := range []string{"postgres", "root"} {
		dsn := "postgres://" + user + "@127.0.0.1:5432/postgres?sslmode=disable"
		db, err := sql.Open("pgx", dsn)
		if err == nil && db.Ping() == nil {
			db.Close()
			return func(name string) string { return "postgres://" + user + "@127.0.0.1:5432/" + name + "?sslmode=disable" }
		}
		if db != nil {
			db.Close()
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("PostgreSQL on 127.0.0.1:5432 accepts neither user postgres nor root")
	}
	t.Skip("PostgreSQL on 127.0.0.1:5432 accepts neither user postgres nor root")
	return nil
}

// fresh creates its own database dateline_test_<random>, dropped at cleanup.
func fresh(t *testing.T) string {
	t.Helper()
	dsn := server(t)
	admin, err := sql.Open("pgx", dsn("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "dateline_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	return dsn(name)
}

func open(t *testing.T) store.Store {
	t.Helper()
	s, err := Open(context.Background(), fresh(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

// TestExplainEvents: PostgreSQL explains the events statements too (its plans
// depend on its statistics, so only that it answers is checked here).
func TestExplainEvents(t *testing.T) {
	s := open(t).(*sqldb.DB)
	for _, f := range []store.Filter{{}, {Actor: "qureshi", Type: "CONSULT"}, {Country: "PAK"}, {Text: "peace"}} {
		if plan, err := s.ExplainEvents(context.Background(), f); err != nil || (f.Actor == "" && len(plan) < 2) {
			t.Errorf("ExplainEvents(%+v) = %q, %v", f, plan, err)
		}
	}
}

func TestBackfillEventParties(t *testing.T) {
	dsn := fresh(t)
	storetest.Backfill(t, func(t *testing.T) *sqldb.DB {
		s, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestConcurrentMigrate(t *testing.T) {
	dsn := fresh(t)
	ctx := context.Background()
	errs := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() {
			s, err := Open(ctx, dsn)
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 3; i++ {
		if err := <-errs; err != nil {
			t.Errorf("concurrent Open: %v", err)
		}
	}
}

func TestRebind(t *testing.T) {
	if got := Rebind("a = ? AND b IN (?, ?)"); got != "a = $1 AND b IN ($2, $3)" {
		t.Errorf("Rebind = %q", got)
	}
}
