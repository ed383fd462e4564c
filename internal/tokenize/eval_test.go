package tokenize_test

import (
	"compress/gzip"
	"dateline/internal/testshared"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"dateline/internal/conllu"
	"dateline/internal/doc"
	"dateline/internal/tokenize"
)

// sharedDir finds ../shared walking up from the working directory; it skips
// the test when missing, unless CI=true.
func sharedDir(t testing.TB) string { return testshared.Dir(t) }

func openMaybeGz(t testing.TB, path string) io.ReadCloser {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return f
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// score tokenises the raw text of a CoNLL-U file the way `analyze --raw`
// rebuilds it and returns token and sentence F1, aligned on the stream of
// non-space characters as ../shared/tools/score/conllu.py --raw does.
func score(t testing.TB, sents []*conllu.Sentence, keep func(doc string) bool) (tokF1, sentF1 float64, nTok int) {
	var b strings.Builder
	var gold []span     // gold tokens, in stream offsets
	var goldSent []span // gold sentences
	stream := 0
	keeping := true
	for _, s := range sents {
		if id, ok := s.Comment("newdoc id"); ok {
			keeping = keep(id)
		}
		if !keeping {
			continue
		}
		text, _ := s.Comment("text")
		if b.Len() > 0 {
			if s.HasPrefixComment("newpar") || s.HasPrefixComment("newdoc") {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(text)
		ss := stream
		skip := 0
		for _, w := range s.Lines {
			if w.IsEmpty() {
				continue
			}
			id := w.ID()
			if w.IsMultiword() {
				_, last, _ := strings.Cut(id, "-")
				skip = atoi(last)
			} else if atoi(id) <= skip {
				continue
			}
			n := nonSpace(w.Form())
			gold = append(gold, span{stream, stream + n})
			stream += n
		}
		goldSent = append(goldSent, span{ss, stream})
	}
	d := &doc.Doc{Text: b.String()}
	start := 0
	for _, p := range strings.SplitAfter(d.Text, "\n\n") {
		d.Paragraphs = append(d.Paragraphs, doc.Span{Start: int32(start), End: int32(start + len(strings.TrimRight(p, "\n")))})
		start += len(p)
	}
	tokenize.Doc(d)
	// byte offset → stream offset
	at := make([]int, len(d.Text)+1)
	k := 0
	for i, r := range d.Text {
		at[i] = k
		if !unicode.IsSpace(r) {
			k++
		}
	}
	for i := len(d.Text); i >= 0; i-- { // fill continuation bytes
		if i == len(d.Text) {
			at[i] = k
		} else if at[i] == 0 && i > 0 && !isRuneStart(d.Text[i]) {
			at[i] = at[i+1]
		}
	}
	if k != stream {
		t.Fatalf("text has %d non-space characters, gold tokens %d", k, stream)
	}
	var pred []span
	var predSent []span
	for _, s := range d.Sentences {
		predSent = append(predSent, span{at[s.Start], at[s.End]})
	}
	for i := 0; i < len(d.Tokens); i++ {
		j := i + 1
		for j < len(d.Tokens) && d.Tokens[j].InMWT {
			j++
		}
		pred = append(pred, span{at[d.Tokens[i].Start], at[d.Tokens[j-1].End]})
		i = j - 1
	}
	return f1(gold, pred), f1(goldSent, predSent), len(gold)
}

type span struct{ a, b int }

func f1(gold, pred []span) float64 {
	g := make(map[span]bool, len(gold))
	for _, s := range gold {
		g[s] = true
	}
	c := 0
	for _, s := range pred {
		if g[s] {
			c++
		}
	}
	if c == 0 {
		return 0
	}
	p, r := float64(c)/float64(len(pred)), float64(c)/float64(len(gold))
	return 2 * p * r / (p + r)
}

func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

func isRuneStart(c byte) bool { return c&0xC0 != 0x80 }

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return n
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func readConllu(t testing.TB, path string) []*conllu.Sentence {
	r := openMaybeGz(t, path)
	defer r.Close()
	sents, err := conllu.ReadAll(r, path)
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

// TestDevFigures checks the tokenizer and splitter on the development splits
// (EWT dev: web text; GUM dev news documents). The final figures on the test
// splits come from the scorer (see the report); these guard against
// regressions.
func TestDevFigures(t *testing.T) {
	sh := sharedDir(t)
	all := func(string) bool { return true }
	news := func(id string) bool { return strings.HasPrefix(id, "GUM_news_") }
	for _, c := range []struct {
		file          string
		keep          func(string) bool
		minTok, minSt float64
	}{
		{"ud-ewt/en_ewt-ud-dev.conllu", all, 0.99, 0.875},
		{"gum/en_gum-ccby-dev.conllu", news, 0.995, 0.98},
		{"gum/en_gum-ccby-dev.conllu", all, 0.99, 0.955},
	} {
		sents := readConllu(t, filepath.Join(sh, "data", c.file))
		tok, st, n := score(t, sents, c.keep)
		t.Logf("%s: %d tokens, token F1 %.4f, sentence F1 %.4f", c.file, n, tok, st)
		if tok < c.minTok || st < c.minSt {
			t.Errorf("%s: token F1 %.4f (want ≥ %.3f), sentence F1 %.4f (want ≥ %.3f)", c.file, tok, c.minTok, st, c.minSt)
		}
	}
}

// TestTrainFigures runs over the training splits (slower); DATELINE_EVAL=1.
func TestTrainFigures(t *testing.T) {
	if os.Getenv("DATELINE_EVAL") == "" {
		t.Skip("set DATELINE_EVAL=1")
	}
	sh := sharedDir(t)
	for _, f := range []string{"ud-ewt/en_ewt-ud-train.conllu.gz", "gum/en_gum-ccby-train.conllu.gz"} {
		tok, st, n := score(t, readConllu(t, filepath.Join(sh, "data", f)), func(string) bool { return true })
		t.Logf("%s: %d tokens, token F1 %.4f, sentence F1 %.4f", f, n, tok, st)
	}
}
