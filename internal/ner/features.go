package ner

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"dateline/internal/kb"
)

// Entity types, in label order. Label 0 is O; type t has labels
// 1+4t+{B,I,L,U}.
var Types = []string{"PER", "ORG", "LOC", "MISC"}

const (
	nTypes  = 4
	nLabels = 1 + 4*nTypes
	posB    = 0
	posI    = 1
	posL    = 2
	posU    = 3
)

func label(typ, pos int) int { return 1 + 4*typ + pos }
func labelType(l int) int    { return (l - 1) / 4 } // -1 for O
func labelPos(l int) int     { return (l - 1) % 4 }

func typeIndex(t string) int {
	for i, x := range Types {
		if x == t {
			return i
		}
	}
	return -1
}

// valid reports whether label l may follow label prev in BILOU (prev < 0 is
// the sentence start); last says l is the sentence's final word.
func valid(prev, l int, last bool) bool {
	inside := prev > 0 && (labelPos(prev) == posB || labelPos(prev) == posI)
	if inside {
		if l == 0 || labelType(l) != labelType(prev) {
			return false
		}
		p := labelPos(l)
		return p == posL || (p == posI && !last)
	}
	if l == 0 {
		return true
	}
	p := labelPos(l)
	return p == posU || (p == posB && !last)
}

// The hash: FNV-1a over bytes, seeded by a template number, finished with a
// 64-bit mix so that nearby seeds spread.
const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hbytes(h uint64, s []byte) uint64 {
	for _, c := range s {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func hnum(h, v uint64) uint64 {
	h ^= v
	h *= fnvPrime
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	return h
}

func mix(h uint64) uint64 {
	h ^= h >> 31
	h *= 0x94d049bb133111eb
	h ^= h >> 29
	return h
}

func tmpl(t uint64) uint64 { return hnum(fnvOff, t) }

// Feature templates. The numbers are part of the model file's meaning: never
// renumber, only add.
const (
	fBias = iota + 1
	fWord
	fLower
	fShape
	fShort
	fPre1
	fPre2
	fPre3
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fShortM1
	fShortP1
	fBiM1
	fBiP1
	fInitShort
	fHeadline
	fDocCase
	fDocCaseInit
	fGaz
	fGazShort
	fGazM1
	fGazP1
	fPrevType
	fPrevTypeShort
	fHyphen
	fCluster
	fClusterM1
	fClusterP1
	fWordM1
	fWordP1
	fDigitLen
	fProf
	fProfShort
	fProfM1
	fProfP1
	fCluster2
	fGazTok
	fGazTokShort
	fGazTokM1
	fGazTokP1
	// label-dependent templates (hashed with the previous labels at decode time)
	fY1
	fY2
	fY1Lower
	fY1Short
	fY1Word
	// knowledge base (internal/kb) and document prediction history
	fKB
	fKBShort
	fKBM1
	fKBP1
	fGiven
	fGivenM1
	fHist
	fHistShort
)

var seeds [64]uint64

func init() {
	for i := range seeds {
		seeds[i] = tmpl(uint64(i))
	}
}

// tok is what the features read of one word.
type tok struct {
	word, lower    string
	hShape         uint64 // seeded with fShape
	hWord, hLower  uint64
	hShort         uint64
	upperInitial   bool
	hasLetter      bool
	allUpperLetter bool
	cluster        uint64 // 1+cluster id, 0 if none
	prof           uint8  // case profile in the raw text, 0 if unseen
	kw             kb.Word
	given          bool // a given name of the knowledge base, capitalised
	// plain: no capital letter and no digit (a lower-case word or
	// punctuation); outside a name such a word is taken as O unscored.
	plain bool
}

// noWord is the knowledge-base word of a token that is not one word of
// letters and digits: it matches no phrase.
var noWord = kb.Word{Norm: "\x00"}

// shapes writes a word's shape (X, x, d, other kept; runs longer than two
// cut) and its short shape (runs cut to one).
func shapes(w string, long, short []byte) ([]byte, []byte) {
	long, short = long[:0], short[:0]
	var last byte
	run := 0
	n := 0
	for _, r := range w {
		n++
		if n > 40 {
			break
		}
		var c byte
		switch {
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z', r >= utf8.RuneSelf && unicode.IsUpper(r):
			c = 'X'
		case r < utf8.RuneSelf && r >= 'a' && r <= 'z', r >= utf8.RuneSelf && unicode.IsLetter(r):
			c = 'x'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			run++
		} else {
			run = 1
		}
		if run <= 2 {
			long = append(long, c)
		}
		if run == 1 {
			short = append(short, c)
		}
		last = c
	}
	return long, short
}

func makeTok(w string, buf *[2][]byte, lex map[uint64]uint32) tok {
	t := tok{word: w, lower: strings.ToLower(w)}
	long, short := shapes(w, buf[0], buf[1])
	buf[0], buf[1] = long, short
	t.hShape = hbytes(seeds[fShape], long)
	t.hWord = hstr(seeds[fWord], w)
	t.hLower = hstr(fnvOff, t.lower)
	t.hShort = hbytes(fnvOff, short)
	r, _ := utf8.DecodeRuneInString(w)
	t.upperInitial = unicode.IsUpper(r)
	t.allUpperLetter = true
	t.plain = true
	for _, r := range w {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			t.plain = false
		}
		if unicode.IsLetter(r) {
			t.hasLetter = true
			if !unicode.IsUpper(r) {
				t.allUpperLetter = false
			}
		}
	}
	if !t.hasLetter {
		t.allUpperLetter = false
	}
	var kbuf [2]kb.Word
	if ws := kb.Words(w, kbuf[:0]); len(ws) == 1 {
		t.kw = ws[0]
		t.given = t.upperInitial && kbGiven(w)
	} else {
		t.kw = noWord
	}
	if lex != nil {
		if v, ok := lex[t.hLower]; ok {
			t.cluster = uint64(v & clusterMask)
			t.prof = uint8(v >> 24)
		}
	}
	return t
}

// prefix returns the first n runes of s (or "" if s is shorter).
func prefix(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	if i == n {
		return s
	}
	return ""
}

func suffix(s string, n int) string {
	i := 0
	for k := len(s); k > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:k])
		k -= size
		i++
		if i == n {
			return s[k:]
		}
	}
	return ""
}

