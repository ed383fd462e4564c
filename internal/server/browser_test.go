package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"dateline/internal/store"
	"dateline/internal/store/sqlite"
)

// chromiumPath finds the system Chromium; without one the browser test is
// skipped, or fails when CI=true.
func chromiumPath(t *testing.T) string {
	p := os.Getenv("DATELINE_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium not found at %s (scripts/install-chromium installs it): %v", p, err)
		}
		t.Skipf("chromium not found at %s; run scripts/install-chromium", p)
	}
	return p
}

// screenshotDir is where the browser test writes its screenshots:
// $DATELINE_SCREENSHOTS, else out/screenshots beside this package.
func screenshotDir(t *testing.T) string {
	d := os.Getenv("DATELINE_SCREENSHOTS")
	if d == "" {
		d = filepath.Join("out", "screenshots")
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestBrowser drives the page in real Chromium over a database of the
// invented test stories: load it, search, open an event and see its evidence
// highlighted, follow a network edge to its evidence, and write screenshots.
func TestBrowser(t *testing.T) {
	shots := screenshotDir(t)
	st, _ := testStore(t)
	bctx, base := startBrowser(t, st)
	var jsMu sync.Mutex
	var jsErrs []string
	if err := chromedp.Listen(bctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok && e.ExceptionDetails != nil {
			msg := e.ExceptionDetails.Text
			if x := e.ExceptionDetails.Exception; x != nil && x.Description != "" {
				msg += " " + x.Description
			}
			jsMu.Lock()
			jsErrs = append(jsErrs, msg)
			jsMu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	errs := func() []string {
		jsMu.Lock()
		defer jsMu.Unlock()
		return append([]string(nil), jsErrs...)
	}
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), buf, 0o644)
		})
	}
	// ready waits until the page has rendered the view (body[data-view]).
	ready := func(view string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.CSS(`body[data-view="` + view + `"][data-ready]`))
	}
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(bctx, 15*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v (JavaScript errors: %q)", step, err, errs())
		}
	}
	eval := func(step, expr string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v (JavaScript errors: %q)", step, err, errs())
		}
		return v
	}
	attr := func(step, sel, name string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		if err != nil || !v.Exists {
			t.Fatalf("%s: %s[%s]: %v", step, sel, name, err)
		}
		return v.Value
	}

	// The events view: timeline and table.
	run("load the page", chromedp.Navigate(base+"/#/events"), ready("events"),
		chromedp.WaitVisible(chromedp.ID("timeline")), chromedp.WaitVisible(chromedp.CSS(`#events tbody tr`)),
		chromedp.Sleep(300*time.Millisecond), shot("timeline"))
	if rows := eval("rows", `String(document.querySelectorAll("#events tbody tr").length)`); rows == "0" {
		t.Fatal("no event rows")
	}

	// Search.
	run("search", chromedp.SetValue(chromedp.ID("q"), "dam"), chromedp.Click(chromedp.CSS(`#search button`)),
		ready("search"), chromedp.WaitVisible(chromedp.CSS(`#results a.hit`)), shot("search"))
	hits := eval("hits", `[...document.querySelectorAll("#results a.hit")].map(a => a.textContent).join("|")`)
	if strings.Count(hits, "|") != 1 || !strings.Contains(hits, "sanctions") {
		t.Errorf("search dam: hits %q", hits)
	}

	// Open an event from the table: its evidence is highlighted.
	// Filter by the type of the last event listed, with the form.
	run("events", chromedp.Navigate(base+"/#/events"), ready("events"), chromedp.WaitVisible(chromedp.CSS(`#events a.evidence`)))
	typ := eval("last type", `[...document.querySelectorAll("#events tbody tr .type")].pop().textContent`)
	run("filter by type", chromedp.Evaluate[chromedp.Void](`void delete document.body.dataset.ready`),
		chromedp.SetValue(chromedp.CSS(`#filters select[name=type]`), typ), chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)),
		ready("events"), chromedp.WaitVisible(chromedp.CSS(`#events a.evidence`)))
	if got := eval("types shown", `[...new Set([...document.querySelectorAll("#events tbody tr .type")].map(e => e.textContent))].join(",")`); got != typ {
		t.Errorf("filtered by type %s, the table shows %s", typ, got)
	}
	href := attr("event link", `#events a.evidence`, "href")
	run("open an event", chromedp.Click(chromedp.CSS(`#events a.evidence`)), ready("article"),
		chromedp.WaitVisible(chromedp.CSS(`#article-text .sel`)), chromedp.WaitVisible(chromedp.ID("selected")))
	checkEvidence(t, bctx, href)
	run("article screenshot", chromedp.ScrollIntoView(chromedp.CSS(`h1`)), shot("article"))

	// The network: click the heaviest edge where it is drawn, then follow it
	// to its evidence.
	run("network", chromedp.Navigate(base+"/#/network"), ready("network"), chromedp.WaitVisible(chromedp.CSS(`#cy canvas`)),
		chromedp.Sleep(200*time.Millisecond))
	var x, y float64
	pt := eval("edge position", `(() => { const cy = window.__dateline.cy; document.getElementById("cy").scrollIntoView({block: "center"});
		const e = cy.edges().sort((a, b) => b.data("weight") - a.data("weight"))[0];
		const m = e.renderedMidpoint(), r = document.getElementById("cy").getBoundingClientRect();
		return (r.left + m.x) + " " + (r.top + m.y); })()`)
	if _, err := fmt.Sscan(pt, &x, &y); err != nil {
		t.Fatalf("edge position %q: %v", pt, err)
	}
	// Cytoscape draws on animation frames; a click before its first frame
	// is lost, so the click is tried a few times.
	clicked := false
	for try := 0; try < 5 && !clicked; try++ {
		cctx, cancel := context.WithTimeout(bctx, 2*time.Second)
		clicked = chromedp.Do(cctx, chromedp.MouseClickXY(x, y), chromedp.WaitVisible(chromedp.CSS(`#edge-events a.evidence`))) == nil
		cancel()
	}
	if !clicked {
		t.Fatalf("clicking the edge at %.0f,%.0f showed no events (JavaScript errors: %q)", x, y, errs())
	}
	run("network screenshot", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`), shot("network"))
	href = attr("edge event link", `#edge-events a.evidence`, "href")
	run("follow the edge", chromedp.Click(chromedp.CSS(`#edge-events a.evidence`)), ready("article"),
		chromedp.WaitVisible(chromedp.CSS(`#article-text .sel`)))
	checkEvidence(t, bctx, href)

	// Quotes by speaker, then a quote's evidence.
	run("quotes", chromedp.Navigate(base+"/#/quotes"), ready("quotes"), chromedp.WaitVisible(chromedp.CSS(`#quotelist blockquote`)),
		shot("quotes"))
	href = attr("quote link", `#quotelist a.evidence`, "href")
	run("open a quote", chromedp.Click(chromedp.CSS(`#quotelist a.evidence`)), ready("article"),
		chromedp.WaitVisible(chromedp.CSS(`#article-text .sel`)))
	checkEvidence(t, bctx, href)

	// A phone-sized screen.
	run("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(base+"/#/events"), ready("events"), chromedp.WaitVisible(chromedp.CSS(`#events tbody tr`)),
		chromedp.Sleep(300*time.Millisecond), shot("phone-events"))
	if w := eval("phone width", `document.documentElement.scrollWidth + " " + window.innerWidth`); func() bool {
		var sw, iw int
		fmt.Sscan(w, &sw, &iw)
		return sw > iw+1
	}() {
		t.Errorf("the events view is wider than a phone screen (scroll width, window width: %s)", w)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("JavaScript errors: %q", e)
	}
	t.Logf("screenshots in %s", shots)
}

