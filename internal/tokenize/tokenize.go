// Package tokenize splits a document's text into tokens and sentences.
package tokenize

import (
	"unicode"
	"unicode/utf8"

	"dateline/internal/doc"
)

// Doc fills d.Tokens and d.Sentences from d.Text, sentence by sentence within
// each of d.Paragraphs (the whole text if there are none).
func Doc(d *doc.Doc) {
	paras := d.Paragraphs
	if len(paras) == 0 {
		paras = []doc.Span{{Start: 0, End: int32(len(d.Text))}}
	}
	d.Tokens = d.Tokens[:0]
	d.Sentences = d.Sentences[:0]
	for _, p := range paras {
		first := int32(len(d.Tokens))
		for i := p.Start; i < p.End; {
			r, n := utf8.DecodeRuneInString(d.Text[i:])
			if unicode.IsSpace(r) {
				i += int32(n)
				continue
			}
			j := i + int32(n)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				for j < p.End {
					r2, n2 := utf8.DecodeRuneInString(d.Text[j:])
					if !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) {
						break
					}
					j += int32(n2)
				}
			}
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: i, End: j}, Head: -1})
			if r == '.' || r == '!' || r == '?' {
				addSentence(d, first)
				first = int32(len(d.Tokens))
			}
			i = j
		}
		addSentence(d, first)
	}
}

func addSentence(d *doc.Doc, first int32) {
	last := int32(len(d.Tokens))
	if last == first {
		return
	}
	d.Sentences = append(d.Sentences, doc.Sentence{
		Span:  doc.Span{Start: d.Tokens[first].Start, End: d.Tokens[last-1].End},
		First: first, Last: last,
	})
}
