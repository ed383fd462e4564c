// Package ner is dateline's named-entity recogniser: a greedy, left-to-right
// averaged perceptron over BILOU labels with PER, ORG, LOC and MISC types
// (the CoNLL-2003 scheme), trained here on CoNLL-2003 and GUM. Inside a name,
// when a label that starts afresh outscores the name's continuation, the name
// is closed one word back instead of running on (training decodes alike).
//
// Features: the word, its lowercase form, shape and short shape, prefixes and
// suffixes, the words and shapes around it (±2), the sentence start, headline
// (all-caps) sentences, the two previous labels, document-level memory (how
// the word is cased elsewhere in the document; the type it got last time),
// gazetteer matches and per-word name types from the training names
// (jackknifed in training), and a lexicon learnt from raw training text: each
// word's case profile and its word cluster (spherical k-means over neighbour
// vectors); from the project's knowledge base (internal/kb, embedded data),
// the kind of the phrase over each word and given names; and the extended
// prediction history (the majority type a capitalised word got earlier in
// the document). A bias stored with the model is added to the score of O. Weights are pruned and quantised to int16 and read through an
// open-addressing table, one cache line per feature.
//
// Recognize is the pipeline stage: it sets Token.NER (IOB2: "B-PER", "I-ORG",
// "O") and Doc.Names. The model loads once from models.Open("ner") and is
// shared read-only by every goroutine.
package ner

import (
	"fmt"
	"sync"

	"dateline/internal/doc"
	"dateline/models"
)

var (
	loadOnce sync.Once
	loaded   *Model
	loadErr  error
	pool     = sync.Pool{New: func() any { return newScratch() }}
)

// Default returns the embedded model, loading it on first use.
func Default() (*Model, error) {
	loadOnce.Do(func() {
		r, err := models.Open("ner")
		if err != nil {
			loadErr = err
			return
		}
		defer r.Close()
		loaded, loadErr = Load(r, "models/ner.bin.gz")
	})
	return loaded, loadErr
}

// Recognize finds the names in d with the embedded model.
func Recognize(d *doc.Doc) error {
	m, err := Default()
	if err != nil {
		return fmt.Errorf("ner: %w", err)
	}
	m.Recognize(d)
	return nil
}

// Recognize finds the names in d: it sets every token's NER tag and replaces
// d.Names. The whole document is one context for the document-level features.
func (m *Model) Recognize(d *doc.Doc) {
	s := pool.Get().(*scratch)
	defer pool.Put(s)
	s.st.reset()
	n := len(d.Tokens)
	all, bounds := s.all[:0], s.bounds[:0] // reused: a document's tokens are a large allocation
	defer func() {
		clear(all) // drop the references to d's text
		s.all, s.bounds = all[:0], bounds[:0]
	}()
	for _, sent := range d.Sentences {
		a := len(all)
		for i := sent.First; i < sent.Last && int(i) < n; i++ {
			all = append(all, makeTok(d.Form(int(i)), &s.shape, m.lex))
		}
		bounds = append(bounds, [2]int{a, len(all)})
		ts := all[a:]
		s.st.observe(ts, isHeadline(ts))
	}
	for i := range d.Tokens {
		d.Tokens[i].NER = "O"
	}
	d.Names = d.Names[:0]
	for si, sent := range d.Sentences {
		b := bounds[si]
		if b[0] == b[1] {
			continue
		}
		labels := decode(m, s, all[b[0]:b[1]], &m.gaz, nil, nil, nil)
		for _, ment := range spans(labels) {
			first, last := sent.First+int32(ment.Start), sent.First+int32(ment.End)
			d.Tokens[first].NER = "B-" + ment.Type
			for k := first + 1; k < last; k++ {
				d.Tokens[k].NER = iTags[ment.Type]
			}
			d.Names = append(d.Names, doc.Name{
				Span:  doc.Span{Start: d.Tokens[first].Start, End: d.Tokens[last-1].End},
				First: first, Last: last, Type: ment.Type,
			})
		}
	}
}

var iTags = map[string]string{"PER": "I-PER", "ORG": "I-ORG", "LOC": "I-LOC", "MISC": "I-MISC"}
