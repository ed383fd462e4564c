package events

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed lexicon.txt
var lexiconText string

// composer kinds: a trigger that takes a clause and codes what the clause says.
const (
	kindEvent  = iota
	kindSay    // say, announce: the said event, with its modality
	kindIntend // agree, offer, promise: AGREE, or THREATEN for a promised conflict
	kindRefuse // refuse, reject: REJECT
	kindDemand // demand, urge, call for: REQUEST
	kindThreat // threaten, warn: THREATEN
)

// entry is one line of the lexicon.
type entry struct {
	lemma      string
	noun       bool
	obj        []string // allowed object lemmas, or nil
	prt        string   // required particle, or ""
	prep       string   // required preposition of a dependent, or ""
	kind       int
	typ, mode  string
	recip      string // where the recipient is: obj, with, to, on, ..., none
	reciprocal bool   // all parties are actors
	line       int
}

func (e *entry) specificity() int {
	n := 0
	if e.obj != nil {
		n += 2
	}
	if e.prt != "" {
		n += 2
	}
	if e.prep != "" {
		n++
	}
	return n
}

// lexicon maps a lemma to its entries, verbs and nouns apart.
type lexicon struct {
	verbs map[string][]*entry
	nouns map[string][]*entry
}

// noEvent is the lexicon's type for a collocation that is no event, to
// shadow a shorter entry: "fight climate change", "deploy renewables".
const noEvent = "NONE"

var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

var composers = map[string]int{"SAY": kindSay, "INTEND": kindIntend, "REFUSE": kindRefuse, "DEMAND": kindDemand, "THREAT": kindThreat}

// parseLexicon reads the lexicon format documented at the top of lexicon.txt.
func parseLexicon(name, text string) (*lexicon, error) {
	lx := &lexicon{verbs: map[string][]*entry{}, nouns: map[string][]*entry{}}
	for n, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: want LEMMA TYPE [MODE] [ROLES]", name, n+1)
		}
		e := &entry{line: n + 1, recip: "obj"}
		parts := strings.Split(f[0], "+")
		e.lemma = parts[0]
		if l, ok := strings.CutSuffix(e.lemma, "/n"); ok {
			e.lemma, e.noun = l, true
		}
		for _, c := range parts[1:] {
			k, v, ok := strings.Cut(c, "=")
			if !ok {
				return nil, fmt.Errorf("%s:%d: constraint %q needs =", name, n+1, c)
			}
			switch k {
			case "obj":
				e.obj = strings.Split(v, "|")
			case "prt":
				e.prt = v
			case "prep":
				e.prep = v
			default:
				return nil, fmt.Errorf("%s:%d: unknown constraint %q", name, n+1, k)
			}
		}
		if k, ok := composers[f[1]]; ok {
			e.kind = k
		} else if ploverTypes[f[1]] || f[1] == noEvent {
			e.typ = f[1]
		} else {
			return nil, fmt.Errorf("%s:%d: %q is neither a PLOVER type nor a composer", name, n+1, f[1])
		}
		rest := f[2:]
		if len(rest) > 0 {
			if rest[0] != "-" {
				e.mode = rest[0]
			}
			rest = rest[1:]
		}
		for _, r := range rest {
			switch {
			case r == "reciprocal":
				e.reciprocal = true
			case strings.HasPrefix(r, "recip="):
				e.recip = strings.TrimPrefix(r, "recip=")
			default:
				return nil, fmt.Errorf("%s:%d: unknown role %q", name, n+1, r)
			}
		}
		m := lx.verbs
		if e.noun {
			m = lx.nouns
		}
		m[e.lemma] = append(m[e.lemma], e)
	}
	return lx, nil
}

var defaultLexicon = func() *lexicon {
	lx, err := parseLexicon("lexicon.txt", lexiconText)
	if err != nil {
		panic(err) // embedded data; a test parses it too
	}
	return lx
}()

// CAMEO root codes for each PLOVER type, for GDELT-style export: the root most
// PLOVER's CAMEO2PLOVER table maps to each type (ties and modes refine below).
var cameoRoot = map[string]string{
	"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
	"RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
	"MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18",
}

// CAMEO returns the CAMEO root code of a PLOVER type and mode.
func CAMEO(typ, mode string) string {
	switch {
	case typ == "ACCUSE" && mode == "investigate":
		return "09"
	case typ == "ASSAULT" && mode == "unconventional":
		return "20"
	case typ == "ASSAULT" && (mode == "heavy-weapons" || mode == "aerial" || mode == "drone"):
		return "19"
	}
	return cameoRoot[typ]
}
