package pos

import (
	"unicode"
	"unicode/utf8"

	"dateline/internal/perceptron"
)

// Feature templates. The numbers are part of the model: renumbering one
// invalidates trained models.
const (
	fBias = iota
	fForm
	fLower
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fShape
	fFlags
	fP1
	fP2
	fP1P2
	fP1Lower
	fLowerM1
	fLowerM2
	fLowerP1
	fLowerP2
	fSuf3M1
	fSuf3P1
	fLowerM1Lower
	fLowerLowerP1
	fP1LowerP1
	fShapeP1
	fShapeM1
	fP1Suf3
	fLowerM1LowerP1
	fSuf2P1
	fP1FlagsShape
	fSuf4P1
	fAmb
	fAmbP1
	fAmbP2
	fAmbAmbP1
	fP1AmbP1
	fAmbM1
	// Second pass (stacked): tags of the first pass.
	fR0
	fR1
	fR2
	fR1R2
	fP1R1
	fR0R1
	fR0Lower
	fR1Lower
	// Word classes learned from raw text (only in models that have them).
	fCl
	fClCoarse
	fClM1
	fClP1
	fClClP1
	fClM1Cl
	fCase
	fP1Cl
	fClSuf3
	fLowerAmbP1
	fLowerAmbP2
	fLowerAmbM1
	fAmbP1AmbP2
	fLowerShapeP1
	fSuf3AmbP1
	fAmbM1AmbAmbP1
	fP1AmbAmbP1
)

// Token flags.
const (
	flDigit = 1 << iota
	flHyphen
	flUpper
	flInitUpper
	flAllUpper
	flPeriod
	flNonASCII
	flFirst
	flAlpha
	flApos
)

// tokInfo is what feature extraction needs of one word, hashed once.
type tokInfo struct {
	form, lower, shape uint64
	suf                [4]uint64
	pre                [3]uint64
	amb                uint64 // hash of the word's ambiguity class (the tags it has in training)
	flags              int
	dict               int32  // class from the tag dictionary, or -1
	wc                 uint32 // word-class entry (see wordClass), 0 if none
}

// Hash values for positions outside the sentence.
var (
	hStart = perceptron.New(1000).Str("<s>").Sum()
	hEnd   = perceptron.New(1000).Str("</s>").Sum()
	hNoAmb = perceptron.New(1000).Str("<unseen>").Sum()
)

// lexicon is what prepare looks words up in.
type lexicon struct {
	dict    map[string]int32 // form → class for frequent unambiguous words
	ambIdx  map[string]int32 // lower-cased form → ambiguity class
	ambHash []uint64         // ambiguity class → hash
	// The same, keyed by the hashes prepare computes anyway (faster).
	dictH map[uint64]int32  // form hash → class
	ambH  map[uint64]uint64 // lower-case hash → ambiguity class hash
	// Word classes from raw text, by lower-cased form: bits 24-31 the case
	// profile, bits 12-23 1+the coarse cluster, bits 0-11 the fine cluster.
	wcls  map[string]uint32
	wclsH map[uint64]uint32 // the same by lower-case hash
}

// Parts of a word-class entry.
func wcCluster(v uint32) uint64 { return uint64(v & (1<<24 - 1)) }
func wcCoarse(v uint32) uint64  { return uint64(v>>12) & 0xfff }
func wcCase(v uint32) uint64    { return uint64(v >> 24) }

// index builds the hash-keyed maps from the string-keyed ones.
func (l *lexicon) index() {
	l.dictH = make(map[uint64]int32, len(l.dict))
	for w, c := range l.dict {
		l.dictH[perceptron.New(fForm).Str(w).Sum()] = c
	}
	l.ambH = make(map[uint64]uint64, len(l.ambIdx))
	for w, a := range l.ambIdx {
		if int(a) < len(l.ambHash) {
			l.ambH[perceptron.New(fLower).Str(w).Sum()] = l.ambHash[a]
		}
	}
	l.wclsH = make(map[uint64]uint32, len(l.wcls))
	for w, v := range l.wcls {
		l.wclsH[perceptron.New(fLower).Str(w).Sum()] = v
	}
}

// scratch is one goroutine's working memory for tagging a sentence.
type scratch struct {
	toks   []tokInfo
	feats  []uint64
	scores []float32
	tags   []int32
	right  []int32          // first-pass tags, for the second pass
	doc    map[uint64]uint8 // case evidence of the current document, by lower-case hash
	low    []byte
	shape  []byte
}

