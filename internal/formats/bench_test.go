package formats

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/reader"
)

// benchPages returns up to n benchmark HTML pages (decompressed), or the test
// page when ../shared is missing.
func benchPages(b *testing.B, n int) [][]byte {
	dir := sharedDirOptional("data/article-extraction/html")
	if dir == "" {
		data, err := os.ReadFile("testdata/page.html")
		if err != nil {
			b.Fatal(err)
		}
		return [][]byte{data}
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	sort.Strings(paths)
	if len(paths) > n {
		paths = paths[:n]
	}
	var pages [][]byte
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
	}
	return pages
}

// BenchmarkReadHTML: pages read into articles (extraction, metadata, date,
// reader cleaning), in articles/s.
func BenchmarkReadHTML(b *testing.B) {
	pages := benchPages(b, 30)
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			Read("page.html", bytes.NewReader(p), reader.Options{}, func(*doc.Doc) error { n++; return nil })
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(size*b.N)/1e6/b.Elapsed().Seconds(), "MB/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkReadJSONL: JSONL lines read into articles, in articles/s.
func BenchmarkReadJSONL(b *testing.B) {
	var data []byte
	if dir := sharedDirOptional("data/voa"); dir != "" {
		d, err := os.ReadFile(filepath.Join(dir, "voa_stories.jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		data = d
	} else {
		line := `{"id": "x", "title": "A title", "published": "2024-01-02T03:04:05Z", "text": "` + strings.Repeat("Some words of a story. ", 200) + "\"}\n"
		data = []byte(strings.Repeat(line, 100))
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		if err := Read("a.jsonl", bytes.NewReader(data), reader.Options{}, func(*doc.Doc) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
