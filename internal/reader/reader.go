// Package reader turns a plain-text article into a doc.Doc: headline,
// dateline, cleaned body, removed lines and paragraphs.
package reader

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"dateline/internal/doc"
)

// Options control reading.
type Options struct {
	Verbatim  bool   // no cleaning: Text is the input exactly
	Published string // publication date when the input carries none
}

// Text reads a plain-text article. name is used in errors and as Source.Path.
func Text(name string, data []byte, opt Options) (*doc.Doc, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not valid UTF-8", name)
	}
	d := &doc.Doc{Source: doc.Source{Path: name}, Published: opt.Published, Text: string(data)}
	start := 0
	for _, p := range strings.SplitAfter(d.Text, "\n\n") {
		end := start + len(p)
		d.Paragraphs = append(d.Paragraphs, doc.Span{Start: int32(start), End: int32(end)})
		start = end
	}
	return d, nil
}

// ParseDate parses a publication date.
func ParseDate(s string) (string, error) {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10], nil
	}
	return "", fmt.Errorf("not a date in YYYY-MM-DD form")
}
