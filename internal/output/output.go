// Package output holds the JSON contract of `dateline extract` (schema 1, see
// ../shared/spec/output.md) and turns a doc.Doc into it. Offsets here are
// Unicode code-point offsets into Text; inside dateline they are bytes.
package output

import (
	"fmt"

	"dateline/internal/doc"
)

// Schema is the contract's version.
const Schema = 1

// Article is one article as `dateline extract` prints it.
type Article struct {
	Schema    int       `json:"schema"`
	ID        string    `json:"id"`
	Source    Source    `json:"source"`
	Title     *string   `json:"title"`
	Published *string   `json:"published"`
	Dateline  *Dateline `json:"dateline"`
	Text      string    `json:"text"`
	Removed   []Removed `json:"removed"`
	Sentences []Range   `json:"sentences"`
	Entities  []Entity  `json:"entities"`
	Times     []Time    `json:"times"`
	Quotes    []Quote   `json:"quotes"`
	Events    []Event   `json:"events"`
	Tokens    []Token   `json:"tokens,omitempty"`
}

// Source says where the article came from.
type Source struct {
	Path *string `json:"path"`
	URL  *string `json:"url"`
	Name *string `json:"name"`
}

// Dateline is the story's place line.
type Dateline struct {
	Place  string  `json:"place"`
	Entity *string `json:"entity"`
}

// Removed is a line cleaning took out.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Range is a code-point range into Text.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// TextSpan is a range with its text.
type TextSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity is a document entity with its actor coding.
type Entity struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Country  *string   `json:"country"`
	Sector   *string   `json:"sector"`
	Role     *string   `json:"role"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one place an entity is named or referred to.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Kind  string `json:"kind,omitempty"`
}

// Time is a resolved time expression.
type Time struct {
	ID    string  `json:"id"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Text  string  `json:"text"`
	Type  string  `json:"type"`
	Value *string `json:"value"`
	Mod   string  `json:"mod,omitempty"`
}

// Quote is an attributed quote.
type Quote struct {
	ID          string    `json:"id"`
	Kind        string    `json:"kind"`
	Start       int       `json:"start"`
	End         int       `json:"end"`
	Text        string    `json:"text"`
	Speaker     *string   `json:"speaker"`
	SpeakerSpan *TextSpan `json:"speaker_span"`
	Cue         *TextSpan `json:"cue"`
}

// Event is a PLOVER-coded happening.
type Event struct {
	ID           string     `json:"id"`
	Type         string     `json:"type"`
	Mode         *string    `json:"mode"`
	Actors       []string   `json:"actors"`
	Recipients   []string   `json:"recipients"`
	Date         *string    `json:"date"`
	Time         *string    `json:"time"`
	Location     *Location  `json:"location"`
	Negated      bool       `json:"negated"`
	Hypothetical bool       `json:"hypothetical"`
	Future       bool       `json:"future"`
	Historical   bool       `json:"historical,omitempty"`
	Evidence     []Evidence `json:"evidence"`
	Confidence   float64    `json:"confidence"`
	CAMEO        string     `json:"cameo,omitempty"`
	Explain      string     `json:"explain,omitempty"`
}

// Location is where an event happened.
type Location struct {
	Name   string  `json:"name"`
	Entity *string `json:"entity"`
}

// Evidence is one report of an event.
type Evidence struct {
	Sentence int      `json:"sentence"`
	Trigger  TextSpan `json:"trigger"`
}

// Token is one token with its layers (only with Options.Tokens).
type Token struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	UPOS  string `json:"upos,omitempty"`
	XPOS  string `json:"xpos,omitempty"`
	Lemma string `json:"lemma,omitempty"`
	Head  int    `json:"head"`
	Rel   string `json:"deprel,omitempty"`
	NER   string `json:"ner,omitempty"`
}

// Options choose optional parts of the output.
type Options struct {
	Tokens  bool // include the token layer
	Explain bool // include each event's reason
}

// EntityID is the contract id of entity index i.
func EntityID(i int) string { return fmt.Sprintf("E%d", i+1) }

// TimeID is the contract id of time index i.
func TimeID(i int) string { return fmt.Sprintf("T%d", i+1) }

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func entp(i int32, n int) *string {
	if i < 0 || int(i) >= n {
		return nil
	}
	s := EntityID(int(i))
	return &s
}

