// Package entities finds who and what a story speaks of: it groups mentions —
// names, titles and descriptions, pronouns, metonyms, demonyms — into document
// entities, and codes each actor's country, sector and role, from the text
// first and then from the knowledge base (internal/kb).
//
// Resolve reads the tokens and sentences, and uses the part-of-speech tags and
// named-entity spans when an earlier stage set them; names the recogniser
// missed (or all, when none ran) come from the knowledge base and from
// capitalisation, checked against the part-of-speech tags when present. It sets Doc.Mentions,
// Doc.Entities and Doc.Dateline.Entity.
package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/internal/doc"
	"dateline/internal/kb"
)

// Resolve finds the entities of d with the default knowledge base (the
// embedded one plus $DATELINE_KB and files given to kb.LoadFile). A bad
// $DATELINE_KB file is an error naming the file and line.
func Resolve(d *doc.Doc) error {
	k := kb.Default()
	if err := kb.DefaultErr(); err != nil {
		return err
	}
	return ResolveKB(d, k)
}

// ResolveKB finds the entities of d with knowledge base k.
func ResolveKB(d *doc.Doc, k *kb.KB) error {
	d.Mentions = d.Mentions[:0]
	d.Entities = d.Entities[:0]
	if len(d.Tokens) == 0 {
		setDateline(d, nil)
		return nil
	}
	r := newResolver(d, k)
	r.scan()
	r.build()
	r.orgDescriptions()
	r.pronouns()
	r.relatives()
	r.fallbackCountry()
	r.output()
	return nil
}

// item kinds found by the scan
type itemKind uint8

const (
	itName        itemKind = iota // a proper name the knowledge base does not know
	itKB                          // a knowledge-base actor, person, place, country, capital or demonym
	itTitle                       // an office: "foreign minister"
	itGroup                       // a collective: "troops"
	itPronoun                     // he, she, it, they, ...
	itPoss                        // the possessive 's
	itCounterpart                 // "counterpart"
)

type item struct {
	kind        itemKind
	first, last int // tokens [first, last)
	entry       *kb.Entry
	typ         string // for names: PERSON, ORG, LOC, GPE
	sent        int
	used        bool  // consumed as part of a larger pattern
	guess       uint8 // how the type of a name was guessed
	country     string
	desc        bool // "the country" standing for the country named before
	ref         int  // 1 + the item this acronym stands for ("RSF" for "Rapid Support Forces"), or 0
}

// attribute values carry a priority: text beats the knowledge base.
const (
	prNone = iota
	prWeak // derived: a counterpart's role
	prKB   // the knowledge base
	prNom  // a coreferent description
	prText // the text, next to the name
)

type attr struct {
	v  string
	pr int
}

func (a *attr) set(v string, pr int) {
	if v != "" && pr > a.pr {
		a.v, a.pr = v, pr
	}
}

type mention struct {
	span     doc.Span
	kind     doc.MentionKind
	sent     int
	modifier bool // a premodifier ("US" in "US Secretary of State"): no antecedent for "it"
	quoted   bool
	tok      int // first token
}

type nerName struct {
	last int
	typ  string
}

type mref struct {
	e *ent
	i int
}

type ent struct {
	name    string
	typ     string
	country attr
	sector  attr
	role    attr
	roleKey string // canonical title of role, for matching descriptions
	key     string
	ms      []mention
	parts   []string // name words of a person, for short-name matching
	plural  bool
	guess   uint8 // how the type was guessed (names only)
	gender  byte  // 'M', 'F' or 0: a person's usual gender, a soft hint for pronouns
	bare    bool  // a group named without its country ("police"): the story gives it one
}

type resolver struct {
	d      *doc.Doc
	k      *kb.KB
	words  []kb.Word
	wtok   []int32         // token of each word
	tokW   []int32         // first word of each token, -1 if none
	lc     []string        // lower-case form of each token, filled on demand
	tokS   []int32         // sentence of each token
	quoted []bool          // token inside quotation marks
	lower  map[string]bool // forms written in lower case somewhere (built on first use)
	capMid map[string]bool // capitalised forms not first in their sentence (built on first use)
	sentMs [][]mref        // mentions by sentence, as added
	items  []item
	ents   []*ent
	byKey  map[string]*ent
	hasNER bool
	hasPOS bool
	nerAt  map[int]nerName // first token -> the recogniser's name there

	guess        uint8  // capName's last guess
	guessCountry string // and the country its context gave
	tcase        []int8 // per sentence: 0 unknown, 1 not title case, 2 title case
	titleCase    bool   // the current sentence is written in title case (a headline)
	nominals     []nominal
	counterparts []counterpartLink
}

// nominal is a description waiting to be resolved to a person.
type nominal struct {
	first, last int
	country     string
	role        string
	roleKey     string
	sector      string
	counterpart bool
	possessor   int // token of "his"/"her"/"their" before it, or -1
	sent        int
	indefinite  bool
	plural      bool
}

// counterpartLink: person e is the counterpart of whom the pronoun at token
// possessor names ("his Pakistani counterpart Shah Mahmood Qureshi").
type counterpartLink struct {
	e         *ent
	possessor int
}

func newResolver(d *doc.Doc, k *kb.KB) *resolver {
	r := &resolver{d: d, k: k, byKey: map[string]*ent{}, sentMs: make([][]mref, len(d.Sentences))}
	n := len(d.Tokens)
	r.words = make([]kb.Word, 0, n+n/8)
	r.wtok = make([]int32, 0, n+n/8)
	r.items = make([]item, 0, n/6+4)
	r.tokW = make([]int32, n)
	r.lc = make([]string, n)
	r.tokS = make([]int32, n)
	r.quoted = make([]bool, n)
	for i := range d.Tokens {
		f := d.Form(i)
		before := len(r.words)
		r.words = kb.Words(f, r.words)
		if len(r.words) > before {
			r.tokW[i] = int32(before)
			for j := before; j < len(r.words); j++ {
				r.wtok = append(r.wtok, int32(i))
			}
		} else {
			r.tokW[i] = -1
		}
		if d.Tokens[i].UPOS != "" {
			r.hasPOS = true
		}
	}
	for s := range d.Sentences {
		for i := d.Sentences[s].First; i < d.Sentences[s].Last && int(i) < n; i++ {
			r.tokS[i] = int32(s)
		}
	}
	r.markQuotes()
	if len(d.Names) > 0 {
		r.hasNER = true
		r.nerAt = make(map[int]nerName, len(d.Names))
		for _, nm := range d.Names {
			if nm.First >= 0 && int(nm.Last) <= n && nm.First < nm.Last {
				r.nerAt[r.skipDet(int(nm.First), int(nm.Last))] = nerName{int(nm.Last), nm.Type}
			}
		}
	} else {
		// names from the tokens' IOB2 tags when the spans were not kept
		start, typ := -1, ""
		flush := func(end int) {
			if start >= 0 {
				if r.nerAt == nil {
					r.nerAt = map[int]nerName{}
				}
				r.nerAt[r.skipDet(start, end)] = nerName{end, typ}
			}
			start = -1
		}
		for i := range d.Tokens {
			tag := d.Tokens[i].NER
			if tag != "" {
				r.hasNER = true
			}
			switch {
			case strings.HasPrefix(tag, "B-"), strings.HasPrefix(tag, "I-") && (start < 0 || tag[2:] != typ):
				flush(i)
				start, typ = i, tag[2:]
			case strings.HasPrefix(tag, "I-"):
			default:
				flush(i)
			}
		}
		flush(len(d.Tokens))
	}
	return r
}

// trimName cuts a recogniser's name [first, last) at the first word that
// cannot be part of a name — a lower-case word that is no name particle, or
// punctuation other than a hyphen or dot — and before a final possessive
// ("Mugabe abandon his policy", "Suharto's", "Azadliq (Freedom"). It returns
// the new end (at least first+1).
func (r *resolver) trimName(first, last int) int {
	for t := first + 1; t < last; t++ {
		f := r.form(t)
		c, _ := utf8.DecodeRuneInString(f)
		switch {
		case unicode.IsUpper(c) || unicode.IsDigit(c):
			continue
		case unicode.IsLower(c):
			if nameParticles[f] || f == "of" || f == "for" || f == "and" || f == "the" || f == "de" || f == "bin" {
				continue
			}
		case f == "-" || f == "." || f == "&" || f == "'" || f == "’":
			if _, poss := r.isPoss(t); !poss {
				continue
			}
		}
		last = t
		break
	}
	// no dangling connector at the end
	for last-1 > first {
		switch r.form(last - 1) {
		case "of", "for", "and", "the", "-", "&":
			last--
			continue
		}
		break
	}
	return last
}

// skipDet moves a name's start past a leading article the recogniser took
// in ("The State Department").
func (r *resolver) skipDet(first, last int) int {
	if last-first > 1 {
		switch r.d.Form(first) {
		case "The", "the", "A", "a", "An", "an":
			return first + 1
		}
	}
	return first
}

