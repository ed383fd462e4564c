package formats

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"dateline/internal/doc"
	"dateline/internal/reader"
)

// readAll reads name's data with Read and returns the articles and problems.
func readAll(t *testing.T, name string, data []byte, opt reader.Options) ([]*doc.Doc, []*Error) {
	t.Helper()
	var docs []*doc.Doc
	err := Read(name, bytes.NewReader(data), opt, func(d *doc.Doc) error {
		docs = append(docs, d)
		return nil
	})
	ps := Problems(err)
	if err != nil && ps == nil {
		t.Fatalf("Read(%s): error that is not a problem list: %v", name, err)
	}
	return docs, ps
}

func readTestFile(t *testing.T, name string, opt reader.Options) ([]*doc.Doc, []*Error) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, "testdata/"+name, data, opt)
}

func gz(t testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		ext, head string
		want      Format
	}{
		{".html", "<p>hi</p>", HTML},
		{".txt", "Plain words", Text},
		{"", "Plain words\n\nMore.", Text},
		{"", "  <!DOCTYPE html><html>", HTML},
		{"", "\ufeff<html lang=en>", HTML},
		{".txt", "WARC/1.0\r\n", WARC},
		{".warc", "", WARC},
		{"", `{"text": "x"}`, JSONL},
		{"", `[{"text": "x"}]`, JSONL},
		{".txt", `[1] is a footnote`, Text},
		{".jsonl", "", JSONL},
		{".json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, Feed},
		{".xml", `<?xml version="1.0"?><!-- c --><rss version="2.0">`, Feed},
		{"", `<?xml version="1.0"?>` + "\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", Feed},
		{".html", "<rdf:RDF xmlns:rdf=\"x\">", Feed},
		{".xml", "<notes><n/></notes>", Feed},
		{".rss", "garbage", Feed},
		{"", "<feedback>is not a feed</feedback>", Text},
	} {
		if got := Detect(c.ext, []byte(c.head)); got != c.want {
			t.Errorf("Detect(%q, %q) = %v, want %v", c.ext, c.head, got, c.want)
		}
	}
}

func TestText(t *testing.T) {
	docs, ps := readTestFile(t, "article.txt", reader.Options{Published: "2022-03-03"})
	if len(ps) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	d := docs[0]
	if !strings.Contains(d.Text, "night bus service") || d.Published != "2022-03-03" || d.Source.Path != "testdata/article.txt" {
		t.Errorf("got %+v", d)
	}
}

