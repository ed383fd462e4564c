// Package quotes finds who said what: direct quotes (in quotation marks),
// indirect quotes (reported speech) and mixed ones, each with its cue, the
// span naming its speaker and the entity that span refers to.
//
// It works from tokens, sentences, quotation marks, a cue-verb lexicon and
// capitalisation; when the entity layer (Doc.Mentions) is present, each
// speaker span is linked to the entity whose mention covers it. Stage:
// Find, after entities and before events.
package quotes

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/internal/doc"
)

// pair is one run of text in quotation marks: tokens (open, close) are the
// marks; open is -1 when the opening mark was lost (the run starts at its
// sentence's start).
type pair struct {
	open, close int32 // token indices of the marks
	first, last int32 // content tokens [first, last)
	used        bool
}

type finder struct {
	d      *doc.Doc
	lower  []string // lower-case forms
	inQ    []int32  // per token: index of the pair whose content holds it, or -1
	pairs  []pair
	sentOf []int32 // per token: its sentence
	out    []doc.Quote
	cueTok []bool  // tokens already used as cues
	starts []int32 // first tokens of speakers of attributions found by direct
	tree   tree    // the model's: one sentence's tree at a time
	cands  []Cand  // the model's: one sentence's candidates at a time
	feats  []uint64
	// the quotes of out by the sentences they overlap, for the model's
	// relation lookups (out only grows while the model runs)
	bySent  [][]int32
	indexed int     // quotes of out already in bySent
	inside  []bool  // per pair: another pair holds it (set by findPairs)
	byStart []int32 // mention indices by start, and the longest mention, for entity
	maxMent int32
}

// Find fills d.Quotes. It needs tokens and sentences; it uses Mentions when
// present to set each quote's Speaker.
func Find(d *doc.Doc) error {
	d.Quotes = d.Quotes[:0]
	if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
		return nil
	}
	f := &finder{d: d}
	f.rules()
	if m := loadedModel(); m != nil {
		for si := range d.Sentences {
			f.learned(si, m)
		}
	}
	if d.Tokens[0].Rel != "" {
		f.widenCues()
	}
	f.leftovers()
	f.dropNested()
	sort.SliceStable(f.out, func(a, b int) bool { return key(f.out[a]) < key(f.out[b]) })
	for i := range f.out {
		f.out[i].Speaker = f.entity(f.out[i].SpeakerSpan)
	}
	d.Quotes = f.out
	return nil
}

// rules finds the quotes the rules see: quotation marks, transcript lines,
// direct quotes and reported speech.
func (f *finder) rules() {
	f.prepare()
	f.findPairs()
	f.colonLines()
	f.direct()
	for si := range f.d.Sentences {
		f.sentence(si)
	}
}

func key(q doc.Quote) int32 {
	if !q.Cue.Empty() {
		return q.Cue.Start
	}
	return q.Content.Start
}

func (f *finder) prepare() {
	d := f.d
	n := len(d.Tokens)
	f.lower = make([]string, n)
	f.inQ = make([]int32, n)
	f.sentOf = make([]int32, n)
	f.cueTok = make([]bool, n)
	for i := range d.Tokens {
		f.lower[i] = strings.ToLower(d.Form(i))
		f.inQ[i] = -1
		f.sentOf[i] = -1
	}
	for si, s := range d.Sentences {
		for i := s.First; i < s.Last && int(i) < n; i++ {
			f.sentOf[i] = int32(si)
		}
	}
}

// ---------------------------------------------------------------------------
// quotation marks

const (
	markNone = iota
	markOpen
	markClose
	markEither
)

// markOf classifies token i as an opening or closing quotation mark, and
// whether it is a single one.
func (f *finder) markOf(i int) (int, bool) {
	d := f.d
	t := d.Tokens[i]
	if t.Len() > 3 {
		return markNone, false
	}
	r, size := utf8.DecodeRuneInString(d.Text[t.Start:])
	if f := d.Text[t.Start:t.End]; f == "''" || f == "``" {
		r, size = '"', 2 // typewriter double marks (NYT style)
	}
	if size != t.Len() {
		return markNone, false
	}
	before := t.Start == 0 || isOpenCtx(d.Text, t.Start)
	after := int(t.End) >= len(d.Text) || isCloseCtx(d.Text, t.End)
	switch r {
	case '“', '«', '„':
		return markOpen, false
	case '”', '»':
		return markClose, false
	case '"':
		switch {
		case before && !after:
			return markOpen, false
		case after && !before:
			return markClose, false
		}
		return markEither, false
	case '‘':
		if before {
			return markOpen, true
		}
	case '’', '\'':
		if r == '\'' && before && !after {
			return markOpen, true
		}
		if after && !before {
			return markClose, true
		}
	}
	return markNone, false
}

func isOpenCtx(s string, off int32) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:off])
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/:", r)
}

func isCloseCtx(s string, off int32) bool {
	r, _ := utf8.DecodeRuneInString(s[off:])
	return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '\'' && r != '’'
}

// paraBreak reports whether a paragraph break lies between tokens i-1 and i.
func (f *finder) paraBreak(i int) bool {
	if i <= 0 || i >= len(f.d.Tokens) {
		return true
	}
	gap := f.d.Text[f.d.Tokens[i-1].End:f.d.Tokens[i].Start]
	return strings.Count(gap, "\n") >= 2 || (strings.Contains(gap, "\n") && len(f.d.Paragraphs) > 0)
}

// findPairs pairs the quotation marks. Double marks nest by a stack; an
// opening mark left open at a paragraph's end continues when the next
// paragraph opens with a mark (a quote over several paragraphs), else it is
// dropped; a closing mark with nothing open is a quote whose opening mark was
// lost, running from its sentence's start.
func (f *finder) findPairs() {
	d := f.d
	var stack []int32
	single := int32(-1)
	for i := range d.Tokens {
		if f.paraBreak(i) && i > 0 {
			single = -1
			if len(stack) > 0 {
				if m, _ := f.markOf(i); m == markOpen || m == markEither {
					stack = stack[:1] // the quote goes on; this paragraph's mark only reopens it
					continue
				}
				stack = stack[:0]
			}
		}
		m, sgl := f.markOf(i)
		if m == markNone {
			continue
		}
		if sgl {
			if len(stack) > 0 {
				continue // a quote inside a quote: part of the outer content
			}
			if m == markOpen {
				single = int32(i)
			} else if single >= 0 && int32(i)-single > 1 {
				f.pairs = append(f.pairs, pair{open: single, close: int32(i), first: single + 1, last: int32(i)})
				single = -1
			}
			continue
		}
		if m == markEither {
			if len(stack) > 0 {
				m = markClose
			} else {
				m = markOpen
			}
		}
		if m == markOpen {
			stack = append(stack, int32(i))
			continue
		}
		if len(stack) > 0 {
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if int32(i)-o > 1 {
				f.pairs = append(f.pairs, pair{open: o, close: int32(i), first: o + 1, last: int32(i)})
			}
			continue
		}
		// a closing mark with nothing open: the opening mark was lost
		si := f.sentOf[i]
		if si < 0 {
			continue
		}
		s := d.Sentences[si].First
		if int32(i)-s >= 3 {
			f.pairs = append(f.pairs, pair{open: -1, close: int32(i), first: s, last: int32(i)})
		}
	}
	sort.Slice(f.pairs, func(a, b int) bool {
		pa, pb := f.pairs[a], f.pairs[b]
		if pa.first != pb.first {
			return pa.first < pb.first
		}
		return pa.last > pb.last
	})
	// a pair is nested when one before it in this order (starting earlier,
	// or as early and ending later) ends no sooner; identical pairs do not count
	f.inside = make([]bool, len(f.pairs))
	maxLast := int32(-1)
	for g := 0; g < len(f.pairs); {
		h := g
		for h < len(f.pairs) && f.pairs[h].first == f.pairs[g].first && f.pairs[h].last == f.pairs[g].last {
			h++
		}
		for k := g; k < h; k++ {
			f.inside[k] = maxLast >= f.pairs[g].last
		}
		maxLast = max(maxLast, f.pairs[g].last)
		g = h
	}
	// outer pairs first, so inner ones do not claim the tokens
	for pi := len(f.pairs) - 1; pi >= 0; pi-- {
		p := f.pairs[pi]
		for k := p.first; k < p.last; k++ {
			f.inQ[k] = int32(pi)
		}
	}
}

