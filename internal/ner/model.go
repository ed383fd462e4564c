package ner

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"dateline/internal/hugemem"
	"dateline/internal/kb"
)

// Model is a trained recogniser: quantised averaged-perceptron weights over
// hashed features, the training data's gazetteer and a lexicon of case
// profiles and word clusters. It is read-only after loading and safe for
// concurrent use.
type Model struct {
	keys  []uint64 // feature hashes; row i of w (w[i*nLabels:]) is keys[i]'s
	w     []int16
	scale float32
	gaz   gazetteer
	lex   map[uint64]uint32
	// tab is the lookup table tagging reads: open addressing on the feature
	// hash, the key stored beside its weights so that a lookup is mostly one
	// cache line.
	tab  []slot
	mask uint64
	// oBias is added to the score of O (in quantised units): above 0 the
	// recogniser finds fewer names, more surely. bias is the same in weight
	// units, as stored in the file.
	oBias, bias float32
}

// SetOBias sets the weight added to the score of O (in the perceptron's
// units: one update is 1): above 0 the recogniser finds fewer names, more
// surely. It is stored with the model. Call it before tagging starts.
func (m *Model) SetOBias(b float32) {
	m.bias = b
	m.oBias = 0
	if m.scale != 0 {
		m.oBias = b / m.scale
	}
}

type slot struct {
	key uint64
	w   [nLabels]int16
	_   [64 - 8 - 2*nLabels]byte // one slot, one cache line
}

// finish builds the lookup table from keys and w.
func (m *Model) finish() *Model {
	size := 1024
	for size < 2*len(m.keys) {
		size *= 2
	}
	m.tab = hugemem.Make[slot](size)
	m.mask = uint64(size - 1)
	for r, k := range m.keys {
		if k == 0 {
			continue // the empty-slot marker; a zero hash is not a feature
		}
		i := k & m.mask
		for m.tab[i].key != 0 {
			i = (i + 1) & m.mask
		}
		m.tab[i].key = k
		copy(m.tab[i].w[:], m.w[int(r)*nLabels:int(r)*nLabels+nLabels])
	}
	return m
}

// NumFeatures is the number of feature rows kept.
func (m *Model) NumFeatures() int { return len(m.keys) }

// scorer adds up the weights of features for every label.
type scorer interface {
	score(feats []uint64, out *[nLabels]float32)
}

// scoreEveryWord turns off decode's skipping of plain words (for tests).
var scoreEveryWord bool

// sink keeps score's loads from being optimised away.
var sink int

func (m *Model) score(feats []uint64, out *[nLabels]float32) {
	var acc [nLabels]int32
	tab, mask := m.tab, m.mask
	// Load every feature's first slot before the probing loop, with no
	// branch on the values, so that the cache misses overlap.
	var x uint64
	for _, f := range feats {
		x ^= tab[f&mask].key
	}
	if x == 1 {
		sink++
	}
	for _, f := range feats {
		for i := f & mask; ; i = (i + 1) & mask {
			s := &tab[i]
			if s.key == f {
				for k := range acc {
					acc[k] += int32(s.w[k])
				}
				break
			}
			if s.key == 0 {
				break
			}
		}
	}
	for k := range acc {
		out[k] = float32(acc[k])
	}
}

// scratch holds the per-call buffers of tagging.
type scratch struct {
	all    []tok      // Recognize: the document's tokens
	bounds [][2]int   // Recognize: each sentence's tokens in all
	words  [][2]int32 // Recognize: the document tokens [first, last) of each entry of all
	toks   []tok
	gaz    []uint8
	gw     []uint8
	kbc    []uint8
	kbw    []kb.Word
	feats  []uint64
	labels []int
	shape  [2][]byte
	st     *docState
}

func newScratch() *scratch {
	return &scratch{st: newDocState(), shape: [2][]byte{make([]byte, 0, 64), make([]byte, 0, 64)}}
}

// prepare builds the tokens of a sentence.
func (s *scratch) prepare(words []string, lex map[uint64]uint32) []tok {
	s.toks = s.toks[:0]
	for _, w := range words {
		s.toks = append(s.toks, makeTok(w, &s.shape, lex))
	}
	return s.toks
}

