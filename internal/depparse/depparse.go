// Package depparse is dateline's dependency parser: a greedy transition-based
// parser (arc-eager, root at the end of the buffer) trained with a dynamic
// oracle and exploration (Goldberg & Nivre 2012), scoring moves with the
// shared averaged perceptron (internal/perceptron) over the rich feature
// templates of Zhang & Nivre (2011).
//
// Two perceptrons work together: one picks the move (SHIFT, REDUCE,
// LEFT-ARC, RIGHT-ARC), the other the relation of the arc just made
// (universal dependency relations, with the frequent subtypes such as
// nsubj:pass, obl:tmod, nmod:poss, compound:prt kept).
//
// The stage function Parse sets Token.Head (an index into Doc.Tokens, -1 for
// the root) and Token.Rel for every token of every sentence. It reads
// Token.XPOS and Token.UPOS, so it runs after the tagger. The model is loaded
// once from models.Open("depparse") and shared read-only by all goroutines.
//
// Later stages walk the tree with the helpers: Children(d, i, buf) lists a
// token's dependents, Dep(d, i, "nsubj") finds one by relation (the universal
// part matches subtypes), and NewTree(d) indexes a whole document once
// (Tree.Kids(i), Tree.Root(sentence)) for stages that walk many tokens.
package depparse

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"dateline/internal/doc"
	"dateline/internal/perceptron"
	"dateline/models"
)

// Model is a trained parser. It is immutable and safe for concurrent use.
type Model struct {
	trans  *perceptron.Model
	label  *perceptron.Model
	labels []string     // class -> relation
	root   int          // class of "root"
	para   int          // class for extra roots reattached to the first ("parataxis")
	mt, lt *table       // inference copies of trans and label
	ls     *sparseTable // compact copy of lt used by parse (nil: use lt)
	ms     *moveTable   // compact copy of mt used by parse (nil: use mt)
}

// Labels lists the relations the model predicts.
func (m *Model) Labels() []string { return m.labels }

const magic = "DLDP\x01"

// WriteTo writes the model: magic, label list, then the two perceptrons.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) {
		k := binary.PutUvarint(buf[:], v)
		bw.Write(buf[:k])
		n += int64(k)
	}
	bw.WriteString(magic)
	n += int64(len(magic))
	put(uint64(len(m.labels)))
	for _, l := range m.labels {
		put(uint64(len(l)))
		bw.WriteString(l)
		n += int64(len(l))
	}
	k, err := m.trans.WriteTo(bw)
	n += k
	if err != nil {
		return n, err
	}
	k, err = m.label.WriteTo(bw)
	n += k
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// ErrFormat reports a model file that is not a parser model.
var ErrFormat = errors.New("depparse: bad model file")

// ReadModel reads a model written by WriteTo. It never panics on bad input.
func ReadModel(r io.Reader) (*Model, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("%w: missing magic header", ErrFormat)
	}
	nl, err := binary.ReadUvarint(br)
	if err != nil || nl == 0 || nl > 250 {
		return nil, fmt.Errorf("%w: bad label count", ErrFormat)
	}
	m := &Model{root: -1}
	for i := uint64(0); i < nl; i++ {
		ln, err := binary.ReadUvarint(br)
		if err != nil || ln == 0 || ln > 64 {
			return nil, fmt.Errorf("%w: bad label %d", ErrFormat, i)
		}
		b := make([]byte, ln)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("%w: truncated label %d", ErrFormat, i)
		}
		m.labels = append(m.labels, string(b))
	}
	if m.trans, err = perceptron.ReadModel(br); err != nil {
		return nil, fmt.Errorf("depparse: move model: %w", err)
	}
	if m.label, err = perceptron.ReadModel(br); err != nil {
		return nil, fmt.Errorf("depparse: label model: %w", err)
	}
	return m, m.check()
}

func (m *Model) check() error {
	if m.trans.NumClasses() != nMoves {
		return fmt.Errorf("%w: move model has %d classes, want %d", ErrFormat, m.trans.NumClasses(), nMoves)
	}
	if m.label.NumClasses() != len(m.labels) {
		return fmt.Errorf("%w: label model has %d classes for %d labels", ErrFormat, m.label.NumClasses(), len(m.labels))
	}
	m.root, m.para = -1, -1
	for i, l := range m.labels {
		switch l {
		case "root":
			m.root = i
		case "parataxis":
			m.para = i
		case "dep":
			if m.para < 0 {
				m.para = i
			}
		}
	}
	if m.para < 0 {
		m.para = 0
	}
	// compact inference tables, built without the dense ones; the dense
	// tables only if a model does not fit the compact layouts
	m.mt, m.lt = nil, nil
	if m.ms = moveTableOf(m.trans); m.ms == nil {
		m.mt = newTable(m.trans)
	}
	if m.ls = sparseOf(m.label); m.ls == nil {
		m.lt = newTable(m.label)
	}
	if m.root < 0 {
		return fmt.Errorf("%w: no root label", ErrFormat)
	}
	return nil
}