// docState is what the recogniser remembers of a document as it reads.
type docState struct {
	// caseOf: per lowercase form, the casings seen in the document at
	// non-initial positions: bit 1 lower, 2 title, 4 all caps.
	caseOf map[uint64]uint8
	// lastType: per lowercase form of a capitalised word, 1+type of the
	// label it last got (0: O).
	lastType map[uint64]uint8
	// hist: per lowercase form of a capitalised word, how often each label
	// type (O last) was given to it so far in the document: Ratinov and
	// Roth's extended prediction history.
	hist map[uint64]*[nTypes + 1]uint16
}

func newDocState() *docState {
	return &docState{caseOf: map[uint64]uint8{}, lastType: map[uint64]uint8{}, hist: map[uint64]*[nTypes + 1]uint16{}}
}

func (s *docState) reset() {
	clear(s.caseOf)
	clear(s.lastType)
	clear(s.hist)
}

// histCode sums up the history of a word: 0 if none, else 1 + the majority
// type (nTypes for O) times 2, plus 1 when every earlier label agreed.
func (s *docState) histCode(h uint64) uint64 {
	c := s.hist[h]
	if c == nil {
		return 0
	}
	best, n := 0, 0
	for t, v := range c {
		n += int(v)
		if v > c[best] {
			best = t
		}
	}
	code := uint64(1 + 2*best)
	if int(c[best]) == n {
		code++
	}
	return code
}

func caseBits(t *tok) uint8 {
	switch {
	case !t.hasLetter:
		return 0
	case t.allUpperLetter && utf8.RuneCountInString(t.word) > 1:
		return 4
	case t.upperInitial:
		return 2
	}
	return 1
}

