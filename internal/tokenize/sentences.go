package tokenize

import (
	"unicode"
	"unicode/utf8"

	"dateline/internal/doc"
)

// splitSentences appends the sentences of toks[first:last] (one paragraph) to
// sents. A sentence ends after a final punctuation token (".", "!", "?",
// "...", with any closing quotation marks or brackets attached to it) when the
// next token can begin a sentence, and after an abbreviation that can end one
// ("U.S.", "Inc.", not "Mr.") when a common sentence opener follows.
func splitSentences(text string, toks []doc.Token, first, last int, sents []doc.Sentence) []doc.Sentence {
	start := first
	for i := first; i < last; i++ {
		if toks[i].InMWT {
			continue
		}
		f := text[toks[i].Start:toks[i].End]
		kind := endKind(f)
		if kind == notEnd {
			continue
		}
		j := i + 1
		quoted := false
		for j < last && toks[j].Start == toks[j-1].End {
			if isClosing(text[toks[j].Start:toks[j].End]) {
				j++
				quoted = true
				continue
			}
			// a reference mark: "[12]"
			if j+2 < last && text[toks[j].Start] == '[' && toks[j].End-toks[j].Start == 1 &&
				allDigits(text[toks[j+1].Start:toks[j+1].End]) && text[toks[j+2].Start:toks[j+2].End] == "]" &&
				toks[j+1].Start == toks[j].End && toks[j+2].Start == toks[j+1].End {
				j += 3
				continue
			}
			break
		}
		if j >= last {
			break
		}
		if kind == exclaim && quoted {
			kind = quotedExclaim
		}
		if boundary(kind, f, text[toks[j].Start:toks[j].End]) {
			sents = addSentence(sents, toks, start, j)
			start = j
			i = j - 1
		}
	}
	return addSentence(sents, toks, start, last)
}

func addSentence(sents []doc.Sentence, toks []doc.Token, first, last int) []doc.Sentence {
	if last <= first {
		return sents
	}
	return append(sents, doc.Sentence{
		Span:  doc.Span{Start: toks[first].Start, End: toks[last-1].End},
		First: int32(first), Last: int32(last),
	})
}

type endKindT uint8

const (
	notEnd        endKindT = iota
	stop                   // "."
	exclaim                // "!", "?", "?!", "!!!"
	ellipsis               // "...", "…"
	abbrev                 // "U.S.", "Inc."
	quotedExclaim          // "!" or "?" inside closing quotes
	emoticon               // ":)"
)

func endKind(f string) endKindT {
	if f == "." {
		return stop
	}
	if isEmoticon(f) {
		return emoticon
	}
	if f == "…" || f == "[...]" {
		return ellipsis
	}
	dots, marks := 0, 0
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case '.':
			dots++
		case '!', '?':
			marks++
		default:
			if len(f) > 1 && f[len(f)-1] == '.' {
				return abbrev
			}
			return notEnd
		}
	}
	if marks > 0 {
		return exclaim
	}
	if dots > 1 {
		return ellipsis
	}
	return notEnd
}

// isClosing: tokens that stay with the sentence before them when attached.
func isClosing(f string) bool {
	switch f {
	case "\"", "'", "”", "’", ")", "]", "}", "»", "''", "›":
		return true
	}
	return false
}

// boundary decides whether a sentence ends before next, after an end token f.
func boundary(kind endKindT, f, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	upper := unicode.IsUpper(r)
	lower := unicode.IsLower(r)
	opener := r == '"' || r == '“' || r == '‘' || r == '\'' || r == '(' || r == '[' || r == '«' || r == '`'
	switch kind {
	case stop:
		if isNoStart(next) {
			return false
		}
		return true
	case exclaim:
		return !isNoStart(next)
	case quotedExclaim:
		return !lower && !isNoStart(next)
	case emoticon:
		return upper
	case ellipsis:
		return upper || opener
	case abbrev:
		w := f[:len(f)-1]
		if len(w) == 1 || inSetFold(neverFinal, w) {
			return false
		}
		return upper && inSetFold(starters, next)
	}
	return false
}

// isNoStart: tokens that never begin a sentence.
func isNoStart(f string) bool {
	switch f {
	case ",", ";", ":", ")", "]", "}", "%", "-", "--", "'s", "n't", "’s":
		return true
	}
	return false
}
