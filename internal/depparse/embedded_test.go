package depparse

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"dateline/internal/proc"
	"dateline/models"
)

// The embedded model parses EWT dev (gold tags) about as well as its card says.
func TestEmbeddedModel(t *testing.T) {
	start, cpu0 := time.Now(), proc.CPUTime().Seconds()
	m, err := Default()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	t.Logf("loaded in %v (%.2f CPU seconds)", time.Since(start), proc.CPUTime().Seconds()-cpu0)
	data := sharedData(t)
	dev := readFile(t, filepath.Join(data, "ud-ewt", "en_ewt-ud-dev.conllu"), 500)
	uas, las := m.Evaluate(dev, nil)
	t.Logf("EWT dev (first 500 sentences, gold tags): UAS %.2f LAS %.2f", 100*uas, 100*las)
	if uas < 0.85 || las < 0.82 {
		t.Fatalf("embedded model too weak: UAS %.3f LAS %.3f", uas, las)
	}
	d := docOf(dev[:50])
	if err := Parse(d); err != nil {
		t.Fatal(err)
	}
	for i, tk := range d.Tokens {
		if tk.Rel == "" {
			t.Fatalf("token %d not parsed", i)
		}
	}
}

// BenchmarkLoad decompresses and reads the embedded model and builds its
// inference tables.
func BenchmarkLoad(b *testing.B) {
	if _, err := Default(); err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := models.Open("depparse")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ReadModel(r); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
}
