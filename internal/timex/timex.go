// Package timex finds time expressions in English news and resolves them to
// TimeML TIMEX3 values against the publication date.
//
// Resolve is the pipeline stage: it fills Doc.Times (Span, Type DATE / TIME /
// DURATION / SET, Value such as 2021-09-23, 2021-W38, 2021-08, P3D,
// XXXX-WXX-5, PRESENT_REF, and Mod such as START, MID, END, APPROX). The anchor
// is Doc.Published; without one, relative expressions stay underspecified
// ("XXXX-WXX-4") or are left without a value.
//
// Weekdays, months and seasons named without a year are resolved by the tense
// of their clause: "Blinken met Qureshi on Thursday" in a story of Friday
// 2021-09-24 is 2021-09-23, "he will travel on Thursday" is 2021-09-30, and a
// story of a Friday speaking of "Friday" means that day. Tense comes from
// Token.XPOS (VBD, VBN after have, MD will/shall) when the tagger has run, and
// from a word list (did, was, had, said, will, ...) otherwise.
//
// Expressions relative to another date step from the last date the text
// wrote, when it is near and fine enough: "the next day", "a year earlier"
// after "in 2010", "the year before", "March of that year", a yearless "June
// 9" right after "June 1, 2015". In results news "a year earlier" and "the
// year-ago quarter" step back from the quarter just named ("the quarter ended
// July 31"), else from the one before the anchor's.
//
// ForSentence answers the events stage's question "when did the clause of this
// verb happen?"; ParseDate normalises publication dates from date lines, feeds
// and metadata.
package timex

import (
	"strconv"
	"sync"
	"time"

	"dateline/internal/doc"
)

type scratch struct {
	words []word
	low   []byte
}

var pool = sync.Pool{New: func() any { return new(scratch) }}

// Resolve finds and resolves the time expressions of d.Text, replacing
// d.Times. It reads d.Published (the anchor), d.Sentences and, when present,
// the tokens' XPOS tags (for tense). It never fails: what it cannot resolve
// it leaves without a value.
func Resolve(d *doc.Doc) {
	d.Times = d.Times[:0]
	if len(d.Text) == 0 {
		return
	}
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	var low string
	sc.low, low = lowerASCII(d.Text, sc.low)
	sc.words = lex(d.Text, low, sc.words)
	n := len(sc.words)
	// Sentinel words after the end let patterns look a few words ahead
	// without bounds checks; they match nothing.
	end := int32(len(d.Text))
	for k := 0; k < 8; k++ {
		sc.words = append(sc.words, word{s: end, e: end, space: true, nl: true})
	}
	p := &parser{w: sc.words}
	if t, _, err := parseDate(d.Published); err == nil && d.Published != "" {
		p.anchor = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		p.has = true
		p.ref, p.refG = p.anchor, gDay
	}
	p.refAt, p.qAt = -1, -1
	tn := newTenser(d, p.w)
	p.tense = tn.at
	for i := 0; i < n; {
		c, ok := p.at(i)
		if c.j > n {
			c.j = n
		}
		if !ok || c.j <= c.i {
			i++
			continue
		}
		if c.ref {
			p.ref, p.refG, p.refAt = c.refT, c.refG, c.i
			p.refYr = false
			for k := c.i; k < c.j; k++ {
				if y, _, ok := p.year(k); ok && y == c.refT.Year() {
					p.refYr = true
					break
				}
			}
		}
		if q, ok := quarterOf(c.val); ok && c.typ == "DATE" && p.has && !q.After(p.anchor) && q.After(p.anchor.AddDate(-1, 0, 0)) {
			p.qT, p.qAt = q, c.i
		}
		sp := doc.Span{Start: p.w[c.i].s, End: p.w[c.j-1].e}
		d.Times = append(d.Times, doc.Time{Span: sp, Type: c.typ, Value: c.val, Mod: c.mod})
		i = c.j
	}
	// Keep the scratch small for the pool: drop pointers into this text.
	for k := range sc.words {
		sc.words[k].low = ""
	}
}

// quarterOf reads a quarter value ("2013-Q1") as its first day.
func quarterOf(v string) (time.Time, bool) {
	if len(v) != 7 || v[4] != '-' || v[5] != 'Q' || v[6] < '1' || v[6] > '4' {
		return time.Time{}, false
	}
	y, err := strconv.Atoi(v[:4])
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(3*int(v[6]-'1')+1), 1, 0, 0, 0, 0, time.UTC), true
}

