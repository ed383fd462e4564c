package entities

// Back-references: words that stand for an entity the story named before —
// "the agency", "the country", "who", "the RSF".

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/internal/doc"
	"dateline/internal/kb"
)

// descHeads are nouns that end organisations' names and stand for them on
// their own after "the": "the agency" after "the Environmental Protection
// Agency", "the fund" after "the International Monetary Fund". (Not every
// head of orgHeads does: "the post", "the front" rarely mean the paper or
// the rebels.)
var descHeads = map[string]bool{
	"agency": true, "fund": true, "bank": true, "committee": true, "department": true, "ministry": true,
	"council": true, "commission": true, "company": true, "party": true, "network": true, "university": true,
	"board": true, "bureau": true, "foundation": true, "union": true, "institute": true, "association": true,
	"corporation": true, "coalition": true, "alliance": true, "organization": true, "organisation": true,
	"authority": true, "caucus": true, "panel": true, "tribunal": true, "newspaper": true, "college": true,
	"court": true, "administration": true,
}

// otherOne: adjectives by which "the … party" is not the one named before.
var otherOne = map[string]bool{"other": true, "another": true, "rival": true, "opposing": true, "opposition": true,
	"new": true, "former": true, "previous": true, "next": true}

// descReach is how many sentences back the name of the organisation a
// description stands for may be.
const descReach = 10

// orgDescriptions links "the agency", "the central bank", "the committee's"
// to the organisation named before it whose name ends in that noun (the
// nearest such name before); the description becomes a mention of it, so
// that a quote whose speaker is "the agency" has the agency as its speaker.
func (r *resolver) orgDescriptions() {
	d := r.d
	// the organisations by the lower-case last word of their name
	byHead := map[string][]*ent{}
	for _, e := range r.ents {
		if e.typ != "ORG" || len(e.ms) == 0 {
			continue
		}
		name := e.name
		if i := strings.LastIndexByte(name, ' '); i >= 0 {
			name = name[i+1:]
		}
		h := strings.ToLower(name)
		if descHeads[h] {
			byHead[h] = append(byHead[h], e)
		}
	}
	if len(byHead) == 0 {
		return
	}
	for t := 1; t < len(d.Tokens); t++ {
		f := d.Form(t)
		if f == "" || f[0] < 'a' || f[0] > 'z' || !descHeads[f] {
			continue
		}
		es := byHead[f]
		if len(es) == 0 || d.Tokens[t].NER != "O" && d.Tokens[t].NER != "" {
			continue
		}
		// "the agency", "the federal agency"; not "the other party"
		first := t - 1
		if first >= 1 && r.lowerForm(first) != "the" && (d.Tokens[first].UPOS == "ADJ" || !r.hasPOS && strings.HasSuffix(r.lowerForm(first), "al")) {
			if otherOne[r.lowerForm(first)] {
				continue
			}
			first--
		}
		if r.lowerForm(first) != "the" || r.tokS[first] != r.tokS[t] {
			continue
		}
		// not a modifier of a noun after it: "the bank account", "the party leader"
		if t+1 < len(d.Tokens) && r.tokS[t+1] == r.tokS[t] {
			if u := d.Tokens[t+1].UPOS; u == "NOUN" || u == "PROPN" {
				continue
			}
		}
		var best *ent
		bestTok := -1
		for _, e := range es {
			for _, m := range e.ms {
				if m.kind == doc.MentionName && m.tok < first && m.tok > bestTok && r.tokS[first]-r.tokS[m.tok] <= descReach {
					best, bestTok = e, m.tok
				}
			}
		}
		if best != nil && !r.covered(first, t+1) {
			r.addMention(best, first, t+1, doc.MentionNominal, false)
		}
	}
}

// covered reports whether a mention already holds a token of [first, last).
func (r *resolver) covered(first, last int) bool {
	a, b := r.d.Tokens[first].Start, r.d.Tokens[last-1].End
	for s := int(r.tokS[first]); s <= int(r.tokS[last-1]) && s < len(r.sentMs); s++ {
		for _, x := range r.sentMs[s] {
			if m := &x.e.ms[x.i]; m.span.Start < b && a < m.span.End {
				return true
			}
		}
	}
	return false
}

