// Package formats reads every input format dateline accepts into articles:
// plain text, HTML pages, RSS/Atom/JSON feeds, JSONL dumps and WARC crawls,
// each optionally compressed with gzip, zstd or bzip2. The format is found
// from the content (magic bytes, the first tag or character) and the file
// name's extension.
//
// Every article becomes a *doc.Doc through reader.Text, so the reader's
// cleaning (headline, dateline, promo lines) runs on every format's body text.
// Metadata an input carries for its own article (an HTML page's title, date,
// author and site; a feed item's link and date; a JSONL line's fields) is set on
// the Doc; opt.Published is only the fallback for articles that carry no date.
//
// One bad article never stops the rest: Read emits every article it can and
// returns the problems (file, line or record, reason) as *Errors.
package formats

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"dateline/internal/doc"
	"dateline/internal/reader"
)

// Format is an input format.
type Format uint8

const (
	Unknown Format = iota
	Text           // plain-text article
	HTML           // one HTML page
	Feed           // RSS, Atom or JSON Feed: one article per item
	JSONL          // one JSON object per line (or a JSON array of them): one article each
	WARC           // web archive: one article per HTML response record
)

var formatNames = [...]string{"unknown", "text", "html", "feed", "jsonl", "warc"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat parses a format name as String prints it ("text", "html", ...).
func ParseFormat(s string) (Format, error) {
	for i, n := range formatNames {
		if i > 0 && strings.EqualFold(s, n) {
			return Format(i), nil
		}
	}
	return Unknown, fmt.Errorf("unknown format %q (want text, html, feed, jsonl or warc)", s)
}

// Limits on hostile input.
const (
	// MaxDocument is the largest single document (an HTML file, one JSONL
	// line, one WARC record) read into memory, after decompression. The
	// largest page of the article-extraction benchmark is 1.5 MB, and Common
	// Crawl cuts its records at a few MB; reading one takes a few times its
	// size (a tree, copies), on each core.
	MaxDocument = 64 << 20
	// MaxFeed is the largest feed read: the feed parser takes about 18 times
	// the feed's size.
	MaxFeed  = 32 << 20
	sniffLen = 4096
)

// Error is a problem with one article, or with a whole input.
type Error struct {
	File   string // the input's name
	Line   int    // 1-based line (JSONL), 0 if not line-based
	Record int    // 1-based record (WARC), item (feed) or element (JSON array), 0 if none
	Unit   string // what Record counts: "record" (also when empty), "item", "element"
	Err    error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return validUTF8(fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err))
	}
	return validUTF8(e.File + ": " + e.Reason())
}

func (e *Error) Unwrap() error { return e.Err }

// Reason is the error without the file name: "line 3: ...", "record 2: ...".
// Messages are valid UTF-8 whatever bytes the input held.
func (e *Error) Reason() string {
	switch {
	case e.Line > 0:
		return validUTF8(fmt.Sprintf("line %d: %v", e.Line, e.Err))
	case e.Record > 0:
		unit := e.Unit
		if unit == "" {
			unit = "record"
		}
		return validUTF8(fmt.Sprintf("%s %d: %v", unit, e.Record, e.Err))
	}
	return validUTF8(e.Err.Error())
}

