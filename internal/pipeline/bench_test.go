package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/reader"
	"dateline/internal/testshared"
	"dateline/internal/tokenize"
)

// BenchmarkSyntax times tagging with lemmas, parsing and name finding — the
// statistical core — over real news: the 84 PolNeAR dev articles, read and
// tokenised before the clock starts, in batches as the commands run them.
// Run it on one core: GOMAXPROCS=1 taskset -c 0 go test -bench Syntax.
func BenchmarkSyntax(b *testing.B) {
	files, err := filepath.Glob(filepath.Join(testshared.Path(b, "data", "polnear", "dev", "text"), "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no PolNeAR dev texts: %v", err)
	}
	var docs []*doc.Doc
	words := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		d, err := reader.Text(f, data, reader.Options{})
		if err != nil {
			b.Fatal(err)
		}
		tokenize.Doc(d)
		words += len(d.Tokens)
		docs = append(docs, d)
	}
	p := Syntax()
	if err := p.Load(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 0; k < len(docs); k += BatchSize {
			for _, err := range p.RunBatch(docs[k:min(k+BatchSize, len(docs))]) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