// markQuotes marks tokens inside quotation marks, paragraph by paragraph.
func (r *resolver) markQuotes() {
	in := false
	para := 0
	for i := range r.d.Tokens {
		t := r.d.Tokens[i]
		for para < len(r.d.Paragraphs) && r.d.Paragraphs[para].End <= t.Start {
			para++
			in = false
		}
		switch r.d.Form(i) {
		case "“", "«", "„":
			in = true
			continue
		case "”", "»":
			in = false
			continue
		case "\"", "''", "``":
			in = !in
			continue
		}
		r.quoted[i] = in
	}
}

func (r *resolver) form(i int) string { return r.d.Form(i) }

// lowerForm is token i in lower case (computed once per token).
func (r *resolver) lowerForm(i int) string {
	if r.lc[i] == "" {
		f := r.d.Form(i)
		if w := r.tokW[i]; w >= 0 && len(r.words[w].Norm) == len(f) && (int(w)+1 == len(r.words) || r.wtok[w+1] != int32(i)) {
			r.lc[i] = r.words[w].Norm // one plain word: its norm is its lower case
		} else {
			r.lc[i] = strings.ToLower(f)
		}
	}
	return r.lc[i]
}

// kbMatch is the longest knowledge-base phrase starting at token i, ending
// within sentence end: the token count and hits.
func (r *resolver) kbMatch(i, end int) (int, []kb.Hit) {
	w0 := r.tokW[i]
	if w0 < 0 {
		return 0, nil
	}
	// words up to the sentence end
	we := len(r.words)
	if end < len(r.d.Tokens) {
		for j := end; j < len(r.d.Tokens); j++ {
			if r.tokW[j] >= 0 {
				we = int(r.tokW[j])
				break
			}
		}
	}
	n, hits := r.k.Longest(r.words[w0:we])
	for n > 0 {
		last := int(w0) + n - 1
		if last+1 >= len(r.words) || r.wtok[last+1] != r.wtok[last] {
			// the phrase must not end inside a token, and must not span a
			// sentence-internal possessive or stray punctuation
			return int(r.wtok[last]) - i + 1, hits
		}
		n, hits = r.k.Longest(r.words[w0 : int(w0)+n-1])
	}
	return 0, nil
}

var pronouns = map[string]bool{"he": true, "she": true, "him": true, "his": true, "her": true, "hers": true,
	"himself": true, "herself": true, "it": true, "its": true, "itself": true, "they": true, "them": true,
	"their": true, "theirs": true, "themselves": true}

func personPronoun(s string) bool {
	switch s {
	case "he", "she", "him", "his", "her", "hers", "himself", "herself":
		return true
	}
	return false
}

func pluralPronoun(s string) bool {
	switch s {
	case "they", "them", "their", "theirs", "themselves":
		return true
	}
	return false
}

func (r *resolver) possAt(i int) bool { _, ok := r.isPoss(i); return ok }

func (r *resolver) isPoss(i int) (int, bool) {
	f := r.form(i)
	switch f {
	case "'s", "’s", "'", "’":
		if f == "'" || f == "’" {
			if i+1 < len(r.d.Tokens) && (r.form(i+1) == "s" || r.form(i+1) == "S") && r.d.Glued(i) {
				return 2, true
			}
			// "Philippines'" — a bare apostrophe after s
			if i > 0 && strings.HasSuffix(strings.ToLower(r.form(i-1)), "s") && r.d.Glued(i-1) {
				return 1, true
			}
			return 0, false
		}
		return 1, true
	}
	return 0, false
}

// scan finds the items of every sentence.
func (r *resolver) scan() {
	for s, sent := range r.d.Sentences {
		first, last := int(sent.First), min(int(sent.Last), len(r.d.Tokens))
		r.titleCase = r.sentTitleCase(s)
		for i := first; i < last; {
			n := r.scanAt(i, last, s, first)
			if n <= 0 {
				n = 1
			}
			i += n
		}
	}
}

func (r *resolver) scanAt(i, end, s, sfirst int) int {
	if n := r.theCountry(i, end, s); n > 0 {
		return n
	}
	if n := r.particleSurname(i, end); n > 0 {
		r.items = append(r.items, item{kind: itName, first: i, last: i + n, typ: "PERSON", sent: s})
		return n
	}
	if k := r.acronymOf(i); k >= 0 {
		src := r.items[k]
		r.items = append(r.items, item{kind: src.kind, first: i, last: i + 1, entry: src.entry, typ: src.typ, sent: s,
			guess: src.guess, country: src.country, ref: k + 1})
		return 1
	}
	kn, hits := r.kbMatch(i, end)
	if kn == 1 && adjTitles[r.form(i)] && hasKind(hits, kb.Title) &&
		!hasKind(hits, kb.Person, kb.Actor, kb.Country, kb.Capital, kb.Place, kb.Demonym) &&
		(r.hasPOS && r.d.Tokens[i].UPOS == "ADJ" || !r.hasPOS && (i+1 >= end || !isCap(r.form(i+1)))) {
		// "the three major indexes", "the three major U.S. stock market
		// indexes", "in general": an adjective, not a rank ("the general
		// said" is); without tags, a rank is one before a name
		kn, hits = 0, nil
	}
	if kn > 0 && i > 0 && honorific[strings.TrimSuffix(r.lowerForm(i-1), ".")] && isCap(r.form(i)) &&
		!hasKind(hits, kb.Person, kb.Actor, kb.Country, kb.Capital, kb.Place, kb.Demonym) {
		kn, hits = 0, nil // "Mr. King", "Mr. Bishop": a surname, not a title
	}
	nerN, nerType := 0, ""
	if r.nerAt != nil {
		// in a headline written in title case the recogniser's spans run on
		// ("Hillary Clinton Joked"): only known phrases count there
		if nm, ok := r.nerAt[i]; ok && !r.titleCase {
			nerN = r.trimName(i, min(nm.last, end)) - i
			nerType = nm.typ
		}
	}
	// a known title that starts inside the name and runs past its end ("US
	// Secretary" tagged, "of State" not): the name ends before it
	for t := i + 1; t < i+nerN; t++ {
		if tn, th := r.kbMatch(t, end); tn > 0 && t+tn > i+nerN && hasKind(th, kb.Title, kb.Actor) {
			nerN = t - i
			break
		}
	}
	// "Fatah Party", "Hamas movement": a known actor and a generic head
	if nerN > kn && kn > 0 && hasKind(hits, kb.Actor) {
		rest := true
		for t := i + kn; t < i+nerN; t++ {
			if _, ok := orgHeads[r.lowerForm(t)]; !ok {
				rest = false
			}
		}
		if rest {
			kn = nerN
		}
	}
	if kn == 0 && nerN > 2 && nerType != "MISC" {
		// a title inside the name with a person's name after it: the
		// recogniser took "Beledweyne District Commissioner Omar Osman
		// Alasow" for one place, "Somalian President Hassan Sheikh" for one
		// person. The person starts at the title; a place or organisation
		// before it stays a name, a nationality before a person's title
		// is left out.
		for t := i + 1; t+1 < i+nerN; t++ {
			if r.titleThenName(t, i+nerN) && !r.orgWord(i+nerN-1) {
				r.nerAt[t] = nerName{i + nerN, "PER"}
				if nerType == "PER" {
					return t - i
				}
				nerN = t - i
				switch r.lowerForm(t) {
				case "district", "county", "regional", "provincial", "state", "city", "municipal":
					nerType = "LOC" // "Lamu" of "Lamu County Commissioner"
				}
				break
			}
		}
	}
	if nerN > kn && nerType != "MISC" && nerType != "NORP" {
		// the recogniser's name is longer than any known phrase; but a
		// person's name that starts with a known country, organisation or
		// title ("US Secretary of State Antony Blinken" tagged as one name) is
		// split: the known part here, the rest a name of its own
		typ := nerTypeOf(nerType)
		switch {
		case kn > 0 && typ == "PERSON" && hasKind(hits, kb.Country, kb.Demonym, kb.Title, kb.Actor, kb.Capital):
			r.nerAt[i+kn] = nerName{i + nerN, nerType}
			// fall through to the knowledge-base item
		case kn > 0 && hasKind(hits, kb.Title) && !hasKind(hits, kb.Actor, kb.Person, kb.Country, kb.Demonym, kb.Capital, kb.Place):
			r.nerAt[i+kn] = nerName{i + nerN, nerType}
		case kn > 0 && hasKind(hits, kb.Country, kb.Demonym) && r.titleThenName(i+kn, i+nerN):
			// "U.S. Secretary of State Marco Rubio" tagged as one
			// organisation: a country, a title and a person
			r.nerAt[i+kn] = nerName{i + nerN, "PER"}
		default:
			c := ""
			if kn > 0 && hasKind(hits, kb.Country, kb.Demonym, kb.Capital) {
				for _, h := range hits {
					if h.Entry.Country != "" {
						c = h.Entry.Country
						break
					}
				}
			}
			r.items = append(r.items, item{kind: itName, first: i, last: i + nerN, typ: typ, sent: s, country: c})
			return nerN
		}
	}
	if kn > 0 && r.lowerForm(i) == "the" && i+1 < end {
		// "The U.N." is known, but so is "U.N. Security Council": the
		// longer phrase after the article wins
		if kn2, _ := r.kbMatch(i+1, end); i+1+kn2 > i+kn {
			return 1
		}
	}
	if kn > 0 {
		// an org name that starts with a place: "Latvian Constitutional Court"
		if hasKind(hits, kb.Country, kb.Demonym, kb.Capital, kb.Place, kb.Actor) && !hasKind(hits, kb.Person) {
			if n := r.orgTail(i+kn, end); n > 0 {
				c := ""
				for _, h := range hits {
					if h.Entry.Country != "" {
						c = h.Entry.Country
						break
					}
				}
				first := i
				if r.lowerForm(i) == "the" {
					first++ // "the U.N. Refugee Agency" is named without its article
				}
				r.items = append(r.items, item{kind: itName, first: first, last: i + kn + n, typ: "ORG", sent: s, country: c})
				return kn + n
			}
		}
		// a capitalised title or group word that starts an organisation's
		// name: "Ministry of Foreign Affairs", "Police Department"
		if !hasKind(hits, kb.Actor, kb.Person, kb.Country, kb.Demonym, kb.Capital, kb.Place) && isCap(r.form(i)) {
			if n, typ := r.capName(i, end, sfirst); n > kn && typ == "ORG" && r.guess == guessSure {
				r.items = append(r.items, item{kind: itName, first: i, last: i + n, typ: typ, sent: s, guess: r.guess})
				return n
			}
		}
		e := pick(hits, r.titleContext(i, kn))
		switch e.Kind {
		case kb.Title:
			// a lower-case title word is a title; a capitalised one too, unless
			// it starts an unknown capitalised name ("General Motors" is rare; keep it simple)
			r.items = append(r.items, item{kind: itTitle, first: i, last: i + kn, entry: e, sent: s})
		case kb.Group:
			r.items = append(r.items, item{kind: itGroup, first: i, last: i + kn, entry: e, sent: s})
		default:
			r.items = append(r.items, item{kind: itKB, first: i, last: i + kn, entry: e, sent: s})
		}
		return kn
	}
	if nerN > 0 {
		return nerN // a MISC name nothing knows: skip it
	}
	lf := r.lowerForm(i)
	if pronouns[lf] && !r.quotedFirstPerson(i) {
		r.items = append(r.items, item{kind: itPronoun, first: i, last: i + 1, sent: s})
		return 1
	}
	if n, ok := r.isPoss(i); ok {
		r.items = append(r.items, item{kind: itPoss, first: i, last: i + n, sent: s})
		return n
	}
	if lf == "counterpart" || lf == "counterparts" {
		r.items = append(r.items, item{kind: itCounterpart, first: i, last: i + 1, sent: s})
		return 1
	}
	// capitalised names the recogniser left out (or all, when none ran)
	{
		if n, typ := r.capName(i, end, sfirst); n > 0 {
			r.items = append(r.items, item{kind: itName, first: i, last: i + n, typ: typ, sent: s, guess: r.guess, country: r.guessCountry})
			return n
		}
	}
	return 1
}

