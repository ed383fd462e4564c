package quotes

import (
	"sort"
	"strings"
	"sync"

	"dateline/internal/doc"
	"dateline/internal/perceptron"
	"dateline/models"
)

// The learned attributions: PolNeAR annotates far more than speech verbs —
// beliefs, plans, intentions, criticism ("Trump admires Putin", "Clinton
// plans to call on young people …") — and their content is mostly one
// dependent of the cue in the parse. An averaged perceptron (models/quotes)
// scores each pair (predicate, content candidate): a dependent's subtree
// (ccomp, obj, obl, xcomp, …), the rest of the sentence after the predicate,
// or the sentence before it. The rules run first; the model adds the
// attributions of predicates they left, where the content overlaps nothing
// already found.

// ModelName is the model file under models/.
const ModelName = "quotes"

// Candidate kinds besides a dependent's relation.
const (
	argRest   = "REST"   // the rest of the sentence after the predicate
	argBefore = "BEFORE" // the sentence before the predicate's phrase
)

// Cand is one (predicate, content) pair: Pred the predicate token; Arg the
// dependent whose subtree is the content, or -1 with Kind argRest or
// argBefore; [First, Last) the content tokens.
type Cand struct {
	Pred, Arg   int32
	Kind        string
	First, Last int32
}

// argRels are the relations of a dependent whose subtree may be content.
var argRels = toSet("ccomp", "obj", "obl", "xcomp", "advcl", "parataxis", "nmod", "conj", "acl",
	"nsubj:pass", "obl:unmarked", "obl:npmod", "iobj")

// predPOS are the parts of speech of predicates.
var predPOS = toSet("VERB", "NOUN", "ADJ", "PROPN")

// tree holds, for one sentence, each token's children and subtree extent;
// its buffers serve sentence after sentence.
type tree struct {
	lo, hi   int32
	min, max []int32 // subtree extents, by token - lo
	kidAt    []int32 // children of token lo+i: kidList[kidAt[i]:kidAt[i+1]]
	kidList  []int32
}

func grow(b []int32, n int32) []int32 {
	if int32(cap(b)) < n {
		return make([]int32, n)
	}
	return b[:n]
}

// reset makes t the tree of tokens [lo, hi) of d.
func (t *tree) reset(d *doc.Doc, lo, hi int32) {
	n := hi - lo
	t.lo, t.hi = lo, hi
	t.min, t.max = grow(t.min, n), grow(t.max, n)
	t.kidAt, t.kidList = grow(t.kidAt, n+1), grow(t.kidList, n)
	clear(t.kidAt)
	for k := lo; k < hi; k++ {
		t.min[k-lo], t.max[k-lo] = k, k
		if h := d.Tokens[k].Head; h >= lo && h < hi {
			t.kidAt[h-lo+1]++
		}
	}
	for i := int32(1); i <= n; i++ {
		t.kidAt[i] += t.kidAt[i-1]
	}
	for k := lo; k < hi; k++ {
		h := d.Tokens[k].Head
		if h >= lo && h < hi {
			// kidAt[h-lo] advances while filling; shifted back below
			t.kidList[t.kidAt[h-lo]] = k
			t.kidAt[h-lo]++
		}
		for steps := int32(0); h >= lo && h < hi && steps < n; steps++ {
			t.min[h-lo] = min(t.min[h-lo], k)
			t.max[h-lo] = max(t.max[h-lo], k)
			h = d.Tokens[h].Head
		}
	}
	// each kidAt[i] now holds the end of i's run, which is where i+1's
	// run starts: shift back by one
	copy(t.kidAt[1:], t.kidAt[:n])
	t.kidAt[0] = 0
}

// kids are the children of token v.
func (t *tree) kids(v int32) []int32 {
	i := v - t.lo
	return t.kidList[t.kidAt[i]:t.kidAt[i+1]]
}

func (t *tree) child(d *doc.Doc, v int32, rels ...string) int32 {
	for _, k := range t.kids(v) {
		for _, r := range rels {
			if d.Tokens[k].Rel == r {
				return k
			}
		}
	}
	return -1
}

