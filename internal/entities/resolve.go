package entities

import (
	"slices"
	"strings"
	"unicode"

	"dateline/internal/doc"
	"dateline/internal/kb"
)

// pleonastic reports whether "it" at token t is empty ("it is clear that",
// "when it came to", "it seems").
func (r *resolver) pleonastic(t int) bool {
	if r.lowerForm(t) != "it" || t+1 >= len(r.d.Tokens) {
		return false
	}
	n := r.lowerForm(t + 1)
	switch n {
	case "seems", "seemed", "appears", "appeared", "came", "comes", "remains", "remained", "emerged", "follows", "means", "rained", "takes", "took":
		return true
	case "is", "was", "'s", "’s", "will", "would", "has", "had", "may", "might", "could":
		for x := t + 2; x < min(t+5, len(r.d.Tokens)); x++ {
			switch r.lowerForm(x) {
			case "clear", "unclear", "likely", "unlikely", "possible", "impossible", "important", "necessary",
				"time", "difficult", "hard", "easy", "true", "said", "reported", "believed", "understood",
				"expected", "feared", "hoped", "thought", "known", "worth", "too", "raining", "essential", "vital",
				"crucial", "obvious", "evident", "apparent", "estimated", "alleged", "claimed":
				return true
			}
		}
	}
	return false
}

type cand struct {
	e *ent
	m *mention
}

// mentionsIn lists the mentions in sentence s before token p (all, if p < 0).
func (r *resolver) mentionsIn(s, p int) []cand {
	var out []cand
	if s < 0 || s >= len(r.sentMs) {
		return nil
	}
	for _, x := range r.sentMs[s] {
		m := &x.e.ms[x.i]
		if p < 0 || m.tok < p {
			out = append(out, cand{x.e, m})
		}
	}
	slices.SortFunc(out, func(a, b cand) int { return a.m.tok - b.m.tok })
	return out
}

func (r *resolver) antecedent(p int) *ent {
	lf := r.lowerForm(p)
	s := int(r.tokS[p])
	q := r.quoted[p]
	person := personPronoun(lf)
	plural := pluralPronoun(lf)
	ok := func(c cand) bool {
		if !q && c.m.quoted {
			return false
		}
		switch {
		case person:
			return c.e.typ == "PERSON" && !c.e.plural
		case plural:
			return !c.m.modifier && (c.e.typ == "GROUP" || c.e.typ == "ORG" || c.e.plural)
		default:
			return !c.m.modifier && (c.e.typ == "ORG" || c.e.typ == "GPE") && !(c.e.plural && c.e.typ == "GROUP")
		}
	}
	// a pronoun's gender is a soft hint: among the fitting mentions of one
	// sentence, the first that agrees, else the first (machine translation
	// often gets "he" and "she" wrong)
	var g byte
	switch lf {
	case "he", "him", "his", "himself":
		g = 'M'
	case "she", "her", "hers", "herself":
		g = 'F'
	}
	firstFit := func(cs []cand) *ent {
		var first *ent
		for _, c := range cs {
			if ok(c) {
				if first == nil {
					first = c.e
				}
				if g == 0 || c.e.gender == 0 || c.e.gender == g {
					return c.e
				}
			}
		}
		return first
	}
	cs := r.mentionsIn(s, p)
	if person {
		if e := firstFit(cs); e != nil {
			return e
		}
		// a fronted clause: "Beginning his meeting with ..., Qureshi said"
		first := int(r.d.Sentences[s].First)
		if f := r.lowerForm(first); strings.HasSuffix(f, "ing") || f == "after" || f == "before" || f == "while" || f == "upon" || f == "during" || f == "despite" || f == "following" {
			end := int(r.d.Sentences[s].Last)
			for t := p + 1; t < end; t++ {
				if r.form(t) == "," {
					for _, c := range r.mentionsIn(s, -1) {
						if c.m.tok == t+1 && c.e.typ == "PERSON" {
							return c.e
						}
					}
					break
				}
			}
		}
	} else {
		for i := len(cs) - 1; i >= 0; i-- {
			if ok(cs[i]) {
				return cs[i].e
			}
		}
	}
	// earlier sentences: the first fitting mention of the nearest one (its subject)
	for b := s - 1; b >= 0 && b >= s-3; b-- {
		if e := firstFit(r.mentionsIn(b, -1)); e != nil {
			return e
		}
		if !person {
			break // "it" looks back one sentence only
		}
	}
	return nil
}

