package ingest

import (
	"context"
	"dateline/internal/testshared"
	"os"
	"path/filepath"
	"testing"

	"dateline/internal/pipeline"
)

// shared finds ../shared/data walking up from the working directory.
func shared(tb testing.TB, rel string) string { return testshared.Path(tb, "data", rel) }

// BenchmarkIngestPolnear ingests the PolNeAR dev texts (84 articles) into a
// fresh SQLite file per iteration with the full pipeline; PIPELINE=tokens
// measures the driver and store with tokenisation only.
func BenchmarkIngestPolnear(b *testing.B) {
	in := shared(b, "polnear/dev/text")
	p := pipeline.Default()
	if os.Getenv("PIPELINE") == "tokens" {
		p = pipeline.Tokens()
	}
	b.ReportAllocs()
	n := 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		s := openDB(b, filepath.Join(b.TempDir(), "x.db"))
		b.StartTimer()
		r, err := Run(context.Background(), s, []string{in}, Options{Pipeline: p})
		if err != nil {
			b.Fatal(err)
		}
		n += r.Stored
		s.Close()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
