// Command prose runs dateline's named-entity recogniser and prose v3
// (github.com/jdkato/prose/v3, a Go NLP peer) side by side on a CoNLL-2003
// file: both see each sentence's words joined by spaces, one document per
// -DOCSTART- block. It writes each system's predictions as a CoNLL-2003 file
// (score them with ../shared/tools/score/iob.py) and prints each system's
// exact-chunk F1 and speed in tokens per second, wall clock, one goroutine.
//
// This is a separate module so that dateline's binary does not depend on prose.
//
//	cd bench/prose && go run . -in ../../../shared/data/conll2003/eng.testb -out /tmp/side
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dateline/internal/conllu"
	"dateline/internal/doc"
	"dateline/internal/ner"

	prose "github.com/jdkato/prose/v3"
)

// proseTypes maps prose's labels to CoNLL-2003 types.
var proseTypes = map[string]string{"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG",
	"NORP": "MISC", "FAC": "LOC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LANGUAGE": "MISC", "LAW": "MISC"}

func main() {
	in := flag.String("in", "", "CoNLL-2003 file (e.g. eng.testb)")
	out := flag.String("out", "", "folder for dateline.conll and prose.conll")
	flag.Parse()
	if *in == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: prose -in FILE -out DIR")
		os.Exit(2)
	}
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "prose bench:", err)
		os.Exit(1)
	}
}

// story is one -DOCSTART- block: the text (words joined by spaces, sentences
// by newlines) and each word's byte span.
type story struct {
	text  string
	sents [][]doc.Span
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	sents, err := conllu.ReadNER(f, in)
	if err != nil {
		return err
	}
	// Group into stories.
	var blocks [][]*conllu.NERSentence
	for _, s := range sents {
		if s.DocStart || len(blocks) == 0 {
			blocks = append(blocks, nil)
		}
		if !s.DocStart {
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], s)
		}
	}
	stories := make([]story, len(blocks))
	words := 0
	for i, b := range blocks {
		var sb strings.Builder
		for _, s := range b {
			var spans []doc.Span
			for k, ti := range s.Tokens() {
				if k > 0 {
					sb.WriteByte(' ')
				}
				st := int32(sb.Len())
				sb.WriteString(s.Lines[ti][0])
				spans = append(spans, doc.Span{Start: st, End: int32(sb.Len())})
				words++
			}
			sb.WriteByte('\n')
			stories[i].sents = append(stories[i].sents, spans)
		}
		stories[i].text = sb.String()
	}

	// dateline
	m, err := ner.Default()
	if err != nil {
		return err
	}
	dlTags := make([][][]string, len(stories))
	start := time.Now()
	for i, st := range stories {
		d := &doc.Doc{Text: st.text}
		for _, spans := range st.sents {
			first := int32(len(d.Tokens))
			for _, sp := range spans {
				d.Tokens = append(d.Tokens, doc.Token{Span: sp, Head: -1})
			}
			last := int32(len(d.Tokens))
			if last > first {
				d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: spans[0].Start, End: spans[len(spans)-1].End}, First: first, Last: last})
			}
		}
		m.Recognize(d)
		k := 0
		for _, spans := range st.sents {
			tags := make([]string, len(spans))
			for j := range spans {
				tags[j] = d.Tokens[k].NER
				k++
			}
			dlTags[i] = append(dlTags[i], tags)
		}
	}
	dlTime := time.Since(start)

	// prose: its own tokenisation of the same text; entities mapped back to
	// the gold words by byte offsets.
	prTags := make([][][]string, len(stories))
	start = time.Now()
	for i, st := range stories {
		pd, err := prose.NewDocument(st.text, prose.WithSegmentation(false))
		if err != nil {
			return err
		}
		starts := map[int32][2]int{}
		for si, spans := range st.sents {
			prTags[i] = append(prTags[i], make([]string, len(spans)))
			for wi, sp := range spans {
				prTags[i][si][wi] = "O"
				starts[sp.Start] = [2]int{si, wi}
			}
		}
		for _, e := range pd.Entities() {
			typ, ok := proseTypes[e.Label]
			if !ok {
				continue
			}
			pos, ok := starts[int32(e.Start)]
			if !ok {
				continue // the entity does not start on a gold word
			}
			end := int32(e.Start + len(e.Text))
			spans := st.sents[pos[0]]
			for wi := pos[1]; wi < len(spans) && spans[wi].End <= end; wi++ {
				p := "I-"
				if wi == pos[1] {
					p = "B-"
				}
				prTags[i][pos[0]][wi] = p + typ
			}
		}
	}
	prTime := time.Since(start)

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, sys := range []struct {
		name string
		tags [][][]string
		took time.Duration
	}{{"dateline", dlTags, dlTime}, {"prose", prTags, prTime}} {
		path := filepath.Join(out, sys.name+".conll")
		if err := write(path, blocks, sys.tags); err != nil {
			return err
		}
		fmt.Printf("%-9s %8.0f tokens/s  (%d tokens in %v)  -> %s\n", sys.name,
			float64(words)/sys.took.Seconds(), words, sys.took.Round(time.Millisecond), path)
	}
	return nil
}

// write writes a CoNLL-2003 file with the last column replaced by tags.
func write(path string, blocks [][]*conllu.NERSentence, tags [][][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i, b := range blocks {
		w.WriteString("-DOCSTART- -X- -X- O\n\n")
		for si, s := range b {
			for k, ti := range s.Tokens() {
				fl := append([]string(nil), s.Lines[ti]...)
				fl[len(fl)-1] = tags[i][si][k]
				w.WriteString(strings.Join(fl, " "))
				w.WriteByte('\n')
			}
			w.WriteByte('\n')
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
