package timex

import (
	"unicode"
	"unicode/utf8"
)

// The recogniser works on its own light word stream over Doc.Text, not on the
// tokenizer's tokens: time expressions need "p.m.", "Sept.", "9/23" and "'90s"
// split the same way whatever the tokenizer decides, and a byte scan over the
// text is cheaper than re-reading tokens. Sentences and tags still come from
// the Doc (for tense); words map back to tokens by byte offset.

type wkind uint8

const (
	kAlpha wkind = iota + 1 // a run of letters
	kNum                    // a run of ASCII digits
	kPunct                  // one punctuation or symbol character
)

// word is one unit of the stream: a letter run, a digit run or one symbol.
type word struct {
	s, e  int32  // byte span in the text
	low   string // lower-cased form (ASCII letters folded)
	kind  wkind
	space bool  // preceded by white space (or the start of the text)
	nl    bool  // preceded by a line break
	upper bool  // starts with an upper-case letter
	num   int32 // value of a digit run (-1 when longer than 9 digits)
	cls   uint8 // lexicon class of low (see lexicon.go)
	val   int8  // lexicon value (month number, weekday, number, unit...)
}

// lex splits text into words. low is an ASCII-lower-cased copy of text
// (same length) that the words' low fields slice, so lexing allocates only
// the words slice.
func lex(text, low string, ws []word) []word {
	ws = ws[:0]
	space, nl := true, false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\r':
				space = true
				i++
				continue
			case c == '\n':
				space, nl = true, true
				i++
				continue
			case isLetter(c):
				j := i + 1
				for j < len(text) && (isLetter(text[j]) || text[j] >= utf8.RuneSelf && letterAt(text, j)) {
					if text[j] < utf8.RuneSelf {
						j++
					} else {
						_, n := utf8.DecodeRuneInString(text[j:])
						j += n
					}
				}
				w := word{s: int32(i), e: int32(j), low: low[i:j], kind: kAlpha, space: space, nl: nl,
					upper: c >= 'A' && c <= 'Z'}
				w.cls, w.val = lookup(w.low)
				ws = append(ws, w)
				i = j
			case c >= '0' && c <= '9':
				j := i + 1
				for j < len(text) && text[j] >= '0' && text[j] <= '9' {
					j++
				}
				n := int32(-1)
				if j-i <= 9 {
					n = 0
					for k := i; k < j; k++ {
						n = n*10 + int32(text[k]-'0')
					}
				}
				ws = append(ws, word{s: int32(i), e: int32(j), low: low[i:j], kind: kNum, space: space, nl: nl, num: n})
				i = j
			default:
				ws = append(ws, word{s: int32(i), e: int32(i + 1), low: low[i : i+1], kind: kPunct, space: space, nl: nl})
				i++
			}
			space, nl = false, false
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			space = true
			i += n
			continue
		}
		if unicode.IsLetter(r) {
			j := i + n
			for j < len(text) && (isLetter(text[j]) || text[j] >= utf8.RuneSelf && letterAt(text, j)) {
				if text[j] < utf8.RuneSelf {
					j++
				} else {
					_, m := utf8.DecodeRuneInString(text[j:])
					j += m
				}
			}
			ws = append(ws, word{s: int32(i), e: int32(j), low: low[i:j], kind: kAlpha, space: space, nl: nl,
				upper: unicode.IsUpper(r)})
			i = j
		} else {
			// Curly apostrophes act as ASCII ones: "’90s".
			w := word{s: int32(i), e: int32(i + n), low: low[i : i+n], kind: kPunct, space: space, nl: nl}
			if r == '\u2019' || r == '\u2018' {
				w.low = "'"
			} else if r == '\u2013' || r == '\u2014' {
				w.low = "-"
			}
			ws = append(ws, w)
			i += n
		}
		space, nl = false, false
	}
	return ws
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func letterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// lowerASCII folds ASCII upper-case letters, keeping every byte offset.
func lowerASCII(s string, buf []byte) ([]byte, string) {
	has := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			has = true
			break
		}
	}
	if !has {
		return buf, s
	}
	buf = append(buf[:0], s...)
	for i, c := range buf {
		if c >= 'A' && c <= 'Z' {
			buf[i] = c + 32
		}
	}
	return buf, string(buf)
}
