package pos

import (
	"os"
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/models"
)

// devDoc builds one document from EWT dev's gold tokens.
func devDoc(t testing.TB) (*doc.Doc, int) {
	dev := readData(t, "ud-ewt/en_ewt-ud-dev.conllu")
	var b strings.Builder
	d := &doc.Doc{}
	for _, s := range dev {
		first := int32(len(d.Tokens))
		for _, f := range s.Forms {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			st := int32(b.Len())
			b.WriteString(f)
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: st, End: int32(b.Len())}, Head: -1})
		}
		d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: d.Tokens[first].Start, End: int32(b.Len())},
			First: first, Last: int32(len(d.Tokens))})
	}
	d.Text = b.String()
	return d, len(d.Tokens)
}

// BenchmarkTagDoc tags and lemmatises EWT dev (25k words) with the embedded
// model (or the uncompressed model file named by $POS_MODEL), on one goroutine.
func BenchmarkTagDoc(b *testing.B) {
	m, err := Default()
	if p := os.Getenv("POS_MODEL"); p != "" {
		f, err2 := os.Open(p)
		if err2 != nil {
			b.Fatal(err2)
		}
		m, err = Load(f)
		f.Close()
	}
	if err != nil {
		b.Skip(err)
	}
	d, n := devDoc(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.TagDoc(d)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkLoad decompresses and reads the embedded model.
func BenchmarkLoad(b *testing.B) {
	if _, err := Default(); err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := models.Open("pos")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Load(r); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
}
