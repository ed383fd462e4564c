package tokenize

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"dateline/internal/doc"
	"dateline/internal/perceptron"
	"dateline/models"
)

// The sentence-boundary classifier: an averaged perceptron that decides, at
// each candidate gap between two tokens, whether a sentence ends there. Its
// features include the rules' own decision, so it learns where the rules go
// wrong (web text without final punctuation, headings, lists). Candidates are
// the gaps after punctuation, before a capitalised word or opening quotation
// mark, and wherever the rules put a boundary; elsewhere no sentence ends.
// Without the model file ("sent") the rules decide alone.

// ModelName is the boundary classifier's name in the models package.
const ModelName = "sent"

var sentModel struct {
	once sync.Once
	m    *perceptron.Model
	err  error
}

// loadModel returns the built-in boundary model, or nil if there is none.
func loadModel() *perceptron.Model {
	sentModel.once.Do(func() {
		r, err := models.Open(ModelName)
		if err != nil {
			sentModel.err = err
			return
		}
		defer r.Close()
		sentModel.m, sentModel.err = perceptron.ReadModel(r)
	})
	return sentModel.m
}

// UseModel sets the boundary model (nil: rules only). For training and tests.
func UseModel(m *perceptron.Model) {
	sentModel.once.Do(func() {})
	sentModel.m = m
}

// ModelError is why the built-in model could not be loaded, if it could not.
func ModelError() error { loadModel(); return sentModel.err }

// candidate reports whether the gap after token i (before i+1) is one the
// classifier decides.
func candidate(text string, toks []doc.Token, i int, rule bool) bool {
	if rule {
		return true
	}
	f := text[toks[i].Start:toks[i].End]
	c := f[len(f)-1]
	if c < utf8.RuneSelf && !isAlnumByte(c) {
		return true
	}
	if c >= utf8.RuneSelf {
		r, _ := utf8.DecodeLastRuneInString(f)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
	}
	n := text[toks[i+1].Start:toks[i+1].End]
	r, _ := utf8.DecodeRuneInString(n)
	return unicode.IsUpper(r) || isOpener(r) || r == '"' || r == '\''
}

// Feature templates.
const (
	fBias = iota + 1
	fRule
	fForm
	fNext
	fPrev
	fShapes
	fFormNextShape
	fKindNextShape
	fNextStarter
	fRuleNextShape
	fPosBucket
	fNext2Shape
	fFormNext
	fSpace
	fNextNext2Shape
	fRun
	fRunKind
	fQuoted
	fParaFinal
	fNextKind
	fCue
	fCueShapes
)

// capRun follows the stretch of tokens since the last hard punctuation mark
// (".", "!", "?", ":", ";") or the start of the paragraph: how many words it
// has and how many of them are capitalised. A title-case stretch with no
// final punctuation followed by a capitalised word ("Peekaboo Cosplay as The
// Fawn | Image: ...", "Wong Kwok-kin of FTU | In the ...") is a heading,
// caption or list item glued to the next sentence.
type capRun struct {
	words, caps int
	quoted      bool // inside a double quotation
	paraFinal   bool // the paragraph ends with final punctuation
	dateStart   int  // the last weekday date seen ("Friday, March 4, 2005"): its first token
	dateEnd     int  // and the token after it (-1: none)
}

