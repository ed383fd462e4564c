package entities_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/entities"
	"dateline/internal/kb"
	"dateline/internal/tokenize"
)

// BenchmarkResolve resolves the entities of PolNeAR dev articles (tokenised
// once, outside the timer).
func BenchmarkResolve(b *testing.B) {
	sh := sharedDir(b)
	files, _ := filepath.Glob(filepath.Join(sh, "data", "polnear", "dev", "text", "*.txt"))
	sort.Strings(files)
	if len(files) > 40 {
		files = files[:40]
	}
	var docs []*doc.Doc
	tokens := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		d := newDoc(string(data))
		tokenize.Doc(d)
		tokens += len(d.Tokens)
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		b.Skip("no PolNeAR texts")
	}
	kb.Default()
	run := func(b *testing.B) {
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				if err := entities.Resolve(d); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
	}
	// no recogniser: names from the knowledge base and capitals
	b.Run("untagged", run)
	// a recogniser ran (here it found nothing): the capitals heuristic is off
	for _, d := range docs {
		for i := range d.Tokens {
			d.Tokens[i].NER = "O"
		}
	}
	b.Run("tagged", run)
}