// nested reports whether pair pi lies inside another pair.
func (f *finder) nested(pi int) bool { return f.inside[pi] }

// contentSpan is the text inside a pair, without the marks, surrounding
// space and a trailing comma.
func (f *finder) tokSpan(first, last int32) doc.Span {
	if last <= first {
		return doc.NoSpan
	}
	d := f.d
	for last > first && isComma(f.lower[last-1]) {
		last--
	}
	for first < last && (f.lower[first] == "," || f.lower[first] == ":") {
		first++
	}
	if last <= first {
		return doc.NoSpan
	}
	return doc.Span{Start: d.Tokens[first].Start, End: d.Tokens[last-1].End}
}

func isComma(s string) bool { return s == "," || s == ";" || s == ":" || s == "—" || s == "--" }

func isSentEnd(s string) bool { return s == "." || s == "?" || s == "!" }

// ---------------------------------------------------------------------------
// speakers

func (f *finder) isCap(i int32) bool {
	r, _ := utf8.DecodeRuneInString(f.d.Form(int(i)))
	return unicode.IsUpper(r)
}

func (f *finder) isWord(i int32) bool {
	r, _ := utf8.DecodeRuneInString(f.d.Form(int(i)))
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// skipAdjuncts moves j back over auxiliaries, adverbs and time phrases that
// stand between a speaker and its cue ("Trump on Tuesday also said").
func (f *finder) skipAdjuncts(j, lo int32) int32 {
	for j >= lo {
		w := f.lower[j]
		switch {
		case skipBack[w] || (strings.HasSuffix(w, "ly") && len(w) > 4 && !f.isCap(j)):
			j--
		case weekdays[w] && j-1 >= lo && (f.lower[j-1] == "on" || f.lower[j-1] == "last" || f.lower[j-1] == "this" || f.lower[j-1] == "next" || f.lower[j-1] == "that"):
			j -= 2
			if j >= lo && (f.lower[j] == "earlier" || f.lower[j] == "later") {
				j--
			}
		case weekdays[w] && j-2 >= lo && (f.lower[j-1] == "a" || f.lower[j-1] == "the") && f.lower[j-2] == "in":
			j -= 3
		default:
			return j
		}
	}
	return j
}

// backNP reads a speaker phrase backwards from token j (inclusive) within
// [lo, j]: names, pronouns, descriptions. It returns [a, b) or a == b.
func (f *finder) backNP(j, lo int32) (int32, int32) {
	b := j + 1
	a := b
	for k := j; k >= lo && b-k <= 10; k-- {
		w := f.lower[k]
		if w == "'s" || w == "’s" || w == "'" || w == "’" {
			if k-1 >= lo && f.isWord(k-1) {
				a = k
				continue
			}
			break
		}
		if w == "." && k-1 >= lo && len(f.lower[k-1]) <= 3 && f.isCap(k-1) { // U.S .
			a = k
			continue
		}
		if w == "of" || w == "for" || w == "-" || w == "&" {
			if a < b && k-1 >= lo && f.isWord(k-1) {
				a = k
				continue
			}
			break
		}
		if w == "and" {
			if a < b && f.isCap(a) && k-1 >= lo && f.isCap(k-1) {
				a = k
				continue
			}
			break
		}
		if !f.isWord(k) || stopWords[w] || cues[w].kind == cueSpeech && cueKnown(w) {
			break
		}
		if f.isCap(k) || pronouns[w] || !f.looksVerb(k) {
			a = k
			continue
		}
		break
	}
	// no "of", "for", "and" at the phrase's start; no sentence opener
	for a < b && (f.lower[a] == "of" || f.lower[a] == "for" || f.lower[a] == "and" || f.lower[a] == "-" ||
		f.lower[a] == "'s" || f.lower[a] == "’s" || leadWords[f.lower[a]]) {
		a++
	}
	return a, b
}

func cueKnown(w string) bool { _, ok := cues[w]; return ok }

// looksVerb guesses whether a lower-case word is a verb form (no POS layer
// needed; uses the tag when present).
func (f *finder) looksVerb(k int32) bool {
	t := f.d.Tokens[k]
	if t.UPOS != "" {
		return t.UPOS == "VERB" || t.UPOS == "AUX" || t.UPOS == "ADP" || t.UPOS == "SCONJ" || t.UPOS == "CCONJ"
	}
	w := f.lower[k]
	return strings.HasSuffix(w, "ed") && len(w) > 4 || cueKnown(w)
}

// namesSomeone reports whether tokens [a, b) can be a speaker put after its
// cue: a name the recogniser found, a personal pronoun, or a description with
// an article ("said a spokesman", "said the minister") — not "said Monday".
func (f *finder) namesSomeone(a, b int32) bool {
	named := false
	for k := a; k < b; k++ {
		t := &f.d.Tokens[k]
		if t.UPOS == "VERB" || t.UPOS == "AUX" {
			return false // a clause, not a phrase: "said the event brought back …"
		}
		named = named || strings.HasSuffix(t.NER, "PER") || strings.HasSuffix(t.NER, "ORG")
	}
	if named {
		return true
	}
	switch w := f.lower[a]; {
	case b-a == 1:
		return w == "he" || w == "she" || w == "they" || w == "we" || w == "i"
	default:
		return b-a <= 5 && (w == "the" || w == "a" || w == "an")
	}
}

// fwdNP reads a speaker phrase forwards from token i within [i, hi).
func (f *finder) fwdNP(i, hi int32) (int32, int32) {
	a, b := i, i
	for k := i; k < hi && k-i < 12; k++ {
		w := f.lower[k]
		if w == "'s" || w == "’s" || w == "of" || w == "for" || w == "-" || w == "&" || w == "and" {
			if b > a {
				continue
			}
			break
		}
		if w == "." && k > a && len(f.lower[k-1]) <= 3 && f.isCap(k-1) && k+1 < hi && f.isCap(k+1) {
			continue
		}
		if !f.isWord(k) || stopWords[w] || weekdays[w] && k > a && !f.isCap(k) {
			break
		}
		if cueKnown(w) && !f.isCap(k) {
			break
		}
		b = k + 1
	}
	return a, b
}

// speakerBefore finds the speaker of a cue at token c, reading back to lo.
// "X, who ..., said" and "X, a spokesman, said" skip the inserted clause.
func (f *finder) speakerBefore(c, lo int32) (int32, int32) {
	j := f.skipAdjuncts(c-1, lo)
	if j < lo {
		return c, c
	}
	if f.lower[j] == "," || f.lower[j] == "—" || f.lower[j] == ")" {
		// look for the comma that opens an inserted clause
		for k := j - 1; k > lo && j-k < 40; k-- {
			if f.lower[k] == "," || f.lower[k] == "—" || f.lower[k] == "(" {
				a, b := f.backNP(k-1, lo)
				if a < b && (a == lo || leadWords[f.lower[a-1]] || f.lower[a-1] == "," || f.lower[a-1] == ":") {
					if k+1 < j && (f.lower[k+1] == "who" || f.lower[k+1] == "which") {
						return a, b // "X, who ..., said": the speaker is X
					}
					return a, j
				}
				break
			}
			if f.inQ[k] >= 0 || isSentEnd(f.lower[k]) {
				break
			}
		}
		return c, c
	}
	if f.lower[j] == "to" || f.lower[j] == "who" && false {
		return c, c
	}
	if f.lower[j] == "who" || f.lower[j] == "which" {
		// "X, who said ..." : the speaker is X
		if j-1 >= lo && f.lower[j-1] == "," {
			return f.backNP(j-2, lo)
		}
		return c, c
	}
	return f.backNP(j, lo)
}

// ---------------------------------------------------------------------------
// direct quotes

type attribution struct {
	cue     doc.Span
	speaker doc.Span
	ok      bool
	endTok  int32 // first token after the attribution
}

// after looks for "…,” he said" / "…,” said X" right after a closing mark.
func (f *finder) after(p pair) attribution {
	d := f.d
	i := p.close + 1
	si := f.sentOf[p.close]
	if si < 0 {
		return attribution{}
	}
	end := d.Sentences[si].Last
	// the sentence may have ended inside the quote ("… takes.” he said)
	if i >= end && int(i) < len(d.Tokens) && !f.paraBreak(int(i)) {
		if nsi := f.sentOf[i]; nsi >= 0 {
			end = d.Sentences[nsi].Last
		}
	}
	if i < end && f.lower[i] == "," {
		i++
	}
	for c := i; c < end && c-i <= 7; c++ {
		w := f.lower[c]
		if isSentEnd(w) || w == ";" || f.inQ[c] >= 0 {
			break
		}
		if m, _ := f.markOf(int(c)); m != markNone {
			break
		}
		ci, ok := cues[w]
		if !ok || ci.kind != cueSpeech && !(w == "says" || w == "said" || w == "added" || w == "wrote") {
			if c > i && (stopWords[w] && !pronouns[w] && w != "also" && !skipBack[w]) {
				break
			}
			continue
		}
		at := attribution{cue: d.Tokens[c].Span, ok: true}
		if c > i {
			a, b := f.backNP(f.skipAdjuncts(c-1, i), i)
			if a == b || a != i {
				return attribution{}
			}
			at.speaker = doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End}
		} else {
			a, b := f.fwdNP(c+1, end)
			if a == b {
				return attribution{}
			}
			at.speaker = doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End}
			c = b - 1
		}
		k := c + 1
		for k < end && !isSentEnd(f.lower[k]) && f.lower[k] != "," && f.inQ[k] < 0 {
			if m, _ := f.markOf(int(k)); m != markNone {
				break
			}
			k++
		}
		at.endTok = k
		return at
	}
	return attribution{}
}