// relatives makes "who" (and "which" of an organisation or country) a
// mention of the entity it stands for: the noun that its relative clause
// modifies in the parse ("Mark Dellow, who said …": who → Mark Dellow), so
// that the speaker of "…, who said" is known.
func (r *resolver) relatives() {
	d := r.d
	for t := 1; t < len(d.Tokens); t++ {
		lf := r.lowerForm(t)
		if lf != "who" && lf != "which" {
			continue
		}
		h := -1
		if v := d.Tokens[t].Head; v >= 0 && d.Tokens[v].Rel == "acl:relcl" && (d.Tokens[t].Rel == "nsubj" || d.Tokens[t].Rel == "nsubj:pass") {
			h = int(d.Tokens[v].Head)
		} else if lf == "who" && t >= 2 && d.Form(t-1) == "," {
			// "…, said Mark Dellow, who added": the parse may miss the
			// clause; a name right before the comma is what "who" is
			h = t - 2
		}
		if h < 0 || h >= t || r.tokS[h] != r.tokS[t] {
			continue
		}
		e := r.entityAt(h)
		if e == nil || lf == "which" && e.typ != "ORG" && e.typ != "GPE" || lf == "who" && e.typ == "LOC" {
			continue
		}
		r.addMention(e, t, t+1, doc.MentionPronoun, false)
	}
}

// entityAt is the entity of a mention that holds token k, or nil.
func (r *resolver) entityAt(k int) *ent {
	s := int(r.tokS[k])
	if s >= len(r.sentMs) {
		return nil
	}
	tk := r.d.Tokens[k]
	for _, x := range r.sentMs[s] {
		m := &x.e.ms[x.i]
		if m.span.Start <= tk.Start && tk.End <= m.span.End && !m.modifier {
			return x.e
		}
	}
	return nil
}

// theCountry reads "the country" and "the nation" at token i as the country
// the story named last (within a few sentences), by its name or its
// demonym, so that "the country's foreign minister" is coded with it. It
// returns the tokens taken, or 0.
func (r *resolver) theCountry(i, end, s int) int {
	if i+1 >= end || r.lowerForm(i) != "the" {
		return 0
	}
	if w := r.lowerForm(i + 1); w != "country" && w != "nation" {
		return 0
	}
	// not "the country music", "the nation state"
	if i+2 < end && r.hasPOS {
		if u := r.d.Tokens[i+2].UPOS; u == "NOUN" || u == "PROPN" {
			return 0
		}
	}
	for k := len(r.items) - 1; k >= 0; k-- {
		it := &r.items[k]
		if s-it.sent > 3 {
			break
		}
		if it.kind == itKB && (it.entry.Kind == kb.Country || it.entry.Kind == kb.Demonym) {
			// "Iraqi Prime Minister …, the country's intelligence service"
			en := it.entry
			if en.Kind == kb.Demonym {
				if en = r.k.CountryEntry(en.Country); en == nil {
					continue
				}
			}
			r.items = append(r.items, item{kind: itKB, first: i, last: i + 2, entry: en, sent: s, desc: true})
			return 2
		}
	}
	return 0
}

// initials are the capitals that start the words of tokens [first, last):
// "Rapid Support Forces" → "RSF", "Organization of American States" → "OAS".
func (r *resolver) initials(first, last int) string {
	var b strings.Builder
	for t := first; t < last; t++ {
		f := r.form(t)
		if c, _ := utf8.DecodeRuneInString(f); unicode.IsUpper(c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// isAcronym: 2 to 6 capital letters and nothing else ("RSF", not "U.N.").
func isAcronym(f string) bool {
	if len(f) < 2 || len(f) > 6 {
		return false
	}
	for _, c := range f {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// acronymOf finds the organisation named earlier in the story whose initials
// the acronym at token i spells ("the RSF" after "the Rapid Support Forces"):
// the index of its item, or -1. The story's own expansion beats the knowledge
// base's (RSF is also Reporters Without Borders).
func (r *resolver) acronymOf(i int) int {
	f := r.form(i)
	if !isAcronym(f) {
		return -1
	}
	for k := len(r.items) - 1; k >= 0; k-- {
		it := &r.items[k]
		org := it.kind == itName && it.typ == "ORG" || it.kind == itKB && it.entry.Kind == kb.Actor
		if org && it.last-it.first >= 2 && r.initials(it.first, it.last) == f {
			return k
		}
	}
	return -1
}

// titleThenName reports whether tokens [a, b) are a known title followed by
// capitalised words to the end: "Secretary of State Marco Rubio".
func (r *resolver) titleThenName(a, b int) bool {
	tn, th := r.kbMatch(a, b)
	if tn == 0 || a+tn >= b || !hasKind(th, kb.Title) {
		return false
	}
	for t := a + tn; t < b; t++ {
		if !isCap(r.form(t)) {
			return false
		}
	}
	return true
}
