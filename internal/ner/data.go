package ner

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/internal/conllu"
)

// Mention is one gold entity of a training sentence: words [Start, End).
type Mention struct {
	Start, End int
	Type       string // PER, ORG, LOC, MISC
}

// Sent is one training or evaluation sentence.
type Sent struct {
	Words []string
	Gold  []Mention
	// Unsure marks words whose gold label is unknown (GUM has no MISC type, so
	// a proper noun outside its PER/ORG/LOC names may be a MISC name): the
	// trainer makes no update there. Nil means every label is known.
	Unsure []bool
}

// Document is a run of sentences from one story; document-level features
// look back over it.
type Document struct {
	ID    string
	Sents []Sent
}

// ReadCoNLL2003 reads a CoNLL-2003 column file (IOB1 or IOB2 tags in the last
// column, "-DOCSTART-" lines between stories) into documents.
func ReadCoNLL2003(r io.Reader, name string) ([]Document, error) {
	sents, err := conllu.ReadNER(r, name)
	if err != nil {
		return nil, err
	}
	var docs []Document
	cur := Document{ID: name + "#1"}
	for _, s := range sents {
		if s.DocStart {
			if len(cur.Sents) > 0 {
				docs = append(docs, cur)
			}
			cur = Document{ID: fmt.Sprintf("%s#%d", name, len(docs)+1)}
			continue
		}
		var words, tags []string
		for _, i := range s.Tokens() {
			f := s.Lines[i]
			words = append(words, f[0])
			tags = append(tags, f[len(f)-1])
		}
		if len(words) == 0 {
			continue
		}
		gold, err := mentionsFromIOB(tags)
		if err != nil {
			return nil, fmt.Errorf("%s: document %d: %w", name, len(docs)+1, err)
		}
		cur.Sents = append(cur.Sents, Sent{Words: words, Gold: gold})
	}
	if len(cur.Sents) > 0 {
		docs = append(docs, cur)
	}
	return docs, nil
}

// mentionsFromIOB reads chunks with conlleval's rules: IOB1, IOB2, IOBES and
// BILOU are all accepted; an I- after O or after another type starts a chunk.
func mentionsFromIOB(tags []string) ([]Mention, error) {
	var out []Mention
	open := -1
	typ := ""
	closeAt := func(i int) {
		if open >= 0 {
			out = append(out, Mention{Start: open, End: i, Type: typ})
		}
		open, typ = -1, ""
	}
	for i, t := range tags {
		if t == "O" || t == "" || t == "_" {
			closeAt(i)
			continue
		}
		p, ty, ok := strings.Cut(t, "-")
		if !ok || len(p) != 1 || ty == "" {
			return nil, fmt.Errorf("bad tag %q at word %d", t, i+1)
		}
		switch p {
		case "B", "S", "U":
			closeAt(i)
			open, typ = i, ty
		case "I", "E", "L":
			if open < 0 || typ != ty {
				closeAt(i)
				open, typ = i, ty
			}
		default:
			return nil, fmt.Errorf("bad tag %q at word %d", t, i+1)
		}
		if p == "S" || p == "U" || p == "E" || p == "L" {
			closeAt(i + 1)
		}
	}
	closeAt(len(tags))
	return out, nil
}

// gumTypes maps GUM entity types to CoNLL types.
var gumTypes = map[string]string{"person": "PER", "organization": "ORG", "place": "LOC"}

// ReadGUM reads GUM CoNLL-U with Entity= annotations in MISC and turns its
// named person/organization/place entities into PER/ORG/LOC mentions.
//
// GUM marks every entity, named or not ("the government"), so a span counts as
// a name when its syntactic head is a proper noun; the name is the run of
// proper nouns (with "of", "the", "and", "&", "-" between them) around that
// head, the CoNLL convention ("the United States" → "United States"). Proper
// nouns and capitalised adjectives outside these names are marked Unsure.
func ReadGUM(r io.Reader, name string) ([]Document, error) {
	rd := conllu.NewReader(r, name)
	var docs []Document
	var cur *Document
	for {
		s, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if id, ok := s.Comment("newdoc id"); ok || cur == nil {
			if cur != nil && len(cur.Sents) > 0 {
				docs = append(docs, *cur)
			}
			cur = &Document{ID: id}
		}
		ws := s.Words()
		if len(ws) == 0 {
			continue
		}
		sent, err := gumSentence(s, ws)
		if err != nil {
			sid, _ := s.Comment("sent_id")
			return nil, fmt.Errorf("%s: sentence %s: %w", name, sid, err)
		}
		cur.Sents = append(cur.Sents, joinCompounds(sent, s.Glued()))
	}
	if cur != nil && len(cur.Sents) > 0 {
		docs = append(docs, *cur)
	}
	return docs, nil
}

type gumEntity struct {
	start, end int // words
	typ        string
	identity   string
}