// Examples calls fn with each (predicate, content) candidate of d that the
// model decides on and its features (valid only during the call): the
// model's training examples. The rules run first, as in Find; their cues
// are not candidates. It returns the rules' quotes. d needs tokens,
// sentences, tags, the parse and names.
func Examples(d *doc.Doc, fn func(c Cand, feats []uint64)) []doc.Quote {
	if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
		return nil
	}
	f := &finder{d: d}
	f.rules()
	var buf []uint64
	for si := range d.Sentences {
		cs, t := f.candidates(si)
		for _, c := range cs {
			if f.cueTok[c.Pred] || f.inQ[c.Pred] >= 0 {
				continue
			}
			buf = f.features(t, c, buf[:0])
			fn(c, buf)
		}
	}
	return f.out
}

// Relations of a candidate's content to the quotes already found.
const (
	relFree   = "free"   // overlaps none
	relInside = "inside" // lies inside one (a nested attribution)
	relSame   = "same"   // is one
	relCross  = "cross"  // overlaps one otherwise
)

// relation tells how tokens [a, b) lie to the quotes found so far, and
// whether the predicate p lies inside one.
func (f *finder) relation(a, b, p int32) (string, bool) {
	d := f.d
	s, e := d.Tokens[a].Start, d.Tokens[b-1].End
	ps := d.Tokens[p].Start
	rel, in := relFree, false
	f.indexQuotes()
	// only the quotes that overlap a sentence of the span or of p can
	// overlap either (a quote seen twice changes nothing)
	sa, sb, sp := f.sentOf[a], f.sentOf[b-1], f.sentOf[p]
	if sa < 0 || sb < 0 || sp < 0 {
		return relFree, false
	}
	for si := min(sa, sp); si <= max(sb, sp); si++ {
		if si != sp && (si < sa || si > sb) {
			continue
		}
		for _, qi := range f.bySent[si] {
			q := &f.out[qi]
			if q.Content.Start <= ps && ps < q.Content.End {
				in = true
			}
			if q.Content.End <= s || e <= q.Content.Start {
				continue
			}
			switch {
			case q.Content.Start == s && q.Content.End == e:
				return relSame, in
			case q.Content.Start <= s && e <= q.Content.End:
				if rel == relFree {
					rel = relInside
				}
			default:
				rel = relCross
			}
		}
	}
	return rel, in
}

// indexQuotes files the quotes added to out since the last call under the
// sentences they overlap.
func (f *finder) indexQuotes() {
	d := f.d
	if f.bySent == nil {
		f.bySent = make([][]int32, len(d.Sentences))
	}
	for ; f.indexed < len(f.out); f.indexed++ {
		c := f.out[f.indexed].Content
		t := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].End > c.Start })
		last := int32(-1)
		for ; t < len(d.Tokens) && d.Tokens[t].Start < c.End; t++ {
			if si := f.sentOf[t]; si >= 0 && si != last {
				f.bySent[si] = append(f.bySent[si], int32(f.indexed))
				last = si
			}
		}
	}
}

// candidates lists the (predicate, content) pairs of sentence si, with the
// sentence's tree (both valid until the next call).
func (f *finder) candidates(si int) ([]Cand, *tree) {
	d := f.d
	s := d.Sentences[si]
	lo, hi := s.First, s.Last
	if hi-lo < 3 || d.Tokens[lo].Rel == "" {
		return nil, nil
	}
	end := hi
	for end > lo && isPunctTok(d, end-1) {
		end--
	}
	t := &f.tree
	t.reset(d, lo, hi)
	out := f.cands[:0]
	defer func() { f.cands = out[:0] }()
	for v := lo; v < end; v++ {
		tok := &d.Tokens[v]
		if !predPOS[tok.UPOS] && !(strings.EqualFold(d.Form(int(v)), "according")) {
			continue
		}
		for _, k := range t.kids(v) {
			if !argRels[d.Tokens[k].Rel] {
				continue
			}
			a, b := t.min[k-lo], t.max[k-lo]+1
			if a <= v && b > v {
				continue
			}
			if b > end {
				b = end
			}
			// the preposition of an oblique belongs to the cue, not the
			// content ("complained about his mic")
			if a < k && d.Tokens[a].Head == k && d.Tokens[a].Rel == "case" {
				a++
			}
			if b-a < 1 {
				continue
			}
			out = append(out, Cand{Pred: v, Arg: k, Kind: d.Tokens[k].Rel, First: a, Last: b})
			if m := cutAt(d, max(a, k)+1, b); m > a {
				out = append(out, Cand{Pred: v, Arg: k, Kind: d.Tokens[k].Rel + "|cut", First: a, Last: m})
			}
		}
		if tok.UPOS != "VERB" {
			continue
		}
		if end-(v+1) >= 2 {
			out = append(out, Cand{Pred: v, Arg: -1, Kind: argRest, First: v + 1, Last: end})
			if m := cutAt(d, v+2, end); m > v+2 {
				out = append(out, Cand{Pred: v, Arg: -1, Kind: argRest + "|cut", First: v + 1, Last: m})
			}
		}
		if a := t.min[v-lo]; a-lo >= 3 {
			b := a
			for b > lo && isPunctTok(d, b-1) {
				b--
			}
			if b-lo >= 2 {
				out = append(out, Cand{Pred: v, Arg: -1, Kind: argBefore, First: lo, Last: b})
			}
		}
	}
	return out, t
}