// --- tense -----------------------------------------------------------------

// tenser decides the tense of the clause around a word: -1 past, +1 future,
// 0 unknown. Sentences come from the Doc; the nearest tense cue in the
// sentence wins.
type tenser struct {
	d      *doc.Doc
	w      []word
	tagged bool
	dist   int  // words between the date and the cue being read
	left   bool // the cue is before the date
	poss   bool // the date is a possessive ("Tuesday's")
}

func newTenser(d *doc.Doc, w []word) *tenser {
	t := &tenser{d: d, w: w}
	for k := 0; k < len(d.Tokens) && k < 50; k++ {
		if d.Tokens[k].XPOS != "" {
			t.tagged = true
			break
		}
	}
	return t
}

func (t *tenser) at(i int) int {
	if i < 0 || i >= len(t.w) {
		return 0
	}
	lo, hi := 0, len(t.w)
	if s := t.d.SentenceOf(t.w[i].s); s >= 0 {
		sp := t.d.Sentences[s].Span
		// the tokenizer may split at abbreviations ("Sept."): widen short sentences
		for s > 0 && t.d.Sentences[s].Last-t.d.Sentences[s].First < 6 && t.w[i].s-t.d.Sentences[s-1].Start < 200 {
			s--
			sp.Start = t.d.Sentences[s].Start
		}
		lo = searchWord(t.w, sp.Start)
		hi = searchWord(t.w, sp.End)
	}
	t.poss = i+2 < len(t.w) && t.w[i+1].low == "'" && t.w[i+2].low == "s"
	// first the stretch between commas around the date ("Obama, who arrived
	// on Wednesday, will visit ..."), then the whole sentence
	slo, shi := i, i+1
	for slo > lo && t.w[slo-1].low != "," {
		slo--
	}
	for shi < hi && t.w[shi].low != "," {
		shi++
	}
	if slo > lo || shi < hi {
		if v := t.scan(i, slo, shi); v != 0 {
			return v
		}
	}
	return t.scan(i, lo, hi)
}

// scan looks for the nearest tense cue to word i within words [lo, hi).
func (t *tenser) scan(i, lo, hi int) int {
	for dist := 1; dist < 40; dist++ {
		l, r := i-dist, i+dist
		if l < lo && r >= hi {
			break
		}
		t.dist = dist
		if l >= lo {
			t.left = true
			if v := t.cue(l); v != 0 {
				return v
			}
		}
		if r < hi {
			t.left = false
			if v := t.cue(r); v != 0 {
				return v
			}
		}
	}
	return 0
}