// pronouns resolves descriptions and pronouns in text order.
func (r *resolver) pronouns() {
	type step struct {
		tok int
		nom int // index into nominals, or -1 for a pronoun
	}
	var steps []step
	for i := range r.items {
		if r.items[i].kind == itPronoun {
			steps = append(steps, step{r.items[i].first, -1})
		}
	}
	for i, n := range r.nominals {
		steps = append(steps, step{n.first, i})
	}
	slices.SortStableFunc(steps, func(a, b step) int {
		if a.tok != b.tok {
			return a.tok - b.tok
		}
		// "his" before "his Pakistani counterpart"
		return cmpBool(a.nom >= 0, b.nom >= 0)
	})
	resolved := map[int]*ent{} // pronoun token -> entity
	for _, st := range steps {
		if st.nom < 0 {
			p := st.tok
			if r.pleonastic(p) {
				continue
			}
			if e := r.antecedent(p); e != nil {
				r.addMention(e, p, p+1, doc.MentionPronoun, false)
				resolved[p] = e
				r.theirCountry(p, e)
				for _, cl := range r.counterparts {
					if cl.possessor == p && cl.e != e {
						cl.e.role.set(e.role.v, prWeak)
						cl.e.sector.set(e.sector.v, prWeak)
					}
				}
			}
			continue
		}
		r.resolveNominal(&r.nominals[st.nom], resolved)
	}
}

// theirCountry reads "his country", "her country's troops" after the
// possessive pronoun at token p that refers to e: the country is e's.
func (r *resolver) theirCountry(p int, e *ent) {
	lf := r.lowerForm(p)
	if (lf != "his" && lf != "her" && lf != "its" && lf != "their") || e.country.v == "" || e.typ == "GPE" {
		return
	}
	t := p + 1
	if t >= len(r.d.Tokens) || r.tokS[t] != r.tokS[p] {
		return
	}
	if f := r.lowerForm(t); f != "country" && f != "nation" {
		return
	}
	c := r.countryEnt(e.country.v)
	n, ok := r.isPoss(t + 1)
	if ok {
		g := t + 1 + n
		for k := range r.items {
			it := &r.items[k]
			if it.first > g {
				break
			}
			if it.first == g && it.kind == itGroup && !it.used {
				grp := it.entry
				typ := "GROUP"
				switch grp.Sector {
				case "GOV", "MIL", "COP", "SPY", "JUD", "MED":
					typ = "ORG"
				}
				ge := r.entity(r.groupKey(e.country.v, *it), c.name+" "+r.text(it.first, it.last), typ)
				ge.country.set(e.country.v, prNom)
				ge.sector.set(grp.Sector, prNom)
				ge.plural = true
				r.addMention(ge, t, it.last, doc.MentionNominal, false)
				it.used = true
				return
			}
		}
	}
	r.addMention(c, t, t+1, doc.MentionNominal, false)
}

func roleCompatible(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	return a == b || strings.Contains(a, b) || strings.Contains(b, a)
}

