package server

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"dateline/internal/doc"
	"dateline/internal/reader"
	"dateline/internal/store"
)

// pageDoc analyses one invented article for the page tests.
func pageDoc(t *testing.T, name, text, published string) *doc.Doc {
	t.Helper()
	d, err := reader.Text(name, []byte(text), reader.Options{Published: published})
	if err != nil {
		t.Fatal(err)
	}
	if err := defaultPipeline().Run(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestBrowserPage drives the page over the test stories plus more: one
// with 1,100 quotes of one speaker, published first; one whose title, text
// and source URL are hostile; one with neither a publication date nor a
// dated event; 55 with a word no other has. The quotes view counts every
// quote by its speaker (it counted only the first 1,000 it fetched: 1,000
// for her and no one else); search results come in pages (there were only
// the first 50); the hostile article shows its title and text as text and
// its "javascript:" URL as no link; an undated event's link has a label (it
// was empty, so not there to click); a malformed article address says so;
// the console stays free of errors and warnings.
func TestBrowserPage(t *testing.T) {
	st, _ := testStore(t)
	var b strings.Builder
	b.WriteString("Bridge talks drag on\n\nVELDOR, Jan. 1 - Maria Lopez, the mayor of Veldor, spoke to reporters on Thursday.\n")
	for i := range 1100 {
		fmt.Fprintf(&b, "\"Bridge number %d will open soon,\" Lopez said. ", i+1)
	}
	many := pageDoc(t, "many.txt", b.String(), "2026-01-01")
	const title = `<img src=x onerror="document.title='pwned'"> Lopez "quoted" & <b>bold</b>`
	hostile := pageDoc(t, "hostile.txt", "<script>document.title='pwned'</script> Maria Lopez met the port authority in Veldor "+
		"on Tuesday. \"We will <b>never</b> close [the] harbour,\" Lopez said.", "2026-03-10")
	hostile.Title = title
	hostile.Source.URL = "javascript:document.title='pwned'"
	undated := pageDoc(t, "undated.txt", "Clashes in the north\n\nGovernment troops attacked rebel positions near the border, "+
		"killing twelve fighters, officials said. \"We will not leave the valley,\" said Ana Quispe, a rebel commander.\n", "")
	res, err := st.Put(context.Background(), []*doc.Doc{many, hostile, undated})
	if err != nil || len(res.IDs) != 3 || res.IDs[1] == 0 || len(undated.Events) == 0 {
		t.Fatalf("put: %+v %v", res, err)
	}
	// 55 articles with a word no other has: more than a page of hits.
	var zeps []*doc.Doc
	for i := range 55 {
		zeps = append(zeps, pageDoc(t, fmt.Sprintf("zep%d.txt", i), fmt.Sprintf("Zeppelin %d lands\n\nThe zeppelin number %d "+
			"landed in the harbour of Castrana %d minutes late.", i, i, 7*i+3), "2026-02-01"))
	}
	if r, err := st.Put(context.Background(), zeps); err != nil || r.Inserted != 55 {
		t.Fatalf("put: %+v %v", r, err)
	}
	all, err := st.Quotes(context.Background(), store.Filter{Limit: -1})
	if err != nil || len(all) < 1100 {
		t.Fatalf("quotes: %d %v", len(all), err)
	}
	count := map[string]int{}
	for _, q := range all {
		name := q.Speaker
		if name == "" {
			name = "(unknown speaker)"
		}
		count[name]++
	}
	var want []string
	for s := range count {
		want = append(want, s)
	}
	sort.Slice(want, func(i, j int) bool {
		if count[want[i]] != count[want[j]] {
			return count[want[i]] > count[want[j]]
		}
		return want[i] < want[j]
	})
	for i, s := range want {
		want[i] = fmt.Sprintf("%s %d", s, count[s])
	}

	bctx, base := startBrowser(t, st)
	var mu sync.Mutex
	var console []string
	if err := chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			console = append(console, "exception: "+e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				console = append(console, string(e.Type)+": "+strings.Join(args, " "))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	ready := func(view string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.CSS(`body[data-view="` + view + `"][data-ready]`))
	}
	open := func(hash, view string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 15*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`void (document.body && delete document.body.dataset.ready)`),
			chromedp.Navigate(base+"/"+hash), ready(view)); err != nil {
			t.Fatalf("%s: %v (console: %q)", hash, err, console)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}

	// Quotes by speaker.
	open("#/quotes", "quotes")
	// The type filter, which quotes do not take, is off on their view and
	// on again on the events'.
	if d := eval(`String(document.querySelector("#filters select[name=type]").disabled)`); d != "true" {
		t.Errorf("quotes view: the type filter is enabled")
	}
	got := strings.Split(eval(`[...document.querySelectorAll(".speakers li a")].map(a => a.children[0].textContent + " " + a.children[1].textContent).join("\n")`), "\n")
	if strings.Join(got, "|") != strings.Join(want[:min(len(want), 200)], "|") {
		t.Errorf("speakers listed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := eval(`String(document.querySelectorAll("#quotelist blockquote").length)`); n != "500" {
		t.Errorf("Maria Lopez's quotes shown: %s, want the first 500", n)
	}
	if len(want) > 1 {
		second, n := want[1][:strings.LastIndexByte(want[1], ' ')], count[want[1][:strings.LastIndexByte(want[1], ' ')]]
		ctx, cancel := context.WithTimeout(bctx, 15*time.Second)
		err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`void delete document.body.dataset.ready`),
			chromedp.Click(chromedp.CSS(`.speakers li:nth-child(2) a`)), ready("quotes"))
		cancel()
		if err != nil {
			t.Errorf("clicking the second speaker: %v", err)
		} else if got := eval(`document.querySelector("#quotelist h2").textContent + " " + document.querySelectorAll("#quotelist blockquote").length`); got != fmt.Sprintf("Quotes of %s %d", second, n) {
			t.Errorf("second speaker: %q, want %d quotes of %s", got, n, second)
		}
	}

	// Search results come in pages: 50, then the other 5.
	open("#/search?q=zeppelin", "search")
	hitsOf := func() []string {
		return strings.Fields(eval(`[...document.querySelectorAll("#results a.hit")].map(a => a.getAttribute("href")).join(" ")`))
	}
	first := hitsOf()
	ctx, cancel := context.WithTimeout(bctx, 15*time.Second)
	err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`void delete document.body.dataset.ready`),
		chromedp.Click(chromedp.CSS(`#results .pager button:last-child`)), ready("search"))
	cancel()
	if err != nil {
		t.Errorf("search: the next page: %v", err)
	} else {
		second := hitsOf()
		distinct := map[string]bool{}
		for _, h := range append(first, second...) {
			distinct[h] = true
		}
		if len(first) != 50 || len(second) != 5 || len(distinct) != 55 {
			t.Errorf("search zeppelin: pages of %d and %d hits, %d articles; want 50, 5, 55", len(first), len(second), len(distinct))
		}
		if n := eval(`document.querySelector("#results ol").getAttribute("start")`); n != "51" {
			t.Errorf("the second page is numbered from %s", n)
		}
	}

	// An undated quote's line names no empty date ("direct ·  · in its article").
	open("#/quotes?speaker=Ana+Quispe", "quotes")
	if line := eval(`[...document.querySelectorAll("#quotelist blockquote .muted")].map(d => d.textContent).join("|")`); line != "direct · in its article" {
		t.Errorf("Ana Quispe's quote: %q, want %q", line, "direct · in its article")
	}

	// A search snippet shows the matched word in bold, not the text's own
	// "[the]".
	open("#/search?q=harbour+Veldor", "search")
	bold := eval(`[...document.querySelectorAll("#results .snippet b")].map(b => b.textContent).join(" ")`)
	snip := eval(`document.querySelector("#results .snippet").textContent`)
	if strings.Trim(strings.ReplaceAll(strings.ReplaceAll(bold, "harbour", ""), "Veldor", ""), " ") != "" || bold == "" ||
		!strings.Contains(snip, "[the] harbour") {
		t.Errorf("search harbour Veldor: %q with %q in bold; want only the words asked for, and [the] as text", snip, bold)
	}

	// The hostile article: text stays text, a script URL is no link.
	open(fmt.Sprintf("#/article/%d", res.IDs[1]), "article")
	if h1 := eval(`document.querySelector("h1").textContent`); h1 != title {
		t.Errorf("title shown as %q, want %q", h1, title)
	}
	if n := eval(`String(document.querySelectorAll("#main img, #main b, #main script").length)`); n != "0" {
		t.Errorf("%s elements made from the article's text", n)
	}
	if hrefs := eval(`[...document.querySelectorAll("#main a")].map(a => a.getAttribute("href")).filter(h => !/^(#|https?:)/.test(h)).join(" ")`); hrefs != "" {
		t.Errorf("links that are neither the page's nor the web's: %q", hrefs)
	}
	if !strings.Contains(eval(`document.querySelector("#main").textContent`), hostile.Source.URL) {
		t.Errorf("the source URL is not shown as text")
	}
	if tt := eval(`document.title`); tt != "dateline" {
		t.Errorf("document title %q: the article's text ran", tt)
	}

	// An event with no date in an article with none links by a label, not
	// by an empty (invisible) link.
	open("#/events", "events")
	if d := eval(`String(document.querySelector("#filters select[name=type]").disabled)`); d != "false" {
		t.Errorf("events view: the type filter is disabled")
	}
	if n := eval(`String([...document.querySelectorAll("#events a.evlink")].filter(a => !a.textContent.trim()).length)`); n != "0" {
		t.Errorf("%s event links with no text", n)
	}

	// The undated article's line under its title starts with its source,
	// not with the dot after an empty date.
	open(fmt.Sprintf("#/article/%d", res.IDs[2]), "article")
	if line := eval(`document.querySelector("h1 + p").textContent`); line != "undated.txt" {
		t.Errorf("undated article: %q under the title, want %q", line, "undated.txt")
	}

	// A malformed article address.
	open("#/article/abc", "article")
	if msg := eval(`document.querySelector("#main .err").textContent`); !strings.Contains(msg, "no such article") {
		t.Errorf("#/article/abc: %q", msg)
	}

	// The network view.
	open("#/network", "network")
	mu.Lock()
	defer mu.Unlock()
	if len(console) > 0 {
		t.Errorf("console: %q", console)
	}
}
