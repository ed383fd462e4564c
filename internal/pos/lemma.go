package pos

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSuf is the longest suffix (in bytes of the lower-cased form) a
// lemmatisation rule is keyed by.
const maxSuf = 6

// rule turns a form into its lemma: take the form (lower-cased if lower),
// cut bytes off its end, append add.
type rule struct {
	lower bool
	cut   uint8
	add   string
}

// excEntry is a training form's lemma for one XPOS, where the rules get it wrong.
type excEntry struct {
	xpos  uint16
	lemma string
}

// Lemmatizer finds lemmas from (form, XPOS): an exceptions table learned from
// the training data, then suffix rules per XPOS for everything else.
type Lemmatizer struct {
	xpos   []string
	rules  []map[string]rule     // per XPOS id: lower-cased suffix → rule
	exc    map[string][]excEntry // exact form → lemma per XPOS
	intern map[string]string     // frequent lemmas, so built lemmas need no allocation
	xid    map[string]uint16     // XPOS → id
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			return true
		}
		if c >= utf8.RuneSelf {
			return strings.ToLower(s) != s
		}
	}
	return false
}

// deriveRule finds the rule that turns form into lemma, preferring the one
// with the shortest added string (lower-casing on ties).
func deriveRule(form, lemma string) rule {
	mk := func(base string, lower bool) rule {
		p := 0
		for p < len(base) && p < len(lemma) && base[p] == lemma[p] {
			p++
		}
		cut := len(base) - p
		if cut > 255 {
			cut = 255
		}
		return rule{lower: lower, cut: uint8(cut), add: lemma[p:]}
	}
	l := mk(strings.ToLower(form), true)
	if !hasUpper(form) {
		return l
	}
	f := mk(form, false)
	if len(f.add) < len(l.add) || (len(f.add) == len(l.add) && f.cut < l.cut) {
		return f
	}
	return l
}

// lemmaScratch is reused memory for one lemma.
type lemmaScratch struct {
	low []byte
	out []byte
}

// lemma returns the lemma of form tagged with XPOS id x.
func (l *Lemmatizer) lemma(form string, x int, s *lemmaScratch) string {
	if es, ok := l.exc[form]; ok {
		for _, e := range es {
			if int(e.xpos) == x {
				return e.lemma
			}
		}
	}
	if x < 0 || x >= len(l.rules) {
		return form
	}
	upper := false
	s.low = s.low[:0]
	for _, r := range form {
		if unicode.IsUpper(r) {
			upper = true
			r = unicode.ToLower(r)
		}
		s.low = utf8.AppendRune(s.low, r)
	}
	rules := l.rules[x]
	for k := min(maxSuf, len(s.low)); k >= 0; k-- {
		r, ok := rules[string(s.low[len(s.low)-k:])]
		if !ok {
			continue
		}
		base := form
		if r.lower && upper {
			if int(r.cut) > len(s.low) {
				continue
			}
			s.out = append(s.out[:0], s.low[:len(s.low)-int(r.cut)]...)
			s.out = append(s.out, r.add...)
			return l.str(s.out)
		}
		if int(r.cut) > len(base) {
			continue
		}
		if r.add == "" {
			return base[:len(base)-int(r.cut)]
		}
		s.out = append(s.out[:0], base[:len(base)-int(r.cut)]...)
		s.out = append(s.out, r.add...)
		return l.str(s.out)
	}
	return form
}

// str returns b as a string, interned when it is a known lemma.
func (l *Lemmatizer) str(b []byte) string {
	if s, ok := l.intern[string(b)]; ok {
		return s
	}
	return string(b)
}

// Lemma returns the lemma of form with Penn tag xpos.
func (l *Lemmatizer) Lemma(form, xpos string) string {
	x, ok := l.xid[xpos]
	if !ok {
		return form
	}
	var s lemmaScratch
	return l.lemma(form, int(x), &s)
}

// lemmaExample is one training (form, XPOS, lemma). A secondary example
// (from a corpus with other lemma conventions) counts for the suffix rules,
// and for its word's own lemma only when no primary example has that word:
// GUM writes "United" (NNP) as "Unite", EWT as "United".
type lemmaExample struct {
	form, xpos, lemma string
	secondary         bool
}