func gumSentence(s *conllu.Sentence, ws []int) (Sent, error) {
	n := len(ws)
	words := make([]string, n)
	upos := make([]string, n)
	heads := make([]int, n)
	for k, w := range ws {
		l := &s.Lines[w]
		words[k] = l.Form()
		upos[k] = l.UPOS()
		heads[k] = -1
		var h int
		if _, err := fmt.Sscanf(l.Head(), "%d", &h); err == nil && h >= 1 && h <= n {
			heads[k] = h - 1
		}
	}
	// Parse the bracketed Entity= annotations into spans.
	var ents []gumEntity
	type open struct {
		id string
		e  gumEntity
	}
	var stack []open
	for k, w := range ws {
		v := ""
		for _, m := range strings.Split(s.Lines[w].Misc(), "|") {
			if strings.HasPrefix(m, "Entity=") {
				v = m[len("Entity="):]
			}
		}
		for i := 0; i < len(v); {
			switch {
			case v[i] == '(':
				j := i + 1
				for j < len(v) && v[j] != '(' && v[j] != ')' {
					j++
				}
				f := strings.SplitN(v[i+1:j], "-", 8)
				e := gumEntity{start: k, end: k + 1}
				if len(f) >= 2 {
					e.typ = f[1]
				}
				if len(f) == 8 {
					e.identity = f[7]
				}
				if j < len(v) && v[j] == ')' {
					ents = append(ents, e)
					j++
				} else {
					stack = append(stack, open{id: f[0], e: e})
				}
				i = j
			default:
				j := i
				for j < len(v) && v[j] != ')' && v[j] != '(' {
					j++
				}
				id := v[i:j]
				if j < len(v) && v[j] == ')' {
					j++
				}
				for x := len(stack) - 1; x >= 0; x-- {
					if stack[x].id == id {
						e := stack[x].e
						e.end = k + 1
						ents = append(ents, e)
						stack = append(stack[:x], stack[x+1:]...)
						break
					}
				}
				if j == i {
					j++
				}
				i = j
			}
		}
	}
	// Names: entities of a mapped type whose head word is a proper noun.
	var cands []Mention
	for _, e := range ents {
		typ, ok := gumTypes[e.typ]
		if !ok {
			continue
		}
		head := -1
		for k := e.start; k < e.end; k++ {
			if h := heads[k]; h < e.start || h >= e.end {
				head = k
				break
			}
		}
		if head < 0 || upos[head] != "PROPN" {
			continue
		}
		part := func(k int) bool {
			if upos[k] == "PROPN" {
				return true
			}
			r, _ := utf8.DecodeRuneInString(words[k])
			return unicode.IsUpper(r) && upos[k] != "DET" && upos[k] != "ADP" && upos[k] != "PRON"
		}
		conn := func(k int) bool { return isConnector(words[k]) && (typ != "PER" || isParticle(words[k])) }
		a, b := head, head+1
		for a > e.start && (part(a-1) || (conn(a-1) && a-2 >= e.start && part(a-2))) {
			a--
		}
		for b < e.end && (part(b) || (conn(b) && b+1 < e.end && part(b+1))) {
			b++
		}
		if typ == "PER" {
			for a < head && titles[words[a]] {
				a++
			}
		}
		cands = append(cands, Mention{Start: a, End: b, Type: typ})
	}
	// Outermost names first; drop overlaps.
	sort.SliceStable(cands, func(i, j int) bool {
		return cands[i].End-cands[i].Start > cands[j].End-cands[j].Start
	})
	taken := make([]bool, n)
	var gold []Mention
	for _, c := range cands {
		free := true
		for k := c.Start; k < c.End; k++ {
			free = free && !taken[k]
		}
		if !free {
			continue
		}
		for k := c.Start; k < c.End; k++ {
			taken[k] = true
		}
		gold = append(gold, c)
	}
	sort.Slice(gold, func(i, j int) bool { return gold[i].Start < gold[j].Start })
	var unsure []bool
	for k := range words {
		if taken[k] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(words[k])
		if upos[k] == "PROPN" || ((upos[k] == "ADJ" || upos[k] == "NOUN") && unicode.IsUpper(r) && k > 0) {
			if unsure == nil {
				unsure = make([]bool, n)
			}
			unsure[k] = true
		}
	}
	return Sent{Words: words, Gold: gold, Unsure: unsure}, nil
}