// afterFar looks further after a closing mark for its attribution when the
// speaker phrase is long: "…,” said Luis Rubio, who heads …" or "…,”
// Michael McFaul, a senior fellow at …, said."
func (f *finder) afterFar(p pair) attribution {
	d := f.d
	i := p.close + 1
	si := f.sentOf[p.close]
	if si < 0 || int(i) >= len(d.Tokens) {
		return attribution{}
	}
	end := d.Sentences[si].Last
	if i >= end && !f.paraBreak(int(i)) {
		if nsi := f.sentOf[i]; nsi >= 0 {
			end = d.Sentences[nsi].Last
		}
	}
	if i < end && f.lower[i] == "," {
		i++
	}
	for c := i; c < end && c-i <= 30; c++ {
		w := f.lower[c]
		if isSentEnd(w) || w == ";" || f.inQ[c] >= 0 || f.isMark(c) {
			break
		}
		ci, ok := cues[w]
		if !ok || ci.kind != cueSpeech || ci.ing {
			continue
		}
		at := attribution{cue: d.Tokens[c].Span, ok: true}
		if c == i {
			a, b := f.fwdNP(c+1, end)
			if a == b {
				return attribution{}
			}
			at.speaker = doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End}
		} else {
			a, b := f.speakerBefore(c, i)
			if a == b || a != i {
				return attribution{}
			}
			at.speaker = doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End}
		}
		k := c + 1
		for k < end && !isSentEnd(f.lower[k]) && f.inQ[k] < 0 && !f.isMark(k) {
			k++
		}
		at.endTok = k
		return at
	}
	return attribution{}
}

// hasCue reports whether tokens [a, b) outside quotation marks hold a
// speech cue.
func (f *finder) hasCue(a, b int32) bool {
	for k := a; k < b; k++ {
		if f.inQ[k] >= 0 {
			continue
		}
		if c, ok := cues[f.lower[k]]; ok && c.kind == cueSpeech {
			return true
		}
		if f.lower[k] == "according" {
			return true
		}
	}
	return false
}

// before looks for "X said: “…" / "X said, “…" right before an opening mark.
func (f *finder) before(p pair) attribution {
	d := f.d
	if p.open < 0 {
		return attribution{}
	}
	si := f.sentOf[p.open]
	if si < 0 {
		return attribution{}
	}
	lo := d.Sentences[si].First
	j := p.open - 1
	if j < lo {
		return attribution{}
	}
	punct := false
	if f.lower[j] == ":" || f.lower[j] == "," || f.lower[j] == "—" {
		j--
		punct = true
	}
	// "said in a statement:", "told reporters:", "said on Tuesday,"
	for k := j; k >= lo && j-k <= 4; k-- {
		w := f.lower[k]
		if f.inQ[k] >= 0 {
			break
		}
		ci, ok := cues[w]
		if !ok {
			continue
		}
		if ci.kind == cueWeak && !punct {
			break
		}
		if k < j && !punct {
			break
		}
		if k < j && !ci.obj && !(f.lower[k+1] == "in" || f.lower[k+1] == "on" || f.lower[k+1] == "to" || f.lower[k+1] == "at" || f.lower[k+1] == "of" || f.lower[k+1] == "during" || f.lower[k+1] == "after" || f.lower[k+1] == "before") {
			break
		}
		var a, b int32
		if ci.ing && k-1 >= lo && f.lower[k-1] == "," {
			a, b = f.fwdNP(f.subjectStart(lo), k)
		} else {
			a, b = f.speakerBefore(k, lo)
		}
		at := attribution{cue: d.Tokens[k].Span, ok: true}
		if a < b {
			at.speaker = doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End}
		} else {
			at.speaker = doc.NoSpan
		}
		if at.speaker == doc.NoSpan && !punct {
			return attribution{}
		}
		f.cueTok[k] = true
		return at
	}
	return attribution{}
}