// FromDoc renders d in the contract's shape.
func FromDoc(d *doc.Doc, opt Options) *Article {
	r := func(s doc.Span) Range { return Range{d.Rune(s.Start), d.Rune(s.End)} }
	ts := func(s doc.Span) *TextSpan {
		if s.Start < 0 || s.End < s.Start {
			return nil
		}
		x := r(s)
		return &TextSpan{x.Start, x.End, d.Str(s)}
	}
	a := &Article{
		Schema:    Schema,
		ID:        d.ID,
		Source:    Source{strp(d.Source.Path), strp(d.Source.URL), strp(d.Source.Name)},
		Title:     strp(d.Title),
		Published: strp(d.Published),
		Text:      d.Text,
		Removed:   make([]Removed, 0, len(d.Removed)),
		Sentences: make([]Range, 0, len(d.Sentences)),
		Entities:  make([]Entity, 0, len(d.Entities)),
		Times:     make([]Time, 0, len(d.Times)),
		Quotes:    make([]Quote, 0, len(d.Quotes)),
		Events:    make([]Event, 0, len(d.Events)),
	}
	ne := len(d.Entities)
	if d.Dateline != nil {
		a.Dateline = &Dateline{Place: d.Dateline.Place, Entity: entp(d.Dateline.Entity, ne)}
	}
	for _, x := range d.Removed {
		a.Removed = append(a.Removed, Removed{x.Text, x.Reason})
	}
	for _, s := range d.Sentences {
		a.Sentences = append(a.Sentences, r(s.Span))
	}
	for i, e := range d.Entities {
		oe := Entity{ID: EntityID(i), Name: e.Name, Type: e.Type,
			Country: strp(e.Country), Sector: strp(e.Sector), Role: strp(e.Role),
			Mentions: make([]Mention, 0, len(e.Mentions))}
		for _, mi := range e.Mentions {
			m := d.Mentions[mi]
			x := r(m.Span)
			oe.Mentions = append(oe.Mentions, Mention{x.Start, x.End, d.Str(m.Span), mentionKinds[m.Kind]})
		}
		a.Entities = append(a.Entities, oe)
	}
	for i, t := range d.Times {
		x := r(t.Span)
		a.Times = append(a.Times, Time{ID: TimeID(i), Start: x.Start, End: x.End, Text: d.Str(t.Span),
			Type: t.Type, Value: strp(t.Value), Mod: t.Mod})
	}
	for i, q := range d.Quotes {
		x := r(q.Content)
		a.Quotes = append(a.Quotes, Quote{ID: fmt.Sprintf("Q%d", i+1), Kind: q.Kind,
			Start: x.Start, End: x.End, Text: d.Str(q.Content),
			Speaker: entp(q.Speaker, ne), SpeakerSpan: ts(q.SpeakerSpan), Cue: ts(q.Cue)})
	}
	ids := func(xs []int32) []string {
		out := make([]string, 0, len(xs))
		for _, x := range xs {
			if p := entp(x, ne); p != nil {
				out = append(out, *p)
			}
		}
		return out
	}
	for i, e := range d.Events {
		oe := Event{ID: fmt.Sprintf("V%d", i+1), Type: e.Type, Mode: strp(e.Mode),
			Actors: ids(e.Actors), Recipients: ids(e.Recipients), Date: strp(e.Date),
			Negated: e.Negated, Hypothetical: e.Hypothetical, Future: e.Future, Historical: e.Historical,
			Confidence: e.Confidence, CAMEO: e.CAMEO, Evidence: make([]Evidence, 0, len(e.Evidence))}
		if e.Time >= 0 && int(e.Time) < len(d.Times) {
			s := TimeID(int(e.Time))
			oe.Time = &s
		}
		if e.Location != nil {
			oe.Location = &Location{Name: e.Location.Name, Entity: entp(e.Location.Entity, ne)}
		}
		for _, ev := range e.Evidence {
			oe.Evidence = append(oe.Evidence, Evidence{Sentence: int(ev.Sentence), Trigger: *ts(ev.Trigger)})
		}
		if opt.Explain {
			oe.Explain = e.Explain
		}
		a.Events = append(a.Events, oe)
	}
	if opt.Tokens {
		a.Tokens = make([]Token, len(d.Tokens))
		for i, t := range d.Tokens {
			x := r(t.Span)
			a.Tokens[i] = Token{x.Start, x.End, d.Str(t.Span), t.UPOS, t.XPOS, t.Lemma, int(t.Head), t.Rel, t.NER}
		}
	}
	return a
}

var mentionKinds = map[doc.MentionKind]string{
	doc.MentionName: "name", doc.MentionNominal: "nominal", doc.MentionPronoun: "pronoun",
	doc.MentionMetonym: "metonym", doc.MentionDemonym: "demonym",
}
