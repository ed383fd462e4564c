package server

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dateline/internal/proc"
	"dateline/internal/store"
	"dateline/internal/store/sqlite"
)

// TestLoad is a bounded load test of the events endpoint on loopback: C
// clients (DATELINE_LOAD_CLIENTS, default 16) send a mix of a few hundred
// distinct event queries (loadTargets) for DATELINE_LOAD_SECONDS (default 10)
// to a server over DATELINE_LOAD_DB (an SQLite file made by dateline ingest).
// With the answer cache on (the default, as dateline serve runs) they are
// answered from it after the warm-up; DATELINE_LOAD_CACHE=0 turns it off, so
// that every request runs its query in the store. It needs DATELINE_EVAL=1
// and asserts ≥ 1,000 requests/s and p99 ≤ 50 ms.
//
//	DATELINE_EVAL=1 DATELINE_LOAD_DB=/tmp/load.db go test -run TestLoad -v ./internal/server
func TestLoad(t *testing.T) {
	if os.Getenv("DATELINE_EVAL") != "1" {
		t.Skip("set DATELINE_EVAL=1 (and DATELINE_LOAD_DB) to run the load test")
	}
	path := os.Getenv("DATELINE_LOAD_DB")
	if path == "" {
		t.Fatal("DATELINE_LOAD_DB: name an SQLite database made by dateline ingest")
	}
	clients := envInt("DATELINE_LOAD_CLIENTS", 16)
	dur := time.Duration(envInt("DATELINE_LOAD_SECONDS", 10)) * time.Second
	ttl := time.Duration(0)
	if os.Getenv("DATELINE_LOAD_CACHE") == "0" {
		ttl = -1
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	targets := loadTargets(t, st)

	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- Listen(ctx, "127.0.0.1:0", New(Config{Store: st, CacheTTL: ttl}), func(a net.Addr) { addrc <- a })
	}()
	base := "http://" + (<-addrc).String()

	tr := &http.Transport{MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	// Warm up: every target once.
	for _, u := range targets {
		resp, err := client.Get(base + u)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", u, resp.StatusCode)
		}
	}
	var bad atomic.Int64
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	start, cpu0 := time.Now(), proc.CPUTime()
	stop := start.Add(dur)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; time.Now().Before(stop); i++ {
				u := base + targets[i%len(targets)]
				t0 := time.Now()
				resp, err := client.Get(u)
				if err != nil {
					bad.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[c] = append(lat[c], time.Since(t0))
				if resp.StatusCode != 200 {
					bad.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed, cpu := time.Since(start), proc.CPUTime()-cpu0
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	rps := float64(len(all)) / elapsed.Seconds()
	cache := "on (10 s TTL, stale while revalidate)"
	if ttl < 0 {
		cache = "off"
	}
	t.Logf("database: %d articles, %d events, %d entities; %d distinct event queries; cache %s", stats.Articles,
		stats.Events, stats.Entities, len(targets), cache)
	t.Logf("%d clients, %v: %d requests, %.0f requests/s, p50 %v, p90 %v, p99 %v, max %v, %d errors", clients,
		elapsed.Round(time.Millisecond), len(all), rps, pct(0.50).Round(10*time.Microsecond),
		pct(0.90).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond),
		all[len(all)-1].Round(10*time.Microsecond), bad.Load())
	// The CPU time this process (server and clients) spent per request: a
	// figure that other work on the machine changes less than the rate.
	t.Logf("CPU %v per request (server and clients, %d cores)", (cpu / time.Duration(len(all))).Round(time.Microsecond),
		runtime.GOMAXPROCS(0))
	if bad.Load() > 0 {
		t.Errorf("%d failed requests", bad.Load())
	}
	if rps < 1000 {
		t.Errorf("%.0f requests/s, want ≥ 1000", rps)
	}
	if pct(0.99) > 50*time.Millisecond {
		t.Errorf("p99 %v, want ≤ 50 ms", pct(0.99))
	}
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
}

// loadTargets is a mix of distinct event queries as the web page sends them
// (pages of 50): the first pages of the whole listing; each type, and its
// second page; the 40 most reported entities as actor (the first 20 with
// their second page), and with each of the four commonest types; their
// countries, alone and with those types; the busiest months, alone and with
// a type; a type on one of the busiest days (a click on the timeline); three
// wide date ranges. Shuffled (seeded), so that the clients
// send every kind of query side by side.
func loadTargets(t *testing.T, st store.Store) []string {
	ctx := context.Background()
	ents, err := st.Entities(ctx, store.Filter{Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.Events(ctx, store.Filter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	// The commonest types, the busiest months and (type, day) pairs.
	types, months, days := map[string]int{}, map[string]int{}, map[[2]string]int{}
	for _, e := range all {
		types[e.Type]++
		if d := eventDay(e); d != "" {
			months[d[:7]]++
			days[[2]string{e.Type, d}]++
		}
	}
	top := func(m map[string]int, n int) []string {
		keys := slices.Collect(maps.Keys(m))
		slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
		return keys[:min(n, len(keys))]
	}
	topTypes, topMonths := top(types, 4), top(months, 12)
	dayKeys := map[string]int{}
	for k, n := range days {
		dayKeys[k[0]+" "+k[1]] = n
	}
	var out []string
	seen := map[string]bool{}
	add := func(kv ...string) {
		v := url.Values{"limit": {"50"}}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		if u := "/api/events?" + v.Encode(); !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, off := range []string{"0", "50", "100", "150", "200"} {
		add("offset", off)
	}
	for _, ty := range EventTypes {
		add("type", ty)
		add("type", ty, "offset", "50")
	}
	countries := map[string]bool{}
	for i, e := range ents {
		add("actor", e.Name)
		if i < 20 {
			add("actor", e.Name, "offset", "50")
		}
		for _, ty := range topTypes {
			add("actor", e.Name, "type", ty)
		}
		if e.Country != "" && !countries[e.Country] {
			countries[e.Country] = true
			add("country", e.Country)
			for _, ty := range topTypes {
				add("country", e.Country, "type", ty)
			}
		}
	}
	for i, m := range topMonths {
		from, _ := time.Parse("2006-01", m)
		r := []string{"from", from.Format("2006-01-02"), "to", from.AddDate(0, 1, -1).Format("2006-01-02")}
		add(r...)
		add(append(r, "type", topTypes[i%len(topTypes)])...)
	}
	for _, k := range top(dayKeys, 30) {
		ty, d, _ := strings.Cut(k, " ")
		add("type", ty, "from", d, "to", d)
	}
	for _, r := range [][2]string{{"2015-01-01", "2016-12-31"}, {"2016-06-01", "2016-06-30"}, {"2021-01-01", "2025-12-31"}} {
		add("from", r[0], "to", r[1])
		add("from", r[0], "to", r[1], "type", "CONSULT")
	}
	rand.New(rand.NewPCG(9, 9)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func envInt(name string, def int) int {
	if v := os.Getenv(name); v != "" {
		n, err := strconv.Atoi(v)
		if err == nil && n > 0 {
			return n
		}
		panic(fmt.Sprintf("%s=%q: want a positive whole number", name, v))
	}
	return def
}

// BenchmarkEvents measures the events endpoint in process (no network) over
// the test stories, without the answer cache.
func BenchmarkEvents(b *testing.B) {
	st, _ := testStore(b)
	h := New(Config{Store: st, CacheTTL: -1})
	targets := []string{"/api/events?limit=50", "/api/events?type=CONSULT", "/api/events?actor=Brandt",
		"/api/events?from=2026-03-01&to=2026-03-05"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a := do(b, h, "GET", targets[i%len(targets)], nil)
		if a.status != 200 {
			b.Fatal(a.status)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "requests/s")
}
