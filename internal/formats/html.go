package formats

import (
	"bytes"
	"errors"
	"fmt"
	nurl "net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"dateline/internal/reader"
)

// HTMLOptions are the go-trafilatura settings used for every page. They are a
// variable so that an evaluation can try others; change them only with the
// figures of scripts/eval-extraction.sh. On the article-extraction benchmark
// (shingle F1, before the headline handling of article) balanced focus gave
// 0.9528 without fallback extractors and 0.9519 with them (at about 1.5 times
// the time); favouring precision 0.9469, recall 0.9428 (with fallback).
var HTMLOptions = trafilatura.Options{
	EnableFallback:  false,
	Focus:           trafilatura.Balanced,
	ExcludeComments: true,
	ExcludeTables:   false,
	HtmlDateMode:    trafilatura.Fast,
}

// MaxHTMLElements bounds the elements of a page (scripts, styles and the like
// not counted) given to the extractor, whose time grows faster than linearly
// with the page: pages beyond it are reported, not read. The largest page of
// the article-extraction benchmark has under 2,000.
const MaxHTMLElements = 15000

// maxHTMLTags bounds the start tags of a page, counted before it is parsed.
// It is well above MaxHTMLElements, since the count includes the elements
// removed before extraction (inside SVG, for one).
const maxHTMLTags = 8 * MaxHTMLElements

// maxHTMLText bounds the text of a page (outside scripts and styles),
// counted before it is parsed: four articles of the largest size the reader
// takes. A 60 MB page of one paragraph took 1.25 GB and 17 s to be refused
// by the reader after extraction.
const maxHTMLText = 4 * reader.MaxBytes

// rawText are the elements whose content the tokenizer gives as one text
// token that is not the page's text.
var rawText = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Textarea: true,
	atom.Xmp: true, atom.Iframe: true, atom.Noembed: true, atom.Noframes: true,
}

// tooLarge says why a page is too large to extract, or "": more than maxTags
// start tags (those in scripts, styles and comments are not tags) or more
// than maxText bytes of text. It builds no tree.
func tooLarge(data []byte, maxTags, maxText int) string {
	z := html.NewTokenizer(bytes.NewReader(data))
	tags, text := 0, 0
	raw := false // the next text token is a script's or a style's
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			if tags++; tags > maxTags {
				return fmt.Sprintf("more than %d tags", maxTags)
			}
			name, _ := z.TagName()
			raw = rawText[atom.Lookup(name)]
			continue
		case html.TextToken:
			if !raw {
				if text += len(z.Raw()); text > maxText {
					return fmt.Sprintf("more than %d MiB of text", maxText>>20)
				}
			}
		}
		raw = false
	}
}

// maxNesting is the depth beyond which flatten drops elements: half the
// parser's limit, since it adds elements a page leaves implied.
const maxNesting = 256

// flatten rewrites a page so that no more than max elements are open at once,
// counted naively (a start tag opens, its end tag closes it and those opened
// after it): the start and end tags of deeper elements are dropped, their
// content kept, a block's tags replaced by <br> to keep its lines apart.
func flatten(data []byte, max int) []byte {
	z := html.NewTokenizer(bytes.NewReader(data))
	out := make([]byte, 0, len(data))
	var open []atom.Atom
	br := false // the last thing written is a <br> put for dropped blocks
	lineBreak := func(a atom.Atom) {
		if blockElems[a] && !br {
			out = append(out, "<br>"...)
			br = true
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if !voidElems[a] {
				if len(open) >= max {
					lineBreak(a)
					continue
				}
				open = append(open, a)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			i := len(open) - 1
			for i >= 0 && open[i] != a {
				i--
			}
			if i < 0 { // not open, or dropped
				lineBreak(a)
				continue
			}
			open = open[:i]
		}
		raw := z.Raw()
		br = br && tt == html.TextToken && len(bytes.TrimSpace(raw)) == 0
		out = append(out, raw...)
	}
}

// voidElems have no end tag.
var voidElems = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true,
}

// ErrNoText is the reason given for a page, item or line with no article text.
var ErrNoText = errors.New("no article text found")

