// Package tokenize splits a document's text into tokens and sentences, for
// English news, following the tokenisation of UD English EWT: words are split
// from punctuation; clitics ("don't", "Pakistan's", "I'm") stay in one surface
// token but become two words (the second marked doc.Token.InMWT), as EWT's
// multiword tokens do; abbreviations ("U.S.", "Sept.", "Mr."), initials,
// numbers ("1,200", "5:30", "11/28/2000"), URLs, e-mail addresses, hashtags and
// emoticons stay whole; hyphens are split off except after prefixes ("e-mail",
// "non-violent") and in phone numbers; "$", "%" and "am"/"pm" after a number
// are tokens of their own; runs of "!", "?", "." and "-" are one token.
//
// Sentences are found by rules over the tokens (see sentences.go). The whole
// pass is one scan over the text with no allocation per token beyond the
// token slice.
package tokenize

import (
	"unicode"
	"unicode/utf8"

	"dateline/internal/doc"
	"dateline/internal/perceptron"
)

// Doc fills d.Tokens and d.Sentences from d.Text, paragraph by paragraph
// (d.Paragraphs; the whole text if there are none). Sentences never cross a
// paragraph boundary.
func Doc(d *doc.Doc) { docWith(d, loadModel()) }

// docWith tokenises d and splits sentences with the boundary model m (nil:
// rules only).
func docWith(d *doc.Doc, m *perceptron.Model) {
	paras := d.Paragraphs
	if len(paras) == 0 {
		paras = []doc.Span{{Start: 0, End: int32(len(d.Text))}}
	}
	t := tk{text: d.Text, toks: d.Tokens[:0]}
	if cap(t.toks) == 0 {
		t.toks = make([]doc.Token, 0, len(d.Text)/5+4)
	}
	sents := d.Sentences[:0]
	var rule []doc.Sentence
	var starts []bool
	for _, p := range paras {
		s, e := int(p.Start), int(p.End)
		if s < 0 || e > len(d.Text) || s >= e {
			continue
		}
		first := len(t.toks)
		t.paragraph(s, e)
		if m == nil {
			sents = splitSentences(d.Text, t.toks, first, len(t.toks), sents)
			continue
		}
		rule = splitSentences(d.Text, t.toks, first, len(t.toks), rule[:0])
		starts = ruleStarts(rule, first, len(t.toks), starts)
		sents = splitModel(m, d.Text, t.toks, first, len(t.toks), starts, sents)
	}
	d.Tokens = t.toks
	d.Sentences = sents
}

// ruleStarts marks, for each token of toks[first:last], whether a rule
// sentence starts there.
func ruleStarts(rule []doc.Sentence, first, last int, starts []bool) []bool {
	n := last - first
	if cap(starts) < n {
		starts = make([]bool, n)
	}
	starts = starts[:n]
	clear(starts)
	for _, s := range rule {
		starts[int(s.First)-first] = true
	}
	return starts
}

// Tokens tokenises a string on its own and returns the token spans (for tests
// and tools).
func Tokens(text string) []doc.Token {
	t := tk{text: text, toks: make([]doc.Token, 0, len(text)/5+4)}
	t.paragraph(0, len(text))
	return t.toks
}

type tk struct {
	text string
	toks []doc.Token
}

func (t *tk) emit(a, b int, inMWT bool) {
	if a >= b {
		return
	}
	t.toks = append(t.toks, doc.Token{Span: doc.Span{Start: int32(a), End: int32(b)}, Head: -1, InMWT: inMWT})
}

// paragraph tokenises text[s:e], chunk by whitespace-separated chunk.
func (t *tk) paragraph(s, e int) {
	i, j := nextChunk(t.text, s, e)
	paraStart := true
	for i < e {
		k, l := nextChunk(t.text, j, e)
		t.chunk(i, j, paraStart, t.text[k:l])
		paraStart = false
		i, j = k, l
	}
}

