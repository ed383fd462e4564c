package events

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"dateline/internal/doc"
	"dateline/internal/timex"
)

// modality is what a clause says about its event's reality.
type modality struct {
	future, hypothetical, negated, must bool
}

// modalityOf reads the auxiliaries, negation and subordinators of token i's clause.
func (c *coder) modalityOf(i int32) modality {
	var m modality
	for _, k := range c.kids(i) {
		r := c.rel(k)
		lem := c.lemma(k)
		switch {
		case r == "aux" || r == "aux:pass":
			switch lem {
			case "will", "shall", "'ll", "wo":
				m.future = true
			case "would", "could", "might", "may":
				m.hypothetical = true
			case "must", "should", "ought":
				m.must = true
			}
		case r == "advmod" || r == "det" || r == "neg":
			switch lem {
			case "not", "n't", "never", "no":
				m.negated = true
			}
		case r == "mark":
			if lem == "if" || lem == "unless" {
				m.hypothetical = true
			}
		case r == "xcomp":
		}
	}
	// "is going to X", "plans to X" are handled by the head; "have to" by must.
	if h := c.tok(i).Head; h >= 0 && c.rel(i) == "xcomp" {
		switch c.lemma(h) {
		case "go":
			if c.child(h, "aux") >= 0 {
				m.future = true
			}
		case "have", "need":
			m.must = true
		case "fail":
			m.negated = true // "failed to reach agreement"
		}
	}
	return m
}

// recode applies PLOVER's rules for auxiliary modes: promised cooperation,
// retreat or concession is AGREE (CAMEO 03 "express intent to cooperate /
// yield" maps to AGREE in CAMEO2PLOVER-2021), promised force, sanctions or
// protest ("would boycott all contact") THREATEN (CAMEO 13).
func recode(typ string, future bool) string {
	if !future {
		return typ
	}
	switch typ {
	case "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE":
		return "AGREE"
	case "ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST":
		return "THREATEN"
	}
	return typ
}

func cooperative(typ string) bool {
	switch typ {
	case "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT":
		return true
	}
	return false
}

// requestMode is the REQUEST/REJECT mode for what is asked or refused.
func requestMode(typ string) string {
	switch typ {
	case "CONSULT":
		return "meet"
	case "AID", "COOPERATE", "SUPPORT":
		return "assist"
	case "RETREAT", "CONCEDE":
		return "yield"
	case "":
		return ""
	}
	return "change"
}

func threatMode(typ, mode string) string {
	switch typ {
	case "ASSAULT":
		return "violence"
	case "COERCE":
		if mode == "arrest" {
			return "arrest"
		}
		if mode == "deport" {
			return "expel"
		}
		return "restrict"
	case "SANCTION":
		if mode == "expel" {
			return "expel"
		}
		return "relations"
	case "CONSULT":
		return "relations"
	case "PROTEST":
		return "relations" // CAMEO 133, threaten with dissent or protest
	}
	return ""
}

// complement returns the trigger inside the clause that composer t governs,
// nearest first, or nil: for a speech verb only what is said (ccomp, xcomp),
// for the others also the object ("rejected the offer of talks").
func (c *coder) complement(t *trigger, byTok map[int32]*trigger) *trigger {
	var queue []int32
	for _, k := range c.kids(t.tok) {
		switch base(c.rel(k)) {
		case "ccomp", "xcomp", "parataxis":
			queue = append(queue, k)
		case "obj", "obl", "nmod", "acl":
			// what is announced is done: "announced a suspension of air
			// links"; what is said about is not ("reported an attack")
			if t.e.kind != kindSay || base(c.rel(k)) == "obj" && announces[c.lemma(t.tok)] {
				queue = append(queue, k)
			}
		}
	}
	queue = append(queue, c.included(t.tok)...)
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		if t, ok := byTok[k]; ok && !t.used {
			return t
		}
		for _, g := range c.kids(k) {
			switch base(c.rel(g)) {
			case "ccomp", "xcomp", "obj", "obl", "conj", "nmod", "acl":
				queue = append(queue, g)
			}
		}
	}
	return nil
}