// add takes token f (the token before the gap) into the run.
func (r *capRun) add(f string) {
	c, _ := utf8.DecodeRuneInString(f)
	switch {
	case unicode.IsUpper(c):
		r.words++
		r.caps++
	case unicode.IsLetter(c) || unicode.IsDigit(c):
		r.words++
	default:
		switch f {
		case "\"":
			r.quoted = !r.quoted
		case "“":
			r.quoted = true
		case "”":
			r.quoted = false
		}
		if endKind(f) != notEnd || f == ":" || f == ";" {
			r.words, r.caps = 0, 0
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// newCapRun starts the run of the paragraph toks[first:last].
func newCapRun(text string, toks []doc.Token, first, last int) capRun {
	k := last - 1
	for k > first && isClosing(text[toks[k].Start:toks[k].End]) {
		k--
	}
	return capRun{paraFinal: k >= first && endKind(text[toks[k].Start:toks[k].End]) != notEnd, dateStart: -1, dateEnd: -1}
}

// next takes token i of the paragraph toks[:last] into the run.
func (r *capRun) next(text string, toks []doc.Token, i, last int) {
	if e := datePrefix(text, toks, i, last); e > i {
		r.dateStart, r.dateEnd = i, e
	}
	r.add(text[toks[i].Start:toks[i].End])
}

// class buckets the run: its length and whether it is title case.
func (r *capRun) class() (int, int) {
	t := 0
	switch {
	case r.words == 0:
	case r.caps == r.words:
		t = 1
	case 2*r.caps > r.words:
		t = 2
	default:
		t = 3
	}
	return bucket(r.words), t
}

// shape is a coarse class of a token: "X" capitalised, "XX" all capitals,
// "x" lower case, "d" digits, or the token itself if punctuation (up to 3
// bytes).
func shape(f string) string {
	r, _ := utf8.DecodeRuneInString(f)
	switch {
	case unicode.IsUpper(r):
		if len(f) > 1 {
			r2, _ := utf8.DecodeLastRuneInString(f)
			if unicode.IsUpper(r2) {
				return "XX"
			}
		}
		return "X"
	case unicode.IsLower(r):
		return "x"
	case unicode.IsDigit(r):
		if len(f) == 4 && allDigits(f) {
			return "dddd" // a year
		}
		return "d"
	}
	if len(f) > 3 {
		return f[:3]
	}
	return f
}

func lowerKey(f string) string {
	if len(f) > 16 {
		f = f[:16]
	}
	return f
}

func bucket(n int) int {
	switch {
	case n <= 2:
		return n
	case n <= 5:
		return 3
	case n <= 10:
		return 4
	case n <= 20:
		return 5
	}
	return 6
}

// gapFeatures appends the features of the gap after token i of the paragraph
// toks[first:last].
// rn is the run up to and including token i.
func gapFeatures(feats []uint64, text string, toks []doc.Token, first, last, i int, rule bool, rn capRun) []uint64 {
	form := func(k int) string { return text[toks[k].Start:toks[k].End] }
	f, n := form(i), form(i+1)
	prev, next2 := "<s>", "</s>"
	if i > first {
		prev = form(i - 1)
	}
	if i+2 < last {
		next2 = form(i + 2)
	}
	ruleBit := 0
	if rule {
		ruleBit = 1
	}
	fs, ns := shape(f), shape(n)
	lf := lowerKey(f)
	kind := int(endKind(f))
	starter := 0
	if inSetFold(starters, n) {
		starter = 1
	}
	rl, rt := rn.class()
	cue := 0 // a weekday date ends before the gap or starts after it, or a picture credit starts
	switch {
	case i+1 == rn.dateEnd:
		cue = 1
	case i+2 < last && creditLabel(text, toks, i+1):
		cue = 2
	case isUpperByte(n[0]):
		if e := datePrefix(text, toks, i+1, last); e == last {
			cue = 3 // a headline and its date
		} else if e > i+1 {
			cue = 4
		}
	}
	space := 0
	if toks[i+1].Start > toks[i].End {
		space = 1
	}
	feats = append(feats,
		perceptron.New(fBias).Sum(),
		perceptron.New(fRule).Int(ruleBit).Sum(),
		perceptron.New(fForm).Str(lf).Sum(),
		perceptron.New(fNext).Str(lowerKey(n)).Sum(),
		perceptron.New(fPrev).Str(lowerKey(prev)).Sum(),
		perceptron.New(fShapes).Str(shape(prev)).Str(fs).Str(ns).Sum(),
		perceptron.New(fFormNextShape).Str(lf).Str(ns).Sum(),
		perceptron.New(fKindNextShape).Int(kind).Str(ns).Int(starter).Sum(),
		perceptron.New(fNextStarter).Int(starter).Int(ruleBit).Sum(),
		perceptron.New(fRuleNextShape).Int(ruleBit).Str(fs).Str(ns).Sum(),
		perceptron.New(fPosBucket).Int(bucket(i-first)).Int(bucket(last-i-2)).Int(ruleBit).Sum(),
		perceptron.New(fNext2Shape).Str(fs).Str(ns).Str(shape(next2)).Sum(),
		perceptron.New(fFormNext).Str(lf).Str(lowerKey(n)).Sum(),
		perceptron.New(fSpace).Int(space).Str(fs).Str(ns).Sum(),
		perceptron.New(fNextNext2Shape).Str(lowerKey(n)).Str(shape(next2)).Sum(),
		perceptron.New(fRun).Int(rl).Int(rt).Str(ns).Int(starter).Sum(),
		perceptron.New(fRunKind).Int(rt).Int(kind).Str(fs).Str(ns).Sum(),
		perceptron.New(fQuoted).Int(b2i(rn.quoted)).Int(kind).Str(ns).Sum(),
		perceptron.New(fNextKind).Str(lowerKey(n)).Int(kind).Str(shape(next2)).Sum(),
		perceptron.New(fCue).Int(cue).Sum(),
		perceptron.New(fCueShapes).Int(cue).Str(fs).Str(ns).Sum(),
		perceptron.New(fParaFinal).Int(b2i(rn.paraFinal)).Int(kind).Int(rt).Str(ns).Sum(),
	)
	return feats
}

// datelineBoundary: a Wikinews dateline ("Friday, March 4, 2005") that
// opens the sentence ends at the gap after token i, or one that closes the
// paragraph, after its headline, starts there. Always a sentence of its own
// in GUM (the ten of its train and dev splits that close a paragraph; none
// of EWT's or GUM's dates without a weekday, which are left to the model).
func datelineBoundary(text string, toks []doc.Token, i, last, start int, rn capRun) bool {
	if i+1 == rn.dateEnd && rn.dateStart == start {
		return isUpperStart(text[toks[i+1].Start:toks[i+1].End])
	}
	return i+1 > start && closingDateline(text, toks, i, last)
}

// splitModel splits the paragraph toks[first:last] with the classifier m,
// given the rules' sentence starts (ruleStart[k-first] for token k).
func splitModel(m *perceptron.Model, text string, toks []doc.Token, first, last int, ruleStart []bool, sents []doc.Sentence) []doc.Sentence {
	var feats [32]uint64
	var scores [2]float32
	start := first
	rn := newCapRun(text, toks, first, last)
	for i := first; i+1 < last; i++ {
		rn.next(text, toks, i, last)
		if toks[i+1].InMWT {
			continue
		}
		rule := ruleStart[i+1-first]
		if !candidate(text, toks, i, rule) {
			continue
		}
		fs := gapFeatures(feats[:0], text, toks, first, last, i, rule, rn)
		m.Score(fs, scores[:])
		if scores[1] > scores[0] || datelineBoundary(text, toks, i, last, start, rn) {
			sents = addSentence(sents, text, toks, start, i+1)
			start = i + 1
		}
	}
	return addSentence(sents, text, toks, start, last)
}