func (r *resolver) resolveNominal(n *nominal, resolved map[int]*ent) {
	var owner *ent
	if n.possessor >= 0 {
		owner = resolved[n.possessor]
	}
	var best *ent
	bestScore := -1
	if !n.indefinite && !n.plural {
		for _, e := range r.ents {
			if e.typ != "PERSON" || e == owner || len(e.ms) == 0 || e.ms[0].tok >= n.first {
				continue
			}
			if n.country != "" && e.country.v != "" && e.country.v != n.country {
				continue
			}
			score := 0
			if n.country != "" && e.country.v == n.country {
				score += 2
			}
			if n.roleKey != "" && e.role.pr > prWeak {
				if e.roleKey != n.roleKey && !roleCompatible(e.role.v, n.role) {
					continue
				}
				score += 4
			} else if n.roleKey != "" && e.role.pr == prWeak {
				score++
			}
			if n.counterpart && owner != nil && owner.country.v != "" && e.country.v == owner.country.v {
				continue
			}
			// a description joins a person it agrees with on something known:
			// the same country, or a compatible role
			countryAgrees := n.country != "" && e.country.v == n.country
			roleAgrees := n.roleKey != "" && e.role.pr > prWeak
			if !countryAgrees && !roleAgrees {
				continue
			}
			if score > bestScore || (score == bestScore && lastTok(e) > lastTok(best)) {
				best, bestScore = e, score
			}
		}
	}
	if best == nil {
		if n.counterpart && n.country == "" {
			return
		}
		name := r.text(n.first, n.last)
		for _, det := range []string{"the ", "The ", "his ", "His ", "her ", "Her ", "its ", "their ", "a ", "A ", "an ", "An "} {
			name = strings.TrimPrefix(name, det)
		}
		// "the country's foreign minister": named by the country it stands for
		for _, w := range []string{"country's ", "country’s ", "nation's ", "nation’s "} {
			if rest, ok := strings.CutPrefix(name, w); ok && n.country != "" {
				if c := r.k.CountryEntry(n.country); c != nil {
					name = c.Name + "'s " + rest
				}
			}
		}
		typ := "PERSON"
		if n.plural {
			typ = "GROUP"
		}
		best = r.entity("D:"+strings.ToLower(name), name, typ)
		best.plural = n.plural
		if n.counterpart && owner != nil {
			best.role.set(owner.role.v, prWeak)
			best.sector.set(owner.sector.v, prWeak)
		}
	}
	r.addMention(best, n.first, n.last, doc.MentionNominal, false)
	best.country.set(n.country, prNom)
	if n.role != "" {
		if best.role.pr < prNom {
			best.roleKey = n.roleKey
		}
		best.role.set(n.role, prNom)
		best.sector.set(n.sector, prNom)
	}
}

func lastTok(e *ent) int {
	if e == nil || len(e.ms) == 0 {
		return -1
	}
	t := -1
	for _, m := range e.ms {
		t = max(t, m.tok)
	}
	return t
}

// destination reports whether the name at token i of sentence si says where
// something goes: "into Chad", "to Chad and South Sudan" (the preposition of
// the first conjunct), "towards Paris".
func (r *resolver) destination(i, si int) bool {
	toks := r.d.Tokens
	if !r.hasPOS || toks[i].Rel == "" {
		return i > 0 && isDirection(r.lowerForm(i-1))
	}
	t := int32(i)
	for hops := 0; hops < 4 && toks[t].Rel == "conj" && toks[t].Head >= 0; hops++ {
		t = toks[t].Head
	}
	s := r.d.Sentences[si]
	for k := s.First; k < s.Last; k++ {
		if toks[k].Head == t && toks[k].Rel == "case" && isDirection(r.lowerForm(int(k))) {
			return true
		}
	}
	return false
}

func isDirection(w string) bool {
	switch w {
	case "into", "to", "toward", "towards":
		return true
	}
	return false
}