// subjectStart is the first token of the main clause's subject in a sentence
// starting at lo (after openers and an introductory phrase before a comma).
func (f *finder) subjectStart(lo int32) int32 {
	k := lo
	for leadWords[f.lower[k]] || f.lower[k] == "," {
		k++
	}
	return k
}

// direct attributes every run in quotation marks that has a cue next to it.
func (f *finder) direct() {
	d := f.d
	var lastSpeaker, lastCue doc.Span = doc.NoSpan, doc.NoSpan
	lastPara := -10
	paraOf := func(tok int32) int {
		n := 0
		for i := 1; i <= int(tok); i++ {
			if f.paraBreak(i) {
				n++
			}
		}
		return n
	}
	_ = paraOf
	para := 0
	paraAt := make([]int32, len(d.Tokens))
	for i := range d.Tokens {
		if i > 0 && f.paraBreak(i) {
			para++
		}
		paraAt[i] = int32(para)
	}
	for pi := 0; pi < len(f.pairs); pi++ {
		p := &f.pairs[pi]
		if p.used || f.nested(pi) {
			continue
		}
		last := p.last
		closeTok := p.close
		first0 := int32(-1)
		at := f.before(*p)
		if !at.ok {
			at = f.after(*p)
			if !at.ok {
				at = f.afterFar(*p)
			}
			// “…,” he said, “…” — one quote split by its attribution (PolNeAR
			// marks both parts as one content; we give its covering extent)
			if at.ok && pi+1 < len(f.pairs) {
				if q := &f.pairs[pi+1]; !q.used && q.open == at.endTok+1 && isComma(f.lower[at.endTok]) {
					q.used = true
					last = q.last
					closeTok = q.close
				}
			}
			if at.ok {
				f.markCue(at.cue)
				// “…” X said of a quote that opens mid-sentence: the words
				// before it are part of the content (a mixed quote)
				if si := f.sentOf[p.first]; p.open > 0 && si >= 0 {
					if s0 := f.d.Sentences[si].First; s0 < p.open && !f.hasCue(s0, p.open) {
						first0 = s0
					}
				}
			}
		}
		first := p.first
		if first0 >= 0 {
			first = first0
		}
		if at.ok {
			// further quotes of the same paragraph with no attribution of
			// their own go on the same quote
			for pj := pi + 1; pj < len(f.pairs); pj++ {
				q := &f.pairs[pj]
				if q.used || f.nested(pj) || q.open < 0 || paraAt[q.open] != paraAt[closeTok] {
					break
				}
				si := f.sentOf[q.open]
				if si < 0 || q.open != d.Sentences[si].First {
					break
				}
				if b := f.before(*q); b.ok {
					break
				}
				if a := f.after(*q); a.ok {
					break
				}
				if f.hasCue(d.Sentences[si].First, d.Sentences[si].Last) {
					break // the sentence has an attribution of its own
				}
				q.used = true
				last, closeTok = q.last, q.close
			}
		}
		if !at.ok {
			// a quote that opens a sentence after "X said:" or continues a
			// speaker's quote in the next paragraph
			si := f.sentOf[p.first]
			startsSent := si >= 0 && (p.open == d.Sentences[si].First || p.open < 0)
			if startsSent && si > 0 {
				prev := d.Sentences[si-1]
				if prev.Last > prev.First && f.lower[prev.Last-1] == ":" {
					for k := prev.Last - 2; k >= prev.First && prev.Last-k < 6; k-- {
						if c, ok := cues[f.lower[k]]; ok && c.kind == cueSpeech {
							a, b := f.speakerBefore(k, prev.First)
							at = attribution{cue: d.Tokens[k].Span, ok: true, speaker: doc.NoSpan}
							if a < b {
								at.speaker = doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End}
							}
							f.cueTok[k] = true
							break
						}
					}
				}
			}
			if !at.ok && startsSent && lastSpeaker != doc.NoSpan && int(paraAt[first])-lastPara <= 1 {
				at = attribution{ok: true, speaker: lastSpeaker, cue: doc.NoSpan}
				_ = lastCue
			}
		}
		if !at.ok {
			continue
		}
		p.used = true
		span := f.tokSpan(first, last)
		if span.Empty() {
			continue
		}
		if at.cue == (doc.Span{}) {
			at.cue = doc.NoSpan
		}
		if at.speaker == (doc.Span{}) {
			at.speaker = doc.NoSpan
		}
		kind := "direct"
		if first0 >= 0 {
			kind = "mixed"
		}
		f.out = append(f.out, doc.Quote{Kind: kind, Content: span, Cue: at.cue, SpeakerSpan: at.speaker,
			Speaker: -1, Sentence: f.sentOf[first]})
		if at.speaker != doc.NoSpan {
			if st := d.TokenAt(at.speaker.Start); st >= 0 {
				f.starts = append(f.starts, int32(st))
			}
			lastSpeaker, lastCue = at.speaker, at.cue
			lastPara = int(paraAt[closeTok])
		}
	}
}

func (f *finder) markCue(s doc.Span) {
	if s.Empty() {
		return
	}
	if i := f.d.TokenAt(s.Start); i >= 0 {
		f.cueTok[i] = true
	}
}

// colonLines finds "SPEAKER: words" paragraphs: interview transcripts
// ("PENCE: Well, look, …") and headlines ("Poll: Wealthy Voters Abandon …"),
// which PolNeAR annotates as attributions with the colon as cue.
func (f *finder) colonLines() {
	d := f.d
	n := int32(len(d.Tokens))
	for start := int32(0); start < n; {
		end := start + 1
		for end < n && !f.paraBreak(int(end)) {
			end++
		}
		f.colonLine(start, end)
		start = end
	}
}

