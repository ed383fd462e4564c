package store

import (
	"fmt"

	"dateline/internal/doc"
)

// Validate checks that every span of d lies inside its text and every index
// points at an existing item, so that the article can be stored. Put refuses
// a batch holding an article that fails it; ingest checks each article first
// and reports the bad one alone.
func Validate(d *doc.Doc) error {
	n := int32(len(d.Text))
	span := func(what string, i int, s doc.Span) error {
		if s.Start < 0 || s.End < s.Start || s.End > n {
			return fmt.Errorf("%s %d: span [%d,%d) outside the text (%d bytes)", what, i, s.Start, s.End, n)
		}
		return nil
	}
	opt := func(what string, i int, s doc.Span) error {
		if s.Start < 0 && s.End < 0 {
			return nil
		}
		return span(what, i, s)
	}
	index := func(what string, i int, x int32, size int, optional bool) error {
		if (optional && x == -1) || (x >= 0 && int(x) < size) {
			return nil
		}
		return fmt.Errorf("%s %d: index %d out of range (%d)", what, i, x, size)
	}
	ne := len(d.Entities)
	for i, s := range d.Sentences {
		if err := span("sentence", i, s.Span); err != nil {
			return err
		}
	}
	for i, e := range d.Entities {
		for _, m := range e.Mentions {
			if err := index("entity mention", i, m, len(d.Mentions), false); err != nil {
				return err
			}
			if err := span("mention", int(m), d.Mentions[m].Span); err != nil {
				return err
			}
		}
	}
	if d.Dateline != nil {
		if err := index("dateline entity", 0, d.Dateline.Entity, ne, true); err != nil {
			return err
		}
	}
	for i, t := range d.Times {
		if err := span("time", i, t.Span); err != nil {
			return err
		}
	}
	for i, q := range d.Quotes {
		if err := span("quote", i, q.Content); err != nil {
			return err
		}
		if err := opt("quote cue", i, q.Cue); err != nil {
			return err
		}
		if err := opt("quote speaker", i, q.SpeakerSpan); err != nil {
			return err
		}
		if err := index("quote speaker", i, q.Speaker, ne, true); err != nil {
			return err
		}
	}
	for i, e := range d.Events {
		for _, xs := range [][]int32{e.Actors, e.Recipients} {
			for _, x := range xs {
				if err := index("event actor", i, x, ne, false); err != nil {
					return err
				}
			}
		}
		if err := index("event time", i, e.Time, len(d.Times), true); err != nil {
			return err
		}
		if e.Location != nil {
			if err := index("event location", i, e.Location.Entity, ne, true); err != nil {
				return err
			}
		}
		for _, ev := range e.Evidence {
			if err := span("event trigger", i, ev.Trigger); err != nil {
				return err
			}
		}
	}
	return nil
}
