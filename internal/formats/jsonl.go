package formats

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dateline/internal/reader"
)

// JSONL field names, first match wins. "text" is required; the others are
// optional.
var (
	jsonTextKeys      = []string{"text", "body", "content"}
	jsonTitleKeys     = []string{"title", "headline"}
	jsonPublishedKeys = []string{"published", "date", "published_at", "pubDate", "datePublished"}
	jsonURLKeys       = []string{"url", "link"}
	jsonIDKeys        = []string{"id"}
	jsonSourceKeys    = []string{"source", "site", "outlet"}
	jsonAuthorKeys    = []string{"author", "byline"}
)

// readJSONL reads one article per line. A bad line is reported with its number
// and skipped; blank lines are ignored. A file that is one JSON array of
// article objects is read too.
func (c *collector) readJSONL(br *bufio.Reader, opt reader.Options) error {
	if isJSONArray(br) {
		return c.readJSONArray(br, opt)
	}
	line := 0
	for {
		b, tooLong, err := readLine(br, MaxDocument)
		if err == io.EOF && len(b) == 0 && !tooLong {
			return nil
		}
		line++
		if err != nil && err != io.EOF {
			return fmt.Errorf("line %d: %v", line, wrapGzip(err))
		}
		if tooLong {
			c.failf(line, 0, "line longer than %d MiB", MaxDocument>>20)
		} else if len(bytes.TrimSpace(b)) > 0 {
			if perr := c.jsonLine(line, 0, b, opt); perr != nil {
				return perr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// isJSONArray reports whether the input's first character (after a
// byte-order mark and white space) opens a JSON array.
func isJSONArray(br *bufio.Reader) bool {
	head, _ := br.Peek(sniffLen)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	return len(head) > 0 && head[0] == '['
}

// readJSONArray reads a JSON array of article objects; problems name the
// element (record) number. A syntax error ends the input, since the array
// cannot be followed past it.
func (c *collector) readJSONArray(br *bufio.Reader, opt reader.Options) error {
	if head, _ := br.Peek(3); bytes.Equal(head, utf8BOM) {
		br.Discard(3)
	}
	cr := &capReader{r: br}
	dec := json.NewDecoder(cr)
	c.unit = "element"
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("JSON: %v", jsonErr(wrapGzip(err)))
	}
	for rec := 1; dec.More(); rec++ {
		cr.n = 0
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("element %d: %v", rec, jsonErr(wrapGzip(err)))
		}
		if err := c.jsonLine(0, rec, raw, opt); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("JSON: %v", jsonErr(wrapGzip(err)))
	}
	return nil
}

// capReader fails once more than MaxDocument bytes are read since n was last
// reset: it bounds one JSON array element.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n > MaxDocument {
		return 0, fmt.Errorf("element larger than %d MiB", MaxDocument>>20)
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readLine reads one line without its end of line. A line longer than max is
// consumed and reported by tooLong.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			tooLong = true
			buf = nil
		} else if !tooLong {
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		return buf, tooLong, err
	}
}

// jsonLine reads one line's (or, in a JSON array, one element's: rec) article.
// It returns an error only when emit did.
func (c *collector) jsonLine(line, rec int, b []byte, opt reader.Options) error {
	// Any line: JSONL files joined with cat keep each one's byte-order mark.
	b = bytes.TrimPrefix(b, utf8BOM)
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		c.failf(line, rec, "not a JSON object: %v", jsonErr(err))
		return nil
	}
	if obj == nil {
		c.failf(line, rec, "not a JSON object: null")
		return nil
	}
	text, key, err := jsonString(obj, jsonTextKeys)
	if err != nil {
		c.failf(line, rec, "%s: %v", key, err)
		return nil
	}
	if isMarkup(text) {
		// A dump's "content" is often the page's HTML ("<p>…</p>").
		text = HTMLFragmentText(text)
	}
	if strings.TrimSpace(text) == "" {
		c.fail(line, rec, fmt.Errorf("no \"text\": %w", ErrNoText))
		return nil
	}
	meta := map[string]string{}
	for _, f := range []struct {
		name string
		keys []string
	}{{"title", jsonTitleKeys}, {"url", jsonURLKeys}, {"id", jsonIDKeys}, {"author", jsonAuthorKeys}} {
		v, key, err := jsonString(obj, f.keys)
		if err != nil {
			c.failf(line, rec, "%s: %v", key, err)
			return nil
		}
		meta[f.name] = v
	}
	site, srcURL, err := jsonSource(obj)
	if err != nil {
		c.failf(line, rec, "source: %v", err)
		return nil
	}
	published, err := jsonPublished(obj)
	if err != nil {
		c.failf(line, rec, "published: %v", err)
		return nil
	}
	d, err := article(c.name, text, meta["title"], opt)
	if err != nil {
		c.fail(line, rec, stripName(err, c.name))
		return nil
	}
	url := meta["url"]
	if url == "" {
		url = srcURL
	}
	setMeta(d, meta["title"], published, url, site, meta["author"])
	if id := strings.TrimSpace(meta["id"]); id != "" {
		d.ID = cleanLine(id)
	}
	return c.put(d)
}