func (f *finder) colonLine(start, end int32) {
	d := f.d
	if start < end && f.isMark(start) {
		start++ // a transcript line in quotation marks
	}
	c := int32(-1)
	for k := start; k < end && k-start <= 5; k++ {
		if f.lower[k] == ":" {
			c = k
			break
		}
	}
	if c <= start || end-c < 4 || colonStop[f.lower[start]] {
		return
	}
	caps, allCaps, place := true, true, false
	for k := start; k < c; k++ {
		w := d.Form(int(k))
		if !f.isWord(k) {
			if w != "." && w != "'s" && w != "’s" && w != "-" {
				return
			}
			continue
		}
		if !f.isCap(k) {
			caps = false
		}
		if t := d.Tokens[k].NER; strings.HasSuffix(t, "LOC") || strings.HasSuffix(t, "GPE") {
			place = true // a dateline: "New York: …"
		}
		if strings.ToUpper(w) != w {
			allCaps = false
		}
	}
	if !allCaps && !(start == 0 && caps && !place) {
		return
	}
	first, last := c+1, end
	for last > first && (f.lower[last-1] == "." || f.isMark(last-1)) {
		last--
	}
	span := f.tokSpan(first, last)
	if span.Empty() {
		return
	}
	for k := first; k < end; k++ {
		f.cueTok[k] = true
		if pi := f.inQ[k]; pi >= 0 {
			f.pairs[pi].used = true
		}
	}
	for k := start; k <= c; k++ {
		f.cueTok[k] = true
	}
	if m, _ := f.markOf(int(first)); m == markOpen {
		// a quote opening here is this line's; it may not run into the next
		for pi := range f.pairs {
			if f.pairs[pi].open == first {
				f.pairs[pi].used = true
			}
		}
	}
	// direct when in quotation marks from its start to a closing mark at
	// its end, as PolNeAR counts a direct quote; a transcript line without
	// them, or one whose quote goes on in the next paragraph, is not
	kind := f.kindOf(first, last)
	closed := false
	for k := last; k < end; k++ {
		closed = closed || f.isMark(k)
	}
	if kind == "direct" && !closed {
		kind = "indirect"
	}
	f.out = append(f.out, doc.Quote{Kind: kind, Content: span, Cue: d.Tokens[c].Span,
		SpeakerSpan: doc.Span{Start: d.Tokens[start].Start, End: d.Tokens[c-1].End}, Speaker: -1,
		Sentence: f.sentOf[first]})
}

var colonStop = toSet("correction", "update", "updated", "editor", "editor's", "note", "watch", "related", "photo",
	"video", "read", "see", "source", "sources", "disclosure", "clarification", "breaking", "exclusive", "live",
	"q", "a", "the", "why", "how", "what", "when", "where", "who", "more", "also", "via", "h/t", "ps", "p.s")

// ---------------------------------------------------------------------------
// reported speech

type cand struct {
	cue        int32 // cue token
	cueEnd     int32 // one past the cue's last token
	spkA, spkB int32 // speaker tokens
	post       bool  // content before the cue
	ingc       bool  // ", saying ...": the speaker is the main clause's subject
	accord     bool  // "according to"
}

// sentence finds reported speech in sentence si.
func (f *finder) sentence(si int) {
	d := f.d
	s := d.Sentences[si]
	lo, hi := s.First, s.Last
	for hi > lo && (isSentEnd(f.lower[hi-1]) || f.isMark(hi-1)) {
		hi--
	}
	if hi-lo < 3 {
		return
	}
	var cs []cand
	for i := lo; i < hi; i++ {
		if f.inQ[i] >= 0 || f.cueTok[i] {
			continue
		}
		w := f.lower[i]
		if w == "according" && i+1 < hi && f.lower[i+1] == "to" {
			a, b := f.fwdNP(i+2, hi)
			if a < b {
				cs = append(cs, cand{cue: i, cueEnd: i + 2, spkA: a, spkB: b, accord: true})
			}
			continue
		}
		ci, ok := cues[w]
		if callForms[w] && i+1 < hi && (f.lower[i+1] == "for" || f.lower[i+1] == "on") {
			ci, ok = cueInfo{kind: cueSpeech}, true
		}
		if !ok {
			continue
		}
		if i > lo && (f.lower[i-1] == "'s" || f.lower[i-1] == "’s" || f.lower[i-1] == "these" || f.lower[i-1] == "those" || f.lower[i-1] == "our" || f.lower[i-1] == "my" || f.lower[i-1] == "your" || f.lower[i-1] == "of" || f.lower[i-1] == "an" || f.lower[i-1] == "to" || f.lower[i-1] == "the" || f.lower[i-1] == "a" || f.lower[i-1] == "his" || f.lower[i-1] == "her" || f.lower[i-1] == "their" || f.lower[i-1] == "its") {
			continue // infinitive or noun
		}
		if i > lo && (f.lower[i-1] == "was" || f.lower[i-1] == "were" || f.lower[i-1] == "been" || f.lower[i-1] == "being" || f.lower[i-1] == "is" || f.lower[i-1] == "are" || f.lower[i-1] == "be") {
			continue // passive
		}
		cueEnd := i + 1
		if i+1 < hi && (f.lower[i+1] == "for" || f.lower[i+1] == "on") && callForms[w] {
			cueEnd = i + 2
		}
		if ci.ing && i > lo && f.lower[i-1] == "," {
			a := f.subjectStart(lo)
			a, b := f.fwdNP(a, i)
			if a < b {
				cs = append(cs, cand{cue: i, cueEnd: cueEnd, spkA: a, spkB: b, ingc: true})
			}
			continue
		}
		// inversion: "The deal is dead, said Tom Reed.": a speaker after the
		// cue, taken before reading one backwards through the content when it
		// names someone, else only when nothing before the cue does
		var invA, invB int32
		if ci.kind == cueSpeech && i > lo && (f.lower[i-1] == "," || f.isMark(i-1)) {
			if a, b := f.fwdNP(i+1, hi); a < b && (b >= hi || f.lower[b] == ",") {
				invA, invB = a, b
			}
		}
		if invA < invB && f.namesSomeone(invA, invB) {
			cs = append(cs, cand{cue: i, cueEnd: i + 1, spkA: invA, spkB: invB, post: true})
			continue
		}
		a, b := f.speakerBefore(i, lo)
		if a == b {
			if j := f.skipAdjuncts(i-1, lo); j > lo && (f.lower[j] == "and" || f.lower[j] == "but") {
				a, b = f.fwdNP(f.subjectStart(lo), j)
			}
		}
		if a == b && strongCues[w] {
			a, b = f.subjectBefore(i, lo)
		}
		if a < b {
			cs = append(cs, cand{cue: i, cueEnd: cueEnd, spkA: a, spkB: b})
			continue
		}
		if invA < invB {
			cs = append(cs, cand{cue: i, cueEnd: i + 1, spkA: invA, spkB: invB, post: true})
		}
	}
	for ci := range cs {
		f.build(si, lo, hi, cs, ci)
	}
	f.parsed(si, lo, hi)
}

// parsed uses the dependency parse, when present, for verbs no cue rule
// took: a verb with a clausal complement (ccomp) and a named or personal
// subject is an attribution — the subject is the speaker and the
// complement's subtree the content ("Clinton rejected the idea that …"
// stays out: only clauses).
func (f *finder) parsed(si int, lo, hi int32) {
	d := f.d
	if hi-lo < 4 || d.Tokens[lo].Rel == "" {
		return
	}
	var minT, maxT []int32 // subtree extents, by token - lo
	for i := lo; i < hi; i++ {
		t := d.Tokens[i]
		if t.Rel != "ccomp" || f.inQ[i] >= 0 {
			continue
		}
		v := t.Head
		if v < lo || v >= hi || f.cueTok[v] || f.inQ[v] >= 0 || d.Tokens[v].UPOS != "VERB" {
			continue
		}
		subj := int32(-1)
		for k := lo; k < hi; k++ {
			if d.Tokens[k].Head == v && d.Tokens[k].Rel == "nsubj" {
				subj = k
				break
			}
		}
		if subj < 0 || subj > v {
			continue
		}
		st := d.Tokens[subj]
		if !(st.UPOS == "PROPN" || st.UPOS == "PRON" && personPronouns[f.lower[subj]] || st.UPOS == "NOUN" && speakerNouns[f.lower[subj]] ||
			strings.HasSuffix(st.NER, "PER") || strings.HasSuffix(st.NER, "ORG")) {
			continue
		}
		if minT == nil {
			minT, maxT = f.subtrees(lo, hi)
		}
		first, last := minT[i-lo], maxT[i-lo]+1
		if first <= v || last-first < 3 || f.covered(first, last) {
			continue
		}
		if last > hi {
			last = hi
		}
		span := f.tokSpan(first, last)
		if span.Empty() {
			continue
		}
		kind := "indirect"
		for k := first; k < last; k++ {
			if f.inQ[k] >= 0 {
				kind = "mixed"
				break
			}
		}
		a, b := minT[subj-lo], maxT[subj-lo]+1
		f.cueTok[v] = true
		f.out = append(f.out, doc.Quote{Kind: kind, Content: span, Cue: d.Tokens[v].Span,
			SpeakerSpan: doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End}, Speaker: -1,
			Sentence: int32(si)})
	}
}