// cutAt is the first clause break (comma, dash, semicolon, colon, bracket)
// in [a, b), or -1: a shorter content candidate ends there.
func cutAt(d *doc.Doc, a, b int32) int32 {
	for m := a; m < b; m++ {
		switch d.Form(int(m)) {
		case ",", ";", ":", "—", "–", "--", "-", "(":
			return m
		}
	}
	return -1
}

func isPunctTok(d *doc.Doc, i int32) bool {
	return d.Tokens[i].UPOS == "PUNCT" || isComma(strings.ToLower(d.Form(int(i))))
}

func lenBucket(n int32) string {
	switch {
	case n <= 1:
		return "1"
	case n <= 2:
		return "2"
	case n <= 5:
		return "5"
	case n <= 10:
		return "10"
	case n <= 20:
		return "20"
	}
	return "L"
}

// subjKind names the kind of a predicate's subject: a person or
// organisation name, a personal pronoun, a speaker noun, another noun, none.
func subjKind(d *doc.Doc, t *tree, v int32) (string, int32) {
	s := t.child(d, v, "nsubj")
	if s < 0 {
		// xcomp, conj, advcl: the subject of the head
		r := d.Tokens[v].Rel
		if h := d.Tokens[v].Head; h >= t.lo && h < t.hi && (r == "xcomp" || r == "conj" || r == "advcl") {
			if s = t.child(d, h, "nsubj"); s >= 0 {
				return "h" + tokKind(d, s), s
			}
		}
		if t.child(d, v, "nsubj:pass") >= 0 {
			return "pass", -1
		}
		return "none", -1
	}
	return tokKind(d, s), s
}

func tokKind(d *doc.Doc, s int32) string {
	tok := &d.Tokens[s]
	w := strings.ToLower(d.Form(int(s)))
	switch {
	case strings.HasSuffix(tok.NER, "PER"):
		return "PER"
	case strings.HasSuffix(tok.NER, "ORG"):
		return "ORG"
	case tok.UPOS == "PRON" && personPronouns[w]:
		return "ppron"
	case tok.UPOS == "PRON":
		return "pron:" + w
	case speakerNouns[w]:
		return "spk"
	case tok.UPOS == "PROPN":
		return "propn"
	}
	return tok.UPOS
}

