// Package events codes what happened: PLOVER 2.0 events with their actors,
// recipients, date, place and auxiliary modes, once per happening in a story.
//
// It reads the parse (Token.Head, Token.Rel, Lemma, UPOS), the entity layer
// (Mentions, Entities), times and quotes, and adds Doc.Events. A trigger is a
// verb or noun in the lexicon (lexicon.txt); composers (say, agree, refuse,
// demand, threaten) take the event of their clause and recode it. Arguments
// come from dependency relations: subject → actor (passives turned round),
// object or a preposition's oblique → recipient, coordination expanded, each
// argument mapped to the document entities whose mentions it covers. Reports
// of the same happening are merged into one event with several evidence spans.
package events

import (
	"sort"
	"strings"

	"dateline/internal/doc"
)

// Code finds the events of d and sets d.Events. Without a parse it finds none.
func Code(d *doc.Doc) error {
	c := coder{d: d, lx: defaultLexicon, lastPlaceSent: -2}
	c.index()
	for si := range d.Sentences {
		c.sentence(si)
	}
	d.Events = merge(d, c.events)
	for i := range d.Events {
		e := &d.Events[i]
		e.CAMEO = CAMEO(e.Type, e.Mode)
	}
	return nil
}

type coder struct {
	d        *doc.Doc
	lx       *lexicon
	s        doc.Sentence
	children [][]int32 // children of each token of the sentence (global indices)
	events   []doc.Event
	// the place the previous sentence's clause named ("in Afghanistan"), which a
	// following sentence with no place of its own continues
	lastPlace     *doc.Place
	lastPlaceSent int
	// looked up once per document, so that a token's entity costs no scan
	// of all mentions (a story of 30,000 sentences took seconds)
	tokEnt     []int32 // the entity of the first mention covering each token, or -1
	tokSpeaker []int32 // the speaker of the first quote with a speaker covering each token, or -1
	byStart    []int32 // mention indices in order of their start
}

// index builds the coder's per-token lookups.
func (c *coder) index() {
	d := c.d
	c.tokEnt = fillTokens(d, len(d.Mentions), func(k int) (doc.Span, int32) { return d.Mentions[k].Span, d.Mentions[k].Entity })
	c.tokSpeaker = fillTokens(d, len(d.Quotes), func(k int) (doc.Span, int32) { return d.Quotes[k].Content, int32(d.Quotes[k].Speaker) })
	c.byStart = make([]int32, len(d.Mentions))
	for i := range c.byStart {
		c.byStart[i] = int32(i)
	}
	sort.SliceStable(c.byStart, func(a, b int) bool { return d.Mentions[c.byStart[a]].Start < d.Mentions[c.byStart[b]].Start })
}

// fillTokens gives each token the value of the first of n spans (in their
// order) that covers it whole, or -1; spans with a negative value are skipped.
func fillTokens(d *doc.Doc, n int, span func(k int) (doc.Span, int32)) []int32 {
	out := make([]int32, len(d.Tokens))
	for i := range out {
		out[i] = -1
	}
	for k := 0; k < n; k++ {
		sp, v := span(k)
		if v < 0 {
			continue
		}
		t := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].Start >= sp.Start })
		for ; t < len(d.Tokens) && d.Tokens[t].End <= sp.End; t++ {
			if out[t] < 0 {
				out[t] = v
			}
		}
	}
	return out
}

// trigger is a token that matched the lexicon.
type trigger struct {
	tok  int32
	e    *entry
	used bool // taken by a composer
}

func (c *coder) tok(i int32) *doc.Token { return &c.d.Tokens[i] }

func (c *coder) lemma(i int32) string {
	t := c.tok(i)
	if t.Lemma != "" && t.Lemma != "_" {
		return strings.ToLower(t.Lemma)
	}
	return strings.ToLower(c.d.Str(t.Span))
}

func (c *coder) rel(i int32) string { return c.tok(i).Rel }

