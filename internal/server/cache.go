package server

import (
	"sync"
	"time"
)

// cache keeps rendered GET answers for a short time. The store is read-mostly:
// this server's own writes clear it, and writes by another process (a running
// dateline ingest) show after at most the TTL.
type cache struct {
	mu  sync.RWMutex
	max int
	ttl time.Duration
	m   map[string]cached
}

type cached struct {
	body  []byte
	ctype string
	at    time.Time
}

func newCache(max int) *cache { return &cache{max: max, ttl: 2 * time.Second, m: map[string]cached{}} }

func (c *cache) get(key string) (cached, bool) {
	if c == nil || c.ttl <= 0 {
		return cached{}, false
	}
	c.mu.RLock()
	e, ok := c.m[key]
	c.mu.RUnlock()
	if !ok || time.Since(e.at) > c.ttl {
		return cached{}, false
	}
	return e, true
}

func (c *cache) put(key string, body []byte, ctype string) {
	if c == nil || c.ttl <= 0 || len(body) > 1<<20 {
		return
	}
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m) // crude but bounded; the TTL is short anyway
	}
	c.m[key] = cached{body: body, ctype: ctype, at: time.Now()}
	c.mu.Unlock()
}

func (c *cache) reset() {
	if c == nil {
		return
	}
	c.mu.Lock()
	clear(c.m)
	c.mu.Unlock()
}