// prepare hashes the per-word parts of forms into s.toks.
func (s *scratch) prepare(forms []string, lex *lexicon) {
	s.toks = s.toks[:0]
	for i, w := range forms {
		var t tokInfo
		t.form = perceptron.New(fForm).Str(w).Sum()
		s.low = s.low[:0]
		s.shape = s.shape[:0]
		fl := 0
		if i == 0 {
			fl |= flFirst
		}
		upper, letters := 0, 0
		var last byte
		run := 0
		for k := 0; k < len(w); {
			c := w[k]
			var cls byte
			if c < utf8.RuneSelf {
				k++
				switch {
				case 'a' <= c && c <= 'z':
					cls = 'x'
					letters++
				case 'A' <= c && c <= 'Z':
					cls = 'X'
					letters++
					upper++
					c += 'a' - 'A'
				case '0' <= c && c <= '9':
					cls = 'd'
					fl |= flDigit
				default:
					cls = c
					switch c {
					case '-':
						fl |= flHyphen
					case '.':
						fl |= flPeriod
					case '\'':
						fl |= flApos
					}
				}
				s.low = append(s.low, c)
			} else {
				r, size := utf8.DecodeRuneInString(w[k:])
				k += size
				fl |= flNonASCII
				switch {
				case unicode.IsUpper(r):
					cls = 'X'
					letters++
					upper++
					r = unicode.ToLower(r)
				case unicode.IsLetter(r):
					cls = 'x'
					letters++
				case unicode.IsDigit(r):
					cls = 'd'
					fl |= flDigit
				case r == '’':
					cls = '\''
					fl |= flApos
				default:
					cls = 'o'
				}
				s.low = utf8.AppendRune(s.low, r)
			}
			if cls == last {
				run++
			} else {
				run = 1
				last = cls
			}
			if run <= 2 && len(s.shape) < 12 {
				s.shape = append(s.shape, cls)
			}
		}
		if upper > 0 {
			fl |= flUpper
			if len(s.shape) > 0 && s.shape[0] == 'X' {
				fl |= flInitUpper
			}
			if upper == letters {
				fl |= flAllUpper
			}
		}
		if letters > 0 {
			fl |= flAlpha
		}
		t.flags = fl
		t.lower = perceptron.New(fLower).Bytes(s.low).Sum()
		t.shape = perceptron.New(fShape).Bytes(s.shape).Sum()
		n := len(s.low)
		for k := 1; k <= 4; k++ {
			t.suf[k-1] = perceptron.New(fSuf1 + k - 1).Bytes(s.low[n-min(k, n):]).Sum()
		}
		for k := 1; k <= 3; k++ {
			t.pre[k-1] = perceptron.New(fPre1 + k - 1).Bytes(s.low[:min(k, n)]).Sum()
		}
		t.dict = -1
		if c, ok := lex.dictH[t.form]; ok {
			t.dict = c
		}
		t.amb = hNoAmb
		if a, ok := lex.ambH[t.lower]; ok {
			t.amb = a
		}
		t.wc = lex.wclsH[t.lower]
		s.toks = append(s.toks, t)
	}
}

func feat(tmpl int, v uint64) uint64 {
	return perceptron.New(tmpl).Int(int(v)).Sum()
}

func feat2(tmpl int, a, b uint64) uint64 {
	return perceptron.New(tmpl).Int(int(a)).Int(int(b)).Sum()
}

// featx says which optional feature templates a model uses.
type featx struct {
	classes bool // word classes (clusters, case profile) of the word and its neighbours
	look    int  // 1: the word with the ambiguity classes around it; 2: also more right-context conjunctions
}