// Page is what HTML extraction finds in one page.
type Page struct {
	Text      string // the article body: paragraphs separated by blank lines
	Title     string
	Published string // normalised as ParseDate does, or ""
	Author    string
	Site      string
	URL       string
}

// ExtractHTML finds the article in an HTML page. url, if known, is the page's
// address; contentType, if known, is its HTTP Content-Type (for the charset).
func ExtractHTML(data []byte, url, contentType string) (*Page, error) {
	data = toUTF8(data, contentType)
	if why := tooLarge(data, maxHTMLTags, maxHTMLText); why != "" {
		// Refused before html.Parse builds a tree of it: a page of a few
		// hundred MB of tags takes GBs as a tree.
		return nil, fmt.Errorf("page too large to extract: %s", why)
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil && strings.Contains(err.Error(), "open stack of elements") {
		// More than 512 elements open at once (unclosed <font> or <div>
		// tags by the hundred), which the parser refuses and a browser
		// shows: the elements beyond a depth are dropped, their text kept.
		root, err = html.Parse(bytes.NewReader(flatten(data, maxNesting)))
	}
	if err != nil {
		return nil, fmt.Errorf("HTML: %v", err)
	}
	pruneNonContent(root)
	if n := countElements(root, MaxHTMLElements+1); n > MaxHTMLElements {
		return nil, fmt.Errorf("page too large to extract: more than %d elements", MaxHTMLElements)
	}
	opt := HTMLOptions
	if url != "" {
		if u, err := nurl.Parse(url); err == nil && u.Scheme != "" && u.Host != "" {
			opt.OriginalURL = u
		}
	}
	res, err := extractDocument(root, opt)
	if err != nil {
		if strings.Contains(err.Error(), "not long enough") {
			return nil, ErrNoText
		}
		return nil, fmt.Errorf("HTML extraction: %v", err)
	}
	p := &Page{
		Title:  res.Metadata.Title,
		Author: res.Metadata.Author,
		Site:   res.Metadata.Sitename,
		URL:    url,
	}
	if p.URL == "" {
		p.URL = res.Metadata.URL
	}
	p.Published = dateOfTime(res.Metadata.Date)
	p.Text = HTMLText(res.ContentNode)
	if p.Text == "" {
		return nil, ErrNoText
	}
	if p.Published == "" {
		p.Published = textDate(data, p.URL)
	}
	return p, nil
}

// textDate looks for the publication date of a page whose metadata gives
// none in its text ("publiziert am 25. September 2018", "기사입력 :[
// 2018-08-25 15:24 ]"): htmldate's extensive search, which the extractor's
// fast mode skips. A year alone (a copyright line, "© example.com, 2008")
// is no date: htmldate gives it as 1 January.
func textDate(data []byte, url string) (date string) {
	defer func() {
		if recover() != nil {
			date = ""
		}
	}()
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	pruneNonContent(root)
	res, err := htmldate.FromDocument(root, htmldate.Options{UseOriginalDate: true, URL: url})
	if err != nil || res.IsZero() || yearOnly(res) {
		return ""
	}
	if !res.HasTime {
		t := res.DateTime
		return dateOfTime(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	}
	return dateOfTime(res.DateTime)
}

// yearOnly reports whether a date htmldate found is a year alone, set to
// 1 January: its source text has no digit but the year's and no month name.
func yearOnly(res htmldate.Result) bool {
	t := res.DateTime
	if t.Month() != time.January || t.Day() != 1 || res.HasTime {
		return false
	}
	src := strings.ReplaceAll(res.SrcString, strconv.Itoa(t.Year()), "")
	if strings.ContainsAny(src, "0123456789") {
		return false
	}
	low := strings.ToLower(src)
	return !strings.Contains(low, "jan")
}

// pruneNonContent removes what is never article text and what the extractor
// removes anyway: scripts (but JSON-LD metadata), styles, SVG, comments.
func pruneNonContent(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode,
			c.Type == html.ElementNode && c.DataAtom == atom.Script && (!isJSONLD(c) || textLen(c) > maxJSONLD),
			c.Type == html.ElementNode && (c.DataAtom == atom.Style || c.DataAtom == atom.Template || c.DataAtom == atom.Svg):
			n.RemoveChild(c)
		default:
			pruneNonContent(c)
		}
		c = next
	}
}