// features of candidate c (t its sentence's tree), with its relation to the
// quotes found so far.
func (f *finder) features(t *tree, c Cand, buf []uint64) []uint64 {
	d, inQ := f.d, f.inQ
	v := c.Pred
	tok := &d.Tokens[v]
	lem := strings.ToLower(tok.Lemma)
	if lem == "" {
		lem = f.lower[v]
	}
	form := f.lower[v]
	k := c.Kind
	sk, _ := subjKind(d, t, v)
	first := f.lower[c.First]
	add := func(h perceptron.Hash) { buf = append(buf, h.Sum()) }
	add(perceptron.New(1).Str(k))
	add(perceptron.New(2).Str(lem))
	add(perceptron.New(3).Str(lem).Str(k))
	add(perceptron.New(4).Str(form).Str(k))
	add(perceptron.New(5).Str(tok.XPOS).Str(k))
	add(perceptron.New(6).Str(tok.Rel).Str(k))
	add(perceptron.New(7).Str(sk).Str(k))
	add(perceptron.New(8).Str(lem).Str(sk))
	add(perceptron.New(9).Str(first).Str(k))
	add(perceptron.New(11).Str(lenBucket(c.Last - c.First)).Str(k))
	add(perceptron.New(12).Str(tok.Rel))
	add(perceptron.New(13).Str(tok.UPOS).Str(k))
	if c.Arg >= 0 {
		a := &d.Tokens[c.Arg]
		add(perceptron.New(14).Str(a.UPOS).Str(k))
		add(perceptron.New(15).Str(lem).Str(a.UPOS).Str(k))
		if m := t.child(d, c.Arg, "mark", "case"); m >= 0 {
			mw := f.lower[m]
			add(perceptron.New(16).Str(mw).Str(k))
			add(perceptron.New(17).Str(lem).Str(mw).Str(k))
		}
		if s := t.child(d, c.Arg, "nsubj"); s >= 0 {
			add(perceptron.New(18).Str(tokKind(d, s)).Str(k))
		}
	}
	if v+1 < t.hi {
		nx := f.lower[v+1]
		add(perceptron.New(21).Str(nx).Str(k))
	}
	if v > t.lo {
		add(perceptron.New(23).Str(f.lower[v-1]).Str(k))
	}
	for _, ch := range t.kids(v) {
		r := d.Tokens[ch].Rel
		if r == "aux" || r == "advmod" && strings.EqualFold(d.Form(int(ch)), "not") {
			add(perceptron.New(24).Str(f.lower[ch]))
		}
		if argRels[r] && ch != c.Arg {
			add(perceptron.New(25).Str(r).Str(k)) // other dependents
		}
	}
	quoted := 0
	if inQ != nil {
		for i := c.First; i < c.Last; i++ {
			if inQ[i] >= 0 {
				quoted++
			}
		}
		if inQ[v] >= 0 {
			add(perceptron.New(26).Str(k))
		}
	}
	switch {
	case quoted == 0:
		add(perceptron.New(27).Str("none").Str(k))
	case quoted == int(c.Last-c.First):
		add(perceptron.New(27).Str("all").Str(k))
	default:
		add(perceptron.New(27).Str("some").Str(k))
	}
	if c.Last == t.hi || c.Last < t.hi && isPunctTok(d, c.Last) && c.Last+1 >= t.hi {
		add(perceptron.New(28).Str(k))
	}
	add(perceptron.New(29).Str(lem).Str(tok.XPOS))
	add(perceptron.New(30).Str(lem).Str(tok.Rel))
	clause := false
	for i := c.First; i < c.Last; i++ {
		if u := d.Tokens[i].UPOS; u == "VERB" || u == "AUX" {
			clause = true
			break
		}
	}
	if clause {
		add(perceptron.New(31).Str(k))
		add(perceptron.New(32).Str(lem).Str(k))
	}
	if ci, ok := cues[form]; ok {
		add(perceptron.New(33).Int(int(ci.kind)).Str(k))
	}
	rel, in := f.relation(c.First, c.Last, v)
	add(perceptron.New(35).Str(rel).Str(k))
	add(perceptron.New(36).Str(rel).Str(lem))
	if in {
		add(perceptron.New(37).Str(k))
		add(perceptron.New(38).Str(lem))
	}
	return buf
}

var (
	modelOnce sync.Once
	model     *perceptron.Model
)

// loadedModel is the embedded model, or nil when none is built in.
func loadedModel() *perceptron.Model {
	modelOnce.Do(func() {
		r, err := models.Open(ModelName)
		if err != nil {
			return
		}
		defer r.Close()
		m, err := perceptron.ReadModel(r)
		if err != nil {
			return
		}
		model = m
	})
	return model
}

// minMargin is the score a candidate must pass. "None" scores zero in
// training; a little below it gives more recall than it costs precision
// (PolNeAR dev content overlap F1: 0 0.674, -1 0.676, -2 0.677, -3 0.677).
const minMargin = -2