// startBrowser serves st on a free loopback port and starts Chromium; both
// stop when the test ends.
func startBrowser(t *testing.T, st store.Store) (context.Context, string) {
	exe := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	srvCtx, stop := context.WithCancel(ctx)
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- Listen(srvCtx, "127.0.0.1:0", New(Config{Store: st}), func(a net.Addr) { addrc <- a })
	}()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a.String()
	case err := <-done:
		cancel()
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		bcancel()
		acancel()
		stop()
		if err := <-done; err != nil {
			t.Errorf("shutdown: %v", err)
		}
		cancel()
	})
	return bctx, base
}

// TestScreenshotsReal writes screenshots of the page over a real database
// (DATELINE_LOAD_DB, made by dateline ingest; needs DATELINE_EVAL=1): the
// quotes of the most quoted speaker and the article with the most quotes.
func TestScreenshotsReal(t *testing.T) {
	if os.Getenv("DATELINE_EVAL") != "1" || os.Getenv("DATELINE_LOAD_DB") == "" {
		t.Skip("set DATELINE_EVAL=1 and DATELINE_LOAD_DB")
	}
	st, err := sqlite.Open(context.Background(), os.Getenv("DATELINE_LOAD_DB"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	arts, err := st.Articles(context.Background(), store.Filter{Limit: -1})
	if err != nil || len(arts) == 0 {
		t.Fatalf("articles: %v (%d)", err, len(arts))
	}
	best := arts[0]
	for _, a := range arts {
		if a.Quotes+a.Events > best.Quotes+best.Events && a.Chars < 4000 {
			best = a
		}
	}
	shots := screenshotDir(t)
	bctx, base := startBrowser(t, st)
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), buf, 0o644)
		})
	}
	err = chromedp.Do(bctx,
		chromedp.Navigate(base+"/#/quotes"), chromedp.WaitVisible(chromedp.CSS(`#quotelist blockquote`)), shot("real-quotes"),
		chromedp.Navigate(base+fmt.Sprintf("/#/article/%d/q/0", best.ID)), chromedp.WaitVisible(chromedp.CSS(`#article-text .sel`)),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`), shot("real-article"),
		chromedp.Navigate(base+"/#/events"), chromedp.WaitVisible(chromedp.CSS(`body[data-view="events"][data-ready]`)), shot("real-events"),
		chromedp.Navigate(base+"/#/network?country=USA"), chromedp.WaitVisible(chromedp.CSS(`body[data-view="network"][data-ready]`)),
		chromedp.Sleep(500*time.Millisecond), shot("real-network"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("article %d (%s): %d quotes, %d events; screenshots in %s", best.ID, best.Title, best.Quotes, best.Events, shots)
}

// checkEvidence compares the highlighted text in the article view with the
// evidence the API gives for the event or quote the link named
// (#/article/ID/ev|q/IDX).
func checkEvidence(t *testing.T, ctx context.Context, href string) {
	t.Helper()
	var id, idx int
	var kind string
	if _, err := fmt.Sscanf(strings.ReplaceAll(strings.TrimPrefix(href, "#/article/"), "/", " "), "%d %s %d", &id, &kind, &idx); err != nil {
		t.Fatalf("evidence link %q: %v", href, err)
	}
	sel, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#article-text .sel")].map(s => s.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("/api/articles/`+fmt.Sprint(id)+`").then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var v ArticleView
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	var want []string
	switch kind {
	case "ev":
		if idx >= len(v.Article.Events) {
			t.Fatalf("%s: no such event", href)
		}
		for _, e := range v.Article.Events[idx].Evidence {
			want = append(want, e.Trigger.Text)
		}
	case "q":
		if idx >= len(v.Article.Quotes) {
			t.Fatalf("%s: no such quote", href)
		}
		want = []string{v.Article.Quotes[idx].Text}
	default:
		t.Fatal(errors.New("unknown evidence kind in " + href))
	}
	if got := strings.Join(sel, ""); got != strings.Join(want, "") {
		t.Errorf("%s: highlighted %q, want %q", href, sel, want)
	}
}
