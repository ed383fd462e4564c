package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxStmts bounds the statement cache: query shapes are few (one per
// combination of filters), but a bound keeps a surprise from growing it.
const maxStmts = 256

// stmtCache holds prepared statements keyed by their (rebound) SQL text, so
// that a query shape is parsed and planned once per connection, not once per
// call. It is safe for concurrent use.
type stmtCache struct {
	mu     sync.Mutex
	m      map[string]*sql.Stmt
	closed bool
}

// errClosed is returned by queries on a closed store.
var errClosed = errors.New("store is closed")

// get returns the prepared statement for q, preparing it on first use; nil
// (and no error) when the cache is full, so the caller runs q unprepared.
func (c *stmtCache) get(ctx context.Context, db *sql.DB, q string) (*sql.Stmt, error) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, errClosed
	}
	if st, ok := c.m[q]; ok {
		c.mu.Unlock()
		return st, nil
	}
	full := len(c.m) >= maxStmts
	c.mu.Unlock()
	if full {
		return nil, nil
	}
	// Prepared outside the lock: preparing may wait for a connection.
	st, err := db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		st.Close()
		return nil, errClosed
	}
	if old, ok := c.m[q]; ok { // another goroutine won the race
		st.Close()
		return old, nil
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[q] = st
	return st, nil
}

// close closes every cached statement; later gets fail.
func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	var errs []error
	for _, st := range c.m {
		errs = append(errs, st.Close())
	}
	c.m = nil
	return errors.Join(errs...)
}

// query runs the ?-placeholder query q through a cached prepared statement.
func (s *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = s.Q(q)
	st, err := s.stmts.get(ctx, s.DB, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return s.DB.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is query for one row.
func (s *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = s.Q(q)
	st, err := s.stmts.get(ctx, s.DB, q)
	if err != nil || st == nil {
		// An error here (a closed store, a bad statement) surfaces again,
		// and is returned, from the plain query's Scan.
		return s.DB.QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// collect runs q and scans every row into a T with scan.
func collect[T any](ctx context.Context, s *DB, q string, args []any, scan func(*sql.Rows, *T) error) ([]T, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var r T
		if err := scan(rows, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