// features appends the features of word i given the classes of the two
// words before it (p1, p2; -1 before the sentence start); classes says
// which optional templates the model has.
func (s *scratch) features(i int, p1, p2 int32, x featx) []uint64 {
	f := s.feats[:0]
	t := &s.toks[i]
	n := len(s.toks)
	lm1, lm2, lp1, lp2 := hStart, hStart, hEnd, hEnd
	sm1, sp1, shm1, shp1, s2p1, s4p1 := hStart, hEnd, hStart, hEnd, hEnd, hEnd
	am1, ap1, ap2 := hStart, hEnd, hEnd
	if i >= 1 {
		lm1, sm1, shm1, am1 = s.toks[i-1].lower, s.toks[i-1].suf[2], s.toks[i-1].shape, s.toks[i-1].amb
	}
	if i >= 2 {
		lm2 = s.toks[i-2].lower
	}
	if i+1 < n {
		u := &s.toks[i+1]
		lp1, sp1, shp1, s2p1, s4p1, ap1 = u.lower, u.suf[2], u.shape, u.suf[1], u.suf[3], u.amb
	}
	if i+2 < n {
		lp2, ap2 = s.toks[i+2].lower, s.toks[i+2].amb
	}
	q1, q2 := uint64(int64(p1)+2), uint64(int64(p2)+2)
	f = append(f,
		fBias,
		t.form,
		t.lower,
		t.suf[0], t.suf[1], t.suf[2], t.suf[3],
		t.pre[0], t.pre[1], t.pre[2],
		t.shape,
		feat(fFlags, uint64(t.flags)),
		feat(fP1, q1),
		feat(fP2, q2),
		feat2(fP1P2, q1, q2),
		feat2(fP1Lower, q1, t.lower),
		feat(fLowerM1, lm1),
		feat(fLowerM2, lm2),
		feat(fLowerP1, lp1),
		feat(fLowerP2, lp2),
		feat(fSuf3M1, sm1),
		feat(fSuf3P1, sp1),
		feat2(fLowerM1Lower, lm1, t.lower),
		feat2(fLowerLowerP1, t.lower, lp1),
		feat2(fP1LowerP1, q1, lp1),
		feat(fShapeP1, shp1),
		feat(fShapeM1, shm1),
		feat2(fP1Suf3, q1, t.suf[2]),
		feat2(fLowerM1LowerP1, lm1, lp1),
		feat(fSuf2P1, s2p1),
		perceptron.New(fP1FlagsShape).Int(int(q1)).Int(t.flags).Int(int(t.shape)).Sum(),
		feat(fSuf4P1, s4p1),
		feat(fAmb, t.amb),
		feat(fAmbP1, ap1),
		feat(fAmbP2, ap2),
		feat2(fAmbAmbP1, t.amb, ap1),
		feat2(fP1AmbP1, q1, ap1),
		feat(fAmbM1, am1),
	)
	if x.classes {
		cm1, cp1 := uint64(1<<25), uint64(1<<25+1) // outside the sentence
		if i >= 1 {
			cm1 = wcCluster(s.toks[i-1].wc)
		}
		if i+1 < n {
			cp1 = wcCluster(s.toks[i+1].wc)
		}
		c0 := wcCluster(t.wc)
		f = append(f,
			feat(fCl, c0),
			feat(fClCoarse, wcCoarse(t.wc)),
			feat(fClM1, cm1),
			feat(fClP1, cp1),
			feat2(fClClP1, c0, cp1),
			feat2(fClM1Cl, cm1, c0),
			perceptron.New(fCase).Int(int(wcCase(t.wc))).Int(t.flags&(flInitUpper|flFirst|flAllUpper)).Sum(),
			feat2(fP1Cl, q1, c0),
			feat2(fClSuf3, c0, t.suf[2]),
		)
	}
	if x.look > 0 {
		f = append(f,
			feat2(fLowerAmbP1, t.lower, ap1),
			feat2(fLowerAmbP2, t.lower, ap2),
			feat2(fLowerAmbM1, t.lower, am1),
			perceptron.New(fAmbP1AmbP2).Int(int(t.amb)).Int(int(ap1)).Int(int(ap2)).Sum(),
		)
		if x.look > 1 {
			f = append(f,
				feat2(fLowerShapeP1, t.lower, shp1),
				feat2(fSuf3AmbP1, t.suf[2], ap1),
				perceptron.New(fAmbM1AmbAmbP1).Int(int(am1)).Int(int(t.amb)).Int(int(ap1)).Sum(),
				feat2(fP1AmbAmbP1, q1, feat2(0, t.amb, ap1)),
			)
		}
	}
	s.feats = f
	return f
}

// features2 appends to features(i, p1, p2) the stacked features of the
// second pass, which sees the first pass's tags s.right on both sides.
func (s *scratch) features2(i int, p1, p2 int32, x featx) []uint64 {
	f := s.features(i, p1, p2, x)
	n := len(s.toks)
	r0 := uint64(int64(s.right[i]) + 2)
	r1, r2 := uint64(1), uint64(1) // past the end
	if i+1 < n {
		r1 = uint64(int64(s.right[i+1]) + 2)
	}
	if i+2 < n {
		r2 = uint64(int64(s.right[i+2]) + 2)
	}
	q1 := uint64(int64(p1) + 2)
	t := &s.toks[i]
	f = append(f,
		feat(fR0, r0),
		feat(fR1, r1),
		feat(fR2, r2),
		feat2(fR1R2, r1, r2),
		feat2(fP1R1, q1, r1),
		feat2(fR0R1, r0, r1),
		feat2(fR0Lower, r0, t.lower),
		feat2(fR1Lower, r1, t.lower),
	)
	s.feats = f
	return f
}
