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
	"unicode"
	"unicode/utf8"

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
	words := s.words[:0] // the tokens each entry of all stands for
	defer func() { s.words = words[:0] }()
	form := func(k int) string { return d.Form(k) }
	glued := d.Glued
	for _, sent := range d.Sentences {
		a := len(all)
		hi := min(int(sent.Last), n)
		for i := int(sent.First); i < hi; {
			j := compoundEnd(i, hi, form, glued)
			all = append(all, makeTok(d.Str(doc.Span{Start: d.Tokens[i].Start, End: d.Tokens[j-1].End}), &s.shape, m.lex))
			words = append(words, [2]int32{int32(i), int32(j)})
			i = j
		}
		bounds = append(bounds, [2]int{a, len(all)})
		ts := all[a:]
		s.st.observe(ts, isHeadline(ts))
	}
	for i := range d.Tokens {
		d.Tokens[i].NER = "O"
	}
	d.Names = d.Names[:0]
	for si := range d.Sentences {
		b := bounds[si]
		if b[0] == b[1] {
			continue
		}
		labels := decode(m, s, all[b[0]:b[1]], &m.gaz, nil, nil, nil)
		ts := all[b[0]:b[1]]
		for _, ment := range joinAcronym(joinParticles(spans(labels), ts), ts) {
			first, last := words[b[0]+ment.Start][0], words[b[0]+ment.End-1][1]
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

// compoundEnd is where the word that starts at token i of a sentence ends
// (at most hi). UD tokenisation splits a hyphenated word into its parts
// ("Coca - Cola", "al - Sadr", no space between them); the recogniser reads
// such a word whole, as CoNLL-2003 writes it, so that "Hewlett-Packard" is not
// a company followed by a person. form(k) is token k's text; glued(k) says
// that no space follows token k.
func compoundEnd(i, hi int, form func(int) string, glued func(int) bool) int {
	j := i + 1
	for j+1 < hi && form(j) == "-" && glued(j-1) && glued(j) &&
		alnumAt(form(j-1), false) && alnumAt(form(j+1), true) {
		j += 2
	}
	return j
}

// alnumAt reports whether w starts (first) or ends with a letter or digit.
func alnumAt(w string, first bool) bool {
	var r rune
	if first {
		r, _ = utf8.DecodeRuneInString(w)
	} else {
		r, _ = utf8.DecodeLastRuneInString(w)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

var iTags = map[string]string{"PER": "I-PER", "ORG": "I-ORG", "LOC": "I-LOC", "MISC": "I-MISC"}
