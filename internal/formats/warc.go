package formats

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"

	"dateline/internal/reader"
)

// A WARC file (ISO 28500, versions 0.18 to 1.1) is a sequence of records:
//
//	WARC/1.1 CRLF
//	Name: value CRLF ...      named fields; Content-Length is required
//	CRLF
//	block                     Content-Length bytes
//	CRLF CRLF
//
// A .warc.gz file is one gzip member per record, which the transparent gzip
// reading in Read already joins. Of all records, the HTML responses are
// articles: "response" records whose block is an HTTP response with an HTML
// body, and "resource" records whose block is an HTML page.

// maxWARCHeader bounds the named fields of one record.
const maxWARCHeader = 1 << 20

// warcRecord is one record's header.
type warcRecord struct {
	version string
	fields  textproto.MIMEHeader
	length  int64
}

// readWARC reads the HTML pages in a WARC file.
func (c *collector) readWARC(br *bufio.Reader, opt reader.Options) error {
	for rec := 1; ; rec++ {
		h, err := readWARCHeader(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var hdr warcHeaderError
			if errors.As(err, &hdr) {
				// Lost the record boundary: report and look for the next record.
				c.fail(0, rec, err)
				if err := skipToWARCRecord(br); err != nil {
					if err == io.EOF {
						return nil
					}
					return fmt.Errorf("record %d: %v", rec, wrapGzip(err))
				}
				continue
			}
			return fmt.Errorf("record %d: %v", rec, wrapGzip(err))
		}
		next, err := c.warcBlock(br, rec, h, opt)
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		if next != nil {
			br = next
		}
	}
}

// errBoundary is a record whose Content-Length does not end it.
const errBoundary = "Content-Length %d %s: record skipped"

// warcBlock reads (or skips) one record's block and the CRLF CRLF after it.
// A Content-Length that does not end the record is reported (the record is
// skipped): one that stops short, when what follows is not the next record
// (the reader then looks for it), and one that runs into the next record
// (whose start is then read from the block: next is the input from there).
// It returns io.EOF when the input ends while looking for the next record.
func (c *collector) warcBlock(br *bufio.Reader, rec int, h *warcRecord, opt reader.Options) (next *bufio.Reader, err error) {
	typ := strings.ToLower(strings.TrimSpace(h.fields.Get("WARC-Type")))
	ctype := strings.ToLower(h.fields.Get("Content-Type"))
	uri := strings.Trim(strings.TrimSpace(h.fields.Get("WARC-Target-URI")), "<>")
	wanted := (typ == "response" && strings.HasPrefix(ctype, "application/http")) ||
		(typ == "resource" && isHTMLType(ctype)) ||
		(typ == "conversion" && (ctype == "" || strings.HasPrefix(ctype, "text/plain")))
	if !wanted || h.length > MaxDocument {
		if _, err := io.CopyN(io.Discard, br, h.length); err != nil {
			return nil, shortBlock(rec, h, err)
		}
		if wanted {
			c.failf(0, rec, "%s: block of %d bytes is larger than %d MiB", uri, h.length, MaxDocument>>20)
		}
		_, err := c.recordEnd(br, rec, h)
		return nil, err
	}
	block := make([]byte, h.length)
	if _, err := io.ReadFull(br, block); err != nil {
		return nil, shortBlock(rec, h, err)
	}
	if i := nextRecordIn(block); i >= 0 {
		c.failf(0, rec, errBoundary, h.length, fmt.Sprintf("runs into the next record (which starts at byte %d of the block)", i))
		return bufio.NewReaderSize(io.MultiReader(bytes.NewReader(block[i:]), br), 64<<10), nil
	}
	if ok, err := c.recordEnd(br, rec, h); !ok || err != nil {
		return nil, err // skipped when it did not end where its Content-Length says
	}
	switch typ {
	case "resource":
		return nil, c.warcPage(rec, uri, block, h.fields.Get("Content-Type"), opt)
	case "conversion":
		// The text of a page, as Common Crawl's WET files give it.
		c.within = uri
		defer func() { c.within = "" }()
		return nil, c.readText(rec, block, uri, opt)
	}
	body, contentType, err := httpBody(block)
	if err != nil {
		c.failf(0, rec, "%s: %v", uri, err)
		return nil, nil
	}
	if body == nil {
		return nil, nil // not an HTML page, or not a success
	}
	return nil, c.warcPage(rec, uri, body, contentType, opt)
}