func validUTF8(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// Errors lists the problems met in one input, in input order. The articles not
// named here were emitted.
type Errors []*Error

func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "no errors"
	case 1:
		return es[0].Error()
	}
	var b strings.Builder
	b.WriteString(es[0].Error())
	for i, e := range es[1:] {
		if i == 4 {
			fmt.Fprintf(&b, "; and %d more", len(es)-5)
			break
		}
		b.WriteString("; ")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Problems returns the per-article problems in an error Read returned (nil if
// err is nil or not from Read).
func Problems(err error) []*Error {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var e *Error
	if errors.As(err, &e) {
		return []*Error{e}
	}
	return nil
}

// errStop wraps an error returned by emit so that Read hands it back unchanged.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }

// collector gathers one input's problems, or hands them to problem.
type collector struct {
	name    string
	errs    Errors
	problem func(*Error) // nil: problems are gathered in errs
	emit    func(*doc.Doc) error
	n       int    // articles emitted
	failed  int    // problems met
	within  string // what the current record is (a WARC record's URI), for its problems
	unit    string // what records are: "item" in a feed, "element" in a JSON array
}

func (c *collector) fail(line, record int, err error) {
	c.failed++
	if c.within != "" {
		err = fmt.Errorf("%s: %w", c.within, err)
	}
	e := &Error{File: c.name, Line: line, Record: record, Err: err}
	if record > 0 {
		e.Unit = c.unit
	}
	if c.problem != nil {
		c.problem(e)
		return
	}
	c.errs = append(c.errs, e)
}

func (c *collector) failf(line, record int, format string, args ...any) {
	c.fail(line, record, fmt.Errorf(format, args...))
}

// put emits a document; an emit error stops reading.
func (c *collector) put(d *doc.Doc) error {
	c.n++
	if err := c.emit(d); err != nil {
		return errStop{err}
	}
	return nil
}

func (c *collector) result(err error) error {
	var stop errStop
	if errors.As(err, &stop) {
		return stop.err
	}
	if err != nil {
		c.fail(0, 0, err)
	}
	if c.n == 0 && c.failed == 0 {
		// An input with nothing in it to read (an empty JSONL file, a feed
		// without items, a WARC without pages) is said to be so.
		c.fail(0, 0, errNoArticles)
	}
	if len(c.errs) > 0 {
		return c.errs
	}
	return nil
}

// errNoArticles is an input with nothing to read; it is an ErrNoText.
var errNoArticles error = noArticles{}

type noArticles struct{}

func (noArticles) Error() string        { return "no articles in it" }
func (noArticles) Is(target error) bool { return target == ErrNoText }

// Options control Read.
type Options struct {
	reader.Options
	// Format forces a format; Unknown detects it.
	Format Format
	// Problem, if set, is told about each problem as it is met, in input
	// order among the articles, and ReadWith returns no Errors: an input of
	// millions of bad lines is then read in constant memory.
	Problem func(*Error)
}

// Read reads every article in r, the content of the input called name (a path,
// or "<stdin>"), and calls emit for each one in input order. Compressed input
// (gzip, zstd, bzip2) is decompressed transparently. The format is detected
// from the content and the name's extension.
//
// If emit returns an error, Read stops and returns that error unchanged.
// Otherwise Read returns nil when every article was read, or an Errors listing
// each article it skipped (and, last, a problem that stopped the input early,
// such as a truncated gzip stream); every other article was emitted.
func Read(name string, r io.Reader, opt reader.Options, emit func(*doc.Doc) error) error {
	return ReadWith(name, r, Options{Options: opt}, emit)
}

// ReadWith is Read with a forced format or a problem callback.
func ReadWith(name string, r io.Reader, opt Options, emit func(*doc.Doc) error) error {
	c := &collector{name: name, emit: emit, problem: opt.Problem}
	return c.result(c.read(name, r, opt))
}

// ReadFile opens path ("-" is not special here) and reads it with Read.
func ReadFile(path string, opt reader.Options, emit func(*doc.Doc) error) error {
	return ReadFileWith(path, Options{Options: opt}, emit)
}

// ReadFileWith opens path and reads it with ReadWith.
func ReadFileWith(path string, opt Options, emit func(*doc.Doc) error) error {
	c := &collector{name: path, problem: opt.Problem}
	f, err := os.Open(path)
	if err != nil {
		return c.result(unwrapPathError(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return c.result(errors.New("is a directory, not a file"))
	}
	return ReadWith(path, f, opt, emit)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (c *collector) read(name string, r io.Reader, opt Options) error {
	br := bufio.NewReaderSize(r, 64<<10)
	ext := strings.ToLower(filepath.Ext(name))
	head, err := br.Peek(6)
	if err != nil && err != io.EOF {
		return err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return gzipErr(err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	case bytes.HasPrefix(head, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		// zstd, as many JSONL dumps are shipped (.jsonl.zst); the window is
		// bounded so that a frame cannot claim GBs.
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxWindow(MaxDocument))
		if err != nil {
			return fmt.Errorf("zstd: %v", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(namedErrReader{zr, "zstd"}, 64<<10)
	case len(head) >= 4 && string(head[:3]) == "BZh" && head[3] >= '1' && head[3] <= '9':
		br = bufio.NewReaderSize(namedErrReader{bzip2.NewReader(br), "bzip2"}, 64<<10)
	case bytes.HasPrefix(head, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		return errors.New("compressed with xz, which is not read: decompress it first (xz -d)")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return errors.New("a zip archive, which is not read: unpack it first")
	}
	switch ext {
	case ".gz", ".tgz", ".gzip", ".zst", ".zstd", ".bz2":
		// The extension of what is compressed: "a.jsonl.zst" is JSONL.
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name))))
	}
	if utf16BOM(br) {
		// UTF-16 (as Windows tools save "Unicode" text): decoded to UTF-8
		// before the format is detected, whatever the format.
		br = bufio.NewReaderSize(transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), 64<<10)
	}
	head, err = br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return wrapGzip(err)
	}
	f := opt.Format
	if f == Unknown {
		f = Detect(ext, head)
		if f == Text {
			if err := notText(head); err != nil {
				return err // said at once, not after reading the whole file
			}
		}
	}
	switch f {
	case JSONL:
		return c.readJSONL(br, opt.Options)
	case WARC:
		return c.readWARC(br, opt.Options)
	}
	limit, what := int64(MaxDocument), "an HTML page"
	switch f {
	case Feed:
		limit, what = MaxFeed, "a feed"
	case HTML:
	default: // one article, which the reader refuses beyond its limit
		limit, what = reader.MaxBytes+int64(len(utf8BOM)), "a text article"
	}
	data, err := readAllLimit(br, limit, what)
	if err != nil {
		return err
	}
	switch f {
	case HTML:
		return c.readHTML(data, "", "", opt.Options)
	case Feed:
		return c.readFeed(data, opt.Options)
	}
	return c.readText(0, data, "", opt.Options)
}

// binaryMagic are the first bytes of documents people name by mistake.
var binaryMagic = []struct{ magic, what string }{
	{"%PDF-", "a PDF document"}, {"\x89PNG", "a PNG image"}, {"\xff\xd8\xff", "a JPEG image"},
	{"GIF8", "a GIF image"}, {"\xd0\xcf\x11\xe0", "an old Microsoft Office document"},
	{"\x7fELF", "a program"}, {"SQLite format 3\x00", "an SQLite database"},
}

// notText says why input that would be read as text is not an article: a
// known binary format, or NUL bytes in its first bytes.
func notText(head []byte) error {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return fmt.Errorf("%s, not a text article", m.what)
		}
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Errorf("binary data (NUL byte at byte %d), not a text article", i)
	}
	return nil
}

// namedErrReader says which decompressor an error (a corrupt or cut stream)
// comes from.
type namedErrReader struct {
	r    io.Reader
	name string
}

func (n namedErrReader) Read(p []byte) (int, error) {
	k, err := n.r.Read(p)
	if err != nil && err != io.EOF {
		err = decompressError{n.name, err}
	}
	return k, err
}

// decompressError is an error of a named decompressor.
type decompressError struct {
	name string
	err  error
}

func (e decompressError) Error() string { return e.name + ": " + e.err.Error() }
func (e decompressError) Unwrap() error { return e.err }

// utf16BOM reports whether the input starts with a UTF-16 byte-order mark.
func utf16BOM(br *bufio.Reader) bool {
	b, _ := br.Peek(2)
	return len(b) == 2 && (b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff)
}

func wrapGzip(err error) error {
	var named decompressError
	if errors.As(err, &named) {
		return err
	}
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return gzipErr(err)
	}
	return err
}