var (
	once     sync.Once
	shared   *Model
	errModel error
)

// Default returns the embedded model, loading it on first use.
func Default() (*Model, error) {
	once.Do(func() {
		rc, err := models.Open("depparse")
		if err != nil {
			errModel = err
			return
		}
		defer rc.Close()
		shared, errModel = ReadModel(rc)
	})
	return shared, errModel
}

// Parse is the pipeline stage: it parses every sentence of d with the
// embedded model.
func Parse(d *doc.Doc) error {
	m, err := Default()
	if err != nil {
		return err
	}
	m.ParseDoc(d)
	return nil
}

// parser is per-goroutine scratch space.
type parser struct {
	st      state
	x       sentence
	f       [nFeats]uint64
	lf      [nLabelFeats]uint64
	scores  [nMoves]float32
	lscores []float32
	lacc    []int32
}

var pool = sync.Pool{New: func() any { return new(parser) }}

// ParseDoc parses every sentence of d, setting Token.Head and Token.Rel.
func (m *Model) ParseDoc(d *doc.Doc) {
	p := pool.Get().(*parser)
	defer pool.Put(p)
	for _, s := range d.Sentences {
		first, last := int(s.First), int(s.Last)
		if first < 0 || last > len(d.Tokens) || last <= first {
			continue
		}
		p.load(d, first, last)
		m.parse(p)
		n := last - first
		for i := 0; i < n; i++ {
			t := &d.Tokens[first+i]
			h := p.st.head[i]
			if h < 0 || int(h) >= n {
				t.Head = -1
			} else {
				t.Head = int32(first) + h
			}
			t.Rel = m.labels[p.st.lab[i]-1]
		}
	}
}

// wordHash hashes a word form, lower-casing ASCII letters.
func wordHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h | 1<<63
}

func tagHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h | 1<<62
}

func (p *parser) fill(n int) {
	p.x.w = grow(p.x.w, n+1)
	p.x.p = grow(p.x.p, n+1)
	p.x.u = grow(p.x.u, n+1)
	p.x.w[n], p.x.p[n], p.x.u[n] = rootW, rootP, rootP
}

// load fills the sentence atoms from tokens [first, last) of d.
func (p *parser) load(d *doc.Doc, first, last int) {
	n := last - first
	p.fill(n)
	for i := 0; i < n; i++ {
		t := &d.Tokens[first+i]
		p.x.w[i] = wordHash(d.Text[t.Start:t.End])
		p.x.p[i] = tagHash(t.XPOS)
		p.x.u[i] = tagHash(t.UPOS)
	}
}

// loadWords fills the sentence atoms from forms and tags.
func (p *parser) loadWords(forms, upos, xpos []string) {
	n := len(forms)
	p.fill(n)
	for i := 0; i < n; i++ {
		p.x.w[i] = wordHash(forms[i])
		p.x.p[i] = tagHash(xpos[i])
		p.x.u[i] = tagHash(upos[i])
	}
}

const (
	saltLeft  = 0x4c4546544c414245
	saltRight = 0x5249474854414c42
)

// labelTemplates are the move features (0-based positions in features) the
// relation classifier uses: the words, tags and children of the two words of
// the arc and their neighbours.
var labelTemplates = [...]uint8{
	0, 1, 2, 3, 4, 5, 6, 8,
	12, 13, 14, 15, 16, 17, 18, 19,
	21, 22, 23, 24, 25, 27, 29, 31,
	39, 40, 43, 46, 47, 48, 49,
	67, 69, 71, 72, 74, 76, 77, 79,
}

const nLabelFeats = len(labelTemplates)

// labelFeats derives the relation classifier's features from the move's,
// kept apart for left and right arcs.
func labelFeats(f *[nFeats]uint64, lf *[nLabelFeats]uint64, move int) {
	salt := uint64(saltLeft)
	if move == rightArc {
		salt = saltRight
	}
	for i, t := range labelTemplates {
		lf[i] = f[t] ^ salt
	}
}

// bestMove returns the highest-scoring valid move.
func bestMove(st *state, scores *[nMoves]float32) int {
	best, bm := float32(0), -1
	for mv := 0; mv < nMoves; mv++ {
		if st.valid(mv) && (bm < 0 || scores[mv] > best) {
			best, bm = scores[mv], mv
		}
	}
	return bm
}

// forcedMove returns the only valid move, or -1 when there is a choice.
func forcedMove(st *state) int {
	switch {
	case len(st.stack) == 0:
		return shift // not done, so the buffer holds a word
	case st.b == st.n:
		if st.head[st.stack[len(st.stack)-1]] >= 0 {
			return reduce
		}
		return leftArc
	}
	return -1
}