func searchWord(w []word, off int32) int {
	lo, hi := 0, len(w)
	for lo < hi {
		m := (lo + hi) / 2
		if w[m].s < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// cue is the tense word k signals, if any.
func (t *tenser) cue(k int) int {
	w := &t.w[k]
	if w.kind != kAlpha {
		return 0
	}
	switch w.low {
	case "will", "shall", "upcoming", "scheduled", "tomorrow", "plans", "plan", "planned", "planning", "intends",
		"intend", "expected", "expects", "expect", "due", "should", "may", "might", "must", "hopes", "aims",
		"effective", "payable":
		if w.low == "may" && w.upper {
			return 0 // the month
		}
		// a noun is no plan of the clause: "rejected the plan on Tuesday"
		if t.noun(k) {
			return 0
		}
		// "it had been due to expire Friday", "the previously planned
		// attack": a plan of the past
		if k >= 2 && t.w[k-2].low == "had" && t.w[k-1].low == "been" || k >= 1 && t.w[k-1].low == "previously" {
			return -1
		}
		return 1
	case "ll":
		if k > 0 && t.w[k-1].low == "'" {
			return 1
		}
		return 0
	case "going":
		if k+1 < len(t.w) && t.w[k+1].low == "to" {
			return 1
		}
		return 0
	case "set":
		if k+1 < len(t.w) && t.w[k+1].low == "to" {
			return 1
		}
	case "would", "could", "can":
		// "said he would travel on Thursday": the future of a recent past
		if w.low == "would" && k+1 < len(t.w) && t.w[k+1].low != "have" && t.w[k+1].low != "'" {
			return 1
		}
		return 0
	case "yesterday", "ago", "last":
		return -1
	}
	past := false
	if t.tagged {
		if tok := t.d.TokenAt(w.s); tok >= 0 {
			switch t.d.Tokens[tok].XPOS {
			case "VBD":
				past = true
			case "VBN":
				past = true
			case "VB":
				// a bare verb the tagger took for an infinitive after a plural
				// subject ("He and Arafat meet separately Monday")
				if k == 0 {
					return 0
				}
				// a headline's plan: "Parliament to vote Friday on new plan"
				if k >= 2 && t.w[k-1].low == "to" && t.left && t.dist <= 3 {
					if tk := t.d.TokenAt(t.w[k-2].s); tk >= 0 {
						if x := t.d.Tokens[tk].XPOS; x == "NN" || x == "NNS" || x == "NNP" || x == "NNPS" {
							return 1
						}
					}
				}
				switch t.w[k-1].low {
				case "to", "will", "would", "shall", "should", "may", "might", "must", "can", "could", "not", "t",
					"do", "does", "did", "ll", "let", "help", "make", "please":
					return 0
				}
				if t.dist > 3 || !t.left || w.upper || t.poss || len(w.low) < 3 || t.w[k-1].kind != kAlpha {
					return 0
				}
				return 1
			case "VBP", "VBZ":
				// a present-tense main verb with a date speaks of what is coming:
				// "the talks open on Monday"
				switch w.low {
				case "is", "are", "am", "has", "have", "does", "do", "says", "say", "'s", "s", "re", "ve":
					return 0
				}
				// only a verb just before the date, itself not a name or a
				// stray short word, and not for a possessive ("Tuesday's
				// declaration" names a past event): "follows Tuesday's
				// ruling", "Dar es Salaam Thursday" stay in the past
				if t.dist > 3 || !t.left || w.upper || t.poss || len(w.low) < 3 {
					return 0
				}
				return 1
			default:
				return 0
			}
		}
	} else if pastWords[w.low] {
		past = true
	} else if n := len(w.low); n > 4 && w.low[n-2:] == "ed" && !notPast[w.low] {
		past = true
	}
	if !past {
		return 0
	}
	// a participle after a determiner is an adjective: "the reduced dividend"
	if k > 0 {
		switch t.w[k-1].low {
		case "the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those":
			return 0
		}
	}
	// the auxiliaries before a participle decide: "to be held", "will be
	// signed" are to come; "is expected" is now; "has met", "was held" past
	for b := k - 1; b >= 0 && b >= k-3; b-- {
		switch t.w[b].low {
		case "be":
			if b > 0 {
				switch t.w[b-1].low {
				case "to", "will", "shall", "should", "may", "might", "must", "ll", "would", "could":
					return 1
				}
			}
			return 0
		case "is", "are", "being", "am", "'s":
			return 0
		case "has", "have", "had", "was", "were", "been":
			return -1
		case "not", "n't", "also", "already", "just", "then", "been ":
			continue
		}
		if t.w[b].kind != kAlpha || len(t.w[b].low) > 3 && t.w[b].low[len(t.w[b].low)-2:] != "ly" {
			break
		}
	}
	return -1
}

// noun reports whether a cue word that can be a noun ("plan", "hopes",
// "aims") is one here: tagged NN/NNS, or, untagged, after a determiner.
func (t *tenser) noun(k int) bool {
	switch t.w[k].low {
	case "plan", "plans", "hopes", "aims", "due":
	default:
		return false
	}
	if t.tagged {
		if tok := t.d.TokenAt(t.w[k].s); tok >= 0 {
			x := t.d.Tokens[tok].XPOS
			return x == "NN" || x == "NNS"
		}
	}
	if k > 0 {
		switch t.w[k-1].low {
		case "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "new":
			return true
		}
	}
	return false
}

var pastWords = map[string]bool{}

var notPast = map[string]bool{}

func init() {
	for _, s := range []string{"was", "were", "had", "did", "said", "told", "met", "held", "took", "made", "came",
		"went", "gave", "saw", "found", "left", "began", "won", "lost", "got", "sent", "spent", "led",
		"fell", "rose", "hit", "struck", "killed", "broke", "brought", "bought", "sold", "paid", "kept", "thought",
		"felt", "stood", "ran", "became", "knew", "wrote", "spoke", "chose", "drove", "flew", "fought", "grew",
		"heard", "meant", "sought", "shot", "tore", "threw", "woke", "wore", "withdrew", "seized",
		"agreed", "ended", "signed", "visited", "arrived", "announced", "reported", "tweeted", "added", "noted",
		"urged", "warned", "hosted", "launched", "attacked", "voted", "claimed", "denied", "called", "asked",
		"decided", "died", "stated", "told", "declared", "confirmed", "insisted", "argued", "suggested", "explained"} {
		pastWords[s] = true
	}
	for _, s := range []string{"need", "needed", "indeed", "speed", "seed", "feed", "breed", "proceed", "exceed",
		"succeed", "united", "limited", "expected", "scheduled", "planned", "proposed", "supposed", "interested",
		"concerned", "related", "based", "alleged", "armed", "advanced", "detailed", "experienced", "qualified",
		"hundred", "kindred", "sacred", "naked", "wicked", "wretched", "rugged", "ragged", "embed", "embedded",
		"tweed", "greed", "creed", "steed", "weed", "bleed", "deed", "heed", "reed", "shed", "sled", "bred", "fled",
		"coed", "biased", "skilled", "unprecedented", "unexpected", "unidentified", "unnamed", "undisclosed",
		"fixed", "mixed", "used", "called", "so-called", "beloved", "dedicated", "sophisticated", "complicated",
		"determined", "prepared", "designed", "intended", "aimed", "focused", "committed", "involved", "required",
		"provided", "compared", "according", "accused", "disputed", "contested", "occupied", "affected", "infected",
		"wounded", "injured", "displaced", "detained", "retired", "married", "talented", "renowned", "celebrated",
		"red", "bed", "wed"} {
		notPast[s] = true
	}
	delete(pastWords, "called")
}

// --- the events stage's question ---------------------------------------------

// ForSentence answers "when did the clause of this verb happen?": it returns
// the index into d.Times of the DATE or TIME expression that dates the clause
// headed by token head (an index into d.Tokens) in sentence sent, or -1 when
// the sentence has none.
//
// With a dependency parse (Token.Head set), an expression whose words hang
// from head without passing through another verb wins; otherwise, and
// without a parse, the expression nearest to head in the sentence (an
// expression after the verb wins a tie). With head < 0 it returns the first
// DATE or TIME of the sentence. Durations and sets never date a clause.
func ForSentence(d *doc.Doc, sent int, head int) int {
	if sent < 0 || sent >= len(d.Sentences) {
		return -1
	}
	s := d.Sentences[sent]
	parsed := false
	for k := s.First; k < s.Last && int(k) < len(d.Tokens); k++ {
		if d.Tokens[k].Head >= 0 {
			parsed = true
			break
		}
	}
	best, bestScore := -1, 1<<30
	for ti := range d.Times {
		tm := &d.Times[ti]
		if !tm.Overlaps(s.Span) || (tm.Type != "DATE" && tm.Type != "TIME") || tm.Value == "" {
			continue
		}
		if head < 0 || head >= len(d.Tokens) {
			return ti
		}
		tok := d.TokenAt(tm.Start)
		if tok < 0 {
			continue
		}
		dist := tok - head
		score := 2 * dist
		if dist < 0 {
			score = -2*dist + 1
		}
		if parsed {
			switch governor(d, tm.Span, tok, head) {
			case 1: // hangs from head
			case 0: // reaches the root without meeting a verb
				score += 1000
			default: // another verb's
				score += 2000
			}
		}
		if score < bestScore {
			best, bestScore = ti, score
		}
	}
	return best
}

// governor walks up from the tokens of a time expression: 1 if it reaches
// head, -1 if it meets another verb first, 0 otherwise.
func governor(d *doc.Doc, sp doc.Span, tok, head int) int {
	// the expression's own head: its token whose head lies outside it
	k := tok
	for steps := 0; steps < 8 && k >= 0 && k < len(d.Tokens); steps++ {
		h := int(d.Tokens[k].Head)
		if h < 0 || h >= len(d.Tokens) || !sp.Contains(d.Tokens[h].Span) {
			break
		}
		k = h
	}
	for steps := 0; steps < 64; steps++ {
		h := int(d.Tokens[k].Head)
		if h < 0 || h >= len(d.Tokens) {
			return 0
		}
		if h == head {
			return 1
		}
		if u := d.Tokens[h].UPOS; u == "VERB" || u == "AUX" && d.Tokens[h].Rel == "root" {
			return -1
		}
		k = h
	}
	return 0
}