// isMarkup reports whether a text field holds HTML rather than plain text:
// paragraph, line-break or block tags, not a lone "<" or "&".
func isMarkup(s string) bool {
	low := strings.ToLower(s[:min(len(s), 4096)])
	for _, tag := range []string{"<p>", "<p ", "</p>", "<br>", "<br/>", "<br />", "</div>", "</li>"} {
		if strings.Contains(low, tag) {
			return true
		}
	}
	return false
}

// jsonString returns the first of keys present as a string (a number is taken
// as its literal, null as absent). key is the key found, for errors.
func jsonString(obj map[string]json.RawMessage, keys []string) (s, key string, err error) {
	for _, k := range keys {
		raw, ok := obj[k]
		if !ok {
			continue
		}
		raw = bytes.TrimSpace(raw)
		switch {
		case len(raw) == 0 || string(raw) == "null":
			continue
		case raw[0] == '"':
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", k, err
			}
			if !utf8.ValidString(s) {
				s = strings.ToValidUTF8(s, "\uFFFD")
			}
			return s, k, nil
		case raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9'):
			return string(raw), k, nil
		default:
			return "", k, fmt.Errorf("want a string, have %s", jsonKind(raw))
		}
	}
	return "", keys[0], nil
}

// jsonSource reads "source": an outlet name, or an object with "name", "url".
func jsonSource(obj map[string]json.RawMessage) (name, url string, err error) {
	for _, k := range jsonSourceKeys {
		raw, ok := obj[k]
		if !ok {
			continue
		}
		raw = bytes.TrimSpace(raw)
		if len(raw) > 0 && raw[0] == '{' {
			var src map[string]json.RawMessage
			if err := json.Unmarshal(raw, &src); err != nil {
				return "", "", jsonErr(err)
			}
			if name, _, err = jsonString(src, []string{"name", "title", "site"}); err != nil {
				return "", "", err
			}
			if url, _, err = jsonString(src, []string{"url", "link"}); err != nil {
				return "", "", err
			}
			return name, url, nil
		}
		name, _, err = jsonString(obj, []string{k})
		if err != nil || name != "" {
			return name, "", err
		}
	}
	return "", "", nil
}

// jsonPublished reads the publication date: a date string, or a Unix time in
// seconds (or milliseconds).
func jsonPublished(obj map[string]json.RawMessage) (string, error) {
	s, _, err := jsonString(obj, jsonPublishedKeys)
	if err != nil || strings.TrimSpace(s) == "" {
		return "", err
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n > 1e11 {
			n /= 1000
		}
		t := time.Unix(n, 0).UTC()
		if !sane(t) {
			return "", fmt.Errorf("Unix time %s out of range", s)
		}
		return t.Format(time.RFC3339), nil
	}
	d, err := ParseDate(s)
	if err != nil {
		return "", fmt.Errorf("%q: %v", shorten(s, 40), err)
	}
	return d, nil
}

func jsonKind(raw []byte) string {
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	}
	return "a " + string(raw[:min(len(raw), 10)])
}

// jsonErr shortens encoding/json's errors.
func jsonErr(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%v (byte %d)", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("want an object, have a JSON %s", te.Value)
	}
	return err
}