// nextChunk finds the next whitespace-free stretch [i, j) at or after s.
func nextChunk(text string, s, e int) (int, int) {
	i := s
	for i < e {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
				i++
				continue
			}
			break
		}
		r, n := utf8.DecodeRuneInString(text[i:e])
		if isSpace(r) {
			i += n
			continue
		}
		break
	}
	j := i
	for j < e {
		c := text[j]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:e])
		if isSpace(r) {
			break
		}
		j += n
	}
	return i, j
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// chunk tokenises one whitespace-free stretch text[s:e].
func (t *tk) chunk(s, e int, paraStart bool, next string) {
	text := t.text
	if isEmoticon(text[s:e]) {
		t.emit(s, e, false)
		return
	}
	// Leading punctuation.
	for s < e {
		c := text[s]
		if c < utf8.RuneSelf {
			switch c {
			case '[':
				if e-s >= 5 && text[s:s+5] == "[...]" {
					t.emit(s, s+5, false)
					s += 5
					continue
				}
				t.emit(s, s+1, false)
				s++
				continue
			case '(', '{', '"':
				t.emit(s, s+1, false)
				s++
				continue
			case '*':
				n := run(text, s, e, '*')
				t.emit(s, s+n, false)
				s += n
				continue
			case '#':
				if s+1 < e && isDigit(text[s+1]) {
					t.emit(s, s+1, false)
					s++
					continue
				}
			case '`':
				n := run(text, s, e, '`')
				t.emit(s, s+n, false)
				s += n
				continue
			case '<', '>':
				n := run(text, s, e, c)
				if n >= 2 || s+1 == e || c == '<' {
					t.emit(s, s+n, false)
					s += n
					continue
				}
			case '-':
				n := run(text, s, e, '-')
				if n >= 2 || (s+1 < e && !isDigit(text[s+1])) {
					t.emit(s, s+n, false)
					s += n
					continue
				}
			case '.':
				n := run(text, s, e, '.')
				if n >= 2 || (s+1 < e && !isDigit(text[s+1]) && !isLetterByte(text[s+1])) {
					t.emit(s, s+n, false)
					s += n
					continue
				}
			case '$':
				if s+1 < e {
					t.emit(s, s+1, false)
					s++
					continue
				}
			case '\'':
				if s+1 < e && text[s+1] == '\'' {
					t.emit(s, s+2, false) // ''
					s += 2
					continue
				}
				if s+1 < e && !keepsLeadingApostrophe(text[s+1:e]) {
					t.emit(s, s+1, false)
					s++
					continue
				}
			}
			break
		}
		r, n := utf8.DecodeRuneInString(text[s:e])
		if r == '‘' && s+n < e && keepsLeadingApostrophe(text[s+n:e]) {
			break
		}
		if (r == '‘' || r == '’') && isQuotePair(text[s:e]) {
			t.emit(s, s+6, false) // ‘’ or ’’ as one token, as EWT has them
			s += 6
			continue
		}
		if isOpener(r) || isDash(r) || r == '…' || r == '£' || r == '€' || r == '¥' || r == '’' || r == '”' {
			if s+n == e {
				break
			}
			t.emit(s, s+n, false)
			s += n
			continue
		}
		break
	}
	if s >= e {
		return
	}
	// URLs and e-mail addresses stay whole, less trailing punctuation.
	if u := urlLen(text[s:e]); u > 0 {
		end := s + u
		t.emit(s, end, false)
		s = end
		if s >= e {
			return
		}
	}
	// Trailing punctuation, collected from the end.
	var stack [16]doc.Span
	ns := 0
	push := func(a, b int) {
		if ns < len(stack) {
			stack[ns] = doc.Span{Start: int32(a), End: int32(b)}
			ns++
		}
	}
	chunkStart := s
trail:
	for e > s && ns < len(stack)-1 {
		c := text[e-1]
		if c < utf8.RuneSelf {
			switch c {
			case '.':
				k := back(text, s, e, '.')
				if e-k >= 2 {
					push(k, e)
					e = k
					continue
				}
				if keepsPeriod(text[s:e-1], paraStart && s == chunkStart) {
					if !finalAbbrev(text[s:e-1], next) {
						break trail
					}
				}
				push(e-1, e)
				e--
				continue
			case '!', '?':
				k := e
				for k > s && (text[k-1] == '!' || text[k-1] == '?' || text[k-1] == '.') {
					k--
				}
				push(k, e)
				e = k
				continue
			case '*':
				k := back(text, s, e, '*')
				if k == s {
					break trail
				}
				push(k, e)
				e = k
				continue
			case ',', ';', ')', ']', '}', '"', '%', ':':
				if e-1 == s {
					break trail
				}
				push(e-1, e)
				e--
				continue
			case '-', '>', '<':
				k := back(text, s, e, c)
				if k == s {
					break trail
				}
				push(k, e)
				e = k
				continue
			case '\'':
				if e-1 > s && (text[e-2] == 's' || text[e-2] == 'S') && e-2 > s && isLetterByte(text[e-3]) {
					break trail // plural possessive: "parents'"
				}
				if e-1 == s {
					break trail
				}
				if e-2 > s && text[e-2] == '\'' {
					push(e-2, e) // ''
					e -= 2
					continue
				}
				push(e-1, e)
				e--
				continue
			}
			break trail
		}
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if e-n == s {
			break
		}
		switch {
		case (r == '’' || r == '‘') && e-6 >= s && isQuotePair(text[e-6:e]):
			if e-6 == s {
				break trail
			}
			push(e-6, e)
			e -= 6
		case r == '’':
			if e-n-1 > s && (text[e-n-1] == 's' || text[e-n-1] == 'S') && isLetterByte(text[e-n-2]) {
				break trail
			}
			push(e-n, e)
			e -= n
		case isCloser(r) || isDash(r) || r == '…' || r == '“' || r == '‘':
			push(e-n, e)
			e -= n
		default:
			break trail
		}
	}
	t.core(s, e)
	for k := ns - 1; k >= 0; k-- {
		t.emit(int(stack[k].Start), int(stack[k].End), false)
	}
}

