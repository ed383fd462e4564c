package formats

import (
	"bytes"
	"os"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/internal/doc"
	"dateline/internal/reader"
)

// fuzzRead reads data as format f and checks every article: valid UTF-8
// everywhere, a published date in the contract's forms, paragraphs inside the
// text. Problems are fine; panics and bad articles are not.
func fuzzRead(t *testing.T, name string, f Format, data []byte) {
	for _, verbatim := range []bool{false, true} {
		opt := Options{Options: reader.Options{Verbatim: verbatim}, Format: f}
		err := ReadWith(name, bytes.NewReader(data), opt, func(d *doc.Doc) error {
			checkDoc(t, d)
			return nil
		})
		if err != nil && Problems(err) == nil {
			t.Fatalf("error that is not a problem list: %v", err)
		}
		for _, p := range Problems(err) {
			if !utf8.ValidString(p.Error()) || !utf8.ValidString(p.Reason()) {
				t.Errorf("problem message not valid UTF-8: %q", p.Error())
			}
		}
	}
}

func checkDoc(t *testing.T, d *doc.Doc) {
	t.Helper()
	for _, s := range []string{d.Text, d.Title, d.Author, d.ID, d.Published, d.Source.Path, d.Source.URL, d.Source.Name} {
		if !utf8.ValidString(s) {
			t.Fatalf("not valid UTF-8: %q", s)
		}
	}
	if d.Published != "" {
		if _, err := time.Parse(time.RFC3339, d.Published); err != nil {
			if _, err := time.Parse("2006-01-02", d.Published); err != nil {
				t.Fatalf("published %q is neither YYYY-MM-DD nor RFC 3339", d.Published)
			}
		}
	}
	for _, p := range d.Paragraphs {
		if p.Start < 0 || p.End < p.Start || int(p.End) > len(d.Text) {
			t.Fatalf("paragraph %v outside text of %d bytes", p, len(d.Text))
		}
	}
}

func addSeedFiles(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzHTML(f *testing.F) {
	addSeedFiles(f, "page.html")
	f.Add([]byte("<html><body><article><p>Short.</p></article></body></html>"))
	f.Add([]byte("<p>caf\xe9</p><table><tr><td>a<td>b</table><pre>x\n y</pre><br><br>"))
	f.Add([]byte(`<meta charset="shift_jis"><title>x</title><body><p>` + "\x82\xa0\x82\xa2" + `</p>`))
	f.Add([]byte(`<html><head><meta property="article:published_time" content="0000-13-45T99:99"></head><body><div><div><div><p>Text text text text text text text text.</p></div></div></div></body></html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "fuzz.html", HTML, data)
	})
}

func FuzzFeed(f *testing.F) {
	addSeedFiles(f, "feed.rss", "feed.atom")
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "content_html": "<p>Hi there.</p>", "date_published": "2020-01-02T03:04:05Z"}]}`))
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;a &amp;amp; b</description><pubDate>Mon, 99 Foo 2022</pubDate></item></channel></rss>`))
	f.Add([]byte(`<feed><entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "fuzz.xml", Feed, data)
	})
}

func FuzzJSONL(f *testing.F) {
	addSeedFiles(f, "articles.jsonl")
	f.Add([]byte("{\"text\": \"a\\ud800b\", \"published\": 1700000000000}\n\n{\"text\": 5}\r\n{}"))
	f.Add([]byte("\ufeff{\"text\": \"x\", \"source\": {\"name\": [1]}, \"id\": {\"a\": 1}}"))
	f.Add([]byte("{\"text\": \"\xff\xfe\", \"title\": \"\xc3\"}\nnull\n\"str\"\n"))
	f.Add([]byte(`[{"text": "a", "id": 1}, {"text": "b"}, 3, [], {"text": "c", "published": "2020-01-01"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "fuzz.jsonl", JSONL, data)
	})
}

func FuzzWARC(f *testing.F) {
	addSeedFiles(f, "crawl.warc", "crawl.warc.gz")
	f.Add([]byte("WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 40\r\n\r\n<html><body><p>Hello.</p></body></html>\r\n\r\n"))
	f.Add([]byte("WARC/1.0\nWARC-Type: response\nContent-Type: application/http\nContent-Length: 20\n\nHTTP/1.1 200 OK\r\n\r\n\n\nWARC/1.0\n"))
	f.Add([]byte("WARC/1.0\r\nContent-Length: -1\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\n Folded: line\r\nWARC-Type: response\r\n\tmore\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "fuzz.warc", WARC, data)
	})
}