func (r *resolver) quotedFirstPerson(i int) bool { return false }

func nerTypeOf(t string) string {
	switch t {
	case "PER", "PERSON":
		return "PERSON"
	case "ORG":
		return "ORG"
	case "GPE":
		return "GPE"
	case "LOC":
		return "LOC"
	}
	return "ORG"
}

func hasKind(hs []kb.Hit, ks ...kb.Kind) bool {
	for _, h := range hs {
		for _, k := range ks {
			if h.Entry.Kind == k {
				return true
			}
		}
	}
	return false
}

// titleContext: nothing yet; reserved for choosing among senses.
func (r *resolver) titleContext(i, n int) bool { return false }

// nationalSector: sectors of bodies that belong to one country.
var nationalSector = map[string]bool{"GOV": true, "JUD": true, "MIL": true, "COP": true, "SPY": true, "PTY": true}

var kindRank = map[kb.Kind]int{kb.Actor: 8, kb.Person: 7, kb.Country: 6, kb.Capital: 5, kb.Place: 4, kb.Demonym: 3, kb.Title: 2, kb.Group: 1}

func pick(hs []kb.Hit, _ bool) *kb.Entry {
	best := hs[0].Entry
	for _, h := range hs[1:] {
		if kindRank[h.Entry.Kind] > kindRank[best.Kind] {
			best = h.Entry
		}
	}
	return best
}

// particleSurname is the length of a surname that opens with a lower-case
// particle ("al-Bunni", "bin Salman") at token i when an earlier person's
// name ends with it ("Anwar al-Bunni"), else 0: the recogniser, reading the
// lower-case word, leaves it out.
func (r *resolver) particleSurname(i, end int) int {
	lf := r.lowerForm(i)
	if lf != r.form(i) || i+1 >= end || !nameParticles[lf] {
		return 0
	}
	n := 2
	if r.form(i+1) == "-" && r.d.Glued(i) && i+2 < end {
		n = 3
	}
	if !isCap(r.form(i + n - 1)) {
		return 0
	}
	tail := r.text(i, i+n)
	for _, it := range r.items {
		if it.kind == itName && it.typ == "PERSON" && it.last-it.first > n {
			if full := r.text(it.first, it.last); strings.HasSuffix(full, " "+tail) {
				return n
			}
		}
	}
	return 0
}

// orgWord reports whether token i is a word that heads an organisation's
// name ("Department", "Council"), not a person's.
func (r *resolver) orgWord(i int) bool {
	_, ok := orgHeads[r.lowerForm(i)]
	return ok
}

var orgHeads = map[string]string{
	"ministry": "GOV", "department": "GOV", "office": "GOV", "council": "GOV", "government": "GOV",
	"parliament": "GOV", "assembly": "GOV", "cabinet": "GOV", "senate": "GOV", "congress": "GOV",
	"commission": "GOV", "administration": "GOV", "agency": "GOV", "authority": "GOV", "municipality": "GOV",
	"association": "", "committee": "", "embassy": "GOV", "mission": "GOV", "directorate": "GOV",
	"army": "MIL", "forces": "MIL", "navy": "MIL", "guard": "MIL", "guards": "MIL", "corps": "MIL", "brigade": "REB", "brigades": "REB",
	"police": "COP", "court": "JUD", "tribunal": "JUD", "judiciary": "JUD",
	"party": "PTY", "front": "REB", "movement": "OPP", "alliance": "", "coalition": "OPP", "league": "",
	"university": "EDU", "college": "EDU", "school": "EDU", "institute": "EDU", "academy": "EDU",
	"church": "REL", "mosque": "REL", "synod": "REL", "diocese": "REL",
	"hospital": "HLH", "clinic": "HLH",
	"union": "LAB", "federation": "", "confederation": "",
	"bank": "BUS", "company": "BUS", "corporation": "BUS", "corp": "BUS", "inc": "BUS", "ltd": "BUS", "group": "BUS", "airlines": "BUS", "airways": "BUS",
	"news": "MED", "times": "MED", "post": "MED", "tribune": "MED", "herald": "MED", "agency.": "MED", "radio": "MED", "television": "MED", "tv": "MED", "newspaper": "MED",
	"foundation": "NGO", "organization": "", "organisation": "", "society": "NGO", "network": "",
}

// orgTail is the length of a capitalised organisation name tail starting at
// token i ("Constitutional Court", "Union of Teachers"), or 0.
func (r *resolver) orgTail(i, end int) int {
	j := i
	lastHead := 0
	for j < end {
		f := r.form(j)
		if isCap(f) && !monthDay[f] {
			if _, ok := orgHeads[strings.ToLower(f)]; ok {
				lastHead = j - i + 1
			}
			j++
			continue
		}
		if (f == "of" || f == "for" || f == "and" || f == "'" || f == "’" || f == "'s" || f == "’s") && j+1 < end && isCap(r.form(j+1)) && lastHead > 0 {
			j++
			continue
		}
		break
	}
	return lastHead
}

func isCap(f string) bool {
	c, _ := utf8.DecodeRuneInString(f)
	return unicode.IsUpper(c)
}