// shortBlock is the error for a block the input ends inside of: a cut file,
// or a Content-Length that runs past its end.
func shortBlock(rec int, h *warcRecord, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("record %d: the input ends inside the block (shorter than its Content-Length %d)", rec, h.length)
	}
	return fmt.Errorf("record %d: block shorter than its Content-Length %d: %v", rec, h.length, wrapGzip(err))
}

// recordEnd consumes the end of a record and checks that the next record (or
// the end of the input) follows. If not (ok is false), the record's
// Content-Length stopped short: the record is reported and the input skipped
// to the next record.
func (c *collector) recordEnd(br *bufio.Reader, rec int, h *warcRecord) (ok bool, err error) {
	if err := skipRecordEnd(br); err != nil {
		return false, err
	}
	b, err := br.Peek(5)
	if err == io.EOF && len(b) == 0 || string(b) == "WARC/" {
		return true, nil
	}
	if err != nil && err != io.EOF {
		return false, wrapGzip(err)
	}
	c.failf(0, rec, errBoundary, h.length, "stops inside the record (the next record does not start there)")
	if err := skipToWARCRecord(br); err != nil {
		if err == io.EOF {
			return false, io.EOF
		}
		return false, fmt.Errorf("record %d: %v", rec, wrapGzip(err))
	}
	return false, nil
}

// nextRecordIn returns where a block holds the start of a WARC record after a
// blank line (its record's Content-Length overstates it), or -1.
func nextRecordIn(block []byte) int {
	for off := 0; ; {
		i := bytes.Index(block[off:], []byte("\nWARC/"))
		if i < 0 {
			return -1
		}
		i += off
		j := i + len("\nWARC/")
		blank := bytes.HasSuffix(block[:i], []byte("\r\n\r")) || bytes.HasSuffix(block[:i], []byte("\n"))
		if blank && j+3 < len(block) && block[j] >= '0' && block[j] <= '9' && block[j+1] == '.' &&
			bytes.Contains(block[j:min(len(block), j+40)], []byte("\n")) && warcFieldFollows(block[j:]) {
			return i + 1
		}
		off = j
	}
}

// warcFieldFollows reports whether the line after a version line is a named field.
func warcFieldFollows(b []byte) bool {
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		return false
	}
	line := b[nl+1:]
	if k := bytes.IndexByte(line, '\n'); k >= 0 {
		line = line[:k]
	}
	k, _, ok := bytes.Cut(line, []byte(":"))
	return ok && bytes.HasPrefix(bytes.ToLower(k), []byte("warc-"))
}

func (c *collector) warcPage(rec int, uri string, page []byte, contentType string, opt reader.Options) error {
	c.within = uri
	defer func() { c.within = "" }()
	return c.putHTML(rec, page, uri, contentType, opt)
}

// warcHeaderError is a record header that cannot be read; the reader then
// looks for the next record.
type warcHeaderError struct{ msg string }

func (e warcHeaderError) Error() string { return e.msg }

// readWARCHeader reads a record's version line and named fields. It returns
// io.EOF at the clean end of the input.
func readWARCHeader(br *bufio.Reader) (*warcRecord, error) {
	// Blank lines between records are tolerated.
	var line string
	for {
		l, err := readHeaderLine(br)
		if err == io.EOF && l == "" {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if strings.TrimSpace(l) != "" {
			line = l
			break
		}
		if err == io.EOF {
			return nil, io.EOF
		}
	}
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "WARC/") {
		return nil, warcHeaderError{fmt.Sprintf("not a WARC record: starts %q", shorten(line, 40))}
	}
	h := &warcRecord{version: line, fields: textproto.MIMEHeader{}, length: -1}
	size := 0
	var last string
	for {
		l, err := readHeaderLine(br)
		if err != nil && (err != io.EOF || l == "") {
			if err == io.EOF {
				return nil, warcHeaderError{"input ends inside a record header"}
			}
			return nil, err
		}
		size += len(l)
		if size > maxWARCHeader {
			return nil, warcHeaderError{"record header longer than 1 MiB"}
		}
		if strings.TrimSpace(l) == "" {
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && last != "" {
			vs := h.fields[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(l)
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, warcHeaderError{fmt.Sprintf("bad header line %q", shorten(l, 40))}
		}
		last = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k))
		h.fields.Add(last, strings.TrimSpace(v))
		if err == io.EOF {
			return nil, warcHeaderError{"input ends inside a record header"}
		}
	}
	cl := h.fields.Get("Content-Length")
	n, err := strconv.ParseInt(strings.TrimSpace(cl), 10, 64)
	if err != nil || n < 0 {
		return nil, warcHeaderError{fmt.Sprintf("bad or missing Content-Length %q", shorten(cl, 20))}
	}
	h.length = n
	return h, nil
}

