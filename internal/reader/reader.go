// Package reader turns a plain-text article into a doc.Doc: headline,
// dateline, cleaned body, removed lines and paragraphs.
//
// Paragraphs are separated by blank lines; inside a block of lines, each line
// is a paragraph unless the block is hard-wrapped (lines of even width), when
// its lines are one paragraph. The headline is a short first paragraph with no
// final full stop. The dateline is the place that opens the body ("New York:",
// "WASHINGTON (VOA) —", "KABUL, Sept 23 -"); it stays in the text and
// Dateline.Span points at the place. Promotional and related-link lines
// ("Reading: …", "read also: …", "Click here to …", share/subscribe
// boilerplate) are taken out and listed in Removed with their reason.
//
// Cleaning normalises Unicode to NFC, turns odd spaces (no-break, thin, ideographic,
// tab) into plain spaces and collapses runs of them, drops soft hyphens,
// zero-width spaces and byte-order marks, and joins the lines of a
// hard-wrapped paragraph with a space; quotation marks and dashes are kept as
// they are, since they carry meaning. With Options.Verbatim nothing is
// cleaned: Text is the input exactly, so offsets index the input file; the
// headline and dateline are still recognised (the headline stays in Text as
// its first paragraph).
package reader

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dateline/internal/doc"
)

// MaxBytes is the largest article the reader accepts: 2 MiB, far beyond any
// news story (a long one is under 100 kB). Larger input is refused with a
// clear error rather than sent through the analysis stages as one document,
// whose later stages' time grows faster than the document: a 1 MB article
// of quotes took 16 s and 425 MB, 2 MB 47 s and 620 MB, 4 MB 216 s and
// 990 MB (the quote and event stages), so 16 MB, the limit before, would
// take hours.
const MaxBytes = 2 << 20

// Options control reading.
type Options struct {
	Verbatim  bool   // no cleaning: Text is the input exactly
	Published string // publication date when the input carries none
}

// Text reads a plain-text article. name is used in errors and as Source.Path.
// Empty input gives an empty document; binary input (NUL bytes), invalid
// UTF-8 and input over MaxBytes give an error naming the file and the place.
func Text(name string, data []byte, opt Options) (*doc.Doc, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%s: too large for one article (%d bytes; the limit is %d)", name, len(data), MaxBytes)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("%s: binary data (NUL byte at byte %d), not a text article", name, i)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not valid UTF-8 at byte %d", name, invalidAt(data))
	}
	d := &doc.Doc{
		ID:        ID(data),
		Source:    doc.Source{Path: name},
		Published: opt.Published,
	}
	if opt.Verbatim {
		readVerbatim(d, string(data))
	} else {
		readClean(d, clean(data))
	}
	return d, nil
}

func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// readVerbatim keeps the text exactly and only finds structure.
func readVerbatim(d *doc.Doc, text string) {
	d.Text = text
	paras := paragraphs(text)
	d.Paragraphs = paras
	body := 0
	if len(paras) > 1 && isTopHeadline(text[paras[0].Start:paras[0].End]) {
		d.Title = oneLine(text[paras[0].Start:paras[0].End])
		body = 1
	}
	// The dateline opens the first paragraph of the body, or the second
	// after a subheading.
	for k := body; k < len(paras) && k <= body+1; k++ {
		p := paras[k]
		if place, s, e, ok := findDateline(text[p.Start:p.End]); ok {
			d.Dateline = &doc.Dateline{Place: place, Span: doc.Span{Start: p.Start + int32(s), End: p.Start + int32(e)}, Entity: -1}
			break
		}
		if !isHeadline(text[p.Start:p.End]) {
			break
		}
	}
}