// core splits the inside of a chunk at internal punctuation.
func (t *tk) core(s, e int) {
	text := t.text
	seg := s
	i := s
	for i < e {
		c := text[i]
		if c < utf8.RuneSelf {
			switch c {
			case '-':
				n := run(text, i, e, '-')
				if n >= 2 {
					t.word(seg, i)
					t.emit(i, i+n, false)
					i += n
					seg = i
					continue
				}
				if keepHyphen(text, seg, i, e) {
					i++
					continue
				}
				t.word(seg, i)
				t.emit(i, i+1, false)
				i++
				seg = i
				continue
			case '/':
				if i > seg && i+1 < e && isLetterByte(text[i-1]) && isLetterByte(text[i+1]) && !hasDigit(text[seg:i]) {
					t.word(seg, i)
					t.emit(i, i+1, false)
					i++
					seg = i
					continue
				}
			case ',', ':':
				if i > seg && i+1 < e && isDigit(text[i-1]) && isDigit(text[i+1]) {
					i++
					continue
				}
				t.word(seg, i)
				t.emit(i, i+1, false)
				i++
				seg = i
				continue
			case '(', ')', '[', ']', '{', '}', '"', ';':
				if c == '(' && i+2 < e && text[i+1] == 's' && text[i+2] == ')' {
					i += 3 // "friend(s)"
					continue
				}
				t.word(seg, i)
				t.emit(i, i+1, false)
				i++
				seg = i
				continue
			case '!', '?':
				k := i
				for k < e && (text[k] == '!' || text[k] == '?') {
					k++
				}
				t.word(seg, i)
				t.emit(i, k, false)
				i = k
				seg = i
				continue
			case '.':
				n := run(text, i, e, '.')
				if n >= 2 {
					t.word(seg, i)
					t.emit(i, i+n, false)
					i += n
					seg = i
					continue
				}
			case 'a', 'p', 'A', 'P':
				// "8am", "5:30pm": the time and the am/pm are two tokens.
				if i > seg && isDigit(text[i-1]) && i+2 == e && (text[i+1] == 'm' || text[i+1] == 'M') && !hasLetter(text[seg:i]) {
					t.word(seg, i)
					t.emit(i, e, false)
					i = e
					seg = e
					continue
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:e])
		switch {
		case isDash(r) || r == '…' || r == '“' || r == '”' || r == '«' || r == '»':
			t.word(seg, i)
			t.emit(i, i+n, false)
			i += n
			seg = i
			continue
		case (r == '‘' || r == '’') && isQuotePair(text[i:e]):
			t.word(seg, i)
			t.emit(i, i+6, false)
			i += 6
			seg = i
			continue
		case r == '‘' || r == '’':
			if i > seg && i+n < e && isWordRune(lastRune(text[seg:i])) && isWordRune(firstRune(text[i+n:e])) {
				i += n // an apostrophe inside a word
				continue
			}
			if r == '’' && i+n == e && i > seg {
				i += n
				continue
			}
			t.word(seg, i)
			t.emit(i, i+n, false)
			i += n
			seg = i
			continue
		}
		i += n
	}
	t.word(seg, e)
}

// word emits one word token, as two words of one token when it ends in a
// clitic: "don't" → do + n't, "Pakistan's" → Pakistan + 's, "parents'" →
// parents + ', "cannot" → can + not.
func (t *tk) word(a, b int) {
	if a >= b {
		return
	}
	if sp := cliticSplit(t.text[a:b]); sp > 0 {
		t.emit(a, a+sp, false)
		t.emit(a+sp, b, true)
		return
	}
	t.emit(a, b, false)
}

// cliticSplit returns where the clitic starts in w, or 0 if w has none.
func cliticSplit(w string) int {
	n := len(w)
	if n < 2 {
		return 0
	}
	// find the last apostrophe
	p, alen := -1, 0
	for i := n - 1; i >= 1 && i >= n-6; i-- {
		c := w[i]
		if c == '\'' || c == '`' {
			p, alen = i, 1
			break
		}
		if c == 0x99 && i >= 2 && w[i-2] == 0xe2 && w[i-1] == 0x80 { // ’
			p, alen = i-2, 3
			break
		}
	}
	if p > 0 {
		suf := w[p+alen:]
		switch len(suf) {
		case 0:
			if w[p-1] == 's' || w[p-1] == 'S' {
				return p // parents'
			}
			return 0
		case 1:
			switch suf[0] | 0x20 {
			case 's', 'd', 'm':
				return p
			case 't':
				if p >= 2 && w[p-1]|0x20 == 'n' {
					return p - 1 // n't
				}
			}
		case 2:
			l0, l1 := suf[0]|0x20, suf[1]|0x20
			if (l0 == 'r' && l1 == 'e') || (l0 == 'v' && l1 == 'e') || (l0 == 'l' && l1 == 'l') {
				return p
			}
		}
		return 0
	}
	if n > 7 {
		return 0
	}
	switch w[n-1] | 0x20 { // every contraction ends so: cannot, gonna, ive, im, thats
	case 't', 'a', 'e', 'm', 's':
	default:
		return 0
	}
	var buf [8]byte
	for i := 0; i < n; i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return contractions[string(buf[:n])]
}

// finalAbbrev reports whether an abbreviation w that keeps its full stop
// ends the sentence, given the next chunk: then EWT writes the full stop as a
// token of its own ("etc" + ".").
func finalAbbrev(w, next string) bool {
	if len(w) == 1 || inSetFold(neverFinal, w) || (len(w) == 2 && w[1] == '.') {
		return false
	}
	if next == "" {
		return true
	}
	k := 0
	for k < len(next) && (next[k] == '"' || next[k] == '\'' || next[k] == '(') {
		k++
	}
	l := k
	for l < len(next) && isLetterByte(next[l]) {
		l++
	}
	if k == l || !isUpperByte(next[k]) {
		return false
	}
	return inSetFold(starters, next[k:l])
}

// keepsPeriod reports whether a word before a final full stop keeps it.
func keepsPeriod(w string, paraStart bool) bool {
	n := len(w)
	if n == 0 {
		return false
	}
	if paraStart && n <= 2 && allDigits(w) {
		return true // a list number: "1."
	}
	if n == 1 {
		return isLetterByte(w[0]) // an initial: "W."
	}
	// letter.letter patterns: U.S, p.m, e.g, Ph.D, a.k.a
	if hasByte(w, '.') {
		seg := 0
		for i := 0; i <= n; i++ {
			if i == n || w[i] == '.' {
				if i-seg == 0 || i-seg > 3 {
					return false
				}
				seg = i + 1
				continue
			}
			if !isLetterByte(w[i]) {
				return false
			}
		}
		return true
	}
	if n > 8 {
		return false
	}
	return inSetFold(abbrevs, w) && (isUpperByte(w[0]) || lowerAbbrev(w))
}

func lowerAbbrev(w string) bool {
	switch w {
	case "etc", "vs", "al", "approx", "ca", "cf", "viz", "vol", "fig", "ext", "misc", "mins", "hrs", "yrs",
		"oz", "lb", "lbs", "pp", "esp", "eg", "ie", "attn", "div", "arrv", "sq", "tel", "nr", "st":
		return true
	}
	return false
}

// keepHyphen decides whether the hyphen at text[i] stays inside the word.
func keepHyphen(text string, seg, i, e int) bool {
	ls := i
	for ls > seg && isAlnumByte(text[ls-1]) {
		ls--
	}
	re := i + 1
	for re < e && isAlnumByte(text[re]) {
		re++
	}
	left, right := text[ls:i], text[i+1:re]
	if len(left) == 0 {
		return ls == seg && (i+1 < e && isDigit(text[i+1])) && i == seg // "-5"
	}
	if len(right) == 0 {
		return false
	}
	if allDigits(left) && allDigits(right) {
		// phone numbers and postcodes: 713-853-3989, 94720-5180, 1-800-...
		if ls > seg && text[ls-1] == '-' {
			return true
		}
		return ((len(left) == 3 || len(left) == 5) && (len(right) == 3 || len(right) == 4)) || (left == "1" && len(right) == 3)
	}
	if ls > seg && text[ls-1] == '-' {
		return false
	}
	return inSetFold(hyphenPrefixes, left)
}

// keepsLeadingApostrophe: "'s", "'re", "'90s", "'em" are tokens of their own
// that start with an apostrophe.
func keepsLeadingApostrophe(rest string) bool {
	n := 0
	for n < len(rest) && isAlnumByte(rest[n]) {
		n++
	}
	w := rest[:n]
	if n == 0 {
		return false
	}
	if isDigit(w[0]) {
		return true
	}
	switch w {
	case "s", "S", "re", "ve", "ll", "d", "m", "t", "em", "n", "til", "cause", "bout":
		return true
	}
	return false
}

// urlLen returns the length of a URL, e-mail address, hashtag or @handle at the
// start of s (less trailing punctuation), or 0.
func urlLen(s string) int {
	n := len(s)
	isURL := false
	switch {
	case hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://") || hasPrefixFold(s, "ftp://") || hasPrefixFold(s, "www."):
		isURL = true
	case (s[0] == '#' || s[0] == '@') && n > 1 && isLetterByte(s[1]):
		isURL = true
	default:
		at := -1
		for i := 0; i < n; i++ {
			if s[i] == '@' {
				at = i
				break
			}
		}
		if at > 0 && at+1 < n && isAlnumByte(s[at-1]) && isAlnumByte(s[at+1]) && hasByte(s[at+1:], '.') {
			isURL = true
		}
		if !isURL && n > 4 && hasInnerDot(s) && hasDomainSuffix(s) {
			isURL = true
		}
	}
	if !isURL {
		return 0
	}
	// stop at characters that cannot be in a URL
	end := n
	for i := 0; i < n; i++ {
		c := s[i]
		if c == '"' || c == '<' || c == '>' || c >= utf8.RuneSelf {
			end = i
			break
		}
	}
	open := 0
	for i := 0; i < end; i++ {
		if s[i] == '(' {
			open++
		}
	}
	for end > 0 {
		c := s[end-1]
		if c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || (c == ')' && open == 0) {
			end--
			continue
		}
		break
	}
	if s[0] == '#' || s[0] == '@' {
		// a hashtag or handle: letters, digits and _
		k := 1
		for k < end && (isAlnumByte(s[k]) || s[k] == '_') {
			k++
		}
		end = k
	}
	return end
}

// hasInnerDot: a full stop followed by a letter.
func hasInnerDot(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && isLetterByte(s[i+1]) {
			return true
		}
	}
	return false
}

