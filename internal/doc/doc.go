// Package doc is dateline's document model: one owner of an article's text and
// the layers every stage adds to it.
//
// Doc.Text is the only copy of the text. Every position inside dateline is a
// Span of byte offsets into it; the contract's code-point offsets are made once,
// at output, by Doc.Runes. Stages read the layers earlier stages set and add
// their own; none re-tokenises or copies the text.
//
// Layers, in the order the pipeline adds them:
//
//	reader:    Title, Dateline, Published, Text, Removed, Paragraphs
//	tokenize:  Tokens (Span), Sentences
//	pos:       Token.UPOS, Token.XPOS, Token.Lemma
//	depparse:  Token.Head, Token.Rel
//	ner:       Token.NER, Names
//	entities:  Entities, Mentions
//	timex:     Times
//	quotes:    Quotes
//	events:    Events
package doc

import "unicode/utf8"

// Span is a half-open range [Start, End) of byte offsets into Doc.Text.
type Span struct {
	Start, End int32
}

// Len is the span's length in bytes.
func (s Span) Len() int { return int(s.End - s.Start) }

// Empty reports whether the span covers nothing.
func (s Span) Empty() bool { return s.End <= s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// NoSpan marks an absent span.
var NoSpan = Span{-1, -1}

// Token is one token of the text. Tag fields are empty until their stage runs.
type Token struct {
	Span
	UPOS  string // universal part of speech
	XPOS  string // Penn Treebank tag
	Lemma string
	Head  int32  // index into Doc.Tokens of the syntactic head; -1 for the root
	Rel   string // universal dependency relation
	NER   string // IOB2 tag: "O", "B-PER", "I-ORG", ...
	// InMWT marks a word that continues the previous word's surface token with
	// no space: the two are one multiword token ("Google" + "'s", "I" + "'m").
	InMWT bool
}

// Sentence is a sentence: its text span and its tokens Doc.Tokens[First:Last].
type Sentence struct {
	Span
	First, Last int32
}

// Removed is a line the reader took out of the text, with the reason.
type Removed struct {
	Text   string
	Reason string
}

// Dateline is the place line that opens a story ("New York:", "KABUL, Sept 23 -").
type Dateline struct {
	Place string
	Span  Span // the place name in the original input; NoSpan if not in Text
	// Entity is the index into Doc.Entities of the place, or -1.
	Entity int32
}

// Source says where an article came from.
type Source struct {
	Path string
	URL  string
	Name string // site or outlet
}

// Name is a named-entity span found by the recogniser: tokens [First, Last).
type Name struct {
	Span
	First, Last int32
	Type        string // PER, ORG, LOC, GPE, MISC, NORP, ...
}

// MentionKind says how a mention refers to its entity.
type MentionKind uint8

const (
	MentionName    MentionKind = iota // a proper name: "Antony Blinken"
	MentionNominal                    // a description: "the US Secretary of State"
	MentionPronoun                    // "he", "its"
	MentionMetonym                    // "Islamabad" for Pakistan's government
	MentionDemonym                    // "Pakistani"
)

// Mention is one place in the text that refers to an entity.
type Mention struct {
	Span
	Entity int32 // index into Doc.Entities
	Kind   MentionKind
}

// Entity is one who or what the story speaks of, with its actor coding.
type Entity struct {
	Name     string  // canonical name
	Type     string  // PERSON, ORG, GPE, LOC, GROUP, ...
	Country  string  // ISO 3166-1 alpha-3 or ""
	Sector   string  // GOV, MIL, REB, ... or ""
	Role     string  // title as the text gives it, or ""
	Mentions []int32 // indices into Doc.Mentions, in text order
}

// Time is a time expression with its TIMEX3 normalisation.
type Time struct {
	Span
	Type  string // DATE, TIME, DURATION, SET
	Value string // TIMEX3 value, e.g. 2021-09-23, 2021-W38, P3D; "" if unknown
	Mod   string // TIMEX3 mod (START, MID, END, APPROX, ...) or ""
}

// Quote is something someone said, with who said it.
type Quote struct {
	Kind        string // direct, indirect, mixed
	Content     Span
	Cue         Span  // NoSpan if none
	SpeakerSpan Span  // NoSpan if none
	Speaker     int32 // index into Doc.Entities, or -1
	Sentence    int32
}

// Evidence is one report of an event: the sentence and the trigger.
type Evidence struct {
	Sentence int32
	Trigger  Span
}

// Place is where an event happened.
type Place struct {
	Name   string
	Entity int32 // index into Doc.Entities, or -1
	// From says where the place was read: "clause" (the event's own words),
	// "context" (the sentence before) or "dateline".
	From string
}

// Event is one happening, coded in PLOVER.
type Event struct {
	Type         string // PLOVER 2.0 type
	Mode         string
	Actors       []int32 // indices into Doc.Entities
	Recipients   []int32
	Date         string // TIMEX3-style value or ""
	Time         int32  // index into Doc.Times, or -1
	Location     *Place
	Negated      bool
	Hypothetical bool
	Future       bool
	Historical   bool
	Evidence     []Evidence
	Confidence   float64
	CAMEO        string // CAMEO root code for GDELT-style export
	Explain      string // which rules or features fired
}

// Doc is one article and every layer of analysis on it.
type Doc struct {
	ID        string
	Source    Source
	Title     string
	Published string // YYYY-MM-DD or RFC 3339, "" if unknown
	Author    string // byline as the source gives it, "" if unknown
	Dateline  *Dateline
	Text      string
	Removed   []Removed

	Paragraphs []Span
	Sentences  []Sentence
	Tokens     []Token
	Names      []Name
	Mentions   []Mention
	Entities   []Entity
	Times      []Time
	Quotes     []Quote
	Events     []Event

	runes []int32 // lazily built: code-point offset of every byte boundary
	ascii bool    // Text is all ASCII: byte and code-point offsets agree
	built bool
}

// Str is the text of a span.
func (d *Doc) Str(s Span) string { return d.Text[s.Start:s.End] }

// Glued reports whether token i+1 follows token i with nothing between them
// ("Coca" "-" "Cola"); false for the last token.
func (d *Doc) Glued(i int) bool {
	return i+1 < len(d.Tokens) && d.Tokens[i+1].Start == d.Tokens[i].End
}

// Form is the text of token i.
func (d *Doc) Form(i int) string { t := &d.Tokens[i]; return d.Text[t.Start:t.End] }

// SentenceOf returns the index of the sentence holding byte offset off, or -1.
func (d *Doc) SentenceOf(off int32) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Sentences) && d.Sentences[lo].Start <= off {
		return lo
	}
	return -1
}