var personPronouns = toSet("he", "she", "they", "we", "i")

// speakerNouns are common nouns that head a speaker phrase.
var speakerNouns = toSet("officials", "official", "spokesman", "spokeswoman", "spokesperson", "aides", "aide",
	"advisers", "adviser", "critics", "supporters", "voters", "democrats", "republicans", "poll", "survey",
	"report", "study", "campaign", "lawmakers", "experts", "analysts", "people", "sources", "source",
	"leaders", "president", "senator", "candidate", "nominee", "governor", "statement", "respondents")

// subtrees gives each token of [lo, hi) the first and last token of its
// subtree.
func (f *finder) subtrees(lo, hi int32) ([]int32, []int32) {
	n := hi - lo
	minT, maxT := make([]int32, n), make([]int32, n)
	for k := lo; k < hi; k++ {
		minT[k-lo], maxT[k-lo] = k, k
	}
	for k := lo; k < hi; k++ {
		h := f.d.Tokens[k].Head
		for steps := 0; h >= lo && h < hi && steps < int(n); steps++ {
			minT[h-lo] = min(minT[h-lo], k)
			maxT[h-lo] = max(maxT[h-lo], k)
			h = f.d.Tokens[h].Head
		}
	}
	return minT, maxT
}

// covered reports whether tokens [a, b) overlap a quote already found.
func (f *finder) covered(a, b int32) bool {
	s, e := f.d.Tokens[a].Start, f.d.Tokens[b-1].End
	for _, q := range f.out {
		if q.Content.Start < e && s < q.Content.End {
			return true
		}
	}
	return false
}

// strongCues are the unambiguous speech verbs: with no speaker phrase found
// by the rules, the whole subject before them is taken.
var strongCues = toSet("said", "says", "told", "tells", "added", "adds", "wrote", "writes", "tweeted",
	"argued", "argues", "warned", "warns", "insisted", "insists", "noted", "notes", "explained", "explains")

// subjectBefore is the sentence's subject before the cue at token c: from
// the subject's start to the cue (skipping auxiliaries and adverbs), when
// that holds no clause boundary.
func (f *finder) subjectBefore(c, lo int32) (int32, int32) {
	a := f.subjectStart(lo)
	j := f.skipAdjuncts(c-1, lo)
	if j < a || j-a > 25 {
		return c, c
	}
	for k := a; k <= j; k++ {
		w := f.lower[k]
		if f.inQ[k] >= 0 || w == "that" || w == ";" || isSentEnd(w) || f.isMark(k) || f.cueTok[k] {
			return c, c
		}
		if _, ok := cues[w]; ok && !f.isCap(k) {
			return c, c
		}
	}
	for j >= a && (f.lower[j] == "," || f.lower[j] == ")" || f.lower[j] == "—") {
		j--
	}
	if j < a {
		return c, c
	}
	return a, j + 1
}

func (f *finder) isMark(i int32) bool {
	m, _ := f.markOf(int(i))
	return m != markNone
}