// readHeaderLine reads one line (CRLF or LF) of at most 64 KiB, without its end.
func readHeaderLine(br *bufio.Reader) (string, error) {
	b, tooLong, err := readLine(br, 64<<10)
	if tooLong {
		return "", warcHeaderError{"header line longer than 64 KiB"}
	}
	return string(b), err
}

// skipRecordEnd consumes the CRLF CRLF that ends a record. Writers that end
// records with less (or nothing, or more) are tolerated.
func skipRecordEnd(br *bufio.Reader) error {
	for {
		b, err := br.Peek(1)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return wrapGzip(err)
		}
		if b[0] != '\r' && b[0] != '\n' {
			return nil
		}
		br.ReadByte()
	}
}

// skipToWARCRecord skips lines up to the next one that starts a record.
func skipToWARCRecord(br *bufio.Reader) error {
	for {
		b, err := br.Peek(5)
		if len(b) == 5 && string(b) == "WARC/" {
			return nil
		}
		if err != nil {
			return err
		}
		if err := skipLine(br); err != nil {
			return err
		}
	}
}

// skipLine consumes one line, however long, keeping none of it.
func skipLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		if err != bufio.ErrBufferFull {
			return err
		}
	}
}

// httpBody parses a response record's block: the HTTP status line, headers
// and body. It returns a nil body for a response that is not a successful
// HTML page (images, redirects, errors: not articles, not problems).
func httpBody(block []byte) (body []byte, contentType string, err error) {
	var r io.Reader = bytes.NewReader(block)
	for _, v := range []string{"HTTP/2 ", "HTTP/3 "} {
		if bytes.HasPrefix(block, []byte(v)) {
			// "HTTP/2 200", as crawlers record HTTP/2 responses, which
			// net/http reads only as "HTTP/2.0 200".
			r = io.MultiReader(strings.NewReader(v[:6]+".0 "), bytes.NewReader(block[len(v):]))
		}
	}
	resp, err := http.ReadResponse(bufio.NewReader(r), nil)
	if err != nil {
		return nil, "", fmt.Errorf("HTTP response: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", nil
	}
	contentType = resp.Header.Get("Content-Type")
	if contentType != "" && !isHTMLType(contentType) {
		return nil, "", nil
	}
	r = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, "", fmt.Errorf("HTTP body: %v", gzipErr(err))
		}
		r = zr
	case "deflate":
		// Servers send either zlib-wrapped or raw deflate.
		raw, err := readAllLimit(resp.Body, MaxDocument, "an HTML page")
		if err != nil {
			return nil, "", fmt.Errorf("HTTP body: %v", err)
		}
		if zr, err := zlib.NewReader(bytes.NewReader(raw)); err == nil {
			r = zr
		} else {
			r = flate.NewReader(bytes.NewReader(raw))
		}
	default:
		return nil, "", fmt.Errorf("HTTP body: Content-Encoding %q not supported", shorten(enc, 20))
	}
	body, err = io.ReadAll(io.LimitReader(r, MaxDocument+1))
	if len(body) > MaxDocument {
		return nil, "", fmt.Errorf("HTTP body larger than %d MiB", MaxDocument>>20)
	}
	if err != nil && (!errors.Is(err, io.ErrUnexpectedEOF) || len(body) == 0) {
		// A body cut short (a truncated crawl, a Content-Length that
		// overstates) is still read; one that cannot be decoded is not.
		return nil, "", fmt.Errorf("HTTP body: %v", err)
	}
	if contentType == "" && !isHTML(bytes.TrimLeft(body[:min(len(body), sniffLen)], " \t\r\n\ufeff")) {
		return nil, "", nil
	}
	return body, contentType, nil
}

// isHTMLType reports whether a Content-Type names an HTML page.
func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

func shorten(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