// maxJSONLD bounds the JSON-LD metadata kept for the extractor, which decodes
// it whole: a page's own is a few kB; a 30 MB one took 560 MB to read.
const maxJSONLD = 1 << 20

// textLen is the length of an element's text children.
func textLen(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			k += len(c.Data)
		}
	}
	return k
}

func isJSONLD(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" && strings.Contains(strings.ToLower(a.Val), "json") {
			return true
		}
	}
	return false
}

// countElements counts the element nodes under n, stopping at limit.
func countElements(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count < limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// extractDocument runs go-trafilatura, turning a panic inside it (hostile
// input) into an error.
func extractDocument(root *html.Node, opt trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("extractor failed: %v", r)
		}
	}()
	return trafilatura.ExtractDocument(root, opt)
}

func (c *collector) readHTML(data []byte, url, contentType string, opt reader.Options) error {
	return c.putHTML(0, data, url, contentType, opt)
}

// putHTML extracts one page and emits it; record numbers a WARC record.
func (c *collector) putHTML(record int, data []byte, url, contentType string, opt reader.Options) error {
	p, err := ExtractHTML(data, url, contentType)
	if err != nil {
		c.fail(0, record, err)
		return nil
	}
	p.Title = withoutSite(p.Title, p.Site, p.URL)
	d, err := article(c.name, p.Text, p.Title, opt)
	if err != nil {
		c.fail(0, record, stripName(err, c.name))
		return nil
	}
	setMeta(d, p.Title, p.Published, p.URL, p.Site, p.Author)
	return c.put(d)
}

// titleSeps set a site's name apart from the headline in a page's title.
var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", ": "}

// withoutSite takes the site's name out of a page's title: "Best tech
// gadgets of 2019 | ZDNet", "Nadal keeps Spain alive - Sportsnet.ca",
// "LinkNaija | Nigeria's popular news platform: Nollywood actress …". The
// name is the site's (from the page's metadata) or its address's host
// ("News Nation" for www.newsnation.in). Other labels ("Opinion | …",
// "… | Editorial") are kept, and so is a title that would be left too short.
func withoutSite(title, site, url string) string {
	names := []string{siteKey(site)}
	if u, err := nurl.Parse(strings.TrimSpace(url)); err == nil && u.Host != "" {
		host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		names = append(names, siteKey(host))
		if i := strings.LastIndexByte(host, '.'); i > 0 {
			names = append(names, siteKey(host[:i])) // without the top-level domain
		}
	}
	isSite := func(s string) bool {
		k := siteKey(s)
		if len([]rune(k)) < 3 {
			return false
		}
		for _, n := range names {
			// "Inexhibit" for "Inexhibit magazine"
			if n != "" && (k == n || len(k) >= 5 && strings.HasPrefix(n, k)) {
				return true
			}
		}
		return false
	}
	// Of the names found before or after a separator, the longest goes
	// ("LinkNaija | Nigeria's popular news platform: …", not "LinkNaija").
	best := title
	try := func(rest, name string) {
		rest = strings.TrimSpace(rest)
		if len(rest) < len(best) && len(strings.Fields(rest)) >= 2 && isSite(name) {
			best = rest
		}
	}
	for _, sep := range titleSeps {
		for i := strings.Index(title, sep); i > 0; {
			if sep != ": " {
				try(title[:i], title[i+len(sep):])
			}
			try(title[i+len(sep):], title[:i])
			j := strings.Index(title[i+len(sep):], sep)
			if j < 0 {
				break
			}
			i += len(sep) + j
		}
	}
	return best
}