// build makes the quote of candidate cs[ci] in a sentence [lo, hi).
func (f *finder) build(si int, lo, hi int32, cs []cand, ci int) {
	d := f.d
	c := cs[ci]
	info := cues[f.lower[c.cue]]
	if callForms[f.lower[c.cue]] {
		info = cueInfo{kind: cueSpeech}
	}
	var first, last int32
	switch {
	case c.accord:
		if c.spkA-2 <= f.subjectStart(lo) {
			// According to X, content.
			first = c.spkB
			last = hi
		} else {
			first = lo
			last = c.cue
		}
	case c.post:
		first, last = f.subjectStart(lo), c.cue
	default:
		k := c.cueEnd
		// content before the cue: "Content, X said." (nothing after the cue
		// but a time or "in a statement")
		tail := k
		for tail < hi && (f.lower[tail] == "in" || f.lower[tail] == "on" || f.lower[tail] == "a" || f.lower[tail] == "an" ||
			f.lower[tail] == "the" || f.lower[tail] == "this" || f.lower[tail] == "last" || weekdays[f.lower[tail]] ||
			skipBack[f.lower[tail]] || strings.HasSuffix(f.lower[tail], "ly")) {
			tail++
		}
		if tail >= hi || f.lower[tail] == "," && tail+1 < hi && f.isMark(tail+1) {
			// postposed
			j := c.spkA - 1
			if j >= lo && (f.lower[j] == "," || f.isMark(j)) {
				for j >= lo && (f.lower[j] == "," || f.isMark(j)) {
					j--
				}
				first, last = f.subjectStart(lo), j+1
				break
			}
			return
		}
		if f.lower[k] == "," && c.spkA > lo && f.lower[c.spkA-1] == "," && c.spkA-1 > f.subjectStart(lo) {
			// "Acts of protest, Mr. Obama said, are acts of patriotism"
			first, last = f.subjectStart(lo), hi
			break
		}
		if f.lower[k] == "," || f.lower[k] == ":" {
			k++
		}
		if info.obj {
			// told reporters that / told CNN: / urged X to
			for m := k; m < hi && m-k < 8; m++ {
				w := f.lower[m]
				if w == "that" || w == ":" || w == "," || f.isMark(m) {
					k = m
					if w != "that" {
						k++
					}
					break
				}
				if w == "to" && (f.lower[c.cue] != "told" && f.lower[c.cue] != "tell") {
					k = m + 1
					break
				}
			}
		} else {
			// said on Tuesday that ...
			for m := k; m < hi && m-k < 7; m++ {
				w := f.lower[m]
				if w == "that" {
					k = m
					break
				}
				if !(weekdays[w] || skipBack[w] || w == "on" || w == "in" || w == "a" || w == "an" || w == "the" ||
					w == "this" || w == "last" || w == "earlier" || w == "later" || w == "at" || w == "during" ||
					w == "interview" || w == "with" || f.isCap(m) || strings.HasSuffix(w, "ly") ||
					f.d.Tokens[m].UPOS == "NOUN" || f.d.Tokens[m].UPOS == "ADJ" || f.d.Tokens[m].UPOS == "DET" ||
					f.d.Tokens[m].UPOS == "ADP" && w != "about" && w != "of") {
					break
				}
			}
		}
		if k >= hi {
			return
		}
		if info.kind == cueWeak && f.lower[k] != "that" && !(subjPronouns[f.lower[k]] && f.lower[c.cue] != "show" && f.lower[c.cue] != "shows") &&
			!(showForms[f.lower[c.cue]] && f.survey(c.spkA, c.spkB)) {
			return
		}
		if f.isMark(k) && f.pairAt(k+1) >= 0 && f.pairs[f.pairAt(k+1)].used {
			return // the direct quote after the cue already has it
		}
		first, last = k, hi
		last = f.clauseEnd(k, hi, info.np && f.lower[k] != "that" && !f.isMark(k))
		if info.np && f.lower[k] != "that" && !f.isMark(k) && !f.marked(k, last) {
			last = f.npEnd(k, last)
		}
		// stop before the next attribution in the sentence
		for _, o := range cs[ci+1:] {
			if o.cue > first && (o.spkA > first || o.ingc || o.accord) {
				e := o.spkA
				if o.post || o.ingc || o.accord {
					e = o.cue
				}
				b := e
				for b > first && (f.lower[b-1] == "with" || f.lower[b-1] == "and" || f.lower[b-1] == "as") {
					b--
				}
				if !o.post && !o.ingc && !(b > first && (f.lower[b-1] == "," || f.lower[b-1] == ";")) {
					continue // a nested attribution stays inside this content
				}
				for e > first && (f.lower[e-1] == "," || f.lower[e-1] == "with" || f.lower[e-1] == "and" || f.lower[e-1] == "as" || f.isMark(e-1) && false) {
					e--
				}
				if e < last && e-first >= 2 {
					last = e
				}
				break
			}
		}
		for _, st := range f.starts {
			if st > first+1 && st < last {
				e := st
				for e > first && (f.lower[e-1] == "," || f.lower[e-1] == "with" || f.lower[e-1] == "and" || f.lower[e-1] == "as") {
					e--
				}
				if e-first >= 2 {
					last = e
				}
			}
		}
	}
	if !c.post && !c.accord && d.Tokens[lo].Rel != "" {
		last = f.argsEnd(c.cue, first, last)
	}
	if last-first < 2 {
		return
	}
	// a quote opening inside the content runs to its end
	if pi := f.inQ[last-1]; pi >= 0 && f.pairs[pi].last > last {
		last = f.pairs[pi].last
		if f.pairs[pi].close < int32(len(d.Tokens)) {
			last = f.pairs[pi].close + 1
		}
	}
	span := f.tokSpan(first, last)
	kind := f.kindOf(first, last)
	f.usePairs(first, last)
	if span.Empty() {
		return
	}
	spk := doc.Span{Start: d.Tokens[c.spkA].Start, End: d.Tokens[c.spkB-1].End}
	cue := doc.Span{Start: d.Tokens[c.cue].Start, End: d.Tokens[c.cueEnd-1].End}
	f.cueTok[c.cue] = true
	f.out = append(f.out, doc.Quote{Kind: kind, Content: span, Cue: cue, SpeakerSpan: spk, Speaker: -1,
		Sentence: int32(si)})
}

var showForms = toSet("show", "shows", "showed", "shown", "found", "finds", "suggests", "suggested")

var surveyNouns = toSet("poll", "polls", "survey", "surveys", "study", "studies", "report", "analysis", "data",
	"numbers", "results", "research", "figures", "polling", "census", "review", "audit", "investigation")

// survey reports whether the speaker tokens [a, b) name a poll, study or
// report: "A Fox News poll shows Sanders with 47 percent" takes any content.
func (f *finder) survey(a, b int32) bool {
	for k := a; k < b; k++ {
		if surveyNouns[f.lower[k]] {
			return true
		}
	}
	return false
}

// clauseEnd is where the content starting at token k ends within [k, hi):
// before "; ", before ", which / , saying / , but …", and before a
// coordinated cue ("… and warned against …"); for a cue taking a thing
// (np), also before a coordinated finite verb.
func (f *finder) clauseEnd(k, hi int32, np bool) int32 {
	d := f.d
	for m := k + 1; m < hi; m++ {
		if f.inQ[m] >= 0 {
			continue
		}
		w := f.lower[m]
		if w == ";" {
			return m
		}
		if m+1 >= hi {
			break
		}
		nx := f.lower[m+1]
		if w == "," && (clauseOpeners[nx] || np && strings.HasSuffix(nx, "ing") && d.Tokens[m+1].UPOS == "VERB") {
			return m
		}
		if w == "and" || w == "but" {
			j := m + 1
			for j < hi && skipBack[f.lower[j]] {
				j++
			}
			if j >= hi {
				break
			}
			t := d.Tokens[j]
			if c, ok := cues[f.lower[j]]; ok && c.kind == cueSpeech && (t.UPOS == "VERB" || t.UPOS == "") && !c.ing {
				return m
			}
			if np && t.UPOS == "VERB" && (t.XPOS == "VBD" || t.XPOS == "VBZ") {
				return m
			}
		}
	}
	return hi
}

var clauseOpeners = toSet("which", "saying", "adding", "arguing", "noting", "while", "whereas", "although",
	"though", "but", "however", "citing", "calling", "claiming", "insisting", "warning", "explaining")

func (f *finder) pairAt(tok int32) int32 {
	if tok < 0 || int(tok) >= len(f.inQ) {
		return -1
	}
	return f.inQ[tok]
}

// leftovers keeps long runs in quotation marks that no cue claimed: they are
// quotes even when the text does not say whose.
func (f *finder) leftovers() {
	for pi := range f.pairs {
		p := f.pairs[pi]
		if p.used || f.nested(pi) {
			continue
		}
		si := f.sentOf[p.first]
		if si > 0 && (p.open < 0 || p.open == f.d.Sentences[si].First) {
			// a sentence in quotation marks after someone's words: theirs
			found := false
			for k := len(f.out) - 1; k >= 0; k-- {
				q := f.out[k]
				if q.Sentence == si-1 && q.SpeakerSpan != doc.NoSpan {
					if span := f.tokSpan(p.first, p.last); !span.Empty() {
						f.out = append(f.out, doc.Quote{Kind: "direct", Content: span, Cue: doc.NoSpan,
							SpeakerSpan: q.SpeakerSpan, Speaker: -1, Sentence: si})
						found = true
					}
					break
				}
			}
			if found {
				continue
			}
		}
		if p.last-p.first < minBare {
			continue
		}
		words := 0
		for k := p.first; k < p.last; k++ {
			if f.isWord(k) {
				words++
			}
		}
		if words < minBare {
			continue
		}
		span := f.tokSpan(p.first, p.last)
		if span.Empty() {
			continue
		}
		f.out = append(f.out, doc.Quote{Kind: "direct", Content: span, Cue: doc.NoSpan, SpeakerSpan: doc.NoSpan,
			Speaker: -1, Sentence: f.sentOf[p.first]})
	}
}

var callForms = toSet("call", "calls", "called", "calling")

// minBare is the fewest words a quote without any attribution must have.
const minBare = 6