// observe records the casing of the words of a sentence (whole document is
// observed before tagging).
func (s *docState) observe(ts []tok, headline bool) {
	for i := 1; i < len(ts); i++ {
		if headline {
			return
		}
		if b := caseBits(&ts[i]); b != 0 {
			s.caseOf[ts[i].hLower] |= b
		}
	}
}

// remember stores the labels a sentence got.
func (s *docState) remember(ts []tok, labels []int) {
	for i := range ts {
		if !ts[i].upperInitial {
			continue
		}
		v := uint8(0)
		if labels[i] > 0 {
			v = uint8(labelType(labels[i]) + 1)
		}
		s.lastType[ts[i].hLower] = v
		c := s.hist[ts[i].hLower]
		if c == nil {
			c = new([nTypes + 1]uint16)
			s.hist[ts[i].hLower] = c
		}
		k := nTypes
		if labels[i] > 0 {
			k = labelType(labels[i])
		}
		if c[k] < 1<<15 {
			c[k]++
		}
	}
}

// isHeadline: a sentence whose letters are nearly all capitals.
func isHeadline(ts []tok) bool {
	up, n := 0, 0
	for i := range ts {
		if ts[i].hasLetter {
			n++
			if ts[i].allUpperLetter {
				up++
			}
		}
	}
	return n >= 2 && up*10 >= n*8
}

// gazetteer maps hashed lowercase word sequences to 1+type.
type gazetteer struct {
	entries map[uint64]uint8
	maxLen  int
}

func gazKey(ts []tok) uint64 {
	h := uint64(fnvOff)
	for i := range ts {
		h = hnum(h, ts[i].hLower)
	}
	return h
}

// tokSeed keys the per-word entries: 0x80 | a bit per type of the names the
// word occurs in.
var tokSeed = tmpl(1000)

// wordTypes writes, per word, the bit set of the types of the training names
// that hold it (0 if none).
func (g *gazetteer) wordTypes(ts []tok, out []uint8) {
	for i := range ts {
		out[i] = 0
		if g != nil && ts[i].hasLetter {
			if v, ok := g.entries[hnum(tokSeed, ts[i].hLower)]; ok {
				out[i] = v &^ 0x80
			}
		}
	}
}

// tags returns, per word, a code 1+4*type+pos of its longest gazetteer match
// (0 if none), matching left to right.
func (g *gazetteer) tags(ts []tok, out []uint8) {
	for i := range out {
		out[i] = 0
	}
	if g == nil || len(g.entries) == 0 {
		return
	}
	for i := 0; i < len(ts); {
		best, bestT := 0, uint8(0)
		h := uint64(fnvOff)
		for j := i; j < len(ts) && j-i < g.maxLen; j++ {
			h = hnum(h, ts[j].hLower)
			if t, ok := g.entries[h]; ok {
				best, bestT = j-i+1, t
			}
		}
		if best == 0 {
			i++
			continue
		}
		ty := int(bestT - 1)
		if best == 1 {
			out[i] = uint8(label(ty, posU))
		} else {
			for k := 0; k < best; k++ {
				p := posI
				if k == 0 {
					p = posB
				} else if k == best-1 {
					p = posL
				}
				out[i+k] = uint8(label(ty, p))
			}
		}
		i += best
	}
}

var (
	kbOnce sync.Once
	kbBase *kb.KB
)

// theKB is the knowledge base the features read: the embedded one, without a
// user's additions, so that features mean what they meant in training.
func theKB() *kb.KB {
	kbOnce.Do(func() {
		k, err := kb.Embedded()
		if err != nil {
			k = kb.New() // the embedded data are tested; never reached
		}
		kbBase = k
	})
	return kbBase
}

func kbGiven(w string) bool { return theKB().Gender(w) != 0 }

