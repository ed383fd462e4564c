package server

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCache(t *testing.T) {
	c := newCache(8)
	c.ttl = 50 * time.Millisecond
	var calls atomic.Int64
	build := func(ctx context.Context) ([]byte, string, error) {
		n := calls.Add(1)
		time.Sleep(10 * time.Millisecond)
		return []byte(strconv.FormatInt(n, 10)), "text/plain", nil
	}
	get := func() string {
		b, _, _, err := c.answer(context.Background(), "k", build)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// Concurrent misses run the query once.
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() { defer wg.Done(); get() }()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("%d queries for 10 concurrent misses", calls.Load())
	}
	if get() != "1" {
		t.Fatal("fresh answer not reused")
	}
	// Stale: served at once, renewed in the background.
	time.Sleep(60 * time.Millisecond)
	if got := get(); got != "1" {
		t.Fatalf("stale answer %q, want 1", got)
	}
	deadline := time.Now().Add(2 * time.Second)
	for get() != "2" {
		if time.Now().After(deadline) {
			t.Fatal("stale answer never renewed")
		}
		time.Sleep(5 * time.Millisecond)
	}
	// A write drops everything; a renewal started before it is not kept.
	time.Sleep(60 * time.Millisecond)
	get() // starts renewal 3
	c.reset()
	if got := get(); got != "4" && got != "3" {
		t.Fatalf("after reset: %q", got)
	}
	// Errors are not cached.
	c.reset()
	fails := 0
	bad := func(ctx context.Context) ([]byte, string, error) { fails++; return nil, "", errors.New("x") }
	c.answer(context.Background(), "e", bad)
	c.answer(context.Background(), "e", bad)
	if fails != 2 {
		t.Fatalf("error cached: %d builds", fails)
	}
	// Off: every call builds.
	off := newCache(8)
	off.ttl = -1
	n := 0
	for range 3 {
		off.answer(context.Background(), "k", func(context.Context) ([]byte, string, error) { n++; return nil, "", nil })
	}
	if n != 3 {
		t.Fatalf("disabled cache built %d times, want 3", n)
	}
}
