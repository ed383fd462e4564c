package server

import (
	"context"
	"sync"
	"time"
)

// cache keeps rendered GET answers. The store is read-mostly: this server's
// own writes clear the cache, and writes by another process (a running
// dateline ingest) show within the TTL plus one query: an answer older than
// the TTL is still served while one background query renews it (stale while
// revalidate), and an answer older than maxStale is not served at all.
// Concurrent misses of one key run the query once.
type cache struct {
	mu       sync.Mutex
	max      int
	ttl      time.Duration
	maxStale time.Duration
	m        map[string]*cached
	inflight map[string]*flight
	gen      uint64 // bumped by reset; renewals of an older generation are dropped
	// renewals bounds the background renewals running at once, so that they
	// never take the cores from the requests.
	renewals chan struct{}
}

type cached struct {
	body     []byte
	ctype    string
	tag      string // etag(body)
	at       time.Time
	renewing bool
}

type flight struct {
	done  chan struct{}
	body  []byte
	ctype string
	tag   string
	err   error
}

func newCache(max int) *cache {
	return &cache{max: max, ttl: 10 * time.Second, maxStale: 2 * time.Minute, m: map[string]*cached{},
		inflight: map[string]*flight{}, renewals: make(chan struct{}, 1)}
}

// answer returns the answer for key and its entity tag: from the cache, or
// by calling build (once for concurrent callers). A stale answer is returned
// at once and renewed in the background.
func (c *cache) answer(ctx context.Context, key string, build func(context.Context) ([]byte, string, error)) ([]byte, string, string, error) {
	if c == nil || c.ttl <= 0 {
		body, ctype, err := build(ctx)
		if err != nil {
			return nil, "", "", err
		}
		return body, ctype, etag(body), nil
	}
	now := time.Now()
	c.mu.Lock()
	if e, ok := c.m[key]; ok {
		age := now.Sub(e.at)
		if age <= c.ttl {
			c.mu.Unlock()
			return e.body, e.ctype, e.tag, nil
		}
		if age <= c.maxStale {
			if !e.renewing {
				select {
				case c.renewals <- struct{}{}:
					e.renewing = true
					go c.renew(key, c.gen, build)
				default: // a renewal runs; a later request starts this one
				}
			}
			c.mu.Unlock()
			return e.body, e.ctype, e.tag, nil
		}
	}
	if f, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		select {
		case <-f.done:
			return f.body, f.ctype, f.tag, f.err
		case <-ctx.Done():
			return nil, "", "", ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[key] = f
	gen := c.gen
	c.mu.Unlock()
	f.body, f.ctype, f.err = build(ctx)
	if f.err == nil {
		f.tag = etag(f.body)
	}
	c.mu.Lock()
	delete(c.inflight, key)
	if f.err == nil && gen == c.gen {
		c.store(key, f.body, f.ctype, f.tag)
	}
	c.mu.Unlock()
	close(f.done)
	return f.body, f.ctype, f.tag, f.err
}

func (c *cache) renew(key string, gen uint64, build func(context.Context) ([]byte, string, error)) {
	defer func() { <-c.renewals }()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	body, ctype, err := build(ctx)
	var tag string
	if err == nil {
		tag = etag(body)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if err != nil {
		if e, ok := c.m[key]; ok {
			e.renewing = false
		}
		return
	}
	c.store(key, body, ctype, tag)
}

// store keeps an answer; c.mu is held.
func (c *cache) store(key string, body []byte, ctype, tag string) {
	if len(body) > 4<<20 {
		return
	}
	if _, ok := c.m[key]; !ok && len(c.m) >= c.max {
		clear(c.m) // crude but bounded
	}
	c.m[key] = &cached{body: body, ctype: ctype, tag: tag, at: time.Now()}
}

func (c *cache) reset() {
	if c == nil {
		return
	}
	c.mu.Lock()
	clear(c.m)
	c.gen++
	c.mu.Unlock()
}