func TestTextNotUTF8(t *testing.T) {
	docs, ps := readAll(t, "bad.txt", []byte("caf\xe9 au lait"), reader.Options{})
	if len(docs) != 0 || len(ps) != 1 || ps[0].File != "bad.txt" {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	if strings.Count(ps[0].Error(), "bad.txt") != 1 {
		t.Errorf("file named other than once: %q", ps[0].Error())
	}
}

func TestHTML(t *testing.T) {
	docs, ps := readTestFile(t, "page.html", reader.Options{Published: "1999-01-01"})
	if len(ps) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	d := docs[0]
	for _, want := range []string{"ferry link between the old town", "nine votes to two", "twelve new crew members"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
	for _, bad := range []string{"tracking", "Most read", "All rights reserved", "Sport", "font-family"} {
		if strings.Contains(d.Text, bad) {
			t.Errorf("text has boilerplate %q:\n%s", bad, d.Text)
		}
	}
	if strings.HasPrefix(d.Text, "Harbour council approves") {
		t.Errorf("headline left at the start of the body:\n%s", d.Text)
	}
	if !strings.Contains(d.Text, "islands,” said council chair") {
		t.Errorf("paragraph text changed:\n%s", d.Text)
	}
	if strings.Count(d.Text, "\n\n") < 4 {
		t.Errorf("paragraphs not separated by blank lines:\n%s", d.Text)
	}
	if d.Title != "Harbour council approves new ferry link" {
		t.Errorf("title %q", d.Title)
	}
	if d.Published != "2023-04-12T09:30:00+02:00" && d.Published != "2023-04-12" {
		t.Errorf("published %q, want the page's own date", d.Published)
	}
	if d.Source.Name != "The Lakeside Courier" || d.Author != "Mara Quill" {
		t.Errorf("site %q author %q", d.Source.Name, d.Author)
	}
	if d.Source.URL != "https://courier.example.org/news/2023/04/ferry-link" {
		t.Errorf("url %q", d.Source.URL)
	}
}

func TestHTMLGzipAndLatin1(t *testing.T) {
	page := "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><article>" +
		strings.Repeat("<p>The caf\xe9 on the corner of the square opened its doors again this week after a long winter closure, its owner said.</p>", 4) +
		"</article></body></html>"
	docs, ps := readAll(t, "page.html.gz", gz(t, []byte(page)), reader.Options{})
	if len(ps) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	if !strings.Contains(docs[0].Text, "The café on the corner") {
		t.Errorf("text %q", docs[0].Text)
	}
}

func TestHTMLNoText(t *testing.T) {
	docs, ps := readAll(t, "empty.html", []byte("<html><head><title>T</title></head><body><script>x()</script><img src=a.png></body></html>"), reader.Options{})
	if len(docs) != 0 || len(ps) != 1 || !errors.Is(ps[0], ErrNoText) {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
}

func TestHTMLText(t *testing.T) {
	got := HTMLFragmentText("<h2>Head</h2><p>One  <b>two</b>\n three<br>four</p><ul><li>a</li><li>b</li></ul><script>x()</script><pre>  keep\n   this</pre><table><tr><td>c1</td><td>c2</td></tr></table>")
	want := "Head\n\nOne two three\nfour\n\na\n\nb\n\n  keep\n   this\n\nc1 c2"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestRSS(t *testing.T) {
	docs, ps := readTestFile(t, "feed.rss", reader.Options{Published: "2000-01-01"})
	if len(docs) != 2 {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	if len(ps) != 1 || ps[0].Record != 3 || !errors.Is(ps[0], ErrNoText) {
		t.Errorf("problems %v, want item 3 without text", ps)
	}
	d := docs[0]
	if d.Title != "Bridge reopens after repairs" || d.Source.URL != "https://gazette.example.net/2022/10/bridge-reopens" ||
		d.Source.Name != "Valley Gazette" || d.Published != "2022-10-03T14:05:00Z" || d.Author != "Tom Ferris" {
		t.Errorf("item 1: %q %q %q %q %q", d.Title, d.Source.URL, d.Source.Name, d.Published, d.Author)
	}
	if !strings.Contains(d.Text, "six months of repairs.\n\nMayor Lena Holt said the town had “waited long enough”") {
		t.Errorf("item 1 text %q", d.Text)
	}
	if d := docs[1]; d.Published != "2022-10-04T08:00:00-04:00" || !strings.HasPrefix(d.Text, "The town library") {
		t.Errorf("item 2: published %q text %q", d.Published, d.Text)
	}
}

func TestAtom(t *testing.T) {
	docs, ps := readTestFile(t, "feed.atom", reader.Options{})
	if len(ps) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	d := docs[0]
	if d.Published != "2021-09-23T22:10:00-04:00" || d.Source.URL != "https://wire.example.com/2021/09/quotas" ||
		d.Author != "Ana Reyes" || d.Source.Name != "Coastal Wire" || !strings.Contains(d.Text, "\n\nThe deal cuts") {
		t.Errorf("got %q %q %q %q %q", d.Published, d.Source.URL, d.Author, d.Source.Name, d.Text)
	}
}

func TestFeedBroken(t *testing.T) {
	docs, ps := readAll(t, "x.rss", []byte("<rss><channel><item><title>a</title>"), reader.Options{})
	if len(docs) != 0 || len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), "x.rss: ") {
		t.Fatalf("docs %d problems %v", len(docs), ps)
	}
}

func TestJSONL(t *testing.T) {
	docs, ps := readTestFile(t, "articles.jsonl", reader.Options{Published: "2024-03-01"})
	if len(docs) != 3 {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	d := docs[0]
	if d.ID != "a1" || d.Title != "Storm closes port" || d.Published != "2024-01-15T06:45:00Z" ||
		d.Source.URL != "https://news.example.org/a1" || d.Source.Name != "Example News" || d.Author != "J. Doe" ||
		!strings.Contains(d.Text, "120 km/h.\n\nShips") {
		t.Errorf("line 1: %+v", d)
	}
	if docs[1].ID != "2" || docs[1].Published != "2024-02-01" {
		t.Errorf("line 2: id %q published %q", docs[1].ID, docs[1].Published)
	}
	if d := docs[2]; d.Published != "2024-03-01" || d.Source.Name != "Wire" || d.Source.URL != "https://wire.example.com/x" {
		t.Errorf("line 8: published %q source %+v", d.Published, d.Source)
	}
	wantLines := []int{4, 5, 6, 7}
	if len(ps) != len(wantLines) {
		t.Fatalf("problems %v", ps)
	}
	for i, p := range ps {
		if p.Line != wantLines[i] || p.File != "testdata/articles.jsonl" {
			t.Errorf("problem %d: %v, want line %d", i, p, wantLines[i])
		}
		if !strings.HasPrefix(p.Error(), "testdata/articles.jsonl:") {
			t.Errorf("problem %d does not name file:line: %q", i, p.Error())
		}
	}
}

func TestJSONLNoFinalNewlineCRLF(t *testing.T) {
	docs, ps := readAll(t, "a.jsonl", []byte("{\"text\":\"one\"}\r\n{\"text\":\"two\"}"), reader.Options{})
	if len(docs) != 2 || len(ps) != 0 || docs[1].Text != "two" {
		t.Fatalf("docs %d problems %v", len(docs), ps)
	}
}

func TestWARC(t *testing.T) {
	for _, name := range []string{"crawl.warc", "crawl.warc.gz"} {
		docs, ps := readTestFile(t, name, reader.Options{Published: "2001-01-01"})
		if len(ps) > 0 || len(docs) != 2 {
			t.Fatalf("%s: docs %d, problems %v", name, len(docs), ps)
		}
		if d := docs[0]; d.Source.URL != "https://courier.example.org/news/2023/04/ferry-link" ||
			!strings.Contains(d.Text, "nine votes to two") || !strings.HasPrefix(d.Published, "2023-04-12") {
			t.Errorf("%s record 3: %q %q %q", name, d.Source.URL, d.Published, d.Text)
		}
		if d := docs[1]; d.Source.URL != "https://museum.example.org/news/reopening" ||
			!strings.Contains(d.Text, "bronze age collection") || d.Published != "2020-05-06" {
			t.Errorf("%s record 6: %q %q %q", name, d.Source.URL, d.Published, d.Text)
		}
	}
}

func TestWARCBadRecord(t *testing.T) {
	good, err := os.ReadFile("testdata/crawl.warc")
	if err != nil {
		t.Fatal(err)
	}
	// A record with a broken header before the good ones: reported, then the
	// reader finds the next record.
	bad := "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\njunk\r\n\r\n"
	docs, ps := readAll(t, "c.warc", append([]byte(bad), good...), reader.Options{})
	if len(docs) != 2 || len(ps) != 1 || ps[0].Record != 1 || !strings.Contains(ps[0].Error(), "Content-Length") {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	// A truncated file: the records before the cut are emitted, the cut reported.
	last := bytes.LastIndex(good, []byte("WARC/1.1"))
	cut := bytes.LastIndex(good[:last], []byte("WARC/1.1")) + 400
	docs, ps = readAll(t, "c.warc", good[:cut], reader.Options{})
	if len(docs) != 1 || len(ps) != 1 || !strings.Contains(ps[0].Error(), "shorter than its Content-Length") {
		t.Fatalf("truncated: docs %d, problems %v", len(docs), ps)
	}
}

func TestGzipTruncated(t *testing.T) {
	data, err := os.ReadFile("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	z := gz(t, bytes.Repeat(data, 200))
	docs, ps := readAll(t, "a.jsonl.gz", z[:len(z)/2], reader.Options{})
	if len(docs) == 0 || len(ps) == 0 || !strings.Contains(ps[len(ps)-1].Error(), "gzip") {
		t.Fatalf("docs %d, last problem %v", len(docs), ps[len(ps)-1])
	}
}

func TestEmitErrorStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := ReadFile("testdata/articles.jsonl", reader.Options{}, func(*doc.Doc) error { n++; return stop })
	if err != stop || n != 1 {
		t.Fatalf("err %v after %d articles, want the emit error after 1", err, n)
	}
}

func TestReadFileMissing(t *testing.T) {
	err := ReadFile("testdata/nope.txt", reader.Options{}, func(*doc.Doc) error { return nil })
	ps := Problems(err)
	if len(ps) != 1 || ps[0].Error() != "testdata/nope.txt: no such file or directory" {
		t.Fatalf("got %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2021-09-24":                      "2021-09-24",
		"2021-09-24T10:00:00Z":            "2021-09-24T10:00:00Z",
		"2021-09-24T10:00:00.123+05:30":   "2021-09-24T10:00:00+05:30",
		"2025-03-14 20:30:26Z":            "2025-03-14T20:30:26Z",
		"2021-09-24T10:00:00":             "2021-09-24T10:00:00Z",
		"Fri, 24 Sep 2021 10:00:00 +0000": "2021-09-24T10:00:00Z",
		"Fri, 24 Sep 2021 10:00:00 GMT":   "2021-09-24T10:00:00Z",
		"Fri, 24 Sep 2021 10:00:00 PDT":   "2021-09-24T10:00:00-07:00",
		"September 24, 2021":              "2021-09-24",
		"24 Sep 2021":                     "2021-09-24",
		"2021/09/24":                      "2021-09-24",
		"yesterday":                       "",
		"0001-01-01":                      "",
		"":                                "",
	} {
		got, err := ParseDate(in)
		if got != want || (err == nil) != (want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestVOA reads the VOA dump: every story with its own publication date.
func TestVOA(t *testing.T) {
	path := filepath.Join(sharedDir(t, "data/voa"), "voa_stories.jsonl")
	var docs []*doc.Doc
	err := ReadFile(path, reader.Options{Published: "1999-01-01"}, func(d *doc.Doc) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 89 {
		t.Fatalf("%d stories, want 89", len(docs))
	}
	for _, d := range docs {
		if !strings.HasSuffix(d.Published, "Z") || strings.HasPrefix(d.Published, "1999") || d.ID == "" || d.Source.URL == "" || d.Title == "" {
			t.Fatalf("story %q: published %q url %q title %q", d.ID, d.Published, d.Source.URL, d.Title)
		}
	}
	if d := docs[0]; d.ID != "8011115" || d.Published != "2025-03-14T20:30:26Z" || !strings.HasPrefix(d.Text, "One of the Islamic State") {
		t.Errorf("first story: %q %q %q", d.ID, d.Published, d.Text[:min(40, len(d.Text))])
	}
}

func TestHTMLTooLarge(t *testing.T) {
	page := "<html><body><article>" + strings.Repeat("<p>Some text <b>here</b>.</p>", MaxHTMLElements/2+10) + "</article></body></html>"
	docs, ps := readAll(t, "big.html", []byte(page), reader.Options{})
	if len(docs) != 0 || len(ps) != 1 || !strings.Contains(ps[0].Error(), "too large") {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	// Scripts and styles do not count.
	page = "<html><head><title>x</title></head><body>" + strings.Repeat("<script>x()</script><style>p{}</style>", MaxHTMLElements) +
		"<article><p>" + strings.Repeat("A sentence of the article. ", 30) + "</p></article></body></html>"
	docs, ps = readAll(t, "scripts.html", []byte(page), reader.Options{})
	if len(docs) != 1 || len(ps) != 0 {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
}

func TestWARCShortHTTPBody(t *testing.T) {
	body := "<html><body><article><p>" + strings.Repeat("The mill by the river was sold at auction on Friday. ", 8) + "</p></article></body></html>"
	block := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 99999\r\n\r\n" + body
	rec := "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <http://mill.example/>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
		strconv.Itoa(len(block)) + "\r\n\r\n" + block + "\r\n\r\n"
	docs, ps := readAll(t, "s.warc", []byte(rec), reader.Options{})
	if len(docs) != 1 || len(ps) != 0 || docs[0].Source.URL != "http://mill.example/" || !strings.Contains(docs[0].Text, "sold at auction") {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
}

func TestJSONArray(t *testing.T) {
	data := "\ufeff [\n{\"text\": \"First story.\", \"title\": \"One\"},\n{\"title\": \"no text\"},\n{\"text\": \"Third story.\", \"published\": \"2020-02-02\"}\n]"
	docs, ps := readAll(t, "a.json", []byte(data), reader.Options{})
	if len(docs) != 2 || len(ps) != 1 || ps[0].Record != 2 || docs[1].Published != "2020-02-02" || docs[0].Title != "One" {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	docs, ps = readAll(t, "b.json", []byte(`[{"text": "ok"}, {"text": `), reader.Options{})
	if len(docs) != 1 || len(ps) != 1 || !strings.Contains(ps[0].Error(), "element 2") {
		t.Fatalf("truncated: docs %d, problems %v", len(docs), ps)
	}
}

// TestUTF16: text saved as UTF-16 with a byte-order mark (Windows'
// "Unicode") is read, in either byte order and in any format; it used to be
// refused as binary data (NUL byte at byte 3).
func TestUTF16(t *testing.T) {
	utf16 := func(s string, big bool) []byte {
		out := []byte{0xff, 0xfe}
		if big {
			out = []byte{0xfe, 0xff}
		}
		for _, r := range s { // the test strings are in the BMP
			if big {
				out = append(out, byte(r>>8), byte(r))
			} else {
				out = append(out, byte(r), byte(r>>8))
			}
		}
		return out
	}
	story := "Storm hits coast\n\nMIAMI (AP) — A powerful storm hit the coast on Tuesday, officials said.\n"
	for _, big := range []bool{false, true} {
		docs, ps := readAll(t, "story.txt", utf16(story, big), reader.Options{})
		if len(ps) != 0 || len(docs) != 1 {
			t.Fatalf("big-endian %v: docs %d, problems %v", big, len(docs), ps)
		}
		if d := docs[0]; d.Title != "Storm hits coast" || d.Dateline == nil || d.Dateline.Place != "Miami" || !strings.Contains(d.Text, "storm hit the coast") {
			t.Errorf("big-endian %v: title %q, text %q", big, d.Title, d.Text)
		}
	}
	docs, ps := readAll(t, "a.jsonl", utf16(`{"title":"Talks resume","text":"The minister said on Monday that talks would resume."}`+"\n", false), reader.Options{})
	if len(ps) != 0 || len(docs) != 1 || docs[0].Title != "Talks resume" {
		t.Fatalf("UTF-16 JSONL: docs %d, problems %v", len(docs), ps)
	}
}

// TestTextEmpty: an empty text file, or one of blank or promotional lines
// only, is a problem (no article text), as an HTML page or a JSONL line
// without text is; it used to be emitted, and stored, as an empty article.
func TestTextEmpty(t *testing.T) {
	for _, in := range []string{"", "\n \n\t\n", "\ufeff", "Read more: www.example.com\n"} {
		docs, ps := readAll(t, "empty.txt", []byte(in), reader.Options{})
		if len(docs) != 0 || len(ps) != 1 || !errors.Is(ps[0], ErrNoText) || ps[0].File != "empty.txt" {
			t.Errorf("%q: docs %d, problems %v", in, len(docs), ps)
		}
	}
}

// TestReadFileDirectory: a folder named as a file is a problem saying so
// (it was "read testdata: is a directory", naming the path twice).
func TestReadFileDirectory(t *testing.T) {
	err := ReadFile("testdata", reader.Options{}, func(*doc.Doc) error { return nil })
	ps := Problems(err)
	if len(ps) != 1 || ps[0].Error() != "testdata: is a directory, not a file" {
		t.Fatalf("got %v", err)
	}
}

// TestWARCWrongContentLength: a record whose Content-Length does not end it
// is reported under its own number and skipped, and the records after it are
// read. A length that stopped short used to emit the cut page and blame the
// next record ("record 4: not a WARC record: starts …"); one that ran into the
// next record lost that record too.
func TestWARCWrongContentLength(t *testing.T) {
	good, err := os.ReadFile("testdata/crawl.warc")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		from, to string // a record's Content-Length line, and the wrong one
		record   int
		docs     int
		reason   string
	}{
		{"Content-Length: 1104\r\n", "Content-Length: 1004\r\n", 3, 1, "stops inside the record"},
		{"Content-Length: 1104\r\n", "Content-Length: 1154\r\n", 3, 1, "runs into the next record"},
		{"Content-Length: 68\r\n", "Content-Length: 30\r\n", 2, 2, "stops inside the record"},
	} {
		if !bytes.Contains(good, []byte(c.from)) {
			t.Fatalf("no %q in crawl.warc", c.from)
		}
		data := bytes.Replace(good, []byte(c.from), []byte(c.to), 1)
		docs, ps := readAll(t, "c.warc", data, reader.Options{})
		if len(docs) != c.docs || len(ps) != 1 || ps[0].Record != c.record || !strings.Contains(ps[0].Error(), c.reason) {
			t.Errorf("%s: docs %d, problems %v", c.to, len(docs), ps)
		}
		if len(docs) > 0 && docs[len(docs)-1].Source.URL != "https://museum.example.org/news/reopening" {
			t.Errorf("%s: last article %q, want record 6's", c.to, docs[len(docs)-1].Source.URL)
		}
	}
}

// extractAllocs runs ExtractHTML on page and says how many bytes it allocated.
func extractAllocs(page []byte) (*Page, uint64, error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := ExtractHTML(page, "", "")
	runtime.ReadMemStats(&after)
	return p, after.TotalAlloc - before.TotalAlloc, err
}

// TestHTMLTooLargeCheap: a page of millions of tags is refused before a tree
// is built of it. It used to be parsed whole first: a 200 MB page of
// paragraphs took 1.6 GB (now 0.6 GB, most of it the page and the models).
func TestHTMLTooLargeCheap(t *testing.T) {
	page := []byte("<html><body>" + strings.Repeat("<p>x</p>", 2<<20) + "</body></html>") // 16 MB, 2M elements
	_, alloc, err := extractAllocs(page)
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("err %v", err)
	}
	if alloc > uint64(len(page)) {
		t.Errorf("%d MB allocated to refuse a page of %d MB", alloc>>20, len(page)>>20)
	}
}

// endless is a reader of head followed by body repeated for n bytes in all.
type endless struct {
	head, body []byte
	n, read    int
}

func (e *endless) Read(p []byte) (int, error) {
	if e.read >= e.n {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && e.read < e.n {
		var c byte
		if e.read < len(e.head) {
			c = e.head[e.read]
		} else {
			c = e.body[(e.read-len(e.head))%len(e.body)]
		}
		p[k] = c
		k++
		e.read++
	}
	return k, nil
}

// TestReadLimits: a text input is read no further than an article can be,
// and a feed no further than MaxFeed. Both used to be read up to 256 MiB
// first (a 300 MB text file took 0.76 GB to be refused; a 40 MB feed 0.72
// GB to be parsed); an HTML page is read up to MaxDocument.
func TestReadLimits(t *testing.T) {
	for _, c := range []struct {
		name       string
		head, body string
		max        int
	}{
		{"big.txt", "A headline\n\n", "The minister said the talks would resume. ", reader.MaxBytes + 64<<10},
		{"big.rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>`, "<item><title>Talks</title><description>The minister said the talks would resume.</description></item>", MaxFeed + 64<<10},
		{"big.html", "<html><body><article>", "<p>The minister said the talks would resume.</p>", MaxDocument + 64<<10},
	} {
		in := &endless{head: []byte(c.head), body: []byte(c.body), n: 100 << 20}
		var docs int
		err := Read(c.name, in, reader.Options{}, func(*doc.Doc) error { docs++; return nil })
		ps := Problems(err)
		if docs != 0 || len(ps) != 1 || !strings.Contains(ps[0].Error(), "the limit for") {
			t.Errorf("%s: %d articles, problems %v", c.name, docs, err)
		}
		if in.read > c.max {
			t.Errorf("%s: %d MB read to refuse it, want at most %d", c.name, in.read>>20, c.max>>20)
		}
	}
}

// TestProblemCallback: with Options.Problem, problems are told as they are
// met, in order among the articles, and ReadWith returns nil; a WARC
// record's problem still names its URI, a missing file its path.
func TestProblemCallback(t *testing.T) {
	var log []string
	opt := Options{Problem: func(e *Error) { log = append(log, "problem "+e.Reason()) }}
	emit := func(d *doc.Doc) error { log = append(log, "article "+d.Title); return nil }
	in := `{"title":"One","text":"First story."}` + "\n{bad\n" + `{"title":"Three","text":"Third story."}` + "\n"
	if err := ReadWith("a.jsonl", strings.NewReader(in), opt, emit); err != nil {
		t.Fatalf("ReadWith returned %v", err)
	}
	want := []string{"article One", "problem line 2: not a JSON object: invalid character 'b' looking for beginning of object key string (byte 2)", "article Three"}
	if strings.Join(log, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", log, want)
	}
	log = nil
	page := "<html><body><div></div></body></html>"
	block := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
	rec := "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
		strconv.Itoa(len(block)) + "\r\n\r\n" + block + "\r\n\r\n"
	if err := ReadWith("a.warc", strings.NewReader(rec), opt, emit); err != nil || len(log) != 1 || log[0] != "problem record 1: http://x.example/: "+ErrNoText.Error() {
		t.Errorf("WARC: %v %q", err, log)
	}
	log = nil
	if err := ReadFileWith("testdata/nope.txt", opt, emit); err != nil || len(log) != 1 || log[0] != "problem no such file or directory" {
		t.Errorf("missing file: %v %q", err, log)
	}
}

// TestGzipBadHeader: a file with gzip's magic bytes and no valid header is a
// problem that says gzip once (it said "gzip: gzip: invalid header").
func TestGzipBadHeader(t *testing.T) {
	for in, want := range map[string]string{
		"\x1f\x8bjunk that is not a gzip header": "a.txt.gz: gzip: invalid header",
		"\x1f\x8b":                               "a.txt.gz: gzip: unexpected EOF",
	} {
		docs, ps := readAll(t, "a.txt.gz", []byte(in), reader.Options{})
		if len(docs) != 0 || len(ps) != 1 || ps[0].Error() != want {
			t.Errorf("%q: docs %d, problems %v, want %q", in, len(docs), ps, want)
		}
	}
}

// TestWithoutSite: the site's name is taken out of a page's title, after or
// before a separator (pages of the article-extraction benchmark); other
// labels stay.
func TestWithoutSite(t *testing.T) {
	for _, c := range []struct{ title, site, url, want string }{
		{"Best tech gadgets of 2019 | ZDNet", "ZDNet", "", "Best tech gadgets of 2019"},
		{"Nadal keeps Spain alive against Russia in Davis Cup Finals - Sportsnet.ca", "Sportsnet.ca", "", "Nadal keeps Spain alive against Russia in Davis Cup Finals"},
		{"Fact Check: Is An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300? - News Nation", "https://www.newsnation.in", "https://www.newsnation.in/x", "Fact Check: Is An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300?"},
		{"New York State Attorney General reportedly investigating WeWork – TechCrunch", "", "https://techcrunch.com/2019/11/19/wework/", "New York State Attorney General reportedly investigating WeWork"},
		{"Black Friday per nostalgici - Remember 80/90 - Memorabilia anni 80/90", "Remember 80/90 - Memorabilia anni 80/90", "", "Black Friday per nostalgici"},
		{"LinkNaija | Nigeria's popular news platform: Nollywood Actress Is Looking Stunning", "LinkNaija | Nigeria's popular news platform", "https://www.linknaija.com/x", "Nollywood Actress Is Looking Stunning"},
		{"'The Medium is the Message': the 7th Amsterdam Light Festival | Inexhibit", "Inexhibit magazine", "", "'The Medium is the Message': the 7th Amsterdam Light Festival"},
		{"9to5Mac Gift Guide: What do you buy? - 9to5Mac", "9To5mac", "", "9to5Mac Gift Guide: What do you buy?"},
		// kept
		{"Opinion | Republicans Are Following Trump to Nowhere", "NYTimes", "https://www.nytimes.com/x", "Opinion | Republicans Are Following Trump to Nowhere"},
		{"The Guardian view on Hong Kong: a city on the brink | Editorial", "The Guardian", "", "The Guardian view on Hong Kong: a city on the brink | Editorial"},
		{"Take C.A.R.E. - comwrap auf der DMEXCO 2018", "Comwrap", "", "Take C.A.R.E. - comwrap auf der DMEXCO 2018"},
		{"Talks - ZDNet", "ZDNet", "", "Talks - ZDNet"},
	} {
		if got := withoutSite(c.title, c.site, c.url); got != c.want {
			t.Errorf("withoutSite(%q, %q) = %q, want %q", c.title, c.site, got, c.want)
		}
	}
	// Through the reader: the title of a page.
	page := `<html><head><meta property="og:title" content="Ferry link approved by council - The Courier"><meta property="og:site_name" content="The Courier"></head>
<body><article><h1>Ferry link approved by council</h1><p>` + strings.Repeat("The council voted nine votes to two on Tuesday to approve the ferry link. ", 6) + `</p></article></body></html>`
	docs, ps := readAll(t, "p.html", []byte(page), reader.Options{})
	if len(docs) != 1 || len(ps) != 0 || docs[0].Title != "Ferry link approved by council" || strings.Contains(docs[0].Text, "approved by council") {
		t.Fatalf("docs %d, problems %v, title %q", len(docs), ps, docs[0].Title)
	}
}

// TestProblemUnits: a problem names what its number counts: a feed's item, a
// JSON array's element, a WARC record (all were "record N").
func TestProblemUnits(t *testing.T) {
	feed := `<rss version="2.0"><channel><title>x</title><item><title>Talks</title><description>The talks resumed on Monday.</description></item><item><title>Empty</title></item></channel></rss>`
	_, ps := readAll(t, "f.rss", []byte(feed), reader.Options{})
	if len(ps) != 1 || ps[0].Error() != `f.rss: item 2: "Empty": no article text found` {
		t.Errorf("feed: %v", ps)
	}
	_, ps = readAll(t, "a.json", []byte(`[{"text": "A story."}, {"title": "no text"}]`), reader.Options{})
	if len(ps) != 1 || ps[0].Error() != `a.json: element 2: no "text": no article text found` {
		t.Errorf("JSON array: %v", ps)
	}
}

// TestHTMLDeeplyNested: a page with more elements open at once than the HTML
// parser takes (512) is read with the elements beyond a depth dropped and
// their text kept; it used to be refused ("HTML: html: open stack of elements
// exceeds 512 nodes"), article and all.
func TestHTMLDeeplyNested(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><head><title>Forum post</title></head><body><article>")
	for i := 0; i < 700; i++ {
		fmt.Fprintf(&b, `<font color="red"><div><p>Message %d: the council voted on Tuesday to approve the ferry link across the bay.</p>`, i)
	}
	b.WriteString("</article></body></html>")
	docs, ps := readAll(t, "deep.html", []byte(b.String()), reader.Options{})
	if len(docs) != 1 || len(ps) != 0 {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	if text := docs[0].Text; !strings.Contains(text, "Message 1: the council") || !strings.Contains(text, "Message 699: the council") ||
		strings.Contains(text, "bay.Message") {
		t.Errorf("text %.200q … %q", text, text[max(0, len(text)-200):])
	}
}

// TestHTMLDateInText: a page whose metadata has no date but whose text does
// gets it (four benchmark pages: "publiziert am 25. September 2018",
// "기사입력 :[ 2018-08-25 15:24 ]"); a copyright year is no date.
func TestHTMLDateInText(t *testing.T) {
	body := strings.Repeat("<p>The council voted nine votes to two on Tuesday to approve the ferry link across the bay.</p>", 4)
	for _, c := range []struct{ extra, want string }{
		{`<p>Von Max Muster, publiziert am 25. September 2018</p>`, "2018-09-25"},
		{`<p>기사입력 :[ 2018-08-25 15:24 ]</p>`, "2018-08-25"},
		{`<footer>© example.com, 2008</footer>`, ""},
	} {
		page := "<html><head><title>Ferry link approved</title></head><body>" + c.extra + "<article>" + body + "</article></body></html>"
		docs, ps := readAll(t, "p.html", []byte(page), reader.Options{})
		if len(docs) != 1 || len(ps) != 0 || docs[0].Published != c.want {
			t.Errorf("%s: docs %d, problems %v, published %q, want %q", c.extra, len(docs), ps, docs[0].Published, c.want)
		}
	}
}

// TestJSONLMarkupAndBOM: a JSONL text that is HTML is read as the page's
// text, not with its tags; a byte-order mark opening any line (files joined
// with cat) is skipped. Both used to be kept: "<p>The council…</p>" went to
// the analysis tags and all, and a second file's first line was "not a JSON
// object: invalid character 'ï'".
func TestJSONLMarkupAndBOM(t *testing.T) {
	in := `{"title":"Ferry","content":"<p>The council voted on Tuesday.</p><p>The link opens in May &amp; June.</p>"}` + "\n" +
		"\ufeff" + `{"title":"Plain","text":"A price of 5 < 6 stays as it is."}` + "\n"
	docs, ps := readAll(t, "a.jsonl", []byte(in), reader.Options{})
	if len(docs) != 2 || len(ps) != 0 {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	if docs[0].Text != "The council voted on Tuesday.\n\nThe link opens in May & June." {
		t.Errorf("HTML text read as %q", docs[0].Text)
	}
	if docs[1].Text != "A price of 5 < 6 stays as it is." {
		t.Errorf("plain text read as %q", docs[1].Text)
	}
}

// TestFeedLatin1: a feed in Latin-1 that does not say so is read as
// windows-1252, as browsers read it; it was refused ("feed: XML syntax error
// on line 1: invalid UTF-8").
func TestFeedLatin1(t *testing.T) {
	feed := "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>Caf\xe9 talks</title>" +
		"<description>The minister said on Monday that talks resume at the caf\xe9.</description></item></channel></rss>"
	docs, ps := readAll(t, "l.rss", []byte(feed), reader.Options{})
	if len(docs) != 1 || len(ps) != 0 || docs[0].Title != "Café talks" || !strings.Contains(docs[0].Text, "at the café.") {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
}

// TestWARCHTTP2: a response recorded with an HTTP/2 status line ("HTTP/2
// 200") is read; it was "HTTP response: malformed HTTP version \"HTTP/2\"".
func TestWARCHTTP2(t *testing.T) {
	body := "<html><body><article><p>" + strings.Repeat("The mill by the river was sold at auction on Friday. ", 8) + "</p></article></body></html>"
	for _, status := range []string{"HTTP/2 200", "HTTP/3 200", "HTTP/2.0 200"} {
		block := status + "\r\ncontent-type: text/html\r\n\r\n" + body
		rec := "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://mill.example/\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: " +
			strconv.Itoa(len(block)) + "\r\n\r\n" + block + "\r\n\r\n"
		docs, ps := readAll(t, "h2.warc", []byte(rec), reader.Options{})
		if len(docs) != 1 || len(ps) != 0 || !strings.Contains(docs[0].Text, "sold at auction") {
			t.Errorf("%s: docs %d, problems %v", status, len(docs), ps)
		}
	}
}

// TestCompressed: zstd and bzip2 input is decompressed like gzip (a
// .jsonl.zst dump was "binary data (NUL byte …)"); xz and zip say what they
// are; a cut zstd stream says zstd.
func TestCompressed(t *testing.T) {
	plain, err := os.ReadFile("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want, wantPs := readAll(t, "a.jsonl", plain, reader.Options{})
	var zst bytes.Buffer
	zw, _ := zstd.NewWriter(&zst)
	zw.Write(plain)
	zw.Close()
	bz2, err := os.ReadFile("testdata/articles.jsonl.bz2")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"a.jsonl.zst": zst.Bytes(), "a.jsonl.bz2": bz2} {
		docs, ps := readAll(t, name, data, reader.Options{})
		if len(docs) != len(want) || len(ps) != len(wantPs) || docs[0].Text != want[0].Text {
			t.Errorf("%s: docs %d, problems %v", name, len(docs), ps)
		}
	}
	for name, c := range map[string]struct {
		data   []byte
		reason string
	}{
		"a.jsonl.xz":    {[]byte("\xfd7zXZ\x00\x00\x04rest"), "compressed with xz, which is not read"},
		"a.zip":         {[]byte("PK\x03\x04rest of it"), "a zip archive, which is not read"},
		"cut.jsonl.zst": {zst.Bytes()[:zst.Len()/2], "zstd: "},
		"cut.jsonl.bz2": {bz2[:len(bz2)/2], "bzip2: "},
	} {
		_, ps := readAll(t, name, c.data, reader.Options{})
		if len(ps) == 0 || !strings.HasPrefix(ps[len(ps)-1].Reason(), c.reason) {
			t.Errorf("%s: problems %v, want %q", name, ps, c.reason)
		}
	}
}

// TestMetaLimits: a JSONL line with megabytes of title, author and URL gives
// its article with the title and author cut and the URL dropped. The title
// used to make the article "too large for one article"; with --verbatim all
// three were kept whole.
func TestMetaLimits(t *testing.T) {
	line := `{"title":"` + strings.Repeat("T", 3<<20) + `","author":"` + strings.Repeat("A ", 1<<20) +
		`","url":"http://x.example/` + strings.Repeat("u", 3<<20) + `","text":"The minister said on Monday that talks would resume."}` + "\n"
	for _, verbatim := range []bool{false, true} {
		docs, ps := readAll(t, "m.jsonl", []byte(line), reader.Options{Verbatim: verbatim})
		if len(docs) != 1 || len(ps) != 0 {
			t.Fatalf("verbatim %v: docs %d, problems %v", verbatim, len(docs), ps)
		}
		d := docs[0]
		if len(d.Title) > maxLine+3 || len(d.Author) > maxLine+3 || d.Source.URL != "" || !strings.HasPrefix(d.Title, "TTT") ||
			!strings.HasPrefix(d.Text, "The minister said") {
			t.Errorf("verbatim %v: title %d bytes, author %d, URL %d, text %.40q", verbatim, len(d.Title), len(d.Author), len(d.Source.URL), d.Text)
		}
	}
}

// TestHTMLLargeJSONLD: JSON-LD metadata of megabytes is not decoded: a page
// with 30 MB of it took 560 MB to read (now 380 MB, 170 of them the models);
// this 8 MB page 448 MB of allocations (now 112).
func TestHTMLLargeJSONLD(t *testing.T) {
	body := strings.Repeat("<p>The council voted nine votes to two on Tuesday to approve the ferry link across the bay.</p>", 4)
	ld := `{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ferry link","articleBody":"` + strings.Repeat("x ", 4<<20) + `"}`
	page := []byte(`<html><head><title>Ferry link approved</title><script type="application/ld+json">` + ld + "</script></head><body><article>" + body + "</article></body></html>")
	p, alloc, err := extractAllocs(page)
	if err != nil || !strings.Contains(p.Text, "ferry link across the bay") {
		t.Fatalf("err %v, page %+v", err, p)
	}
	if alloc > 24*uint64(len(page)) {
		t.Errorf("%d MB allocated to read a page of %d MB", alloc>>20, len(page)>>20)
	}
}

// TestHTMLTooMuchText: a page with more text than four of the largest
// articles is refused before it is parsed; a 60 MB page of one paragraph was
// extracted whole (1.25 GB, 17 s) for the reader to refuse its text.
func TestHTMLTooMuchText(t *testing.T) {
	page := []byte("<html><body><article><p>" + strings.Repeat("The minister said the talks would resume. ", (maxHTMLText+1<<20)/42) + "</p></article></body></html>")
	_, alloc, err := extractAllocs(page)
	if err == nil || !strings.Contains(err.Error(), "MiB of text") {
		t.Fatalf("err %v", err)
	}
	if alloc > 4*uint64(len(page)) { // the tokenizer's buffer for one text token
		t.Errorf("%d MB allocated to refuse a page of %d MB", alloc>>20, len(page)>>20)
	}
	// Scripts are not text.
	page = []byte("<html><head><script>" + strings.Repeat("var x = 1; ", maxHTMLText/10) + "</script></head><body><article><p>" +
		strings.Repeat("The minister said the talks would resume. ", 10) + "</p></article></body></html>")
	if p, err := ExtractHTML(page, "", ""); err != nil || !strings.Contains(p.Text, "talks would resume") {
		t.Errorf("page with a large script: %v", err)
	}
}

// TestWARCCut: a record the input ends inside of says so, without Go's "EOF"
// ("record 4: block shorter than its Content-Length 1000000000: EOF").
func TestWARCCut(t *testing.T) {
	good, err := os.ReadFile("testdata/crawl.warc")
	if err != nil {
		t.Fatal(err)
	}
	_, ps := readAll(t, "c.warc", good[:len(good)-10], reader.Options{})
	if len(ps) != 1 || ps[0].Reason() != "record 7: the input ends inside the block (shorter than its Content-Length 11)" {
		t.Fatalf("problems %v", ps)
	}
}

// TestNotTextEarly: input that would be read as text but starts as binary
// data or a known binary format is refused at once, saying what it is; a
// 5 MB binary file was read to the text limit and refused as "larger than 2
// MiB, the limit for a text article", a PDF as "not valid UTF-8 at byte 10".
func TestNotTextEarly(t *testing.T) {
	for _, c := range []struct{ name, head, body, want string }{
		{"rnd.bin", "ab\x00", "\x01\x02\xff\x00", "binary data (NUL byte at byte 2), not a text article"},
		{"doc.pdf", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "1 0 obj << >> endobj\n", "a PDF document, not a text article"},
	} {
		in := &endless{head: []byte(c.head), body: []byte(c.body), n: 5 << 20}
		err := Read(c.name, in, reader.Options{}, func(*doc.Doc) error { return nil })
		if ps := Problems(err); len(ps) != 1 || ps[0].Reason() != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if in.read > 1<<20 {
			t.Errorf("%s: %d bytes read to refuse it", c.name, in.read)
		}
	}
}

// warcRec writes one WARC record.
func warcRec(typ, ctype, uri, block string) string {
	return "WARC/1.0\r\nWARC-Type: " + typ + "\r\nWARC-Target-URI: " + uri + "\r\nContent-Type: " + ctype +
		"\r\nContent-Length: " + strconv.Itoa(len(block)) + "\r\n\r\n" + block + "\r\n\r\n"
}

// TestWET: the text records of a WET file (Common Crawl's pages as text,
// WARC-Type conversion) are articles with their page's URL; a WET file gave
// none, and no word about it.
func TestWET(t *testing.T) {
	wet := warcRec("warcinfo", "application/warc-fields", "", "software: test\r\n") +
		warcRec("conversion", "text/plain", "http://news.example/storm", "Storm hits coast\nMIAMI (AP) — A powerful storm hit the coast on Tuesday, officials said.\n") +
		warcRec("conversion", "text/plain", "http://news.example/empty", "\n")
	docs, ps := readAll(t, "crawl.warc.wet.gz", gz(t, []byte(wet)), reader.Options{})
	if len(docs) != 1 || docs[0].Source.URL != "http://news.example/storm" || docs[0].Title != "Storm hits coast" ||
		docs[0].Dateline == nil || docs[0].Dateline.Place != "Miami" {
		t.Fatalf("docs %d, problems %v", len(docs), ps)
	}
	if len(ps) != 1 || ps[0].Reason() != "record 3: http://news.example/empty: no article text found" {
		t.Errorf("problems %v", ps)
	}
}

// TestNoArticles: an input with nothing to read in it (an empty JSONL file, a
// feed without items, a WARC without pages) says so; it was read without a
// word, as if all was well.
func TestNoArticles(t *testing.T) {
	for name, in := range map[string]string{
		"empty.jsonl": "",
		"blank.jsonl": "\n  \n",
		"none.json":   "[]",
		"none.rss":    `<rss version="2.0"><channel><title>x</title></channel></rss>`,
		"req.warc":    warcRec("request", "application/http; msgtype=request", "http://e.com/", "GET / HTTP/1.1\r\nHost: e.com\r\n\r\n"),
	} {
		docs, ps := readAll(t, name, []byte(in), reader.Options{})
		if len(docs) != 0 || len(ps) != 1 || ps[0].Error() != name+": no articles in it" || !errors.Is(ps[0], ErrNoText) {
			t.Errorf("%s: docs %d, problems %v", name, len(docs), ps)
		}
	}
}