// hasDomainSuffix: "google.com", "enron.com/x" (a bare domain name).
func hasDomainSuffix(s string) bool {
	for _, d := range [...]string{".com", ".org", ".net", ".gov", ".edu"} {
		for i := 1; i+len(d) <= len(s); i++ {
			if s[i:i+len(d)] == d && isAlnumByte(s[i-1]) && (i+len(d) == len(s) || s[i+len(d)] == '/') {
				return true
			}
		}
	}
	return false
}

var emoticons = setOf(":)", ":(", ":-)", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":p", ":-P", ":/", ":'(",
	"<3", ":o", ":O", "XD", "xD", ":]", ":[", "=)", "=(", "^_^", "-_-", ":|", ";-(", ":-/")

func isEmoticon(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	switch s[0] {
	case ':', ';', '=', '<', 'X', 'x', '^', '-':
		return emoticons[s]
	}
	return false
}

func run(text string, i, e int, c byte) int {
	k := i
	for k < e && text[k] == c {
		k++
	}
	return k - i
}

func back(text string, s, e int, c byte) int {
	k := e
	for k > s && text[k-1] == c {
		k--
	}
	return k
}

// isQuotePair: s starts with two single curly quotation marks (‘’, ’’, ‘‘).
func isQuotePair(s string) bool {
	return len(s) >= 6 && s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99) &&
		s[3] == 0xe2 && s[4] == 0x80 && (s[5] == 0x98 || s[5] == 0x99)
}

func isOpener(r rune) bool {
	switch r {
	case '“', '‘', '«', '‹', '„', '‚', '(', '[', '{', '¿', '¡':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '»', '›', ')', ']', '}':
		return true
	}
	return false
}

func isDash(r rune) bool {
	return r == '—' || r == '–' || r == '―' || r == '‒' || r == '−'
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isUpperByte(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetterByte(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isAlnumByte(c byte) bool  { return isLetterByte(c) || isDigit(c) || c >= utf8.RuneSelf }
func isWordRune(r rune) bool   { return unicode.IsLetter(r) || unicode.IsDigit(r) }
func firstRune(s string) rune  { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune   { r, _ := utf8.DecodeLastRuneInString(s); return r }
func hasByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if isLetterByte(s[i]) {
			return true
		}
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// inSetFold looks a word up lower-cased, without allocating.
func inSetFold(m map[string]bool, w string) bool {
	if len(w) > 24 {
		return false
	}
	var buf [24]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return m[string(buf[:len(w)])]
}
