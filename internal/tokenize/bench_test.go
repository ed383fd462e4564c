package tokenize_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dateline/internal/proc"
	"dateline/internal/reader"
	"dateline/internal/tokenize"
)

// voaArticles reads the Voice of America stories (real news text) as plain
// articles: headline, blank line, body.
func voaArticles(b *testing.B) [][]byte {
	sh := sharedDir(b)
	f, err := os.Open(filepath.Join(sh, "data", "voa", "voa_stories.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var s struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			b.Fatal(err)
		}
		out = append(out, []byte(s.Title+"\n\n"+s.Text))
	}
	return out
}

// BenchmarkReadTokenize measures reading, cleaning, tokenising and sentence
// splitting of real news articles, in words (tokens) per second.
func BenchmarkReadTokenize(b *testing.B) {
	arts := voaArticles(b)
	size := 0
	for _, a := range arts {
		size += len(a)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	words := 0
	b.ResetTimer()
	cpu0 := proc.CPUTime()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			d, err := reader.Text("voa", a, reader.Options{})
			if err != nil {
				b.Fatal(err)
			}
			tokenize.Doc(d)
			words += len(d.Tokens)
		}
	}
	reportWords(b, words, cpu0)
}

// BenchmarkTokenize measures tokenising and splitting alone.
func BenchmarkTokenize(b *testing.B) {
	arts := voaArticles(b)
	texts := make([]string, len(arts))
	for i, a := range arts {
		texts[i] = string(a)
	}
	words := 0
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := proc.CPUTime()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			words += len(tokenize.Tokens(t))
		}
	}
	reportWords(b, words, cpu0)
}

// reportWords reports words per wall-clock second and, where the system
// gives it, words per second of CPU time used by the process (the figure
// that matters on a shared machine, where wall-clock time includes waiting
// for a core).
func reportWords(b *testing.B, words int, cpu0 time.Duration) {
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
	if cpu := proc.CPUTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(words)/cpu.Seconds(), "words/cpu-s")
	}
}