// base is the universal part of a relation: "obl:tmod" → "obl".
func base(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

func (c *coder) sentence(si int) {
	d := c.d
	s := d.Sentences[si]
	c.s = s
	n := int(s.Last - s.First)
	if n == 0 {
		return
	}
	parsed := false
	for i := s.First; i < s.Last; i++ {
		if d.Tokens[i].Rel != "" {
			parsed = true
			break
		}
	}
	if !parsed {
		return
	}
	if cap(c.children) < n {
		c.children = make([][]int32, n)
	}
	c.children = c.children[:n]
	for i := range c.children {
		c.children[i] = c.children[i][:0]
	}
	for i := s.First; i < s.Last; i++ {
		h := d.Tokens[i].Head
		if h >= s.First && h < s.Last {
			c.children[h-s.First] = append(c.children[h-s.First], i)
		}
	}
	// 1. triggers
	var trigs []*trigger
	for i := s.First; i < s.Last; i++ {
		if e := c.match(i); e != nil {
			trigs = append(trigs, &trigger{tok: i, e: e})
		}
	}
	if len(trigs) == 0 {
		return
	}
	byTok := map[int32]*trigger{}
	for _, t := range trigs {
		byTok[t.tok] = t
	}
	// 2. composers take the event of their clause, outermost first (a trigger
	// nearer the root is composed before the triggers below it).
	sort.SliceStable(trigs, func(a, b int) bool { return c.depth(trigs[a].tok) < c.depth(trigs[b].tok) })
	// A noun trigger that is the object of another trigger is part of it
	// ("halted economic aid", "cancelled a planned visit").
	for _, t := range trigs {
		if t.e.noun && (c.rel(t.tok) == "obj" || c.rel(t.tok) == "nsubj:pass") {
			if h, ok := byTok[c.tok(t.tok).Head]; ok && h.e.kind == kindEvent {
				t.used = true
			}
		}
	}
	var evs []found
	minDepth := 1 << 30
	for _, t := range trigs {
		if t.used {
			continue
		}
		var ev doc.Event
		var ok bool
		if t.e.kind != kindEvent && c.rel(t.tok) == "amod" {
			continue // "a planned visit", "the alleged crimes": no promise or claim of its own
		}
		if t.e.kind != kindEvent {
			ev, ok = c.compose(si, t, byTok)
		} else {
			ev, ok = c.plain(si, t)
			if ok && ev.Type == "ACCUSE" {
				c.consumeAccused(t.tok, byTok)
			}
		}
		if !ok {
			continue
		}
		dp := c.depth(t.tok)
		minDepth = min(minDepth, dp)
		// the token the event stands on: its evidence's trigger (a said
		// event keeps its own, not the speech verb's)
		k := t.tok
		if len(ev.Evidence) > 0 {
			if tk := c.d.TokenAt(ev.Evidence[0].Trigger.Start); tk >= int(c.s.First) && tk < int(c.s.Last) {
				k = int32(tk)
			}
		}
		evs = append(evs, found{ev, dp, k})
	}
	evs = c.protestDemands(trigs, evs, minDepth)
	// The sentence's main event stands even without a known actor; an event
	// below it (in a relative or adverbial clause, or a noun) needs one.
	for _, f := range evs {
		if f.depth > minDepth && len(f.ev.Actors) == 0 {
			continue
		}
		c.add(f.ev)
	}
}

// found is an event coded in a sentence: its depth in the parse (the
// sentence's main events are the shallowest) and the token it stands on.
type found struct {
	ev    doc.Event
	depth int
	tok   int32
}

// protestDemands folds what a protest demands into the protest, as PLOVER
// codes "began a hunger strike to demand ..." (the protest alone): such a
// REQUEST is dropped when the protest made an event of its own, and becomes
// the PROTEST when it did not.
func (c *coder) protestDemands(trigs []*trigger, evs []found, minDepth int) []found {
	protest := map[int32]*entry{}
	for _, t := range trigs {
		if t.e.typ == "PROTEST" {
			protest[t.tok] = t.e
		}
	}
	if len(protest) == 0 {
		return evs
	}
	mainProtest, anyProtest := false, false
	for _, f := range evs {
		if f.ev.Type == "PROTEST" {
			anyProtest = true
			mainProtest = mainProtest || f.depth == minDepth
		}
	}
	out := evs[:0]
	for _, f := range evs {
		if f.ev.Type == "REQUEST" {
			if mainProtest && f.depth > minDepth {
				continue
			}
			if p := c.protestPurpose(f.tok, protest); p != nil {
				if anyProtest {
					continue
				}
				f.ev.Type, f.ev.Mode = "PROTEST", p.mode
				f.ev.Explain += "; the demand of a protest: PROTEST"
			}
		}
		out = append(out, f)
	}
	return out
}

// protestPurpose returns the protest trigger whose purpose the demand at
// token k is, or nil: "began a hunger strike to demand ...", "blocked roads
// demanding ...", "a demonstration calling for ...", "staged rallies,
// saying he must resign".
func (c *coder) protestPurpose(k int32, protest map[int32]*entry) *entry {
	for hops := 0; hops < 2; hops++ {
		switch base(c.rel(k)) {
		case "advcl", "xcomp", "acl", "ccomp", "conj":
		default:
			return nil
		}
		h := c.tok(k).Head
		if h < c.s.First || h >= c.s.Last {
			return nil
		}
		if e := protest[h]; e != nil {
			return e
		}
		for _, g := range c.kids(h) {
			switch base(c.rel(g)) {
			case "obj", "nsubj", "compound":
				if e := protest[g]; e != nil {
					return e
				}
			}
		}
		k = h
	}
	return nil
}

// depth is the number of heads above token i.
func (c *coder) depth(i int32) int {
	n := 0
	for h := c.tok(i).Head; h >= 0 && n < 200; h = c.tok(h).Head {
		n++
	}
	return n
}

func (c *coder) kids(i int32) []int32 { return c.children[i-c.s.First] }

// child returns the first child of i whose relation's universal part is rel.
func (c *coder) child(i int32, rels ...string) int32 {
	for _, k := range c.kids(i) {
		r := c.rel(k)
		for _, want := range rels {
			if r == want || base(r) == want && !strings.Contains(want, ":") && r != "nsubj:pass" {
				return k
			}
		}
	}
	return -1
}

// caseOf is the preposition (case or mark child) of token i, lower case, or "".
func (c *coder) caseOf(i int32) string {
	for _, k := range c.kids(i) {
		if r := c.rel(k); r == "case" || r == "mark" {
			return c.lemma(k)
		}
	}
	return ""
}

// measureNouns are the nouns whose "of" phrase names what they measure: "a
// state of siege", "a round of talks", "a series of attacks", "10 days of
// war games".
var measureNouns = map[string]bool{"state": true, "round": true, "series": true, "wave": true, "spate": true,
	"string": true, "day": true, "week": true, "month": true, "set": true, "number": true, "flurry": true}

// stem is the other base form an inflected verb may have when the
// lemmatiser guessed wrong ("rioted" → "riote", not "riot"): the form less
// its -ed, -ing or -s, a doubled consonant undone, -ied as -y.
func (c *coder) stem(i int32) string {
	f := strings.ToLower(c.d.Form(int(i)))
	var b string
	switch {
	case strings.HasSuffix(f, "ied"):
		return f[:len(f)-3] + "y"
	case strings.HasSuffix(f, "ed"):
		b = f[:len(f)-2]
	case strings.HasSuffix(f, "ing"):
		b = f[:len(f)-3]
	case strings.HasSuffix(f, "s"):
		return f[:len(f)-1]
	default:
		return ""
	}
	if n := len(b); n >= 3 && b[n-1] == b[n-2] && !strings.ContainsRune("aeiouls", rune(b[n-1])) {
		b = b[:n-1] // "planned" → "plan"
	}
	if c.lx.verbs[b] == nil && c.lx.verbs[b+"e"] != nil {
		return b + "e"
	}
	return b
}

// match finds the most specific lexicon entry for token i.
func (c *coder) match(i int32) *entry {
	t := c.tok(i)
	var cands []*entry
	switch t.UPOS {
	case "VERB":
		cands = c.lx.verbs[c.lemma(i)]
		if cands == nil {
			cands = c.lx.verbs[c.stem(i)]
		}
	case "NOUN", "PROPN":
		cands = c.lx.nouns[strings.ToLower(c.d.Str(t.Span))]
		if cands == nil {
			cands = c.lx.nouns[c.lemma(i)]
		}
	case "ADJ":
		// "ready", "willing", "prepared" with a clause: intention.
		switch c.lemma(i) {
		case "ready", "willing", "prepared", "committed":
			if c.child(i, "xcomp") >= 0 || c.child(i, "ccomp") >= 0 {
				return intendEntry
			}
		case "opposed", "unwilling", "reluctant":
			return refuseEntry
		}
		return nil
	default:
		return nil
	}
	var best *entry
	for _, e := range cands {
		if !c.fits(i, e) {
			continue
		}
		if best == nil || e.specificity() > best.specificity() {
			best = e
		}
	}
	if best != nil && best.typ == noEvent {
		return nil
	}
	return best
}

var (
	intendEntry = &entry{lemma: "ready", kind: kindIntend, recip: "obj"}
	refuseEntry = &entry{lemma: "opposed", kind: kindRefuse, recip: "obj"}
)

func (c *coder) fits(i int32, e *entry) bool {
	if e.obj != nil {
		o := c.child(i, "obj")
		if o < 0 {
			o = c.child(i, "nsubj:pass")
		}
		if o < 0 {
			return false
		}
		// the object, a noun before it ("mediation efforts") or what a
		// measure noun is of ("a state of siege", "a round of talks")
		lems := []string{c.lemma(o)}
		for _, k := range c.kids(o) {
			if r := c.rel(k); r == "compound" || measureNouns[lems[0]] && base(r) == "nmod" && c.caseOf(k) == "of" {
				lems = append(lems, c.lemma(k))
				for _, g := range c.kids(k) {
					if c.rel(g) == "compound" { // "10 days of war games"
						lems = append(lems, c.lemma(g))
					}
				}
			}
		}
		ok := false
		for _, lem := range lems {
			for _, w := range e.obj {
				if lem == w || strings.TrimSuffix(lem, "s") == w || strings.TrimSuffix(lem, "ies")+"y" == w {
					ok = true
					break
				}
			}
		}
		if !ok {
			return false
		}
	}
	if e.prt != "" {
		ok := false
		for _, k := range c.kids(i) {
			r := c.rel(k)
			if (r == "compound:prt" || r == "advmod" || r == "obl" && c.tok(k).UPOS == "ADP") && c.lemma(k) == e.prt {
				ok = true
			}
		}
		// the particle right after the verb, whatever the parser hung it
		// on ("handed over 700 kg", "over" read as "more than")
		if n := i + 1; !ok && n < c.s.Last && strings.EqualFold(c.d.Form(int(n)), e.prt) {
			switch c.tok(n).UPOS {
			case "ADP", "ADV", "PART":
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if e.prep != "" {
		ok := false
		for _, k := range c.kids(i) {
			switch base(c.rel(k)) {
			case "obl", "nmod", "xcomp", "ccomp", "advcl", "obj":
				if c.caseOf(k) == e.prep {
					ok = true
				}
			case "compound":
				if c.lemma(k) == e.prep {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