// fallbackCountry gives a country to titled persons, places and communities
// the text and the knowledge base left without one: the country named nearest
// in the same sentence (not as where something goes), else the one the story
// names most.
func (r *resolver) fallbackCountry() {
	type cm struct {
		iso   string
		tok   int
		s     int
		place bool // a country, city or region (not an organisation's seat)
		dest  bool // where something goes: "spill over into Chad", "flew to Paris"
	}
	var cms []cm
	count := map[string]int{}
	first := map[string]int{}
	for _, e := range r.ents {
		if e.country.v == "" || e.country.pr <= prWeak {
			continue
		}
		for _, m := range e.ms {
			cms = append(cms, cm{e.country.v, m.tok, m.sent, e.typ == "GPE" || e.typ == "LOC", r.destination(m.tok, m.sent)})
			if e.typ != "GPE" {
				continue // the story's country is counted on countries only
			}
			count[e.country.v]++
			if f, ok := first[e.country.v]; !ok || m.tok < f {
				first[e.country.v] = m.tok
			}
		}
	}
	if len(cms) == 0 {
		return
	}
	// the country of the place the story was filed from, for bare groups
	datelineCountry := ""
	if dl := r.d.Dateline; dl != nil && dl.Span != doc.NoSpan {
		for _, e := range r.ents {
			for _, m := range e.ms {
				if (e.typ == "GPE" || e.typ == "LOC") && m.span.Overlaps(dl.Span) && e.country.v != "" {
					datelineCountry = e.country.v
				}
			}
		}
	}
	dom := "" // may stay "": then only the same sentence gives a country
	for c, n := range count {
		if dom == "" || n > count[dom] || (n == count[dom] && first[c] < first[dom]) {
			dom = c
		}
	}
	for _, e := range r.ents {
		if e.country.v != "" || len(e.ms) == 0 {
			continue
		}
		switch {
		case e.typ == "PERSON" && e.role.v != "" && e.sector.v != "IGO":
		case e.typ == "LOC" && e.guess == guessPlace:
		case e.typ == "GROUP", e.bare:
		default:
			continue
		}
		m := e.ms[0]
		best, bestD := "", 1<<30
		for _, c := range cms {
			if c.s != m.sent || e.bare && !c.place || c.dest {
				continue // a bare group ("police") is placed by places, not by the wire service's seat; nobody by where things go
			}
			d := c.tok - m.tok
			if d < 0 {
				d = -d
			}
			if d < bestD {
				best, bestD = c.iso, d
			}
		}
		if best == "" {
			best = dom
		}
		if best == "" && e.bare {
			best = datelineCountry
		}
		e.country.set(best, prWeak)
	}
}

// output writes the entities and mentions into the document.
func (r *resolver) output() {
	type em struct {
		m mention
		e int
	}
	var all []em
	var kept []*ent
	for _, e := range r.ents {
		if len(e.ms) == 0 {
			continue
		}
		// a capitalised phrase guessed to be a name, seen once, with nothing
		// known about it, is more likely a heading or a common noun phrase
		if e.guess == guessWeak && len(e.ms) == 1 && e.role.v == "" && e.country.v == "" && e.gender == 0 && e.sector.v == "" {
			continue
		}
		slices.SortStableFunc(e.ms, func(a, b mention) int { return int(a.span.Start - b.span.Start) })
		// drop duplicate spans
		out := e.ms[:1]
		for _, m := range e.ms[1:] {
			if m.span != out[len(out)-1].span {
				out = append(out, m)
			}
		}
		e.ms = out
		kept = append(kept, e)
	}
	slices.SortStableFunc(kept, func(a, b *ent) int { return int(a.ms[0].span.Start - b.ms[0].span.Start) })
	d := r.d
	nm := 0
	for _, e := range kept {
		nm += len(e.ms)
	}
	all = make([]em, 0, nm)
	if cap(d.Mentions) < nm {
		d.Mentions = make([]doc.Mention, 0, nm)
	}
	if cap(d.Entities) < len(kept) {
		d.Entities = make([]doc.Entity, 0, len(kept))
	}
	for i, e := range kept {
		ent := doc.Entity{Name: e.name, Type: e.typ, Country: e.country.v, Sector: e.sector.v, Role: e.role.v}
		if e.role.pr <= prWeak {
			ent.Role = "" // a counterpart's office is not the text's word for this one
		}
		if e.typ == "GPE" || e.typ == "LOC" {
			ent.Sector, ent.Role = "", ""
		}
		d.Entities = append(d.Entities, ent)
		for _, m := range e.ms {
			all = append(all, em{m, i})
		}
	}
	slices.SortStableFunc(all, func(a, b em) int {
		if a.m.span.Start != b.m.span.Start {
			return int(a.m.span.Start - b.m.span.Start)
		}
		return int(b.m.span.End - a.m.span.End)
	})
	for _, x := range all {
		idx := int32(len(d.Mentions))
		d.Mentions = append(d.Mentions, doc.Mention{Span: x.m.span, Entity: int32(x.e), Kind: x.m.kind})
		d.Entities[x.e].Mentions = append(d.Entities[x.e].Mentions, idx)
	}
	setDateline(d, r)
	r.dropFalseDateline()
}