// included lists the phrases that spell out what noun n stands for, when the
// parser has hung them on n's verb: "repeated the UN's demands, including
// opening the roads ..., releasing detained aid workers" (advcl of
// "repeated", marked "including"). What is listed under a demand is asked
// for, not done.
func (c *coder) included(n int32) []int32 {
	if c.tok(n).UPOS != "NOUN" {
		return nil
	}
	switch base(c.rel(n)) {
	case "obj", "nsubj", "obl":
	default:
		return nil
	}
	h := c.tok(n).Head
	if h < c.s.First || h >= c.s.Last {
		return nil
	}
	var out []int32
	for _, k := range c.kids(h) {
		if k <= n {
			continue
		}
		switch base(c.rel(k)) {
		case "advcl", "obl", "xcomp", "acl":
		default:
			continue
		}
		for _, m := range c.kids(k) {
			if r := c.rel(m); (r == "mark" || r == "case") && (c.lemma(m) == "include" || strings.EqualFold(c.d.Form(int(m)), "including")) {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// announces are the speech verbs whose object is an act of the speaker's.
var announces = map[string]bool{"announce": true, "declare": true, "unveil": true, "proclaim": true}

// thatSubject reads "demanded that President Mugabe abandon ...", "its
// demand today that Israel ease ..." from the words, for when the parser
// lost the clause: the entity named first within a few words after a
// "that" that follows the trigger closely.
func (c *coder) thatSubject(i int32) []int32 {
	for k := i + 1; k < c.s.Last && k <= i+4; k++ {
		if strings.EqualFold(c.d.Form(int(k)), "that") {
			for j := k + 1; j < c.s.Last && j <= k+4; j++ {
				if e := c.entityAt(j); e >= 0 {
					return []int32{e}
				}
			}
			return nil
		}
	}
	return nil
}

// clauseSubject is the entities of the subject of the clause token i governs
// as ccomp or xcomp ("demanded that the US cancel", "urged Iran to"), or nil.
func (c *coder) clauseSubject(i int32) []int32 {
	for _, k := range c.kids(i) {
		switch base(c.rel(k)) {
		case "ccomp", "xcomp":
			if s := c.child(k, "nsubj"); s >= 0 {
				return c.entitiesOf(s)
			}
			if s := c.child(k, "nsubj:pass"); s >= 0 {
				return c.entitiesOf(s)
			}
		}
	}
	return nil
}

// compose codes a composer trigger (say, agree, refuse, demand, threaten).
func (c *coder) compose(si int, t *trigger, byTok map[int32]*trigger) (doc.Event, bool) {
	t.used = true
	inner := c.complement(t, byTok)
	// what the composer governs is its event; a speech verb with nothing
	// coded to say leaves a demand, offer, refusal or threat it names to
	// speak for itself ("reiterated her country's priorities for the
	// Taliban, including ...", "renewed its demand that Israel ease ...")
	silent := false
	defer func() { c.consume(t.tok, byTok, silent) }()
	var ev doc.Event
	var ok bool
	if inner != nil {
		inner.used = true
		if inner.e.kind == kindEvent {
			ev, ok = c.plain(si, inner)
		} else {
			// a composer inside a composer: "X said it refused to meet Y"
			ev, ok = c.compose(si, inner, byTok)
		}
	}
	outer := c.modalityOf(t.tok)
	actors := c.subjectEntities(t.tok)
	switch t.e.kind {
	case kindSay:
		if !ok {
			// "X said Y must ...": a demand with no coded content.
			if cc := c.child(t.tok, "ccomp"); cc >= 0 && c.modalityOf(cc).must {
				ev = c.newEvent(si, t.tok, "REQUEST", "", "say + must")
				ev.Recipients = c.subjectEntities(cc)
				ok = true
			} else {
				silent = true
				return ev, false
			}
		}
		if len(actors) > 0 && (len(ev.Actors) == 0 || c.pronounSubject(inner)) {
			ev.Actors = actors
		}
		if m := c.innerModality(inner); m.must && ev.Type != "REQUEST" {
			ev.Recipients = appendUnique(ev.Actors, ev.Recipients...)
			ev.Actors = actors
			ev.Mode = requestMode(ev.Type)
			ev.Type = "REQUEST"
		}
		ev.Explain += fmt.Sprintf("; said (%q)", c.d.Form(int(t.tok)))
	case kindIntend:
		typ, mode := "AGREE", ""
		if ok && (ev.Type == "THREATEN" || !cooperative(ev.Type) && ev.Type != "REQUEST" && ev.Type != "REJECT") {
			typ, mode = "THREATEN", threatMode(ev.Type, ev.Mode)
		}
		if !ok {
			ev = c.newEvent(si, t.tok, typ, mode, "")
		}
		if len(actors) > 0 {
			ev.Actors = actors
		}
		ev.Type, ev.Mode = typ, mode
		ev.Future = true
		ev.Explain += fmt.Sprintf("; intention (%q) makes it %s", c.d.Form(int(t.tok)), typ)
		if outer.negated {
			ev.Type, ev.Mode = "REJECT", requestMode(ev.Type)
			ev.Explain += "; negated intention: REJECT"
		}
	case kindRefuse:
		inner := ""
		if ok {
			inner = ev.Type
		} else {
			ev = c.newEvent(si, t.tok, "REJECT", "", "")
			ev.Recipients = c.objectEntities(t.tok, "obj")
		}
		ev.Type, ev.Mode = "REJECT", requestMode(inner)
		if len(actors) > 0 {
			ev.Actors = actors
		}
		// who made the offer, call or demand refused: "rejected an Indian
		// proposal", "rejected calls by Kofi Annan", "opposed to French mediation"
		ev.Recipients = appendUnique(ev.Recipients, c.objectEntities(t.tok, "obj", "to", "by", "from", "of")...)
		ev.Recipients = removeAll(ev.Recipients, ev.Actors)
		ev.Explain += fmt.Sprintf("; refusal (%q): REJECT", c.d.Form(int(t.tok)))
	case kindDemand:
		// whoever the inner clause names as its subject is asked; a verb's
		// subject it only inherits is the one who asks ("repeated the
		// demands, including releasing detained aid workers")
		var asked []int32
		if ok && (inner.e.noun || c.child(inner.tok, "nsubj") >= 0 || c.child(inner.tok, "nsubj:pass") >= 0) {
			asked = ev.Actors
		}
		inner := ""
		if ok {
			inner = ev.Type
		} else {
			ev = c.newEvent(si, t.tok, "REQUEST", "", "")
		}
		rec := c.objectEntities(t.tok, "obj", "iobj")
		if len(rec) == 0 {
			rec = c.objectEntities(t.tok, "on", "to", "from", "by")
		}
		if len(rec) == 0 && t.e.prep == "for" && t.e.noun {
			rec = c.objectEntities(t.tok, "for") // "priorities for the Taliban"
		}
		if len(rec) == 0 {
			rec = c.clauseSubject(t.tok)
		}
		if len(rec) == 0 {
			rec = c.thatSubject(t.tok)
		}
		if len(rec) == 0 && ok {
			rec = asked
		}
		ev.Recipients = rec
		ev.Type, ev.Mode = "REQUEST", requestMode(inner)
		ev.Actors = actors
		ev.Explain += fmt.Sprintf("; demand (%q): REQUEST", c.d.Form(int(t.tok)))
	case kindThreat:
		inner := ""
		if ok {
			inner = ev.Type
		} else {
			ev = c.newEvent(si, t.tok, "THREATEN", "", "")
			ev.Recipients = c.objectEntities(t.tok, "obj", "iobj")
		}
		ev.Type, ev.Mode = "THREATEN", threatMode(inner, ev.Mode)
		if len(actors) > 0 {
			ev.Actors = actors
		}
		ev.Future = true
		ev.Explain += fmt.Sprintf("; threat (%q): THREATEN", c.d.Form(int(t.tok)))
	}
	if len(ev.Recipients) == 0 && t.e.kind != kindSay {
		// what was promised, threatened, refused or asked names its target:
		// "threatened to break relations with Russia"
		ev.Recipients = removeAll(c.clauseEntities(t.tok), ev.Actors)
	}
	if outer.negated && t.e.kind != kindIntend && t.e.kind != kindRefuse {
		ev.Negated = true
	}
	if outer.hypothetical {
		ev.Hypothetical = true
	}
	// the evidence of a composed event is its composer's trigger, but a said
	// event keeps its own ("it would withdraw", not "said")
	if t.e.kind != kindSay || len(ev.Evidence) == 0 {
		ev.Evidence = []doc.Evidence{{Sentence: int32(si), Trigger: c.tok(t.tok).Span}}
	}
	c.finish(si, t.tok, &ev)
	return ev, true
}

func (c *coder) innerModality(t *trigger) modality {
	if t == nil {
		return modality{}
	}
	return c.modalityOf(t.tok)
}

// pronounSubject reports whether the inner clause's subject is a pronoun ("it
// would withdraw"), which the matrix subject of a speech verb resolves better.
func (c *coder) pronounSubject(t *trigger) bool {
	if t == nil {
		return false
	}
	s := c.child(t.tok, "nsubj")
	return s >= 0 && c.tok(s).UPOS == "PRON"
}

func (c *coder) newEvent(si int, tok int32, typ, mode, why string) doc.Event {
	return doc.Event{Type: typ, Mode: mode, Time: -1,
		Evidence: []doc.Evidence{{Sentence: int32(si), Trigger: c.tok(tok).Span}},
		Explain:  fmt.Sprintf("trigger %q (lemma %s) → %s%s", c.d.Form(int(tok)), c.lemma(tok), typ, why)}
}

// plain codes an event trigger with its arguments and modality.
func (c *coder) plain(si int, t *trigger) (doc.Event, bool) {
	e := t.e
	if e.typ == "ACCUSE" && c.lemma(t.tok) == "protest" && (c.rel(t.tok) == "advcl" || c.rel(t.tok) == "xcomp" || c.rel(t.tok) == "acl") {
		// "started a hunger strike to protest ...": the protest itself
		e = &entry{typ: "PROTEST", mode: "demo", recip: "obj", line: e.line}
	}
	if c.rel(t.tok) == "amod" && c.tok(t.tok).XPOS == "VBG" {
		// a present participle that describes its noun ("Jordan's visiting
		// King", "the ruling party") tells no event
		return doc.Event{}, false
	}
	ev := c.newEvent(si, t.tok, e.typ, e.mode, fmt.Sprintf(" (lexicon line %d)", e.line))
	if e.noun {
		c.nounArgs(t.tok, e, &ev)
	} else {
		c.verbArgs(t.tok, e, &ev)
	}
	m := c.modalityOf(t.tok)
	if m.future || m.hypothetical {
		nt := recode(ev.Type, true)
		if nt != ev.Type {
			ev.Explain += fmt.Sprintf("; future %s → %s", ev.Type, nt)
			if nt == "THREATEN" {
				ev.Mode = threatMode(ev.Type, ev.Mode)
			} else if nt != "CONCEDE" {
				ev.Mode = ""
			}
			ev.Type = nt
		}
		ev.Future = m.future
		ev.Hypothetical = m.hypothetical && !m.future
	}
	if m.negated {
		if (m.future || m.hypothetical) && cooperative(e.typ) || ev.Type == "AGREE" {
			// a negated promise, or agreement not reached ("failed to reach
			// agreement"), is a refusal
			ev.Explain += "; negated promise or agreement: REJECT"
			ev.Mode = requestMode(e.typ)
			ev.Type = "REJECT"
		} else {
			ev.Negated = true
		}
	}
	c.finish(si, t.tok, &ev)
	return ev, true
}

// verbArgs fills the actors and recipients of a verb trigger.
func (c *coder) verbArgs(v int32, e *entry, ev *doc.Event) {
	if c.rel(v) == "amod" && c.tok(v).XPOS == "VBN" {
		// a participle before its noun: "detained aid workers" were
		// detained by someone the clause does not name
		ev.Recipients = c.entitiesOf(c.tok(v).Head)
		ev.Explain += "; participle: its noun is the patient"
		// its own modifier is the agent: "U.S.-backed", "China-funded"
		for _, k := range c.kids(v) {
			if r := base(c.rel(k)); (r == "compound" || r == "obl" || r == "nmod" || r == "npadvmod") && (c.caseOf(k) == "" || c.caseOf(k) == "by") {
				ev.Actors = appendUnique(ev.Actors, c.entitiesOf(k)...)
			}
		}
		ev.Recipients = removeAll(ev.Recipients, ev.Actors)
		return
	}
	passive := c.child(v, "nsubj:pass") >= 0 || c.child(v, "aux:pass") >= 0
	if passive {
		patient := c.child(v, "nsubj:pass")
		if patient < 0 {
			patient = c.child(v, "nsubj")
		}
		ev.Recipients = c.entitiesOf(patient)
		for _, k := range c.kids(v) {
			if base(c.rel(k)) == "obl" && c.caseOf(k) == "by" {
				ev.Actors = c.entitiesOf(k)
			}
		}
		ev.Explain += "; passive"
	} else {
		ev.Actors = c.subjectEntities(v)
		switch e.recip {
		case "none":
		case "obj":
			ev.Recipients = c.objectEntities(v, "obj", "iobj")
		default:
			ev.Recipients = c.objectEntities(v, e.recip)
			if len(ev.Recipients) == 0 {
				ev.Recipients = c.objectEntities(v, "obj", "iobj")
			}
		}
	}
	if len(ev.Recipients) == 0 && !e.reciprocal && !passive {
		// no recipient by role: the entities the object and the directed
		// obliques name ("confiscated weapons from armed groups")
		for _, k := range c.kids(v) {
			r := base(c.rel(k))
			if r == "obj" || r == "iobj" || r == "obl" && directed[c.caseOf(k)] {
				ev.Recipients = appendUnique(ev.Recipients, c.entitiesOf(k)...)
			}
		}
		ev.Recipients = removeAll(ev.Recipients, ev.Actors)
	}
	c.parties(e, ev)
}

// directed are the prepositions that point an action at someone.
var directed = map[string]bool{"to": true, "against": true, "on": true, "from": true, "into": true, "at": false,
	"for": true, "with": true, "over": true, "toward": true, "towards": true, "of": true}

// clauseEntities lists the entities named in the clauses (ccomp, xcomp) and
// object token i governs, in text order.
func (c *coder) clauseEntities(i int32) []int32 {
	var out []int32
	var walk func(k int32, depth int)
	walk = func(k int32, depth int) {
		if depth > 12 {
			return
		}
		if e := c.entityAt(k); e >= 0 {
			out = appendUnique(out, e)
		}
		for _, g := range c.kids(k) {
			if base(c.rel(g)) != "advcl" && c.rel(g) != "acl:relcl" {
				walk(g, depth+1)
			}
		}
	}
	for _, k := range c.kids(i) {
		switch base(c.rel(k)) {
		case "ccomp", "xcomp", "obj":
			walk(k, 0)
		}
	}
	return out
}

// nounArgs fills the arguments of a noun trigger: "his meeting with X",
// "Pakistani talks with X", "the US sanctions on Iran".
func (c *coder) nounArgs(n int32, e *entry, ev *doc.Event) {
	for _, k := range c.kids(n) {
		r := c.rel(k)
		switch {
		case r == "nmod:poss" || r == "amod" || r == "compound":
			ev.Actors = appendUnique(ev.Actors, c.entitiesOf(k)...)
		case base(r) == "nmod" && c.caseOf(k) == "by":
			ev.Actors = appendUnique(ev.Actors, c.entitiesOf(k)...)
		case base(r) == "nmod" && (c.caseOf(k) == e.recip || e.recip == "obj" && (c.caseOf(k) == "on" || c.caseOf(k) == "against")):
			ev.Recipients = appendUnique(ev.Recipients, c.entitiesOf(k)...)
		}
	}
	// a light verb's subject is the actor: "X held a meeting", "X imposed sanctions"
	if h := c.tok(n).Head; h >= 0 && (c.rel(n) == "obj" || base(c.rel(n)) == "obl") {
		if len(ev.Actors) == 0 {
			ev.Actors = c.subjectEntities(h)
		}
		for _, k := range c.kids(h) {
			// the light verb may carry the noun's target: "opened
			// investigations against 28 officials"
			if cs := c.caseOf(k); k != n && base(c.rel(k)) == "obl" && (cs == e.recip || e.recip == "obj" && (cs == "on" || cs == "against")) {
				ev.Recipients = appendUnique(ev.Recipients, c.entitiesOf(k)...)
			}
		}
	}
	c.parties(e, ev)
}

// subjectEntities finds the entities of the subject of verb v, following
// control (xcomp), coordination, relative clauses and participles when v has no
// subject of its own; failing that, the nearest entity left of the verb that is
// not inside a prepositional phrase (the parser's subject was lost, as in
// "Earlier on Wednesday, the US Secretary of State held talks").
func (c *coder) subjectEntities(v int32) []int32 {
	start := v
	for hops := 0; v >= 0 && hops < 6; hops++ {
		if s := c.child(v, "nsubj"); s >= 0 && !c.inDateline(s) {
			if c.tok(s).UPOS == "PRON" && isRelative(c.lemma(s)) && base(c.rel(v)) == "acl" {
				return c.entitiesOf(c.tok(v).Head)
			}
			if es := c.entitiesOf(s); len(es) > 0 || c.tok(s).UPOS != "PROPN" && !c.misparsedSubject(s, v) {
				return es
			}
		}
		h := c.tok(v).Head
		if h < c.s.First || h >= c.s.Last {
			break
		}
		switch base(c.rel(v)) {
		case "acl":
			if es := c.entitiesOf(h); len(es) > 0 || base(c.rel(h)) != "obj" {
				return es
			}
			// "issued a declaration demanding that ...": the one who issued it
			v = c.tok(h).Head
		case "xcomp", "conj", "advcl", "ccomp":
			v = h
		default:
			return c.leftSubject(start)
		}
	}
	return c.leftSubject(start)
}

// misparsedSubject reports whether the subject s of verb v names no one
// but hangs a name from a verb of its own, as when the tagger read
// "Human rights watchdog Amnesty International accused" with "watchdog" a
// verb: then the name left of v is taken instead.
func (c *coder) misparsedSubject(s, v int32) bool {
	for _, k := range c.kids(s) {
		if c.tok(k).UPOS == "VERB" && k < v {
			for _, g := range c.kids(k) {
				if c.entityAt(g) >= 0 {
					return true
				}
			}
		}
	}
	return false
}

// inDateline reports whether token i is part of the story's dateline ("New
// York:"), which the parser may take for a subject.
func (c *coder) inDateline(i int32) bool {
	dl := c.d.Dateline
	return dl != nil && dl.Span.Start >= 0 && c.tok(i).Start >= dl.Span.Start && c.tok(i).End <= dl.Span.End
}

// leftSubject is the entity of the nearest mention left of v in its sentence
// that is not the object of a preposition, or nil.
func (c *coder) leftSubject(v int32) []int32 {
	for i := v - 1; i >= c.s.First; i-- {
		e := c.entityAt(i)
		if e < 0 || c.inDateline(i) {
			continue
		}
		inPP := false
		for k, hops := i, 0; k >= 0 && k != v && hops < 8; hops++ {
			if c.caseOf(k) != "" && c.rel(k) != "appos" {
				inPP = true
				break
			}
			if c.rel(k) == "appos" {
				k = c.tok(k).Head // an apposition stands for its own phrase
				if k >= 0 && c.caseOf(k) != "" {
					k = c.tok(k).Head
				}
				continue
			}
			k = c.tok(k).Head
		}
		if !inPP {
			return []int32{e}
		}
	}
	return nil
}

func isRelative(lem string) bool {
	switch lem {
	case "who", "which", "that", "whom":
		return true
	}
	return false
}

// objectEntities finds the entities of v's dependents: "obj"/"iobj" by relation,
// anything else as the preposition of an oblique.
func (c *coder) objectEntities(v int32, which ...string) []int32 {
	var out []int32
	for _, k := range c.kids(v) {
		r := c.rel(k)
		for _, w := range which {
			if w == "obj" || w == "iobj" {
				if r == w {
					out = appendUnique(out, c.entitiesOf(k)...)
				}
			} else if (base(r) == "obl" || base(r) == "nmod") && c.caseOf(k) == w {
				out = appendUnique(out, c.entitiesOf(k)...)
			} else if r == "obj" {
				// "granted asylum to X" with "to X" attached to the object
				for _, g := range c.kids(k) {
					if base(c.rel(g)) == "nmod" && c.caseOf(g) == w {
						out = appendUnique(out, c.entitiesOf(g)...)
					}
				}
			}
		}
	}
	return out
}

// removeAll drops from xs every member of ys.
func removeAll(xs, ys []int32) []int32 {
	out := xs[:0]
	for _, x := range xs {
		keep := true
		for _, y := range ys {
			if x == y {
				keep = false
			}
		}
		if keep {
			out = append(out, x)
		}
	}
	return out
}

// npRels are the relations that stay inside a noun phrase.
var npRels = map[string]bool{"compound": true, "flat": true, "amod": true, "nmod": true, "det": true,
	"appos": true, "conj": true, "nummod": true, "case": true, "cc": true, "fixed": true, "acl": true, "obl": true}

// parties settles who takes part: everyone is an actor of a reciprocal
// event, and a city or place that only says where is no party to a meeting
// that has two parties without it.
func (c *coder) parties(e *entry, ev *doc.Event) {
	if e.reciprocal {
		ev.Actors = appendUnique(ev.Actors, ev.Recipients...)
		ev.Recipients = nil
	}
	if e.typ == "CONSULT" {
		a, r := c.withoutPlaces(slices.Clone(ev.Actors)), c.withoutPlaces(slices.Clone(ev.Recipients))
		// with no one else named, the place stands for its people: "Saddam
		// Hussein arrived in Amman on a visit" is a visit to Jordan
		if len(a)+len(r) >= 2 {
			ev.Actors, ev.Recipients = a, r
		}
	}
}

// withoutPlaces drops from the parties of a meeting the cities and places
// (not countries) that only a preposition of place names in the sentence:
// "hosted the talks between the two sides in Jeddah" is a meeting in Jeddah,
// not with it. (A place can be the target of other events: "extend the
// curfew in Abidjan".)
func (c *coder) withoutPlaces(ents []int32) []int32 {
	out := ents[:0]
	for _, e := range ents {
		if c.d.Entities[e].Type != "LOC" || !c.onlyAsPlace(e) {
			out = append(out, e)
		}
	}
	return out
}

// onlyAsPlace reports whether every token of entity e in the sentence heads,
// or sits in, a phrase after "in", "at", "near", ….
func (c *coder) onlyAsPlace(e int32) bool {
	seen := false
	for i := c.s.First; i < c.s.Last; i++ {
		if c.entityAt(i) != e || c.rel(i) == "flat" || c.rel(i) == "compound" {
			continue
		}
		seen = true
		switch c.caseOf(i) {
		case "in", "at", "near", "inside", "outside", "across", "throughout":
		default:
			return false
		}
	}
	return seen
}

// entitiesOf maps the noun phrase headed by token a to document entities: the
// entity whose mention holds a itself (and those of its conjuncts), else the
// entities its modifiers name ("Hungarian officials" → Hungary).
func (c *coder) entitiesOf(a int32) []int32 {
	if a < 0 {
		return nil
	}
	var own, mods []int32
	var walk func(i int32, top bool, depth int)
	walk = func(i int32, top bool, depth int) {
		if depth > 12 {
			return
		}
		if e := c.entityAt(i); e >= 0 {
			if top {
				own = appendUnique(own, e)
			} else {
				mods = appendUnique(mods, e)
			}
		}
		for _, k := range c.kids(i) {
			r := c.rel(k)
			if !npRels[base(r)] && r != "nmod:poss" {
				continue
			}
			walk(k, top && (base(r) == "conj" || base(r) == "flat" || base(r) == "appos" || r == "compound" && c.entityAt(i) == c.entityAt(k)), depth+1)
		}
	}
	walk(a, true, 0)
	if len(own) > 0 {
		return own
	}
	return mods
}

// entityAt is the entity of the mention covering token i, or -1; a pronoun
// "I"/"we" inside a quote is its speaker.
func (c *coder) entityAt(i int32) int32 {
	if e := c.tokEnt[i]; e >= 0 {
		return e
	}
	switch strings.ToLower(c.d.Str(c.tok(i).Span)) {
	case "i", "we", "me", "us":
		return c.tokSpeaker[i]
	}
	return -1
}

func appendUnique(xs []int32, ys ...int32) []int32 {
	for _, y := range ys {
		dup := false
		for _, x := range xs {
			if x == y {
				dup = true
				break
			}
		}
		if !dup {
			xs = append(xs, y)
		}
	}
	return xs
}

// finish sets the date, place and confidence of an event whose trigger is tok.
func (c *coder) finish(si int, tok int32, ev *doc.Event) {
	d := c.d
	if ev.Time >= 0 {
		// already dated by the clause it came from
	} else if ti := c.timeFor(tok); ti >= 0 {
		ev.Time = int32(ti)
		v := d.Times[ti].Value
		if len(v) >= 10 && v[4] == '-' && v[7] == '-' {
			v = v[:10]
		}
		ev.Date = v
		ev.Explain += fmt.Sprintf("; date from %q", d.Str(d.Times[ti].Span))
		if d.Published != "" && len(v) >= 4 && len(d.Published) >= 4 && v[:4] < d.Published[:4] && yearsBefore(v, d.Published) >= 2 {
			ev.Historical = true
		}
	}
	if ev.Location != nil && ev.Location.From != "dateline" {
		// already placed by the clause it came from
	} else if loc := c.placeFor(tok); loc != nil {
		ev.Location = loc
		c.lastPlace, c.lastPlaceSent = loc, si
	} else if c.lastPlace != nil && c.lastPlaceSent >= si-1 && c.lastPlaceSent < si {
		p := *c.lastPlace
		p.From = "context"
		ev.Location = &p
		ev.Explain += "; place from the sentence before"
	} else if ev.Location == nil && d.Dateline != nil && d.Dateline.Place != "" {
		ev.Location = &doc.Place{Name: d.Dateline.Place, Entity: d.Dateline.Entity, From: "dateline"}
		ev.Explain += "; place from the dateline"
	}
	if ev.Type == "CONSULT" && ev.Mode == "" && c.multilateral() {
		ev.Mode = "multilateral"
		ev.Explain += "; multilateral: an international body is named in the sentence"
	}
	conf := 0.5
	if len(ev.Actors) > 0 {
		conf += 0.2
	}
	if len(ev.Recipients) > 0 || len(ev.Actors) > 1 {
		conf += 0.1
	}
	if ev.Time >= 0 {
		conf += 0.05
	}
	if ev.Negated || ev.Hypothetical {
		conf -= 0.1
	}
	ev.Confidence = conf
}

func yearsBefore(v, pub string) int {
	var a, b int
	fmt.Sscanf(v[:4], "%d", &a)
	fmt.Sscanf(pub[:4], "%d", &b)
	return b - a
}

// timeFor picks the time expression of the clause of token tok (the timex
// stage's answer), if it names a calendar date or time.
func (c *coder) timeFor(tok int32) int {
	ti := timex.ForSentence(c.d, c.d.SentenceOf(c.s.Start), int(tok))
	if ti < 0 {
		return -1
	}
	v := c.d.Times[ti].Value
	if v == "" || v[0] < '0' || v[0] > '9' {
		return -1 // PRESENT_REF, XXXX-..: no calendar date
	}
	return ti
}

// placeFor finds "in X" / "at X" naming a place entity among the trigger's
// obliques (and the prepositional phrases inside them: "on the sidelines of
// the Assembly in New York"), not inside its object ("the protection of
// civilians in Khartoum" is no place of the meeting).
func (c *coder) placeFor(tok int32) *doc.Place {
	var found *doc.Place
	var walk func(i int32, depth int)
	walk = func(i int32, depth int) {
		if found != nil || depth > 6 {
			return
		}
		for _, k := range c.kids(i) {
			r := base(c.rel(k))
			switch {
			case depth == 0 && r == "obj" && c.tok(k).UPOS == "NOUN" && c.match(k) != nil:
				// the place of the event noun a verb governs: "hosted the
				// talks between the two sides in Jeddah"
			case depth == 0 && r != "obl" && r != "advmod" && r != "nmod":
				continue
			case depth == 0 && r != "advmod" && c.caseOf(k) == "":
				// an oblique with no preposition is an object the parser
				// mislabelled ("discussed with him the protection of
				// civilians in Khartoum"), or a bare time ("met Monday")
				continue
			case depth > 0 && r != "nmod" && r != "obl" && r != "appos" && r != "conj" && r != "compound" && r != "flat":
				continue
			}
			if p := c.placeAt(k, "clause"); p != nil {
				found = p
				return
			}
			walk(k, depth+1)
		}
	}
	walk(tok, 0)
	return found
}

// placeAt is the place token k names when it is the object of "in", "at" or
// "near" and a mention of a place entity.
func (c *coder) placeAt(k int32, from string) *doc.Place {
	if cs := c.caseOf(k); cs != "in" && cs != "at" && cs != "near" {
		return nil
	}
	e := c.entityAt(k)
	if e < 0 {
		return nil
	}
	ent := c.d.Entities[e]
	if ent.Type != "GPE" && ent.Type != "LOC" && ent.Type != "FAC" {
		return nil
	}
	return &doc.Place{Name: ent.Name, Entity: e, From: from}
}

func (c *coder) add(ev doc.Event) {
	c.events = append(c.events, ev)
}

// consume marks every trigger inside the clauses a composer governs as used:
// what was said, asked or refused is one event, not several. A silent
// composer (a speech verb with nothing coded to say) leaves a composer noun
// it governs as object to speak for itself.
func (c *coder) consume(i int32, byTok map[int32]*trigger, silent bool) {
	for _, k := range c.kids(i) {
		if o, ok := byTok[k]; silent && ok && o.e.noun && o.e.kind != kindEvent && base(c.rel(k)) == "obj" {
			continue
		}
		switch base(c.rel(k)) {
		case "ccomp", "xcomp", "obj", "obl":
			c.consumeFrom(k, byTok)
		}
	}
	for _, k := range c.included(i) {
		c.consumeFrom(k, byTok)
	}
}

// consumeAccused marks the triggers of what an accusation is about as used:
// "blamed Israel for the bombing", "complained over two air raids",
// "accused the army of killing civilians" are one ACCUSE each; the act is
// what is alleged, not an event told as fact.
func (c *coder) consumeAccused(i int32, byTok map[int32]*trigger) {
	for _, k := range c.kids(i) {
		r := base(c.rel(k))
		if (r == "obl" || r == "advcl" || r == "nmod") && (c.caseOf(k) == "for" || c.caseOf(k) == "over" || c.caseOf(k) == "of") {
			c.consumeFrom(k, byTok)
		}
	}
}

// consumeFrom marks every trigger in the phrase headed by k as used.
func (c *coder) consumeFrom(k int32, byTok map[int32]*trigger) {
	var walk func(k int32, depth int)
	walk = func(k int32, depth int) {
		if depth > 20 {
			return
		}
		if t, ok := byTok[k]; ok {
			t.used = true
		}
		for _, g := range c.kids(k) {
			walk(g, depth+1)
		}
	}
	walk(k, 0)
}

// multilateral reports whether the sentence names an international body (the
// sidelines of the General Assembly, a NATO summit): PLOVER's CONSULT mode.
func (c *coder) multilateral() bool {
	ms := c.d.Mentions
	k := sort.Search(len(c.byStart), func(i int) bool { return ms[c.byStart[i]].Start >= c.s.Start })
	for ; k < len(c.byStart) && ms[c.byStart[k]].Start < c.s.End; k++ {
		if m := ms[c.byStart[k]]; m.End <= c.s.End && c.d.Entities[m.Entity].Sector == "IGO" {
			return true
		}
	}
	for i := c.s.First; i < c.s.Last; i++ {
		switch c.lemma(i) {
		case "summit", "sideline", "sidelines", "conference", "forum":
			return true
		}
	}
	return false
}
