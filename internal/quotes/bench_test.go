package quotes_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"dateline/internal/doc"
	"dateline/internal/pipeline"
	"dateline/internal/quotes"
	"dateline/internal/tokenize"
)

// BenchmarkFind times quote finding alone over tokenised PolNeAR dev texts
// (tokenising is outside the timer); reports tokens per second. Without a
// parse the model (models/quotes) does not run: BenchmarkFindParsed.
func BenchmarkFind(b *testing.B) {
	benchFind(b, func(d *doc.Doc) error { tokenize.Doc(d); return nil })
}

// BenchmarkFindParsed times quote finding, rules and model, over PolNeAR
// dev texts analysed by the pipeline up to names (outside the timer).
func BenchmarkFindParsed(b *testing.B) {
	benchFind(b, pipeline.Raw().Run)
}

// benchFind prepares the PolNeAR dev texts with prep and times Find over
// them.
func benchFind(b *testing.B, prep func(*doc.Doc) error) {
	sh := sharedDir(b)
	files, _ := filepath.Glob(filepath.Join(sh, "data", "polnear", "dev", "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("no PolNeAR dev texts")
	}
	var docs []*doc.Doc
	ntok := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		d := &doc.Doc{Text: string(data)}
		if err := prep(d); err != nil {
			b.Fatal(err)
		}
		ntok += len(d.Tokens)
		docs = append(docs, d)
	}
	if err := quotes.Find(docs[0]); err != nil { // loads the model
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if err := quotes.Find(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(ntok*b.N)/time.Since(start).Seconds(), "tokens/s")
}