// gzipErr says that err comes from gzip, once: compress/gzip's own errors
// already start "gzip: ".
func gzipErr(err error) error {
	if strings.HasPrefix(err.Error(), "gzip: ") {
		return err
	}
	return fmt.Errorf("gzip: %w", err)
}

// readAllLimit reads r to the end, failing if it holds more than max bytes,
// the limit for what it is.
func readAllLimit(r io.Reader, max int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, wrapGzip(err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("larger than %d MiB, the limit for %s", max>>20, what)
	}
	return data, nil
}

// readText reads a plain-text article: a whole input, or a WARC record's
// (record) text extracted from the page at url.
func (c *collector) readText(record int, data []byte, url string, opt reader.Options) error {
	data = bytes.TrimPrefix(data, utf8BOM)
	d, err := reader.Text(c.name, data, opt)
	if err != nil {
		c.fail(0, record, stripName(err, c.name))
		return nil
	}
	if strings.TrimSpace(d.Text) == "" {
		// An empty file, or one of only blank or promotional lines: no
		// article, as an HTML page or JSONL line without text is none.
		c.fail(0, record, ErrNoText)
		return nil
	}
	setMeta(d, "", "", url, "", "")
	return c.put(d)
}

// stripName removes a leading "name: " that reader errors carry, since Error
// adds the name again.
func stripName(err error, name string) error {
	if s := err.Error(); strings.HasPrefix(s, name+": ") {
		return errors.New(s[len(name)+2:])
	}
	return err
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// Detect names the format of a document from its (lower-case) extension, such as
// ".html", and its first bytes (after gzip decompression). Content that is
// unmistakable (a WARC version line, a feed's root element) wins over the
// extension; otherwise the extension decides; otherwise the content is sniffed.
func Detect(ext string, head []byte) Format {
	h := bytes.TrimPrefix(head, utf8BOM)
	h = bytes.TrimLeft(h, " \t\r\n")
	if bytes.HasPrefix(h, []byte("WARC/")) {
		return WARC
	}
	if isFeed(h) || (len(h) > 0 && h[0] == '{' && bytes.Contains(h, []byte("jsonfeed.org/version"))) {
		return Feed
	}
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx":
		return HTML
	case ".jsonl", ".ndjson", ".jsonlines", ".json":
		return JSONL
	case ".warc", ".arc":
		return WARC
	case ".rss", ".atom":
		return Feed
	case ".txt", ".text":
		return Text
	}
	switch {
	case isHTML(h):
		return HTML
	case len(h) > 0 && h[0] == '{':
		return JSONL
	case len(h) > 0 && h[0] == '[' && (ext == ".json" || ext == ""):
		return JSONL // a JSON array of articles
	case len(h) > 0 && h[0] == '<' && ext == ".xml":
		return Feed // an XML file that is not a known feed: the feed parser says why
	}
	return Text
}