// kbTags writes, per word, a code 1+4*kind+pos of the longest
// knowledge-base phrase over it (0 if none), matching left to right.
func kbTags(ts []tok, ws []kb.Word, out []uint8) ([]kb.Word, []uint8) {
	k := theKB()
	ws = ws[:0]
	for i := range ts {
		ws = append(ws, ts[i].kw)
	}
	out = out[:0]
	for range ts {
		out = append(out, 0)
	}
	for i := 0; i < len(ws); {
		n, hits := k.Longest(ws[i:])
		if n == 0 || len(hits) == 0 {
			i++
			continue
		}
		kind := int(hits[0].Entry.Kind)
		for j := 0; j < n; j++ {
			p := posI
			switch {
			case n == 1:
				p = posU
			case j == 0:
				p = posB
			case j == n-1:
				p = posL
			}
			out[i+j] = uint8(1 + 4*kind + p)
		}
		i += n
	}
	return ws, out
}

// staticFeatures appends the label-independent features of word i.
func staticFeatures(f []uint64, ts []tok, i int, gaz, gw, kbc []uint8, st *docState, headline bool) []uint64 {
	t := &ts[i]
	add := func(h uint64) { f = append(f, mix(h)) }
	add(seeds[fBias])
	add(t.hWord)
	add(hnum(seeds[fLower], t.hLower))
	add(t.hShape)
	add(hnum(seeds[fShort], t.hShort))
	if p := prefix(t.lower, 1); p != "" {
		add(hstr(seeds[fPre1], p))
	}
	if p := prefix(t.lower, 2); p != "" {
		add(hstr(seeds[fPre2], p))
	}
	if p := prefix(t.lower, 3); p != "" {
		add(hstr(seeds[fPre3], p))
	}
	if p := suffix(t.lower, 1); p != "" {
		add(hstr(seeds[fSuf1], p))
	}
	if p := suffix(t.lower, 2); p != "" {
		add(hstr(seeds[fSuf2], p))
	}
	if p := suffix(t.lower, 3); p != "" {
		add(hstr(seeds[fSuf3], p))
	}
	if p := suffix(t.lower, 4); p != "" {
		add(hstr(seeds[fSuf4], p))
	}
	lm1, lm2, lp1, lp2 := uint64(1), uint64(1), uint64(2), uint64(2)
	sm1, sp1 := uint64(1), uint64(2)
	wm1, wp1 := uint64(1), uint64(2)
	gm1, gp1 := uint64(99), uint64(99)
	cm1, cp1 := uint64(99), uint64(99)
	if i > 0 {
		lm1, sm1, wm1, gm1, cm1 = ts[i-1].hLower, ts[i-1].hShort, ts[i-1].hWord, uint64(gaz[i-1]), ts[i-1].cluster
	}
	if i > 1 {
		lm2 = ts[i-2].hLower
	}
	if i+1 < len(ts) {
		lp1, sp1, wp1, gp1, cp1 = ts[i+1].hLower, ts[i+1].hShort, ts[i+1].hWord, uint64(gaz[i+1]), ts[i+1].cluster
	}
	if i+2 < len(ts) {
		lp2 = ts[i+2].hLower
	}
	add(hnum(seeds[fLowerM1], lm1))
	add(hnum(seeds[fLowerP1], lp1))
	add(hnum(seeds[fLowerM2], lm2))
	add(hnum(seeds[fLowerP2], lp2))
	add(hnum(seeds[fShortM1], sm1))
	add(hnum(seeds[fShortP1], sp1))
	add(hnum(seeds[fWordM1], wm1))
	add(hnum(seeds[fWordP1], wp1))
	add(hnum(hnum(seeds[fBiM1], lm1), t.hLower))
	add(hnum(hnum(seeds[fBiP1], t.hLower), lp1))
	if i == 0 {
		add(hnum(seeds[fInitShort], t.hShort))
	}
	if headline {
		add(hnum(seeds[fHeadline], t.hLower))
	}
	if t.hasLetter {
		c := uint64(st.caseOf[t.hLower])
		add(hnum(hnum(seeds[fDocCase], c), t.hShort))
		if i == 0 || headline {
			add(hnum(seeds[fDocCaseInit], c))
		}
	}
	g := uint64(gaz[i])
	add(hnum(seeds[fGaz], g))
	add(hnum(hnum(seeds[fGazShort], g), t.hShort))
	add(hnum(hnum(seeds[fGazM1], gm1), g))
	add(hnum(hnum(seeds[fGazP1], gp1), g))
	if w := uint64(gw[i]); w != 0 {
		add(hnum(seeds[fGazTok], w))
		add(hnum(hnum(seeds[fGazTokShort], w), t.hShort))
	}
	if i > 0 && gw[i-1] != 0 {
		add(hnum(hnum(seeds[fGazTokM1], uint64(gw[i-1])), uint64(gw[i])))
	}
	if i+1 < len(ts) && gw[i+1] != 0 {
		add(hnum(hnum(seeds[fGazTokP1], uint64(gw[i+1])), uint64(gw[i])))
	}
	if t.upperInitial {
		if v, ok := st.lastType[t.hLower]; ok {
			add(hnum(seeds[fPrevType], uint64(v)))
			add(hnum(hnum(seeds[fPrevTypeShort], uint64(v)), t.hShort))
		}
	}
	if k := strings.IndexByte(t.lower, '-'); k > 0 && k < len(t.lower)-1 {
		add(hstr(seeds[fHyphen], t.lower[:k]))
		add(hstr(seeds[fHyphen]+1, t.lower[k+1:]))
	}
	add(hnum(seeds[fProf], uint64(t.prof)))
	add(hnum(hnum(seeds[fProfShort], uint64(t.prof)), t.hShort))
	if i > 0 {
		add(hnum(hnum(seeds[fProfM1], uint64(ts[i-1].prof)), uint64(t.prof)))
	}
	if i+1 < len(ts) {
		add(hnum(hnum(seeds[fProfP1], uint64(ts[i+1].prof)), uint64(t.prof)))
	}
	if t.cluster != 0 {
		add(hnum(seeds[fCluster2], t.cluster>>clusterFine))
	}
	if c := uint64(kbc[i]); c != 0 {
		add(hnum(seeds[fKB], c))
		add(hnum(hnum(seeds[fKBShort], c), t.hShort))
	}
	if i > 0 && kbc[i-1] != 0 {
		add(hnum(hnum(seeds[fKBM1], uint64(kbc[i-1])), t.hShort))
	}
	if i+1 < len(ts) && kbc[i+1] != 0 {
		add(hnum(hnum(seeds[fKBP1], uint64(kbc[i+1])), t.hShort))
	}
	if t.given {
		add(hnum(seeds[fGiven], t.hShort))
	}
	if i > 0 && ts[i-1].given {
		add(hnum(seeds[fGivenM1], t.hShort))
	}
	if t.upperInitial {
		h := st.histCode(t.hLower)
		add(hnum(seeds[fHist], h))
		add(hnum(hnum(seeds[fHistShort], h), t.hShort))
	}
	if t.cluster != 0 || cm1 != 99 || cp1 != 99 {
		add(hnum(seeds[fCluster], t.cluster))
		add(hnum(hnum(seeds[fClusterM1], cm1), t.cluster))
		add(hnum(hnum(seeds[fClusterP1], t.cluster), cp1))
	}
	return f
}

// dynFeatures appends the features that read the previous labels.
func dynFeatures(f []uint64, t *tok, y1, y2 int) []uint64 {
	a, b := uint64(y1+1), uint64(y2+1)
	f = append(f,
		mix(hnum(seeds[fY1], a)),
		mix(hnum(hnum(seeds[fY2], a), b)),
		mix(hnum(hnum(seeds[fY1Lower], a), t.hLower)),
		mix(hnum(hnum(seeds[fY1Short], a), t.hShort)),
	)
	return f
}