// decode tags one sentence greedily, left to right, under BILOU constraints.
// If gold is given (training), update is called at each wrong word that is
// not unsure, with the features and the gold and predicted labels.
func decode(sc scorer, s *scratch, ts []tok, g *gazetteer, gold []int, unsure []bool,
	update func(feats []uint64, gold, pred int)) []int {
	n := len(ts)
	if cap(s.gaz) < n {
		s.gaz = make([]uint8, n)
		s.gw = make([]uint8, n)
		s.labels = make([]int, n)
	}
	s.gaz = s.gaz[:n]
	s.gw = s.gw[:n]
	s.labels = s.labels[:n]
	g.tags(ts, s.gaz)
	g.wordTypes(ts, s.gw)
	s.kbw, s.kbc = kbTags(ts, s.kbw, s.kbc)
	headline := isHeadline(ts)
	y1, y2 := -1, -1
	var scores [nLabels]float32
	// Outside a name, a word with no capital and no digit that no gazetteer
	// name covers is O without scoring: the model all but never says
	// otherwise (on both dev sets the figures are unchanged), and most words
	// are such words. Training scores every word.
	skip := gold == nil && !scoreEveryWord
	for i := 0; i < n; i++ {
		if skip && ts[i].plain && s.gaz[i] == 0 && (y1 <= 0 || labelPos(y1) == posU || labelPos(y1) == posL) {
			s.labels[i] = 0
			y2, y1 = y1, 0
			continue
		}
		f := staticFeatures(s.feats[:0], ts, i, s.gaz, s.gw, s.kbc, s.st, headline)
		f = dynFeatures(f, &ts[i], y1, y2)
		s.feats = f
		sc.score(f, &scores)
		if m, ok := sc.(*Model); ok && m.oBias != 0 {
			scores[0] += m.oBias
		}
		last := i == n-1
		best := -1
		for l := 0; l < nLabels; l++ {
			if valid(y1, l, last) && (best < 0 || scores[l] > scores[best]) {
				best = l
			}
		}
		if y1 > 0 && (labelPos(y1) == posB || labelPos(y1) == posI) {
			// Inside a name the constraints allow only I/L of its type. If a
			// label that starts afresh (O, B, U) scores higher, close the
			// name at the previous word instead of running it on: B→U, I→L.
			closed := label(labelType(y1), posU)
			if labelPos(y1) == posI {
				closed = label(labelType(y1), posL)
			}
			alt := -1
			for l := 0; l < nLabels; l++ {
				if valid(closed, l, last) && (alt < 0 || scores[l] > scores[alt]) {
					alt = l
				}
			}
			if alt >= 0 && !valid(y1, alt, last) && scores[alt] > scores[best] {
				s.labels[i-1] = closed
				best, y1 = alt, closed
			}
		}
		if gold != nil && best != gold[i] && (unsure == nil || !unsure[i]) {
			update(f, gold[i], best)
		}
		s.labels[i] = best
		y2, y1 = y1, best
	}
	s.st.remember(ts, s.labels)
	return s.labels
}

// bilou turns mentions into BILOU labels.
func bilou(n int, ms []Mention) []int {
	out := make([]int, n)
	for _, m := range ms {
		t := typeIndex(m.Type)
		if t < 0 || m.Start < 0 || m.End > n || m.Start >= m.End {
			continue
		}
		if m.End-m.Start == 1 {
			out[m.Start] = label(t, posU)
			continue
		}
		for k := m.Start; k < m.End; k++ {
			p := posI
			if k == m.Start {
				p = posB
			} else if k == m.End-1 {
				p = posL
			}
			out[k] = label(t, p)
		}
	}
	return out
}

// spans turns BILOU labels into mentions.
func spans(labels []int) []Mention {
	var out []Mention
	start := -1
	for i, l := range labels {
		if l == 0 {
			start = -1
			continue
		}
		switch labelPos(l) {
		case posU:
			out = append(out, Mention{Start: i, End: i + 1, Type: Types[labelType(l)]})
			start = -1
		case posB:
			start = i
		case posL:
			if start >= 0 {
				out = append(out, Mention{Start: start, End: i + 1, Type: Types[labelType(l)]})
			}
			start = -1
		}
	}
	return out
}