// entity links a speaker span to the entity of the mention that best covers it.
func (f *finder) entity(s doc.Span) int32 {
	if s.Empty() {
		return -1
	}
	d := f.d
	if f.byStart == nil {
		f.byStart = make([]int32, len(d.Mentions))
		for i := range f.byStart {
			f.byStart[i] = int32(i)
			f.maxMent = max(f.maxMent, d.Mentions[i].End-d.Mentions[i].Start)
		}
		sort.SliceStable(f.byStart, func(a, b int) bool { return d.Mentions[f.byStart[a]].Start < d.Mentions[f.byStart[b]].Start })
	}
	// the mentions that overlap s start after s.Start less the longest
	// mention and before s.End; they are weighed in their own order, as a
	// scan of all would
	var cands []int32
	k := sort.Search(len(f.byStart), func(x int) bool { return d.Mentions[f.byStart[x]].Start > s.Start-f.maxMent })
	for ; k < len(f.byStart) && d.Mentions[f.byStart[k]].Start < s.End; k++ {
		cands = append(cands, f.byStart[k])
	}
	slices.Sort(cands)
	best, bestScore := int32(-1), 0
	for _, mi := range cands {
		m := d.Mentions[mi]
		if m.End <= s.Start {
			continue
		}
		if m.Start >= s.End {
			continue
		}
		lo, hi := max(m.Start, s.Start), min(m.End, s.End)
		if hi <= lo || m.Entity < 0 || int(m.Entity) >= len(d.Entities) {
			continue
		}
		score := int(hi - lo)
		switch d.Entities[m.Entity].Type {
		case "PERSON":
			score += 20
		case "ORG", "GPE", "GROUP":
			score += 5
		}
		if m.Kind == doc.MentionDemonym {
			score -= 10
		}
		if score > bestScore {
			best, bestScore = m.Entity, score
		}
	}
	return best
}

// argsEnd is where the content [first, last) of the cue verb v ends in the
// parse: before the first dependent of v after the content's start that is
// no part of what was said but says when it was said — an adverbial clause,
// an oblique or a conjunct with a marker of time or concession ("mentioned
// the devil to me while driving on the highway", "attacked him as a fraud
// during the debate").
func (f *finder) argsEnd(v, first, last int32) int32 {
	d := f.d
	for k := first + 1; k < last; k++ {
		if d.Tokens[k].Head != v || !f.adjunct(k) {
			continue
		}
		a := f.subtreeStart(k, first)
		for a > first && (d.Tokens[a-1].UPOS == "PUNCT" || d.Tokens[a-1].UPOS == "CCONJ") {
			a--
		}
		if a > first {
			return a
		}
	}
	return last
}

// subtreeStart is the first token of k's subtree from lo on.
func (f *finder) subtreeStart(k, lo int32) int32 {
	d := f.d
	for m := lo; m < k; m++ {
		h := d.Tokens[m].Head
		for steps := 0; h >= 0 && h != k && steps < 64; steps++ {
			h = d.Tokens[h].Head
		}
		if h == k {
			return m
		}
	}
	return k
}

// adjunct reports whether dependent k of a cue verb is an adverbial clause,
// oblique or conjunct of time or concession.
func (f *finder) adjunct(k int32) bool {
	switch f.d.Tokens[k].Rel {
	case "advcl", "obl", "conj":
		return timeMarks[f.markOfDep(k)]
	}
	return false
}

// markOfDep is the lower-case marker or preposition of dependent k, or "".
func (f *finder) markOfDep(k int32) string {
	d := f.d
	for m := k - 1; m >= 0 && k-m <= 6; m-- {
		if d.Tokens[m].Head == k && (d.Tokens[m].Rel == "mark" || d.Tokens[m].Rel == "case") {
			return f.lower[m]
		}
	}
	return ""
}

var timeMarks = toSet("while", "after", "before", "though", "although", "since", "until", "during", "whereas", "when")

// dropNested removes each quote whose content lies inside another's
// content, or is the content of one found before it: PolNeAR annotates no
// attribution inside another's content ("X said Y has long called for Z"
// is one, X's), and one found inside another's is more often wrong than
// right. A direct quote inside the content of a report after it ("Qureshi
// said, “…,” Dawn reported") stays, and the report goes.
func (f *finder) dropNested() {
	drop := make([]bool, len(f.out))
	// only quotes that hold q (or repeat it) can drop it or be dropped for
	// it: they start no later than q and no earlier than q's end less the
	// longest quote
	order := make([]int32, len(f.out))
	maxLen := int32(0)
	for i := range order {
		order[i] = int32(i)
		maxLen = max(maxLen, f.out[i].Content.End-f.out[i].Content.Start)
	}
	sort.SliceStable(order, func(a, b int) bool { return f.out[order[a]].Content.Start < f.out[order[b]].Content.Start })
	var holders []int32
	for i, q := range f.out {
		holders = holders[:0]
		k := sort.Search(len(order), func(x int) bool { return f.out[order[x]].Content.Start >= q.Content.End-maxLen })
		for ; k < len(order) && f.out[order[k]].Content.Start <= q.Content.Start; k++ {
			if o := f.out[order[k]].Content; q.Content.End <= o.End {
				holders = append(holders, order[k])
			}
		}
		slices.Sort(holders) // in the order of out, as a scan of all would meet them
		for _, jj := range holders {
			j, o := int(jj), f.out[jj]
			if i != j && j < i && !drop[j] && o.Content == q.Content {
				drop[i] = true
				break
			}
			if i == j || drop[j] || !(o.Content.Start <= q.Content.Start && q.Content.End <= o.Content.End && o.Content != q.Content) {
				continue
			}
			if q.Kind == "direct" && !o.Cue.Empty() && o.Cue.Start >= o.Content.End {
				drop[j] = true
				continue
			}
			drop[i] = true
			break
		}
	}
	keep := f.out[:0]
	for i, q := range f.out {
		if !drop[i] {
			keep = append(keep, q)
		}
	}
	f.out = keep
}

// marked reports whether tokens [a, b) hold a quotation mark.
func (f *finder) marked(a, b int32) bool {
	for k := a; k < b; k++ {
		if f.inQ[k] >= 0 || f.isMark(k) {
			return true
		}
	}
	return false
}

// npEnd is where the content [k, last) of a cue taking a thing ends: at
// its first comma, unless the comma joins a list member or an apposition
// to a word of the content ("endorsed Hillary Clinton for president on
// Thursday, another example of …", "referred to King as Coon, I knew …").
func (f *finder) npEnd(k, last int32) int32 {
	for m := k + 1; m < last; m++ {
		if f.lower[m] == "," && !f.innerComma(m, k) {
			return m
		}
	}
	return last
}

// innerComma reports whether the comma at token m joins a list member or an
// apposition to a word from token k on ("problems in the Middle East, China
// and elsewhere", "Bryan Pagliano, a former aide").
func (f *finder) innerComma(m, k int32) bool {
	d := f.d
	h := d.Tokens[m].Head
	if h <= m || int(h) >= len(d.Tokens) {
		return false
	}
	r := d.Tokens[h].Rel
	if r != "conj" && r != "appos" {
		return false
	}
	hh := d.Tokens[h].Head
	return hh >= k && hh < m
}