// readClean builds the cleaned body from normalised text.
func readClean(d *doc.Doc, src string) {
	paras := paragraphs(src)
	var b strings.Builder
	b.Grow(len(src))
	first := true
	look := 2 // body paragraphs that may open with the dateline: the first, or the second after a subheading
	for k, p := range paras {
		line := oneLine(src[p.Start:p.End])
		if reason := promo(line); reason != "" {
			d.Removed = append(d.Removed, doc.Removed{Text: line, Reason: reason})
			continue
		}
		if first && k == 0 && len(paras) > 1 && isTopHeadline(line) {
			d.Title = line
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := int32(b.Len())
		first = false
		if look > 0 {
			look--
			if place, s, e, ok := findDateline(line); ok {
				d.Dateline = &doc.Dateline{Place: place, Span: doc.Span{Start: start + int32(s), End: start + int32(e)}, Entity: -1}
				look = 0
			} else if !isHeadline(line) {
				look = 0
			}
		}
		b.WriteString(line)
		d.Paragraphs = append(d.Paragraphs, doc.Span{Start: start, End: int32(b.Len())})
	}
	d.Text = b.String()
}

// oneLine joins the lines of a paragraph with single spaces.
func oneLine(p string) string {
	if strings.IndexByte(p, '\n') < 0 {
		return p
	}
	var b strings.Builder
	b.Grow(len(p))
	for i, l := range strings.Split(p, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

// clean normalises the input: line ends to \n, NFC, odd spaces to one plain
// space, soft hyphens, zero-width spaces and BOMs dropped, lines trimmed.
func clean(data []byte) string {
	ascii := true
	for _, c := range data {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		data = norm.NFC.Bytes(data)
	}
	out := make([]byte, 0, len(data))
	space := false // a space is pending
	for i := 0; i < len(data); {
		c := data[i]
		var r rune
		n := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, n = utf8.DecodeRune(data[i:])
		}
		i += n
		switch {
		case r == '\r':
			if i < len(data) && data[i] == '\n' {
				continue
			}
			r = '\n'
		case r == '\u00ad' || r == '\u200b' || r == '\ufeff' || r == '\u2060':
			continue
		}
		if r == '\n' {
			space = false
			// trim trailing spaces of the line
			for len(out) > 0 && out[len(out)-1] == ' ' {
				out = out[:len(out)-1]
			}
			out = append(out, '\n')
			continue
		}
		if r == ' ' || r == '\t' || (r >= utf8.RuneSelf && unicode.IsSpace(r)) || r == '\v' || r == '\f' {
			space = true
			continue
		}
		if space {
			if len(out) > 0 && out[len(out)-1] != '\n' {
				out = append(out, ' ')
			}
			space = false
		}
		if n == 1 {
			out = append(out, c)
		} else {
			out = utf8.AppendRune(out, r)
		}
	}
	return string(out)
}

// paragraphs finds the paragraph spans of text (trimmed of surrounding space).
func paragraphs(text string) []doc.Span {
	var paras []doc.Span
	var block []doc.Span // non-blank lines of the current block
	flush := func() {
		if len(block) == 0 {
			return
		}
		if wrapped(text, block) {
			paras = append(paras, doc.Span{Start: block[0].Start, End: block[len(block)-1].End})
		} else {
			paras = append(paras, block...)
		}
		block = block[:0]
	}
	for i := 0; i <= len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			j = len(text)
		} else {
			j += i
		}
		s, e := trimSpan(text, i, j)
		if s >= e {
			flush()
		} else {
			block = append(block, doc.Span{Start: int32(s), End: int32(e)})
		}
		i = j + 1
	}
	flush()
	return paras
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) && r != '\ufeff' && r != '\u200b' {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) && r != '\ufeff' && r != '\u200b' {
			break
		}
		e -= n
	}
	return s, e
}

// wrapped reports whether a block of lines is one hard-wrapped paragraph: at
// least two lines, all but the last between 40 and 100 characters wide and of
// similar width, and some line but the last ending mid-sentence.
func wrapped(text string, lines []doc.Span) bool {
	if len(lines) < 2 {
		return false
	}
	lo, hi := 1<<30, 0
	open := false // a line ends mid-sentence
	for _, l := range lines[:len(lines)-1] {
		w := utf8.RuneCountInString(text[l.Start:l.End])
		lo, hi = min(lo, w), max(hi, w)
		last, _ := utf8.DecodeLastRuneInString(text[l.Start:l.End])
		switch last {
		case '.', '!', '?', '"', '”', ':':
		default:
			open = true
		}
	}
	return open && lo >= 40 && hi <= 100 && hi-lo <= 25
}

// isHeadline: a short paragraph with no final full stop.
func isHeadline(p string) bool {
	if len(p) == 0 || len(p) > 300 || strings.IndexByte(p, '\n') >= 0 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	if last == '.' || last == ':' || last == ',' || last == ';' {
		return false
	}
	words := len(strings.Fields(p))
	if words > 35 {
		return false
	}
	if _, _, _, ok := findDateline(p); ok {
		return false
	}
	return true
}

// isTopHeadline: the story's first paragraph is its headline when it is one
// by isHeadline, or when it is short, in title case and ends with a full
// stop ("Hillary Clinton Slams Donald Trump On Abortion After SCOTUS
// Ruling.", as some sites and corpora write headlines).
func isTopHeadline(p string) bool {
	if isHeadline(p) {
		return true
	}
	if !strings.HasSuffix(p, ".") || strings.IndexByte(p, '\n') >= 0 {
		return false
	}
	ws := strings.Fields(p)
	if len(ws) > 20 {
		return false
	}
	words, caps := 0, 0
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) < 3 || !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	if words < 4 || caps*10 < words*8 {
		return false
	}
	_, _, _, ok := findDateline(p)
	return !ok
}

// ID is the id the reader derives from content: the first 16 hex digits of
// the input's SHA-256.
func ID(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}