// particles are the lower-case words that join the parts of a name:
// "Faisal bin Farhan", "Leonardo da Vinci", "Ursula von der Leyen",
// "Palais des Nations". English words that could stand between two names
// ("do", "and", "of") are not among them.
var particles = map[string]bool{
	"bin": true, "ibn": true, "bint": true, "ben": true, "al": true, "el": true,
	"da": true, "das": true, "de": true, "del": true, "della": true, "des": true, "di": true, "dos": true, "du": true,
	"la": true, "le": true, "van": true, "von": true, "der": true, "den": true, "ter": true, "zu": true,
}

// joinParticles merges two names that one or two particles join into one,
// of the first name's type: the recogniser often leaves the particle out and
// reads "Prince Faisal bin Farhan" as two people, "Palais des Nations" as a
// thing and a person. ts are the sentence's words.
func joinParticles(ms []Mention, ts []tok) []Mention {
	out := ms[:0]
	for _, m := range ms {
		if n := len(out); n > 0 && m.Start-out[n-1].End >= 1 && m.Start-out[n-1].End <= 2 {
			joined := true
			for _, t := range ts[out[n-1].End:m.Start] {
				joined = joined && particles[t.word]
			}
			if joined {
				out[n-1].End = m.End
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// joinAcronym merges two names that "and" joins when the acronym given
// after them ("(NISA)", ", or NISA,") spells both: "National Intelligence
// and Security Agency" is one organisation, not two.
func joinAcronym(ms []Mention, ts []tok) []Mention {
	out := ms[:0]
	for _, m := range ms {
		if n := len(out); n > 0 && m.Start == out[n-1].End+1 && (ts[m.Start-1].word == "and" || ts[m.Start-1].word == "&") {
			if acr := acronymAfter(ts, m.End); acr != "" {
				var ini []byte
				for _, t := range ts[out[n-1].Start:m.End] {
					if t.upperInitial {
						ini = append(ini, t.word[0])
					}
				}
				if string(ini) == acr {
					out[n-1].End = m.End
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// acronymAfter is the acronym that words k... give for the name before
// them: "( NISA )" or ", or NISA", else "".
func acronymAfter(ts []tok, k int) string {
	switch {
	case k+2 < len(ts) && ts[k].word == "(" && ts[k+2].word == ")":
		return ts[k+1].word
	case k+2 < len(ts) && ts[k].word == "," && ts[k+1].word == "or" && ts[k+2].allUpperLetter:
		return ts[k+2].word
	}
	return ""
}

// TagDocument tags the sentences of one document and returns each sentence's
// mentions. It is the plain-words entry point (Recognize works on a Doc).
func (m *Model) TagDocument(sents [][]string) [][]Mention {
	s := newScratch()
	return m.tagDocument(s, sents)
}

func (m *Model) tagDocument(s *scratch, sents [][]string) [][]Mention {
	s.st.reset()
	all := make([][]tok, len(sents))
	for i, w := range sents {
		ts := s.prepare(w, m.lex)
		all[i] = append([]tok(nil), ts...)
		s.st.observe(all[i], isHeadline(all[i]))
	}
	out := make([][]Mention, len(sents))
	for i := range all {
		out[i] = joinAcronym(joinParticles(spans(decode(m, s, all[i], &m.gaz, nil, nil, nil)), all[i]), all[i])
	}
	return out
}

// magic starts a model file; its last byte is the feature-set version: bump
// it whenever a feature template changes, so that an old model is refused
// rather than read with features it was not trained on.
const magic = "DLNER\x04"

// WriteTo writes the model in its binary form (uncompressed).
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	le := binary.LittleEndian
	put := func(v any) error { return binary.Write(bw, le, v) }
	bw.WriteString(magic)
	// Features sorted by row.
	keys := m.keys
	errs := []error{
		put(uint32(nLabels)), put(uint32(len(keys))), put(m.scale), put(keys), put(m.w),
		put(uint32(len(m.gaz.entries))), put(uint32(m.gaz.maxLen)),
	}
	gk := sortedKeys(m.gaz.entries)
	gv := make([]uint8, len(gk))
	for i, k := range gk {
		gv[i] = m.gaz.entries[k]
	}
	errs = append(errs, put(gk), put(gv))
	ck := sortedKeys(m.lex)
	cv := make([]uint32, len(ck))
	for i, k := range ck {
		cv[i] = m.lex[k]
	}
	errs = append(errs, put(uint32(len(ck))), put(ck), put(cv), put(m.bias), bw.Flush())
	return 0, errors.Join(errs...)
}

func sortedKeys[V any](m map[uint64]V) []uint64 {
	out := make([]uint64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Load reads a model written by WriteTo; name is used in errors.
func Load(r io.Reader, name string) (*Model, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	le := binary.LittleEndian
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("%s: not a dateline NER model (bad header)", name)
	}
	var nl, nf uint32
	m := &Model{}
	if err := errors.Join(binary.Read(br, le, &nl), binary.Read(br, le, &nf), binary.Read(br, le, &m.scale)); err != nil {
		return nil, fmt.Errorf("%s: truncated header: %w", name, err)
	}
	if nl != nLabels {
		return nil, fmt.Errorf("%s: model has %d labels, this program wants %d", name, nl, nLabels)
	}
	const maxFeat = 1 << 22
	if nf > maxFeat || math.IsNaN(float64(m.scale)) {
		return nil, fmt.Errorf("%s: implausible model header (%d features)", name, nf)
	}
	keys := make([]uint64, nf)
	m.w = make([]int16, int(nf)*nLabels)
	if err := errors.Join(binary.Read(br, le, keys), binary.Read(br, le, m.w)); err != nil {
		return nil, fmt.Errorf("%s: truncated weights: %w", name, err)
	}
	m.keys = keys
	m.finish()
	var ng, ml uint32
	if err := errors.Join(binary.Read(br, le, &ng), binary.Read(br, le, &ml)); err != nil {
		return nil, fmt.Errorf("%s: truncated gazetteer: %w", name, err)
	}
	if ng > maxFeat || ml > 64 {
		return nil, fmt.Errorf("%s: implausible gazetteer size %d", name, ng)
	}
	gk := make([]uint64, ng)
	gv := make([]uint8, ng)
	if err := errors.Join(binary.Read(br, le, gk), binary.Read(br, le, gv)); err != nil {
		return nil, fmt.Errorf("%s: truncated gazetteer: %w", name, err)
	}
	m.gaz = gazetteer{entries: make(map[uint64]uint8, ng), maxLen: int(ml)}
	for i, k := range gk {
		if v := gv[i]; v == 0 || (v&0x80 == 0 && int(v) > nTypes) || (v&0x80 != 0 && v&^0x80 >= 1<<nTypes) {
			return nil, fmt.Errorf("%s: bad gazetteer type %d", name, gv[i])
		}
		m.gaz.entries[k] = gv[i]
	}
	var nc uint32
	if err := binary.Read(br, le, &nc); err != nil {
		return nil, fmt.Errorf("%s: truncated lex: %w", name, err)
	}
	if nc > maxFeat {
		return nil, fmt.Errorf("%s: implausible cluster count %d", name, nc)
	}
	if nc > 0 {
		ck := make([]uint64, nc)
		cv := make([]uint32, nc)
		if err := errors.Join(binary.Read(br, le, ck), binary.Read(br, le, cv)); err != nil {
			return nil, fmt.Errorf("%s: truncated lex: %w", name, err)
		}
		m.lex = make(map[uint64]uint32, nc)
		for i, k := range ck {
			m.lex[k] = cv[i]
		}
	}
	var bias float32
	if err := binary.Read(br, le, &bias); err != nil {
		return nil, fmt.Errorf("%s: truncated O bias: %w", name, err)
	}
	if math.IsNaN(float64(bias)) || math.IsInf(float64(bias), 0) || math.Abs(float64(bias)) > 1e6 {
		return nil, fmt.Errorf("%s: implausible O bias %g", name, bias)
	}
	m.SetOBias(bias)
	return m, nil
}
