// Package pos tags words with their universal (UPOS) and Penn Treebank (XPOS)
// parts of speech and finds their lemmas.
//
// The tagger is a greedy left-to-right averaged perceptron (internal/perceptron)
// over joint UPOS|XPOS classes, with word, lower-case, affix, shape and flag
// features of the word, words and suffixes within two positions, and the two
// previous predicted tags; frequent words that the training data always tags
// the same way take that tag from a dictionary. The lemmatiser is a table of
// training forms whose lemma the rules miss, plus suffix rules per XPOS learned
// from the training data.
//
// Use:
//
//	pos.Tag(d)                  // the pipeline stage: sets Token.UPOS, XPOS, Lemma
//	m, err := pos.Default()     // the embedded model (loaded once)
//	m.TagDoc(d)
//
// A Model is read-only after loading and safe for concurrent use.
package pos

import (
	"fmt"
	"sync"

	"dateline/internal/doc"
	"dateline/internal/perceptron"
	"dateline/models"
)

// Class is one joint tag.
type Class struct {
	UPOS, XPOS string
	x          int // XPOS id in the lemmatiser
}

// Model is a trained tagger and lemmatiser.
type Model struct {
	classes []Class
	lexicon
	ambSets [][]int32         // the classes of each ambiguity class
	ap      *perceptron.Model // first pass
	ap2     *perceptron.Model // second, stacked pass; nil if none
	lem     *Lemmatizer
	look    int // featx.look
	pool    sync.Pool
}

func (m *Model) featx() featx { return featx{classes: len(m.wcls) > 0, look: m.look} }

func (m *Model) init() {
	if m.ap != nil {
		m.ap.Ready()
	}
	if m.ap2 != nil {
		m.ap2.Ready()
	}
	m.ambHash = m.ambHash[:0]
	for _, set := range m.ambSets {
		h := perceptron.New(fAmb)
		for _, c := range set {
			h = h.Int(int(c))
		}
		m.ambHash = append(m.ambHash, h.Sum())
	}
	m.index()
	m.pool.New = func() any {
		return &state{scratch: scratch{scores: make([]float32, len(m.classes))}}
	}
	for i := range m.classes {
		m.classes[i].x = -1
		if x, ok := m.lem.xid[m.classes[i].XPOS]; ok {
			m.classes[i].x = int(x)
		}
	}
}

// state is one goroutine's scratch memory.
type state struct {
	scratch
	lemmaScratch
	forms []string
}

// Classes lists the joint tags the model predicts.
func (m *Model) Classes() []Class { return m.classes }

// Lemmatizer is the model's lemmatiser.
func (m *Model) Lemmatizer() *Lemmatizer { return m.lem }

// tagForms tags one sentence; the classes are in s.tags.
func (m *Model) tagForms(s *state, forms []string) []int32 {
	s.prepare(forms, &m.lexicon)
	m.greedy(&s.scratch, m.ap, false)
	if m.ap2 != nil {
		s.right = append(s.right[:0], s.tags...)
		m.greedy(&s.scratch, m.ap2, true)
	}
	return s.tags
}

// greedy tags the prepared sentence left to right into s.tags, with the
// second-pass features if stacked.
func (m *Model) greedy(s *scratch, ap *perceptron.Model, stacked bool) {
	s.tags = s.tags[:0]
	p1, p2 := int32(-1), int32(-1)
	x := m.featx()
	for i := range s.toks {
		c := s.toks[i].dict
		if c < 0 {
			var f []uint64
			if stacked {
				f = s.features2(i, p1, p2, x)
			} else {
				f = s.features(i, p1, p2, x)
			}
			c = int32(ap.Predict(f, s.scores))
		}
		s.tags = append(s.tags, c)
		p2, p1 = p1, c
	}
}

// tagSents tags sentences, calling fn with each
// sentence's classes (valid until the next call).
func (m *Model) tagSents(s *state, sents [][]string, fn func(i int, tags []int32)) {
	for i, forms := range sents {
		fn(i, m.tagForms(s, forms))
	}
}

// TagForms returns the tags and lemmas of one sentence's words.
func (m *Model) TagForms(forms []string) (upos, xpos, lemmas []string) {
	u, x, l := m.TagSentences([][]string{forms})
	return u[0], x[0], l[0]
}

// TagSentences returns the tags and lemmas of the words of several sentences.
func (m *Model) TagSentences(sents [][]string) (upos, xpos, lemmas [][]string) {
	s := m.pool.Get().(*state)
	defer m.pool.Put(s)
	upos, xpos, lemmas = make([][]string, len(sents)), make([][]string, len(sents)), make([][]string, len(sents))
	m.tagSents(s, sents, func(k int, tags []int32) {
		for i, c := range tags {
			cl := &m.classes[c]
			upos[k] = append(upos[k], cl.UPOS)
			xpos[k] = append(xpos[k], cl.XPOS)
			lemmas[k] = append(lemmas[k], m.lem.lemma(sents[k][i], cl.x, &s.lemmaScratch))
		}
	})
	return
}

// TagDoc sets UPOS, XPOS and Lemma on every token of every sentence of d.
func (m *Model) TagDoc(d *doc.Doc) {
	s := m.pool.Get().(*state)
	defer m.pool.Put(s)
	valid := func(sent doc.Sentence) bool {
		return sent.First >= 0 && sent.Last <= int32(len(d.Tokens)) && sent.First < sent.Last
	}
	for _, sent := range d.Sentences {
		if !valid(sent) {
			continue
		}
		s.forms = s.forms[:0]
		for i := sent.First; i < sent.Last; i++ {
			s.forms = append(s.forms, d.Form(int(i)))
		}
		tags := m.tagForms(s, s.forms)
		for k, c := range tags {
			t := &d.Tokens[int(sent.First)+k]
			cl := &m.classes[c]
			t.UPOS, t.XPOS = cl.UPOS, cl.XPOS
			t.Lemma = m.lem.lemma(s.forms[k], cl.x, &s.lemmaScratch)
		}
	}
}

var (
	defOnce  sync.Once
	defModel *Model
	defErr   error
)

// Default returns the embedded model (models/pos.bin.gz), loaded once.
func Default() (*Model, error) {
	defOnce.Do(func() {
		r, err := models.Open("pos")
		if err != nil {
			defErr = err
			return
		}
		defer r.Close()
		defModel, defErr = Load(r)
		if defErr != nil {
			defErr = fmt.Errorf("model pos: %w", defErr)
		}
	})
	return defModel, defErr
}

// Tag is the pipeline stage: it tags and lemmatises every sentence of d with
// the embedded model.
func Tag(d *doc.Doc) error {
	m, err := Default()
	if err != nil {
		return err
	}
	m.TagDoc(d)
	return nil
}
