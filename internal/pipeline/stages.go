package pipeline

import (
	"dateline/internal/depparse"
	"dateline/internal/doc"
	"dateline/internal/entities"
	"dateline/internal/events"
	"dateline/internal/ner"
	"dateline/internal/pos"
	"dateline/internal/quotes"
	"dateline/internal/timex"
	"dateline/internal/tokenize"
)

// Level says how far analysis goes.
type Level int

const (
	LevelTokens Level = iota // tokens and sentences only
	LevelSyntax              // + tags, lemmas, parse, names
	LevelFull                // every stage
)

// Default is the full analysis pipeline, in order. Each stage package exposes
// one function over *doc.Doc; this list is the only place that wires them.
func Default() *Pipeline {
	return must(New(stages(LevelFull)...))
}

// Tokens is the pipeline up to tokens and sentences.
func Tokens() *Pipeline { return must(New(stages(LevelTokens)...)) }

// Raw tokenises and splits raw text, then tags, parses and finds names.
func Raw() *Pipeline { return must(New(stages(LevelSyntax)...)) }

// Syntax tags, parses and finds names in a document already tokenised and
// split (gold tokens from a corpus).
func Syntax() *Pipeline {
	all := stages(LevelSyntax)
	for i := range all[1:] {
		all[i+1].Requires = nil // tokens and sentences come from the corpus
	}
	return must(New(all[1:]...))
}

func must(p *Pipeline, err error) *Pipeline {
	if err != nil {
		panic(err) // the stage lists are static; a broken order is a programming error
	}
	return p
}

func stages(level Level) []Stage {
	s := []Stage{
		{Name: "tokenize", Requires: []string{"text"}, Assigns: []string{"tokens", "sentences"},
			Run: func(d *doc.Doc) error { tokenize.Doc(d); return nil }},
	}
	if level == LevelTokens {
		return s
	}
	// Syntax: tags and lemmas, the dependency parse, names.
	s = append(s, Stage{Name: "pos", Requires: []string{"tokens", "sentences"}, Assigns: []string{"pos"},
		Run: pos.Tag, Load: func() error { _, err := pos.Default(); return err }})
	s = append(s, Stage{Name: "depparse", Requires: []string{"tokens", "sentences", "pos"}, Assigns: []string{"parse"},
		Run: depparse.Parse, Load: func() error { _, err := depparse.Default(); return err }})
	s = append(s, Stage{Name: "ner", Requires: []string{"tokens", "sentences"}, Assigns: []string{"ner"},
		Run: ner.Recognize, Load: func() error { _, err := ner.Default(); return err }})
	if level == LevelSyntax {
		return s
	}
	// Meaning: who is who, when, who said what, what happened.
	s = append(s, Stage{Name: "entities", Requires: []string{"tokens", "sentences", "pos", "ner"}, Assigns: []string{"entities"},
		Run: entities.Resolve})
	s = append(s, Stage{Name: "timex", Requires: []string{"tokens", "sentences", "pos"}, Assigns: []string{"times"},
		Run: func(d *doc.Doc) error { timex.Resolve(d); return nil }})
	s = append(s, Stage{Name: "quotes", Requires: []string{"tokens", "sentences", "pos", "entities"}, Assigns: []string{"quotes"},
		Run: quotes.Find})
	s = append(s, Stage{Name: "events", Requires: []string{"parse", "entities", "times", "quotes"}, Assigns: []string{"events"},
		Run: events.Code})
	return s
}