// trainLemmatizer learns rules and exceptions from examples. minCount is the
// fewest examples a suffix (longer than 0) needs to make a rule.
func trainLemmatizer(xpos []string, ex []lemmaExample, minCount int) *Lemmatizer {
	l := &Lemmatizer{xpos: xpos, xid: map[string]uint16{}, exc: map[string][]excEntry{}, intern: map[string]string{}}
	for i, x := range xpos {
		l.xid[x] = uint16(i)
	}
	type key struct {
		x   uint16
		suf string
	}
	// The past tense and the past participle of a regular verb are the same
	// word ("repeated"), so their suffix rules count each other's examples:
	// EWT train alone has two past-tense forms in "-eated", "created" and
	// "treated", and a tie made "repeated" → "repeate".
	sibling := map[uint16]uint16{}
	if d, ok := l.xid["VBD"]; ok {
		if n, ok := l.xid["VBN"]; ok {
			sibling[d], sibling[n] = n, d
		}
	}
	counts := map[key]map[rule]int{}
	pair := map[[2]string]map[string]int{} // (form, xpos) → lemma counts
	lemmaCount := map[string]int{}
	type triple struct{ form, xpos, lemma string }
	seen := map[triple]bool{}
	primary := map[[2]string]bool{}
	for _, e := range ex {
		if !e.secondary {
			primary[[2]string{e.form, e.xpos}] = true
		}
	}
	for _, e := range ex {
		x, ok := l.xid[e.xpos]
		if !ok || e.lemma == "" || e.lemma == "_" {
			continue
		}
		p := [2]string{e.form, e.xpos}
		if !e.secondary || !primary[p] {
			if pair[p] == nil {
				pair[p] = map[string]int{}
			}
			pair[p][e.lemma]++
		}
		lemmaCount[e.lemma]++
		// Rules are for unseen words, which are like rare types: count each
		// (form, XPOS, lemma) once, so that frequent irregular words ("best" →
		// "good") do not make the rules.
		tr := triple{e.form, e.xpos, e.lemma}
		if seen[tr] {
			continue
		}
		seen[tr] = true
		r := deriveRule(e.form, e.lemma)
		low := strings.ToLower(e.form)
		xs := []uint16{x}
		if y, ok := sibling[x]; ok {
			xs = append(xs, y)
		}
		for _, x := range xs {
			for k := 0; k <= maxSuf && k <= len(low); k++ {
				kk := key{x, low[len(low)-k:]}
				m := counts[kk]
				if m == nil {
					m = map[rule]int{}
					counts[kk] = m
				}
				m[r]++
			}
		}
	}
	// Majority rule per (XPOS, suffix).
	best := map[key]rule{}
	for k, m := range counts {
		total, bc := 0, -1
		var br rule
		for r, c := range m {
			total += c
			if c > bc || (c == bc && ruleLess(r, br)) {
				br, bc = r, c
			}
		}
		if len(k.suf) > 0 && total < minCount {
			continue
		}
		best[k] = br
	}
	l.rules = make([]map[string]rule, len(xpos))
	for i := range l.rules {
		l.rules[i] = map[string]rule{}
	}
	for k, r := range best {
		// Drop a rule that its parent suffix already gives, unless some longer
		// suffix below it differs (kept by lookup falling through to the parent).
		if len(k.suf) > 0 {
			if pr, ok := best[key{k.x, k.suf[1:]}]; ok && pr == r {
				continue
			}
		}
		l.rules[k.x][k.suf] = r
	}
	// Exceptions: training forms whose most frequent lemma the rules miss.
	var s lemmaScratch
	for p, m := range pair {
		lem, bc := "", -1
		for c, n := range m {
			if n > bc || (n == bc && c < lem) {
				lem, bc = c, n
			}
		}
		x := int(l.xid[p[1]])
		if l.lemma(p[0], x, &s) != lem {
			l.exc[p[0]] = append(l.exc[p[0]], excEntry{uint16(x), lem})
		}
	}
	for lem, n := range lemmaCount {
		if n >= 2 {
			l.intern[lem] = lem
		}
	}
	for _, es := range l.exc {
		sort.Slice(es, func(i, j int) bool { return es[i].xpos < es[j].xpos })
	}
	return l
}

func ruleLess(a, b rule) bool {
	if a.cut != b.cut {
		return a.cut < b.cut
	}
	if a.add != b.add {
		return a.add < b.add
	}
	return !a.lower && b.lower
}