// joinCompounds makes one word of each hyphenated word that UD tokenisation
// split ("al - Sadr" with no spaces: "al-Sadr"), as the recogniser reads text
// (see compoundEnd), unless a name begins or ends inside it. glued[k] says
// that no space follows word k.
func joinCompounds(s Sent, glued []bool) Sent {
	n := len(s.Words)
	if len(glued) != n {
		return s
	}
	cut := make([]bool, n+1) // a name starts or ends before word k
	for _, m := range s.Gold {
		cut[m.Start], cut[m.End] = true, true
	}
	form := func(k int) string { return s.Words[k] }
	newIdx := make([]int, n+1)
	var out Sent
	for i := 0; i < n; {
		j := compoundEnd(i, n, form, func(k int) bool { return glued[k] })
		for k := i + 1; k < j; k++ {
			if cut[k] {
				j = i + 1
				break
			}
		}
		for k := i; k < j; k++ {
			newIdx[k] = len(out.Words)
		}
		out.Words = append(out.Words, strings.Join(s.Words[i:j], ""))
		if s.Unsure != nil {
			u := false
			for k := i; k < j; k++ {
				u = u || s.Unsure[k]
			}
			out.Unsure = append(out.Unsure, u)
		}
		i = j
	}
	if len(out.Words) == n {
		return s
	}
	newIdx[n] = len(out.Words)
	for _, m := range s.Gold {
		out.Gold = append(out.Gold, Mention{Start: newIdx[m.Start], End: newIdx[m.End], Type: m.Type})
	}
	return out
}

func isConnector(w string) bool {
	switch w {
	case "of", "the", "&", "-", "de", "du", "von", "van", "la":
		return true
	}
	return false
}

func isParticle(w string) bool {
	switch w {
	case "de", "du", "von", "van", "la", "-":
		return true
	}
	return false
}

// titles are words before a person's name that CoNLL leaves out of it.
var titles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`President Vice Prime Minister Secretary Senator Sen. Rep. Representative Governor Gov.
		Mayor King Queen Prince Princess Lord Lady Sir Dame Mr. Mr Mrs. Mrs Ms. Ms Dr. Dr Professor Prof. General Gen.
		Colonel Col. Captain Capt. Lieutenant Sergeant Admiral Judge Justice Chief Director Chairman Pope Saint St.
		Father Sister Brother Bishop Archbishop Rabbi Imam Sheikh Emperor Chancellor Ambassador Commissioner Officer
		Detective Agent Coach Uncle Aunt Grandma Grandpa Saint`) {
		titles[w] = true
	}
}

// ReadUNER reads a Universal NER .iob2 file (tab-separated "ID FORM TAG ...",
// "# newdoc id" comments between documents) into documents.
func ReadUNER(r io.Reader, name string) ([]Document, error) {
	sents, err := conllu.ReadNER(r, name)
	if err != nil {
		return nil, err
	}
	var docs []Document
	var cur *Document
	for si, s := range sents {
		newdoc := cur == nil
		for _, f := range s.Lines {
			if len(f) == 1 && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(f[0], "#")), "newdoc") {
				newdoc = true
			}
		}
		if newdoc {
			if cur != nil && len(cur.Sents) > 0 {
				docs = append(docs, *cur)
			}
			cur = &Document{ID: fmt.Sprintf("%s#%d", name, len(docs)+1)}
		}
		var words, tags []string
		for _, i := range s.Tokens() {
			f := s.Lines[i]
			if len(f) < 3 {
				return nil, fmt.Errorf("%s: sentence %d: a UNER line needs ID, FORM and TAG columns", name, si+1)
			}
			words = append(words, f[1])
			tags = append(tags, f[2])
		}
		if len(words) == 0 {
			continue
		}
		gold, err := mentionsFromIOB(tags)
		if err != nil {
			return nil, fmt.Errorf("%s: sentence %d: %w", name, si+1, err)
		}
		cur.Sents = append(cur.Sents, Sent{Words: words, Gold: gold})
	}
	if cur != nil && len(cur.Sents) > 0 {
		docs = append(docs, *cur)
	}
	return docs, nil
}

// Harmonise relabels names in docs whose exact words are a name in ref with
// a different, clear majority type (seen at least minCount times there): GUM
// calls a country acting as an agent an organization, CoNLL-2003 a location.
// It returns how many names it changed.
func Harmonise(docs, ref []Document, minCount int) int {
	counts := map[string]*[nTypes]int{}
	for _, d := range ref {
		for _, s := range d.Sents {
			for _, m := range s.Gold {
				t := typeIndex(m.Type)
				if t < 0 {
					continue
				}
				k := strings.Join(s.Words[m.Start:m.End], " ")
				c := counts[k]
				if c == nil {
					c = new([nTypes]int)
					counts[k] = c
				}
				c[t]++
			}
		}
	}
	changed := 0
	for _, d := range docs {
		for _, s := range d.Sents {
			for i, m := range s.Gold {
				c := counts[strings.Join(s.Words[m.Start:m.End], " ")]
				if c == nil {
					continue
				}
				best, total := 0, 0
				for t := range c {
					total += c[t]
					if c[t] > c[best] {
						best = t
					}
				}
				if c[best] >= minCount && c[best]*4 >= total*3 && Types[best] != m.Type {
					s.Gold[i].Type = Types[best]
					changed++
				}
			}
		}
	}
	return changed
}