var monthDay = map[string]bool{"January": true, "February": true, "March": true, "April": true, "May": true,
	"June": true, "July": true, "August": true, "September": true, "October": true, "November": true,
	"December": true, "Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true,
	"Saturday": true, "Sunday": true, "Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true,
	"Jul": true, "Aug": true, "Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true}

// stopCap are capitalised words that do not start names.
var stopCap = map[string]bool{"The": true, "A": true, "An": true, "This": true, "That": true, "These": true,
	"Those": true, "In": true, "On": true, "At": true, "For": true, "But": true, "And": true, "Or": true,
	"If": true, "When": true, "While": true, "After": true, "Before": true, "Earlier": true, "Later": true,
	"However": true, "Meanwhile": true, "Also": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "You": true, "His": true, "Her": true, "Its": true, "Their": true, "Our": true,
	"My": true, "Your": true, "There": true, "Here": true, "As": true, "By": true, "From": true, "To": true,
	"With": true, "Without": true, "Of": true, "Is": true, "Was": true, "Are": true, "Were": true, "Be": true,
	"Not": true, "No": true, "Yes": true, "Very": true, "What": true, "Who": true, "Why": true, "How": true,
	"Where": true, "Which": true, "Some": true, "All": true, "Many": true, "Most": true, "Several": true,
	"Two": true, "Three": true, "One": true, "Four": true, "Five": true, "Since": true, "Until": true,
	"During": true, "Despite": true, "According": true, "Under": true, "Over": true, "Among": true,
	"Reading": true, "Read": true, "Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Mr.": true,
	"Mrs.": true, "Ms.": true, "Dr.": true, "Both": true, "Each": true, "Such": true, "Other": true,
	"Another": true, "Last": true, "Next": true, "New": true, "Former": true, "Senior": true, "Then": true,
	"Now": true, "Today": true, "Yesterday": true, "Tomorrow": true, "So": true, "Thus": true, "Still": true,
	"Even": true, "Only": true, "Just": true, "Instead": true, "Following": true, "Beginning": true,
	"Ethnic": true, "Local": true, "Western": true, "Eastern": true, "Northern": true, "Southern": true,
	"Around": true, "About": true, "More": true, "Less": true, "Hundreds": true, "Thousands": true,
	"Dozens": true, "Both.": true, "Like": true, "Unlike": true, "Although": true, "Though": true,
	"Because": true, "Once": true, "Asked": true, "Speaking": true, "Addressing": true, "Meeting": true}

// adjTitles are lower-case titles that are often adjectives: a rank only
// when written with a capital, before a name ("Major Smith") or tagged as a
// noun ("the general said").
var adjTitles = map[string]bool{"major": true, "general": true, "private": true, "chief": true, "marshal": true}

var honorific = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true,
	"madam": true, "dame": true, "lord": true, "lady": true, "prof": true}

var nameParticles = map[string]bool{"bin": true, "ibn": true, "al": true, "el": true, "de": true, "da": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "du": true, "di": true,
	"dos": true, "abu": true, "ul": true, "ur": true}

// capName finds a capitalised name at token i when no recogniser ran: the
// token count and a type guess.
func (r *resolver) capName(i, end, sfirst int) (int, string) {
	f := r.form(i)
	if !isCap(f) || stopCap[f] || monthDay[strings.TrimSuffix(f, ".")] || isAllPunct(f) || r.titleCase || honorific[strings.TrimSuffix(r.lowerForm(i), ".")] {
		return 0, ""
	}
	if r.hasPOS && r.d.Tokens[i].UPOS != "" && r.d.Tokens[i].UPOS != "PROPN" && !(r.d.Tokens[i].UPOS == "NOUN" && i > sfirst) {
		return 0, ""
	}
	if i >= 2 && r.form(i-1) == "-" && r.d.Glued(i-2) && r.d.Glued(i-1) {
		return 0, "" // the tail of a hyphenated word: "Pacific" of "Indo-Pacific"
	}
	j := i + 1
	for j < end {
		if _, ok := r.nerAt[j]; ok {
			break // the recogniser's next name
		}
		g := r.form(j)
		if isCap(g) && !stopCap[g] && !monthDay[g] {
			if kn, hits := r.kbMatch(j, end); kn > 0 && !hasKind(hits, kb.Group) {
				if hasKind(hits, kb.Person) && !hasKind(hits, kb.Actor, kb.Country, kb.Capital, kb.Demonym) {
					j += kn // "George Bush": a known surname inside a name
					continue
				}
				break
			}
			j++
			continue
		}
		if (g == "-" || nameParticles[strings.ToLower(g)]) && j+1 < end && isCap(r.form(j+1)) {
			j += 2
			continue
		}
		// "Court of Appeals", "Office of Professional Responsibility"
		if (g == "of" || g == "for") && j+1 < end && isCap(r.form(j+1)) && !stopCap[r.form(j+1)] {
			if _, ok := orgHeads[strings.ToLower(r.form(j-1))]; ok {
				if kn, hits := r.kbMatch(j+1, end); kn == 0 || !hasKind(hits, kb.Country, kb.Capital, kb.Place, kb.Actor) {
					j += 2
					continue
				}
			}
		}
		break
	}
	n := j - i
	initial := i == sfirst || (i > sfirst && isOpenPunct(r.form(i-1)))
	if initial && (strings.HasSuffix(f, "ly") || strings.HasSuffix(f, "ed") || strings.HasSuffix(f, "ing")) && (n == 1 || !r.hasPOS) {
		return 0, "" // "Finally", "Retired", "Praising"
	}
	if initial && n == 1 && !r.hasPOS {
		// a sentence's first word is capitalised anyway: take it only if the
		// document also writes it capitalised elsewhere, or it is a known
		// person's name
		if r.isLower(strings.ToLower(f)) || !r.capElsewhere(f) {
			return 0, ""
		}
	}
	if n == 1 && !r.hasPOS && r.isLower(strings.ToLower(f)) {
		return 0, ""
	}
	typ, how, c := r.guessType(i, j)
	r.guess, r.guessCountry = how, c
	return n, typ
}

func isOpenPunct(f string) bool {
	switch f {
	case "“", "\"", "‘", "'", "(", "«", "„", "-", "—", "–", ":":
		return true
	}
	return false
}