// TokenAt returns the index of the token holding byte offset off, or -1.
func (d *Doc) TokenAt(off int32) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Tokens[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Tokens) && d.Tokens[lo].Start <= off {
		return lo
	}
	return -1
}

// Rune converts a byte offset into Text to a code-point offset. The table is
// built once per document, on first use.
func (d *Doc) Rune(off int32) int {
	if !d.built {
		d.buildRunes()
	}
	if off < 0 {
		return -1
	}
	if d.ascii {
		return min(int(off), len(d.Text))
	}
	if int(off) >= len(d.runes) {
		return int(d.runes[len(d.runes)-1])
	}
	return int(d.runes[off])
}

func (d *Doc) buildRunes() {
	d.built = true
	d.ascii = true
	for i := 0; i < len(d.Text); i++ {
		if d.Text[i] >= utf8.RuneSelf {
			d.ascii = false
			break
		}
	}
	if d.ascii {
		return
	}
	r := make([]int32, len(d.Text)+1)
	n := int32(0)
	for i := 0; i < len(d.Text); {
		_, size := utf8.DecodeRuneInString(d.Text[i:])
		for k := 0; k < size; k++ {
			r[i+k] = n
		}
		i += size
		n++
	}
	r[len(d.Text)] = n
	d.runes = r
}

// ResetRunes drops the code-point table; call it if Text is replaced.
func (d *Doc) ResetRunes() { d.runes, d.built = nil, false }