// bestLabel returns the best label class for a non-root arc.
func bestLabel(scores []float32, root int) int {
	best, bl := float32(0), -1
	for c, s := range scores {
		if c != root && (bl < 0 || s > best) {
			best, bl = s, c
		}
	}
	return bl
}

// parse runs the greedy parser over p.x.
func (m *Model) parse(p *parser) {
	n := len(p.x.w) - 1
	st := &p.st
	st.reset(n)
	if cap(p.lscores) < len(m.labels) {
		p.lscores = make([]float32, len(m.labels))
		p.lacc = make([]int32, len(m.labels))
	}
	ls := p.lscores[:len(m.labels)]
	for !st.done() {
		// With an empty stack only SHIFT is valid, and with only the root
		// left in the buffer only one of REDUCE and LEFT-ARC (to the root):
		// the move needs no scoring, and an arc to the root no relation.
		mv := forcedMove(st)
		if mv < 0 {
			features(st, &p.x, p.f[:])
			if m.ms != nil {
				m.ms.score4(p.f[:], &p.scores)
			} else {
				m.mt.score4(p.f[:], &p.scores)
			}
			mv = bestMove(st, &p.scores)
		}
		var lab int
		switch {
		case mv == leftArc && st.b == st.n:
			lab = m.root
		case mv == leftArc || mv == rightArc:
			labelFeats(&p.f, &p.lf, mv)
			if m.ls != nil {
				m.ls.score(p.lf[:], p.lacc, ls)
			} else {
				m.lt.score(p.lf[:], p.lacc, ls)
			}
			lab = bestLabel(ls, m.root)
		}
		st.apply(mv, uint8(lab+1))
	}
	fixRoots(st, m.para)
}

// fixRoots keeps one root per sentence, the first word attached to it; later
// root words become its dependents with relation class para.
func fixRoots(st *state, para int) {
	n := st.n
	first := int32(-1)
	for i := int32(0); i < n; i++ {
		if st.head[i] == n {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	for i := first + 1; i < n; i++ {
		if st.head[i] == n {
			st.head[i] = first
			st.lab[i] = uint8(para + 1)
		}
	}
}

// Children returns the indices into d.Tokens of the dependents of token i, in
// text order, appending them to buf (which may be nil). It scans i's sentence.
func Children(d *doc.Doc, i int, buf []int) []int {
	si := d.SentenceOf(d.Tokens[i].Start)
	if si < 0 {
		return buf
	}
	s := d.Sentences[si]
	for k := int(s.First); k < int(s.Last); k++ {
		if int(d.Tokens[k].Head) == i {
			buf = append(buf, k)
		}
	}
	return buf
}

// Dep returns the first dependent of token i whose relation is rel or has rel
// as its universal part (rel "nsubj" matches "nsubj:pass"), or -1.
func Dep(d *doc.Doc, i int, rel string) int {
	si := d.SentenceOf(d.Tokens[i].Start)
	if si < 0 {
		return -1
	}
	s := d.Sentences[si]
	for k := int(s.First); k < int(s.Last); k++ {
		t := &d.Tokens[k]
		if int(t.Head) == i && (t.Rel == rel || strings.HasPrefix(t.Rel, rel) && len(t.Rel) > len(rel) && t.Rel[len(rel)] == ':') {
			return k
		}
	}
	return -1
}

// Tree is a children index over a whole document, built once in O(tokens):
// Kids(i) lists token i's dependents in text order without allocating.
type Tree struct {
	start []int32 // start[i]..start[i+1] indexes kids
	kids  []int32
	roots []int32 // per sentence, the root token or -1
}

// NewTree indexes the parse of d.
func NewTree(d *doc.Doc) *Tree {
	n := len(d.Tokens)
	t := &Tree{start: make([]int32, n+1), kids: make([]int32, 0, n)}
	for i := range d.Tokens {
		if h := d.Tokens[i].Head; h >= 0 && int(h) < n {
			t.start[h+1]++
		}
	}
	for i := 0; i < n; i++ {
		t.start[i+1] += t.start[i]
	}
	t.kids = t.kids[:t.start[n]]
	fill := make([]int32, n)
	for i := range d.Tokens {
		if h := d.Tokens[i].Head; h >= 0 && int(h) < n {
			t.kids[t.start[h]+fill[h]] = int32(i)
			fill[h]++
		}
	}
	t.roots = make([]int32, len(d.Sentences))
	for si, s := range d.Sentences {
		t.roots[si] = -1
		for k := s.First; k < s.Last && int(k) < n; k++ {
			if d.Tokens[k].Head < 0 && d.Tokens[k].Rel != "" {
				t.roots[si] = k
				break
			}
		}
	}
	return t
}

// Kids returns the dependents of token i in text order (shared; do not modify).
func (t *Tree) Kids(i int) []int32 { return t.kids[t.start[i]:t.start[i+1]] }

// Root returns the root token of sentence si, or -1.
func (t *Tree) Root(si int) int { return int(t.roots[si]) }