func isAllPunct(f string) bool {
	for _, c := range f {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// sentTitleCase is isTitleCase for sentence s, computed once.
func (r *resolver) sentTitleCase(s int) bool {
	if r.tcase == nil {
		r.tcase = make([]int8, len(r.d.Sentences))
	}
	if r.tcase[s] == 0 {
		sent := r.d.Sentences[s]
		r.tcase[s] = 1
		if r.isTitleCase(int(sent.First), min(int(sent.Last), len(r.d.Tokens))) {
			r.tcase[s] = 2
		}
	}
	return r.tcase[s] == 2
}

// isTitleCase reports whether most words of tokens [first, last) are
// capitalised ("Only 1 Percent of Small Donors Back Clinton"): capitals there
// say nothing about names.
func (r *resolver) isTitleCase(first, last int) bool {
	if last <= first {
		return false
	}
	switch r.form(last - 1) {
	case ".", "!", "?", "”", "\"", "'", "’", ")":
		// a headline has no full stop, unless it is the story's opening
		// paragraph ("Hillary Clinton Slams Donald Trump On Abortion After
		// SCOTUS Ruling.")
		if r.form(last-1) != "." || !r.openingParagraph(first, last) {
			return false
		}
	}
	words, caps := 0, 0
	for i := first; i < last; i++ {
		f := r.form(i)
		c, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsLetter(c) || len(f) < 3 {
			continue
		}
		words++
		if unicode.IsUpper(c) {
			caps++
		}
	}
	return words >= 4 && caps*10 >= words*7
}

// openingParagraph reports whether tokens [first, last) are the story's
// first paragraph, with more after it: where a headline stands.
func (r *resolver) openingParagraph(first, last int) bool {
	ps := r.d.Paragraphs
	if len(ps) < 2 {
		return false
	}
	a, b := r.d.Tokens[first].Start, r.d.Tokens[last-1].End
	return ps[0].Start <= a && b <= ps[0].End &&
		strings.TrimSpace(r.d.Text[ps[0].Start:a]) == "" && strings.TrimSpace(r.d.Text[b:ps[0].End]) == ""
}

// isLower reports whether the document writes f (lower case) in lower case
// somewhere.
func (r *resolver) isLower(f string) bool {
	if r.lower == nil {
		r.caseSets()
	}
	return r.lower[f]
}

// caseSets builds lower (which capitalised words also occur in lower case)
// and capMid (which occur capitalised not first in a sentence) in two passes
// over the words.
func (r *resolver) caseSets() {
	ncap := 0
	for i := range r.d.Tokens {
		if w := r.tokW[i]; w >= 0 && r.words[w].Cap {
			ncap++
		}
	}
	r.lower = make(map[string]bool, ncap)
	r.capMid = make(map[string]bool, ncap)
	for i := range r.d.Tokens {
		w := r.tokW[i]
		if w < 0 || !r.words[w].Cap {
			continue
		}
		r.lower[r.words[w].Norm] = false
		si := r.tokS[i]
		if i != int(r.d.Sentences[si].First) && !isOpenPunct(r.form(i-1)) && !r.sentTitleCase(int(si)) {
			r.capMid[r.form(i)] = true
		}
	}
	for i := range r.d.Tokens {
		w := r.tokW[i]
		if w < 0 || r.words[w].Cap {
			continue
		}
		if f := r.form(i); len(f) > 0 && f[0] >= 'a' && f[0] <= 'z' {
			if v, ok := r.lower[f]; ok && !v {
				r.lower[f] = true
			}
		}
	}
}

// capElsewhere reports whether f occurs capitalised not first in a sentence.
func (r *resolver) capElsewhere(f string) bool {
	if r.capMid == nil {
		r.caseSets()
	}
	return r.capMid[f]
}

var locPreps = map[string]bool{"in": true, "at": true, "near": true, "from": true, "to": true, "into": true,
	"outside": true, "inside": true, "across": true, "around": true, "toward": true, "towards": true,
	"via": true, "through": true, "throughout": true, "of": false, "visited": true, "visit": true, "visiting": true}

const (
	guessNone  uint8 = iota // the recogniser's or knowledge base's type
	guessWeak               // a default
	guessSure               // context says so
	guessPlace              // context says it is a place
)

// guessType guesses the type of an unknown capitalised name at tokens
// [i, j): the type, how sure the guess is (guessWeak, guessSure, guessPlace:
// sure to be a place), and a country the context gives.
func (r *resolver) guessType(i, j int) (string, uint8, string) {
	for t := i; t < j; t++ {
		if _, ok := orgHeads[strings.ToLower(r.form(t))]; ok && (t == j-1 || r.form(t+1) == "of" || r.form(t+1) == "for") {
			return "ORG", guessSure, ""
		}
	}
	if j < len(r.d.Tokens) && r.form(j) == "," && j+1 < len(r.d.Tokens) {
		if kn, hits := r.kbMatch(j+1, len(r.d.Tokens)); kn > 0 && hasKind(hits, kb.Country) {
			if a := j + 1 + kn; a >= len(r.d.Tokens) || !r.possAt(a) {
				// "Cizre, Turkey" (but not "Omar Faris, Jordan's ambassador")
				return "LOC", guessPlace, hits[0].Entry.Country
			}
		}
	}
	if i > 0 {
		p := strings.ToLower(r.form(i - 1))
		if p == "mr" || p == "mr." || p == "mrs" || p == "mrs." || p == "ms" || p == "ms." || p == "dr" || p == "dr." {
			return "PERSON", guessSure, ""
		}
		if p == "of" && i > 1 && placeNouns[r.lowerForm(i-2)] {
			return "LOC", guessPlace, "" // "the town of Samarra"
		}
		if locPreps[p] {
			return "LOC", guessSure, ""
		}
		if p == "the" {
			return "ORG", guessWeak, ""
		}
	}
	if j-i == 1 {
		f := r.form(i)
		if isUpperWord(f) {
			return "ORG", guessWeak, ""
		}
	}
	return "PERSON", guessWeak, ""
}

var placeNouns = map[string]bool{"town": true, "city": true, "village": true, "province": true, "region": true,
	"district": true, "capital": true, "state": true, "port": true, "camp": true, "area": true, "county": true,
	"island": true, "valley": true, "suburb": true, "neighbourhood": true, "neighborhood": true}

func isUpperWord(f string) bool {
	n := 0
	for _, c := range f {
		if unicode.IsLower(c) {
			return false
		}
		if unicode.IsLetter(c) {
			n++
		}
	}
	return n >= 2
}

// --------------------------------------------------------------------------
// building entities from items

func (r *resolver) entity(key, name, typ string) *ent {
	if e := r.byKey[key]; e != nil {
		return e
	}
	e := &ent{key: key, name: name, typ: typ, ms: make([]mention, 0, 4)}
	r.byKey[key] = e
	r.ents = append(r.ents, e)
	return e
}

func (r *resolver) addMention(e *ent, first, last int, kind doc.MentionKind, modifier bool) {
	if first >= last {
		return
	}
	sp := doc.Span{Start: r.d.Tokens[first].Start, End: r.d.Tokens[last-1].End}
	e.ms = append(e.ms, mention{span: sp, kind: kind, sent: int(r.tokS[first]), modifier: modifier,
		quoted: r.quoted[first], tok: first})
	if s := int(r.tokS[first]); s < len(r.sentMs) {
		if r.sentMs[s] == nil {
			r.sentMs[s] = make([]mref, 0, 6)
		}
		r.sentMs[s] = append(r.sentMs[s], mref{e, len(e.ms) - 1})
	}
}

func (r *resolver) text(first, last int) string {
	return r.d.Text[r.d.Tokens[first].Start:r.d.Tokens[last-1].End]
}

// countryEnt is the GPE entity of a country.
func (r *resolver) countryEnt(iso string) *ent {
	name := iso
	if c := r.k.CountryEntry(iso); c != nil {
		name = c.Name
	}
	e := r.entity("C:"+iso, name, "GPE")
	e.country.set(iso, prKB)
	return e
}

var adjectives = map[string]bool{"new": true, "former": true, "ousted": true, "acting": true, "interim": true,
	"outgoing": true, "incoming": true, "then": true, "senior": true, "top": true, "junior": true, "late": true,
	"veteran": true, "current": true, "ex": true, "-": true, "deputy": true, "chief": true, "powerful": true,
	"influential": true, "hardline": true, "moderate": true, "elected": true, "embattled": true, "exiled": true,
	"ethnic": true, "federal": true, "provincial": true, "regional": true, "local": true, "military": true,
	"civilian": true, "caretaker": true, "transitional": true, "rebel": true, "opposition": true, "government": true,
	"armed": true, "security": true, "border": true, "right": true, "left": true, "wing": true, "winger": true,
	"religious": true, "spiritual": true, "supreme": true, "two": true, "three": true, "several": true, "some": true,
	"other": true, "many": true, "pro": true, "anti": true}

// countryOf returns the country an item gives: a country, capital, demonym,
// or an actor with a country.
func countryOf(it *item) string {
	if it.kind == itKB && it.entry != nil {
		return it.entry.Country
	}
	if it.kind == itName {
		return it.country
	}
	return ""
}

func isPlace(it *item) bool {
	return it.kind == itKB && (it.entry.Kind == kb.Country || it.entry.Kind == kb.Capital || it.entry.Kind == kb.Demonym)
}

// build walks the items and makes entities and mentions.
func (r *resolver) build() {
	its := r.items
	for j := range its {
		it := &its[j]
		if it.used {
			continue
		}
		switch it.kind {
		case itName:
			r.buildName(j)
		case itKB:
			r.buildKB(j)
		case itTitle, itCounterpart:
			r.buildNominal(j)
		case itGroup:
			r.buildGroup(j)
		}
	}
}

// premod looks left of item j (a name, title or group) for a country-giving
// item, possibly with a possessive and adjectives between: it returns the
// index of that item, or -1, and the first token of the whole premodifier.
func (r *resolver) premod(j int) (int, int) {
	it := &r.items[j]
	tok := it.first
	k := j - 1
	// skip adjectives and lower-case words directly before
	for tok > 0 && adjectives[r.lowerForm(tok-1)] && (k < 0 || r.items[k].last < tok) {
		tok--
	}
	if k >= 0 && r.items[k].kind == itPoss && r.items[k].last == tok {
		tok = r.items[k].first
		k--
	}
	if k >= 0 && r.items[k].last == tok && (isPlace(&r.items[k]) || (r.items[k].kind == itKB && r.items[k].entry.Kind == kb.Actor) || (r.items[k].kind == itName && r.items[k].typ == "ORG")) && r.items[k].sent == it.sent {
		return k, r.items[k].first
	}
	return -1, tok
}

// titleRun: the title items directly before item j (a name), as the index of
// the first and the token where the role starts; -1 if none.
func (r *resolver) titleRun(j int) (int, int) {
	it := &r.items[j]
	k := j - 1
	tok := it.first
	// "Mr", "Dr" directly before
	first := -1
	for k >= 0 && (r.items[k].kind == itTitle || r.items[k].kind == itCounterpart) && r.items[k].sent == it.sent {
		gap := r.items[k].last
		// allow capitalised words between titles ("Planning and Investment Minister")
		between := true
		for t := gap; t < tok; t++ {
			f := r.form(t)
			if !(isCap(f) || f == "and" || f == "of" || f == "-" || f == "for") {
				between = false
			}
		}
		if !between || tok-gap > 3 {
			break
		}
		first = k
		tok = r.items[k].first
		k--
	}
	return first, tok
}

func (r *resolver) buildName(j int) {
	it := &r.items[j]
	txt := r.text(it.first, it.last)
	// the same unknown name is one entity, whatever each place suggests
	if e := r.byKey["N:"+strings.ToLower(txt)]; e == nil || e.typ == "PERSON" {
		if e2 := r.byKey["P:"+txt]; e2 != nil {
			e = e2
		}
		if e != nil && e.typ != it.typ && it.guess != guessWeak && (e.guess == guessWeak || it.guess == guessPlace) {
			e.typ, e.guess = it.typ, it.guess
		}
		if e != nil && (e.typ != "PERSON" || it.typ != "PERSON") {
			r.addMention(e, it.first, it.last, doc.MentionName, false)
			if it.country != "" {
				e.country.set(it.country, prText)
			}
			return
		}
	} else {
		if e.typ != it.typ && it.guess != guessWeak && (e.guess == guessWeak || it.guess == guessPlace) {
			e.typ, e.guess = it.typ, it.guess
		}
		r.addMention(e, it.first, it.last, doc.MentionName, false)
		if it.country != "" {
			e.country.set(it.country, prText)
		}
		return
	}
	if it.typ != "PERSON" && it.last-it.first <= 2 {
		// the surname of a person the story named in full, taken for a place
		// or an organisation: "Alasow said" after "District Commissioner
		// Omar Osman Alasow"; the person must be surely one (a title or a
		// known given name), not "Both Incirlik"
		if e := r.shortFormOf(txt); e != nil && len(e.parts) > 1 && (e.role.v != "" || e.gender != 0) {
			r.addMention(e, it.first, it.last, doc.MentionName, false)
			return
		}
	}
	switch it.typ {
	case "PERSON":
		e := r.personEnt(it.first, it.last)
		if len(e.ms) == 0 {
			e.guess = it.guess
		}
		r.addMention(e, it.first, it.last, doc.MentionName, false)
		r.codePerson(e, j)
	case "GPE", "LOC":
		e := r.entity("N:"+strings.ToLower(txt), txt, it.typ)
		e.guess = it.guess
		r.addMention(e, it.first, it.last, doc.MentionName, false)
		if it.country != "" {
			e.country.set(it.country, prText)
		}
	default:
		key := "N:" + strings.ToLower(txt)
		e := r.byKey[key]
		if e == nil && it.ref > 0 {
			src := &r.items[it.ref-1]
			e = r.byKey["N:"+strings.ToLower(r.text(src.first, src.last))]
		}
		if e == nil {
			// an acronym in brackets right after an organisation: "(APEC)"
			if j > 0 && r.items[j-1].kind == itName && r.items[j-1].typ == "ORG" && it.first >= 2 && r.form(it.first-1) == "(" && r.items[j-1].last == it.first-1 {
				e = r.byKey["N:"+strings.ToLower(r.text(r.items[j-1].first, r.items[j-1].last))]
			}
		}
		if e == nil {
			e = r.entity(key, txt, "ORG")
			e.guess = it.guess
		}
		r.byKey[key] = e
		r.addMention(e, it.first, it.last, doc.MentionName, false)
		// the head word's sector and a country inside or before the name
		words := strings.Fields(strings.ToLower(txt))
		for i := len(words) - 1; i >= 0; i-- {
			if s, ok := orgHeads[words[i]]; ok && s != "" {
				e.sector.set(s, prText-1)
				break
			}
		}
		if it.country != "" {
			e.country.set(it.country, prText)
		}
		if pk, _ := r.premod(j); pk >= 0 {
			if c := countryOf(&r.items[pk]); c != "" {
				e.country.set(c, prText)
				r.items[pk].used = true
				r.buildPremodCountry(pk)
			}
		}
	}
}

// personEnt finds or makes the entity of a person's name: a later short form
// ("Blinken") joins the earlier full name ("Antony Blinken").
func (r *resolver) personEnt(first, last int) *ent {
	txt := r.text(first, last)
	var parts []string
	for t := first; t < last; t++ {
		f := r.form(t)
		if isCap(f) && len(f) > 1 {
			parts = append(parts, strings.TrimSuffix(f, "."))
		}
	}
	if e := r.byKey["P:"+txt]; e != nil {
		return e
	}
	if e := r.shortFormOf(txt); e != nil {
		return e
	}
	return r.newPerson(txt, parts)
}

// nameParts are the capitalised words of a person's name.
func nameParts(txt string) []string {
	var parts []string
	for _, f := range strings.Fields(txt) {
		if isCap(f) && len(f) > 1 {
			parts = append(parts, strings.TrimSuffix(f, "."))
		}
	}
	return parts
}

// shortFormOf finds the story's person that txt is a short form of.
func (r *resolver) shortFormOf(txt string) *ent {
	parts := nameParts(txt)
	for _, e := range r.ents {
		if e.typ != "PERSON" || len(e.parts) == 0 {
			continue
		}
		if len(parts) == 1 && strings.EqualFold(parts[0], e.parts[len(e.parts)-1]) {
			return e
		}
		if len(parts) > 1 && len(parts) < len(e.parts) && strings.HasSuffix(e.name, txt) {
			return e
		}
		if len(e.parts) > 1 && strings.HasSuffix(e.name, " "+txt) {
			return e // "al-Bunni" of "Anwar al-Bunni"
		}
	}
	return nil
}

func (r *resolver) newPerson(txt string, parts []string) *ent {
	// an earlier short form, now given in full
	if len(parts) > 1 {
		for _, e := range r.ents {
			if e.typ == "PERSON" && len(e.parts) == 1 && e.parts[0] == parts[len(parts)-1] {
				e.name, e.parts = txt, parts
				r.byKey["P:"+txt] = e
				return e
			}
		}
	}
	e := r.entity("P:"+txt, txt, "PERSON")
	e.parts = parts
	if len(parts) > 1 {
		e.gender = r.k.Gender(parts[0])
	}
	// the knowledge base may know the person
	for _, h := range r.k.Lookup(txt) {
		if h.Entry.Kind == kb.Person {
			e.name = h.Entry.Name
			e.country.set(h.Entry.Country, prKB)
			e.sector.set(h.Entry.Sector, prKB)
			e.role.set(h.Entry.Role, prKB)
		}
	}
	return e
}

// codePerson reads a person's coding from the words before and after the name.
func (r *resolver) codePerson(e *ent, j int) {
	it := &r.items[j]
	if it.first > 0 {
		switch strings.TrimSuffix(r.lowerForm(it.first-1), ".") {
		case "mr", "sir", "lord":
			e.gender = 'M'
		case "mrs", "ms", "miss", "madam", "lady", "dame":
			e.gender = 'F'
		}
	}
	tf, roleStart := r.titleRun(j)
	if tf >= 0 {
		r.applyTitles(e, tf, j, roleStart, it.first, prText)
		// the premodifier of the first title: "US", "Pakistan's", "Taliban"
		if pk, _ := r.premod(tf); pk >= 0 {
			r.applyPremod(e, pk, prText)
		}
		for k := tf; k < j; k++ {
			r.items[k].used = true
		}
	}
	// "Title NAME of Country": "King Hassan of Morocco"
	if it.last+1 < len(r.d.Tokens) && r.form(it.last) == "of" {
		if k := j + 1; k < len(r.items) && r.items[k].first == it.last+1 && isPlace(&r.items[k]) {
			e.country.set(r.items[k].entry.Country, prText)
		}
	}
	// appositive: NAME , [the] [Country ['s]] [adj] Title [of Country] ,
	if k := j + 1; k < len(r.items) && it.last < len(r.d.Tokens) && r.form(it.last) == "," {
		r.appositive(e, j)
	}
}

// applyTitles sets a person's role and sector from the title items [tf, j).
func (r *resolver) applyTitles(e *ent, tf, j, roleStart, roleEnd int, pr int) {
	last := &r.items[j-1]
	if last.kind == itCounterpart {
		// "his Pakistani counterpart X": the role of the one "his" names
		if p := r.items[tf].first; p > 0 {
			// the possessive pronoun before the premodifier
			for t := p - 1; t >= 0 && t >= p-3; t-- {
				if lf := r.lowerForm(t); lf == "his" || lf == "her" || lf == "their" || lf == "its" {
					r.counterparts = append(r.counterparts, counterpartLink{e: e, possessor: t})
					break
				}
			}
		}
		return
	}
	role := r.text(roleStart, min(roleEnd, last.last))
	role = strings.TrimSpace(role)
	e.role.set(role, pr)
	if e.roleKey == "" || pr >= e.role.pr {
		e.roleKey = last.entry.Name
	}
	e.sector.set(last.entry.Sector, pr)
}

// applyPremod sets a person's country (and, for an organisation before a
// generic title, the sector) from premodifier item pk.
func (r *resolver) applyPremod(e *ent, pk int, pr int) {
	p := &r.items[pk]
	if c := countryOf(p); c != "" {
		e.country.set(c, pr)
	}
	if p.kind == itKB && p.entry.Kind == kb.Actor && p.entry.Sector != "" {
		// "Taliban spokesman", "UN envoy": the organisation's sector
		e.sector.set(p.entry.Sector, pr+1)
	}
	p.used = true
	r.buildPremodCountry(pk)
}

// buildPremodCountry adds a premodifier item as a mention of its own entity
// ("US" in "US Secretary of State" is a mention of the United States).
func (r *resolver) buildPremodCountry(pk int) {
	p := &r.items[pk]
	switch {
	case p.kind == itKB && (p.entry.Kind == kb.Country || p.entry.Kind == kb.Capital):
		e := r.countryEnt(p.entry.Country)
		r.addMention(e, p.first, p.last, doc.MentionName, true)
	case p.kind == itKB && p.entry.Kind == kb.Demonym:
		e := r.countryEnt(p.entry.Country)
		r.addMention(e, p.first, p.last, doc.MentionDemonym, true)
	case p.kind == itKB && p.entry.Kind == kb.Actor:
		e := r.actorEnt(p.entry)
		r.addMention(e, p.first, p.last, doc.MentionName, true)
	case p.kind == itName:
		txt := r.text(p.first, p.last)
		e := r.entity("N:"+strings.ToLower(txt), txt, p.typ)
		r.addMention(e, p.first, p.last, doc.MentionName, true)
	}
}

func (r *resolver) actorEnt(en *kb.Entry) *ent {
	e := r.entity("A:"+en.Name, en.Name, en.Type)
	e.country.set(en.Country, prKB)
	e.sector.set(en.Sector, prKB)
	e.role.set(en.Role, prKB)
	if en.Kind == kb.Person && e.parts == nil {
		e.parts = strings.Fields(en.Name)
		if len(e.parts) > 1 {
			e.gender = r.k.Gender(e.parts[0])
		}
	}
	return e
}

// appositive reads "NAME, Pakistan's foreign minister," after item j.
func (r *resolver) appositive(e *ent, j int) {
	it := &r.items[j]
	t := it.last + 1
	end := int(r.d.Sentences[it.sent].Last)
	if t < end && (r.lowerForm(t) == "the" || r.lowerForm(t) == "a" || r.lowerForm(t) == "an") {
		t++
	}
	k := j + 1
	for k < len(r.items) && r.items[k].first < t {
		k++
	}
	country := ""
	startK := k
	if k < len(r.items) && r.items[k].first == t && isPlace(&r.items[k]) {
		country = r.items[k].entry.Country
		t = r.items[k].last
		k++
		if k < len(r.items) && r.items[k].kind == itPoss && r.items[k].first == t {
			t = r.items[k].last
			k++
		}
	}
	for t < end && adjectives[r.lowerForm(t)] && !(k < len(r.items) && r.items[k].first == t) {
		t++
	}
	if k >= len(r.items) || r.items[k].kind != itTitle || r.items[k].first != t {
		return
	}
	tk := k
	roleStart := r.items[k].first
	for k+1 < len(r.items) && r.items[k+1].kind == itTitle && r.items[k+1].first == r.items[k].last {
		k++
	}
	roleEnd := r.items[k].last
	after := roleEnd
	if after+1 < end && r.form(after) == "of" && k+1 < len(r.items) && r.items[k+1].first == after+1 && isPlace(&r.items[k+1]) {
		country = r.items[k+1].entry.Country
		r.items[k+1].used = true
		r.buildPremodCountry(k + 1)
		after = r.items[k+1].last
	}
	if after < end && !(r.form(after) == "," || r.form(after) == "." || r.form(after) == ";" || r.form(after) == "said" || r.form(after) == "says") {
		return
	}
	e.role.set(r.text(roleStart, roleEnd), prText)
	e.roleKey = r.items[k].entry.Name
	e.sector.set(r.items[k].entry.Sector, prText)
	if country != "" {
		e.country.set(country, prText)
	}
	if startK < tk {
		r.items[startK].used = true
		r.buildPremodCountry(startK)
	}
	// the description is a mention too
	r.addMention(e, r.items[tk].first, roleEnd, doc.MentionNominal, false)
	for x := tk; x <= k; x++ {
		r.items[x].used = true
	}
}

// buildKB makes the entity of a knowledge-base item.
func (r *resolver) buildKB(j int) {
	it := &r.items[j]
	en := it.entry
	switch en.Kind {
	case kb.Country:
		kind := doc.MentionName
		if it.desc {
			kind = doc.MentionNominal
		}
		r.addMention(r.countryEnt(en.Country), it.first, it.last, kind, false)
		r.groupAfter(j)
	case kb.Capital:
		if r.locative(it.first) {
			e := r.entity("L:"+en.Name, en.Name, "LOC")
			e.country.set(en.Country, prKB)
			r.addMention(e, it.first, it.last, doc.MentionName, false)
		} else {
			r.addMention(r.countryEnt(en.Country), it.first, it.last, doc.MentionMetonym, false)
		}
		r.groupAfter(j)
	case kb.Place:
		e := r.entity("L:"+en.Name, en.Name, "LOC")
		e.country.set(en.Country, prKB)
		r.addMention(e, it.first, it.last, doc.MentionName, false)
	case kb.Demonym:
		if r.groupAfter(j) {
			return
		}
		f := strings.ToLower(r.text(it.first, it.last))
		next := it.last
		if strings.HasSuffix(f, "s") && !(next < len(r.d.Tokens) && r.lowerNoun(next)) {
			// "Afghans": a group of people
			c := r.k.CountryEntry(en.Country)
			name := r.text(it.first, it.last)
			e := r.entity("G:"+en.Country+":people", name, "GROUP")
			_ = c
			e.country.set(en.Country, prKB)
			e.plural = true
			r.addMention(e, it.first, it.last, doc.MentionName, false)
			return
		}
		r.addMention(r.countryEnt(en.Country), it.first, it.last, doc.MentionDemonym, false)
	case kb.Actor, kb.Person:
		var e *ent
		if en.Kind == kb.Person {
			// "Clinton" after "Hillary Clinton": the story's person first
			e = r.shortFormOf(r.text(it.first, it.last))
		}
		if e == nil {
			e = r.actorEnt(en)
		}
		r.addMention(e, it.first, it.last, doc.MentionName, false)
		// "Pakistan's Supreme Court": a national body the knowledge base
		// knows without a country (but not an international one: "Canada-EU")
		if e.country.v == "" && nationalSector[e.sector.v] {
			if pk, _ := r.premod(j); pk >= 0 {
				if c := countryOf(&r.items[pk]); c != "" {
					e.country.set(c, prText)
					r.items[pk].used = true
					r.buildPremodCountry(pk)
				}
			}
		}
		if en.Kind == kb.Person {
			r.codePerson(e, j)
		}
	}
}

func (r *resolver) lowerNoun(t int) bool {
	f := r.form(t)
	c, _ := utf8.DecodeRuneInString(f)
	if !unicode.IsLower(c) {
		return false
	}
	switch f {
	case "and", "or", "said", "say", "says", "were", "are", "have", "had", "will", "would", "who", "which", "that", "in", "on", "at", "to", "from", "of", "for", "with", "by", "as", "is", "was":
		return false
	}
	return true
}

func (r *resolver) locative(t int) bool {
	if dl := r.d.Dateline; dl != nil && dl.Span != doc.NoSpan && !dl.Span.Empty() && r.d.Tokens[t].Span.Overlaps(dl.Span) {
		return true // the dateline names where the story was filed: "LAGOS, March 3 -"
	}
	if t == 0 {
		return false
	}
	p := r.lowerForm(t - 1)
	if p == "the" && t >= 2 {
		p = r.lowerForm(t - 2)
	}
	return locPreps[p]
}

// groupAfter reads "Pakistani troops", "Hungarian and Romanian officials",
// "Sudan's government" starting at place item j; it reports whether it made
// a group.
func (r *resolver) groupAfter(j int) bool {
	// collect coordinated places: P (, P)* (and|or) P
	places := []int{j}
	k := j
	for k+1 < len(r.items) {
		n := &r.items[k+1]
		gap := r.items[k].last
		if n.first == gap+1 && (r.form(gap) == "and" || r.form(gap) == "or" || r.form(gap) == ",") && isPlace(n) && n.entry.Kind == kb.Demonym && r.items[j].entry.Kind == kb.Demonym {
			places = append(places, k+1)
			k++
			continue
		}
		break
	}
	t := r.items[k].last
	g := k + 1
	if g < len(r.items) && r.items[g].kind == itPoss && r.items[g].first == t {
		t = r.items[g].last
		g++
	}
	end := int(r.d.Sentences[r.items[j].sent].Last)
	for t < end && adjectives[r.lowerForm(t)] && !(g < len(r.items) && r.items[g].first == t) {
		t++
	}
	if g >= len(r.items) || r.items[g].kind != itGroup || r.items[g].first != t || r.items[g].sent != r.items[j].sent {
		return false
	}
	grp := r.items[g].entry
	typ := "GROUP"
	switch grp.Sector {
	case "GOV", "MIL", "COP", "SPY", "JUD", "MED":
		typ = "ORG"
	}
	for n, pk := range places {
		c := r.items[pk].entry.Country
		gname := strings.ToLower(r.form(r.items[g].last - 1))
		e := r.entity(r.groupKey(c, r.items[g]), "", typ)
		if e.name == "" {
			if n == len(places)-1 && r.items[pk].desc && r.items[pk].last < r.items[g].last {
				// "the country's intelligence service": "Iraq's intelligence service"
				e.name = r.items[pk].entry.Name + r.d.Text[r.d.Tokens[r.items[pk].last].Start:r.d.Tokens[r.items[g].last-1].End]
			} else if n == len(places)-1 {
				e.name = r.text(r.items[pk].first, r.items[g].last)
			} else {
				e.name = r.text(r.items[pk].first, r.items[pk].last) + " " + gname
			}
		}
		e.country.set(c, prText)
		e.sector.set(grp.Sector, prText)
		e.plural = true
		if n == len(places)-1 {
			r.addMention(e, r.items[pk].first, r.items[g].last, doc.MentionNominal, false)
		} else {
			r.addMention(e, r.items[pk].first, r.items[pk].last, doc.MentionNominal, false)
		}
		r.items[pk].used = true
	}
	r.items[g].used = true
	return true
}

// groupKey identifies the group that item it (a group word) names in
// country c. The words of a sector stand for one group ("troops",
// "soldiers", "forces"), except the civilians', which are many: "aid
// workers", "civilians in Khartoum" and "refugees" are three groups.
func (r *resolver) groupKey(c string, it item) string {
	grp := it.entry
	name := grp.Name
	if grp.Sector == "CVL" {
		name = strings.ToLower(r.form(it.last - 1))
	}
	return "G:" + c + ":" + grp.Sector + ":" + name
}

// buildGroup handles a group noun not taken by a place before it: "police
// arrested ...", "soldiers", "protesters" become an actor of its sector whose
// country the story gives (fallbackCountry). Left out: "the government" and
// other sectors too vague without a country; a group word used as a modifier
// ("military aid"); a group whose noun phrase names someone else ("U.N.
// helicopters", "Irish nationalist guerrillas": they are that someone's).
func (r *resolver) buildGroup(j int) {
	it := &r.items[j]
	grp := it.entry
	if e := r.groupBackref(j); e != nil {
		r.addMention(e, it.first-1, it.last, doc.MentionNominal, false)
		it.used = true
		return
	}
	if !r.hasPOS || grp.Sector == "" || bareGroupSkip[grp.Sector] {
		return
	}
	head := it.last - 1
	t := r.d.Tokens[head]
	if t.UPOS != "NOUN" && t.UPOS != "PROPN" {
		return // "military aid": an adjective
	}
	if (t.Rel == "compound" || t.Rel == "amod") && t.Head > int32(head) {
		return // "police station": a modifier of the noun after it
	}
	if r.namedInPhrase(j, head) {
		return
	}
	typ := "GROUP"
	switch grp.Sector {
	case "MIL", "COP", "SPY", "JUD":
		typ = "ORG"
	}
	e := r.entity(r.groupKey("", *it), r.text(it.first, it.last), typ)
	e.sector.set(grp.Sector, prText)
	e.plural = true
	e.bare = true
	r.addMention(e, it.first, it.last, doc.MentionNominal, false)
	it.used = true
}

// groupBackref finds the group that "the officials", "these soldiers" (group
// item j right after the determiner) refers back to: the last group of the
// same words named in the three sentences before or in this one ("Iraqi
// officials said ... The officials also said").
func (r *resolver) groupBackref(j int) *ent {
	it := &r.items[j]
	if it.first == 0 || it.last-it.first != 1 {
		return nil
	}
	switch r.lowerForm(it.first - 1) {
	case "the", "these", "those":
	default:
		return nil
	}
	suffix := ":" + it.entry.Sector + ":" + it.entry.Name
	word := strings.ToLower(r.form(it.last - 1))
	var best *ent
	bestTok := -1
	for _, e := range r.ents {
		if !strings.HasPrefix(e.key, "G:") || !strings.HasSuffix(e.key, suffix) && !strings.HasSuffix(e.key, ":"+word) {
			continue
		}
		for _, m := range e.ms {
			if m.tok < it.first && it.sent-m.sent <= 3 && m.tok > bestTok &&
				strings.EqualFold(r.form(r.d.TokenAt(m.span.End-1)), r.form(it.last-1)) {
				best, bestTok = e, m.tok
			}
		}
	}
	return best
}

// namedInPhrase reports whether a word before group item j in the noun
// phrase headed by token head is part of another item (a name, a country, a
// demonym, an actor).
func (r *resolver) namedInPhrase(j, head int) bool {
	sf := int(r.d.Sentences[r.items[j].sent].First)
	inPhrase := func(k int) bool {
		for step := 0; step < 4 && k >= 0; step++ {
			h := int(r.d.Tokens[k].Head)
			if h == head {
				return true
			}
			if h < 0 || h > head {
				return false
			}
			k = h
		}
		return false
	}
	x := j - 1
	for k := r.items[j].first - 1; k >= sf && inPhrase(k); k-- {
		for x >= 0 && r.items[x].first > k {
			x--
		}
		if x >= 0 && r.items[x].last > k && r.items[x].kind != itGroup {
			return true
		}
	}
	return false
}

// bareGroupSkip are the sectors whose group nouns are no actor without a
// country named with them.
var bareGroupSkip = map[string]bool{"GOV": true, "MED": true, "BUS": true, "EDU": true, "HLH": true}

// buildNominal resolves a description: "the US Secretary of State", "the
// Pakistani Foreign Minister", "his Pakistani counterpart", "Pakistan's
// foreign minister", "the foreign minister of Pakistan".
func (r *resolver) buildNominal(j int) {
	it := &r.items[j]
	// a run of titles
	k := j
	for k+1 < len(r.items) && (r.items[k+1].kind == itTitle || r.items[k+1].kind == itCounterpart) && r.items[k+1].first == r.items[k].last {
		k++
	}
	last := &r.items[k]
	end := last.last
	sentEnd := int(r.d.Sentences[it.sent].Last)
	// followed by a name: the name's build took it (or it is a title on
	// something we do not know); skip
	if k+1 < len(r.items) && r.items[k+1].first == end && (r.items[k+1].kind == itName || (r.items[k+1].kind == itKB && (r.items[k+1].entry.Kind == kb.Person || r.items[k+1].entry.Kind == kb.Actor))) {
		return // "the rebel Kurdistan Workers' Party": an adjective of the organisation
	}
	country := ""
	var countryItem = -1
	pk, start := r.premod(j)
	if pk >= 0 {
		country = countryOf(&r.items[pk])
		countryItem = pk
	}
	// "of Pakistan"
	if end+1 < sentEnd && r.form(end) == "of" && k+1 < len(r.items) && r.items[k+1].first == end+1 && isPlace(&r.items[k+1]) {
		country = r.items[k+1].entry.Country
		r.items[k+1].used = true
		r.buildPremodCountry(k + 1)
		end = r.items[k+1].last
	}
	det := ""
	possessor := -1
	if start > 0 {
		p := r.lowerForm(start - 1)
		switch p {
		case "the", "his", "her", "its", "their":
			det = p
			start--
			if p != "the" {
				possessor = start
			}
		case "a", "an":
			det = p
		}
	}
	counterpart := last.kind == itCounterpart
	if det == "" && country == "" {
		return
	}
	if det == "a" || det == "an" {
		if country == "" {
			return
		}
	}
	if counterpart && country == "" {
		return
	}
	if countryItem >= 0 {
		r.items[countryItem].used = true
		r.buildPremodCountry(countryItem)
	}
	for x := j; x <= k; x++ {
		r.items[x].used = true
	}
	roleKey, sector, role := "", "", ""
	if !counterpart {
		roleKey, sector = last.entry.Name, last.entry.Sector
		role = r.text(it.first, last.last)
		if pk >= 0 && r.items[pk].kind == itKB && r.items[pk].entry.Kind == kb.Actor && r.items[pk].entry.Sector != "" {
			sector = r.items[pk].entry.Sector
		}
	}
	r.nominals = append(r.nominals, nominal{first: start, last: end, country: country, role: role, roleKey: roleKey,
		sector: sector, counterpart: counterpart, possessor: possessor, sent: it.sent, indefinite: det == "a" || det == "an",
		plural: strings.HasSuffix(r.lowerForm(last.last-1), "s") && !strings.HasSuffix(r.lowerForm(last.last-1), "ss")})
}