// learned adds the model's attributions of sentence si.
func (f *finder) learned(si int, m *perceptron.Model) {
	d := f.d
	cs, t := f.candidates(si)
	if len(cs) == 0 {
		return
	}
	var scores [1]float32
	best, bestScore := -1, float32(minMargin)
	flush := func() {
		if best < 0 {
			return
		}
		c := cs[best]
		best, bestScore = -1, minMargin
		v := c.Pred
		span := f.tokSpan(c.First, c.Last)
		if span.Empty() {
			return
		}
		kind := f.kindOf(c.First, c.Last)
		spk := doc.NoSpan
		_, s := subjKind(d, t, v)
		if s < 0 {
			// "Trump's claim", "was reported by the Post"
			s = t.child(d, v, "nmod:poss", "obl:agent")
		}
		if s >= 0 && (s < c.First || s >= c.Last) {
			a, b := t.min[s-t.lo], t.max[s-t.lo]+1
			for a < b && (d.Tokens[a].Rel == "case" && d.Tokens[a].Head == s) {
				a++
			}
			for b > a && (d.Tokens[b-1].Rel == "case" && d.Tokens[b-1].Head == s) {
				b-- // the possessive 's
			}
			if a < b {
				spk = doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End}
			}
		}
		f.cueTok[v] = true
		f.usePairs(c.First, c.Last)
		f.out = append(f.out, doc.Quote{Kind: kind, Content: span, Cue: f.cueSpan(t, v, c.First), SpeakerSpan: spk,
			Speaker: -1, Sentence: int32(si)})
	}
	for i, c := range cs {
		if i > 0 && cs[i-1].Pred != c.Pred {
			flush()
		}
		if f.cueTok[c.Pred] || f.inQ[c.Pred] >= 0 {
			continue
		}
		if rel, _ := f.relation(c.First, c.Last, c.Pred); rel == relSame {
			continue
		}
		f.feats = f.features(t, c, f.feats[:0])
		m.Score(f.feats, scores[:])
		if s := scores[0]; s > bestScore {
			best, bestScore = i, s
		}
	}
	flush()
}

// kindOf is the kind of a content of tokens [a, b): direct inside quotation
// marks, mixed partly, else indirect.
func (f *finder) kindOf(a, b int32) string {
	inside, outside := 0, 0
	for k := a; k < b; k++ {
		if f.inQ[k] >= 0 {
			inside++
		} else if f.isWord(k) {
			outside++
		}
	}
	switch {
	case inside > 0 && outside == 0:
		return "direct"
	case inside > 0:
		return "mixed"
	}
	return "indirect"
}

// usePairs marks the quotation marks inside tokens [a, b) as taken by a
// quote.
func (f *finder) usePairs(a, b int32) {
	for k := a; k < b; k++ {
		if pi := f.inQ[k]; pi >= 0 {
			f.pairs[pi].used = true
		}
	}
}

// cueSpan is the cue of predicate v whose content starts at token first:
// with its auxiliaries and adverbs right before it ("has also said") and the
// words between it and the content that hang on it or open the content
// ("called for", "complained about").
func (f *finder) cueSpan(t *tree, v, first int32) doc.Span {
	d := f.d
	a, b := v, v
	for a-1 >= t.lo && d.Tokens[a-1].Head == v && cueLeft[d.Tokens[a-1].Rel] {
		a--
	}
	for b+1 < first && b+1 < t.hi && b-v < 3 && (d.Tokens[b+1].Head == v && d.Tokens[b+1].Rel == "compound:prt" ||
		d.Tokens[b+1].Rel == "case" && b+2 == first) {
		b++
	}
	return doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b].End}
}

var cueLeft = toSet("aux", "aux:pass", "advmod")

// widenCues gives the one-word verb cues of the rules their auxiliaries and
// adverbs right before them, as PolNeAR marks cues ("has also said").
func (f *finder) widenCues() {
	d := f.d
	for qi := range f.out {
		q := &f.out[qi]
		if q.Cue.Empty() {
			continue
		}
		v := int32(d.TokenAt(q.Cue.Start))
		if v < 0 || d.Tokens[v].End != q.Cue.End || d.Tokens[v].UPOS != "VERB" {
			continue
		}
		lo := d.Sentences[max(f.sentOf[v], 0)].First
		a := v
		for a-1 >= lo && d.Tokens[a-1].Head == v && cueLeft[d.Tokens[a-1].Rel] && f.inQ[a-1] < 0 {
			a--
		}
		if sp := q.SpeakerSpan; a < v && !sp.Empty() && sp.End > d.Tokens[a].Start {
			continue
		}
		q.Cue.Start = d.Tokens[a].Start
	}
}