// dropFalseDateline takes back a dateline that names no place: the reader
// reads "Trump: ..." or "Revealed: ..." opening a story as it reads "New
// York:", and only here is it known that Trump is a person and "Revealed"
// a verb.
func (r *resolver) dropFalseDateline() {
	dl := r.d.Dateline
	if dl == nil {
		return
	}
	if dl.Entity >= 0 {
		// a person is no place; an organisation nothing else knows is a place
		// the recogniser mistyped ("SIOUX FALLS, S.D. —", "Indianapolis –")
		e := &r.d.Entities[dl.Entity]
		switch {
		case e.Type == "PERSON":
			r.d.Dateline = nil
		case e.Type == "ORG" && e.Sector == "" && !r.orgNamed(e.Name):
			e.Type = "LOC"
		}
		return
	}
	// no entity: a place the knowledge base knows, or one written in
	// capitals ("MARANCHON, SPAIN —"), stays; "Revealed:", "Wow:",
	// "Editor's Note:" go
	place := strings.TrimSpace(dl.Place)
	for _, h := range r.k.Lookup(place) {
		switch h.Entry.Kind {
		case kb.Country, kb.Capital, kb.Place:
			return
		}
	}
	if dl.Span == doc.NoSpan || dl.Span.Empty() || !r.hasPOS {
		return
	}
	if t := r.d.Str(dl.Span); strings.ToUpper(t) == t {
		return
	}
	// a name the tagger reads as a proper noun ("Sioux Falls –") stays; a
	// verb, an interjection or a common noun ("Revealed:", "Wow:", "Editor's
	// Note:") goes
	for _, t := range r.d.Tokens {
		if t.Span.Overlaps(dl.Span) && strings.Contains(place, r.d.Str(t.Span)) && isWordToken(r.d.Str(t.Span)) && t.UPOS != "PROPN" {
			r.d.Dateline = nil
			return
		}
		if t.Start >= dl.Span.End {
			break
		}
	}
}

// isWordToken reports whether a token has a letter.
func isWordToken(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) {
			return true
		}
	}
	return false
}

// orgNamed reports whether a name ends with a word that heads an
// organisation's name ("Council", "News", "Party").
func (r *resolver) orgNamed(name string) bool {
	ws := strings.Fields(strings.ToLower(name))
	if len(ws) == 0 {
		return false
	}
	_, ok := orgHeads[ws[len(ws)-1]]
	return ok || ws[len(ws)-1] == "news" || ws[len(ws)-1] == "post" || ws[len(ws)-1] == "times"
}

// setDateline points the dateline at its place's entity.
func setDateline(d *doc.Doc, r *resolver) {
	if d.Dateline == nil {
		return
	}
	d.Dateline.Entity = -1
	if d.Dateline.Span != doc.NoSpan && !d.Dateline.Span.Empty() {
		for _, m := range d.Mentions {
			if m.Span.Overlaps(d.Dateline.Span) {
				d.Dateline.Entity = m.Entity
				return
			}
		}
	}
	place := strings.ToLower(strings.TrimSpace(d.Dateline.Place))
	if place == "" {
		return
	}
	for i, e := range d.Entities {
		if strings.ToLower(e.Name) == place {
			d.Dateline.Entity = int32(i)
			return
		}
		for _, mi := range e.Mentions {
			if strings.ToLower(d.Str(d.Mentions[mi].Span)) == place {
				d.Dateline.Entity = int32(i)
				return
			}
		}
	}
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}