// siteKey is a site name's letters and digits, lower-case: "9To5mac",
// "9to5Mac" and "9TO5MAC" are one key.
func siteKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// toUTF8 decodes an HTML page to UTF-8. Valid UTF-8 is kept as it is (whatever
// the page declares, since a page in another charset is rarely valid UTF-8);
// otherwise the charset comes from a byte-order mark, the Content-Type or the
// page's <meta>, else windows-1252 as browsers assume.
func toUTF8(data []byte, contentType string) []byte {
	if utf8.Valid(data) {
		return bytes.TrimPrefix(data, utf8BOM)
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	enc, _, _ := charset.DetermineEncoding(head, contentType)
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD"))
}

// HTMLText renders an HTML fragment as plain text: block elements become
// paragraphs separated by a blank line, <br> a line break, whitespace in running
// text one space; script, style and similar elements are dropped.
func HTMLText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var w textWriter
	w.node(n, false)
	return strings.ToValidUTF8(strings.TrimSpace(w.b.String()), "\uFFFD")
}

// HTMLFragmentText renders a string of HTML (a feed item's content) as text.
func HTMLFragmentText(s string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return cleanText(s)
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	return HTMLText(ctx)
}

type textWriter struct {
	b     strings.Builder
	brk   int // pending break: 0 none, 1 space, 2 line, 3 paragraph
	depth int
}

const (
	brkNone = iota
	brkSpace
	brkLine
	brkPara
)

func (w *textWriter) want(b int) {
	if b > w.brk {
		w.brk = b
	}
}

func (w *textWriter) flush() {
	if w.b.Len() == 0 {
		w.brk = brkNone
		return
	}
	switch w.brk {
	case brkSpace:
		w.b.WriteByte(' ')
	case brkLine:
		w.b.WriteByte('\n')
	case brkPara:
		w.b.WriteString("\n\n")
	}
	w.brk = brkNone
}

// text writes running text, collapsing whitespace; pre keeps it.
func (w *textWriter) text(s string, pre bool) {
	if pre {
		lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
		for i, l := range lines {
			if i > 0 {
				w.want(brkLine)
			}
			l = strings.TrimRight(l, " \t\r")
			if l != "" {
				w.flush()
				w.b.WriteString(l)
			}
		}
		return
	}
	for len(s) > 0 {
		i := strings.IndexFunc(s, isSpace)
		if i < 0 {
			i = len(s)
		}
		if i == 0 {
			w.want(brkSpace)
			j := strings.IndexFunc(s, func(r rune) bool { return !isSpace(r) })
			if j < 0 {
				return
			}
			s = s[j:]
			continue
		}
		w.flush()
		w.b.WriteString(s[:i])
		s = s[i:]
	}
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0x85, 0xA0, 0x2007, 0x202F, 0x3000, 0x200B:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

var blockElems = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Thead: true,
	atom.Tbody: true, atom.Tfoot: true, atom.Caption: true, atom.Header: true, atom.Footer: true,
	atom.Figure: true, atom.Figcaption: true, atom.Aside: true, atom.Nav: true, atom.Address: true,
	atom.Hr: true, atom.Form: true, atom.Fieldset: true, atom.Details: true, atom.Summary: true,
	atom.Body: true, atom.Html: true,
}

var skipElems = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Math: true,
	atom.Select: true, atom.Button: true, atom.Canvas: true,
}

func (w *textWriter) node(n *html.Node, pre bool) {
	w.depth++
	defer func() { w.depth-- }()
	if w.depth > 512 { // html.Parse caps nesting too; this guards hand-made trees
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.ElementNode:
		if skipElems[n.DataAtom] {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.want(brkLine)
			return
		case atom.Img, atom.Input:
			return
		case atom.Td, atom.Th:
			w.want(brkSpace)
		case atom.Pre:
			pre = true
		}
		if n.DataAtom == 0 && n.Data != "" {
			// Elements html.Parse does not know (trafilatura's own, custom tags)
			// are treated by name.
			switch n.Data {
			case "lb":
				w.want(brkLine)
				return
			case "head", "list", "item", "quote", "p":
				w.want(brkPara)
				defer w.want(brkPara)
			}
		}
		if blockElems[n.DataAtom] {
			w.want(brkPara)
			defer w.want(brkPara)
		}
	case html.CommentNode, html.DoctypeNode, html.RawNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, pre)
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th) {
		w.want(brkSpace)
	}
}

// cleanText collapses whitespace within lines and keeps blank-line paragraph
// breaks, for text that is not HTML.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var paras []string
	for _, p := range strings.Split(s, "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}