// isFeed reports whether a document starts like an RSS, RDF or Atom feed.
func isFeed(h []byte) bool {
	if len(h) == 0 || h[0] != '<' {
		return false
	}
	// Skip the XML declaration, comments, processing instructions and a doctype.
	for len(h) > 1 && h[0] == '<' && (h[1] == '?' || h[1] == '!') {
		var end int
		if bytes.HasPrefix(h, []byte("<!--")) {
			end = bytes.Index(h, []byte("-->"))
			if end >= 0 {
				end += 3
			}
		} else {
			end = bytes.IndexByte(h, '>')
			if end >= 0 {
				end++
			}
		}
		if end < 0 {
			return false
		}
		h = bytes.TrimLeft(h[end:], " \t\r\n")
	}
	for _, root := range [][]byte{[]byte("<rss"), []byte("<feed"), []byte("<rdf:RDF"), []byte("<RDF")} {
		if hasPrefixFold(h, root) && len(h) > len(root) && (h[len(root)] == ' ' || h[len(root)] == '>' || h[len(root)] == '\n' || h[len(root)] == '\r' || h[len(root)] == '\t') {
			return true
		}
	}
	return false
}

func isHTML(h []byte) bool {
	if len(h) == 0 || h[0] != '<' {
		return false
	}
	low := bytes.ToLower(h)
	for _, m := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<article", "<div", "<p>", "<script", "<link"} {
		if bytes.Contains(low, []byte(m)) {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix []byte) bool {
	return len(s) >= len(prefix) && bytes.EqualFold(s[:len(prefix)], prefix)
}

// article reads the body of an article whose input gives its title apart from
// the body (an HTML page, a feed item, a JSONL line) with reader.Text. The
// reader is given the article as it reads plain text, headline first, so that
// it does not take the body's first paragraph for a headline; a first
// paragraph that repeats the title is taken out (and listed in Removed). In
// verbatim mode the body is read exactly as it is.
func article(name, body, title string, opt reader.Options) (*doc.Doc, error) {
	title = cleanLine(title)
	if opt.Verbatim || title == "" {
		return reader.Text(name, []byte(body), opt)
	}
	body, heading := splitHeading(body, title)
	if strings.TrimSpace(body) == "" {
		return nil, ErrNoText
	}
	d, err := reader.Text(name, []byte(title+"\n\n"+body), opt)
	if err != nil {
		return nil, err
	}
	if d.Title == "" {
		// The reader did not take the title for a headline (too long, or
		// ending like a sentence): read the body alone.
		if d, err = reader.Text(name, []byte(body), opt); err != nil {
			return nil, err
		}
	}
	if heading != "" {
		d.Removed = append(d.Removed, doc.Removed{Text: heading, Reason: "headline repeated in the body"})
	}
	return d, nil
}

// splitHeading takes out of body a first paragraph that repeats the page's
// title (the headline is metadata, not body text). The title may carry the
// site's name after a separator ("Headline | Site", "Headline - Site").
func splitHeading(body, title string) (rest, heading string) {
	first, after, _ := strings.Cut(body, "\n\n")
	if len(first) > 400 || title == "" {
		return body, ""
	}
	f := strings.ToLower(strings.Join(strings.Fields(first), " "))
	t := strings.ToLower(strings.Join(strings.Fields(title), " "))
	if f == "" {
		return body, ""
	}
	same := f == t
	if !same && strings.HasPrefix(t, f) {
		tail := strings.TrimSpace(t[len(f):])
		same = tail != "" && strings.ContainsRune("|-–—:·•»", []rune(tail)[0])
	}
	if !same {
		return body, ""
	}
	return strings.TrimLeft(after, "\n"), first
}

// setMeta sets the metadata an input carries for one article on its Doc.
// Empty values leave the Doc's fields as reader.Text set them.
func setMeta(d *doc.Doc, title, published, url, site, author string) {
	if title = cleanLine(title); title != "" {
		d.Title = title
	}
	if published != "" {
		d.Published = published
	}
	if url = strings.TrimSpace(url); url != "" && len(url) <= maxURL && utf8.ValidString(url) {
		d.Source.URL = url
	}
	if site = cleanLine(site); site != "" {
		d.Source.Name = site
	}
	if author = cleanLine(author); author != "" {
		d.Author = author
	}
}

// Limits on an article's metadata: a title, author, site or id longer than
// maxLine is cut (with "…"), a longer URL dropped. Input of any size used to
// keep them whole (a JSONL line's 3 MB title, in --verbatim mode; otherwise
// the title made the article "too large for one article").
const (
	maxLine = 1000
	maxURL  = 8 << 10
)

// cleanLine makes s one valid UTF-8 line with single spaces, of at most
// maxLine bytes.
func cleanLine(s string) string {
	if len(s) > 4*maxLine {
		s = s[:4*maxLine] // enough to fill maxLine after spaces are collapsed
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return shorten(strings.Join(strings.Fields(s), " "), maxLine)
}
