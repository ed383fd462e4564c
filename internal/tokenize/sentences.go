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
	if k := datePrefix(text, toks, first, last); k > first && k < last && isUpperStart(text[toks[k].Start:toks[k].End]) {
		// "Friday, March 4, 2005 | The ...": a dateline run into the first sentence
		sents = addSentence(sents, text, toks, start, k)
		start = k
	}
	for i := first; i < last; i++ {
		if toks[i].InMWT {
			continue
		}
		f := text[toks[i].Start:toks[i].End]
		kind := endKind(f)
		if kind == notEnd {
			if i+1 > start && closingDateline(text, toks, i, last) {
				// "Interview with Hugh McGuire | Sunday, May 28, 2006": a headline and its dateline
				sents = addSentence(sents, text, toks, start, i+1)
				start = i + 1
				continue
			}
			if i+2 < last && i+1 > start && creditLabel(text, toks, i+1) && isAlnumByte(f[len(f)-1]) {
				// "Protesters outside the embassy | Image: Jane Doe.": a caption and its credit
				sents = addSentence(sents, text, toks, start, i+1)
				start = i + 1
			}
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
			sents = addSentence(sents, text, toks, start, j)
			start = j
			i = j - 1
		}
	}
	return addSentence(sents, text, toks, start, last)
}

// maxSentence is the most tokens a sentence gets. The longest sentence of
// the EWT and GUM training and development splits has 159; text with no
// sentence ends (a list, a dump, hostile input) is cut so that the stages
// after, some of which look at all pairs of a sentence's words, stay fast.
const maxSentence = 256

func addSentence(sents []doc.Sentence, text string, toks []doc.Token, first, last int) []doc.Sentence {
	for last-first > maxSentence {
		// cut after the last comma, semicolon, colon or dash of the second
		// half of the window, else at its end
		cut := first + maxSentence
		for k := first + maxSentence - 1; k >= first+maxSentence/2; k-- {
			switch text[toks[k].Start:toks[k].End] {
			case ",", ";", ":", "-", "--", "—", "–":
				cut = k + 1
			}
			if cut != first+maxSentence {
				break
			}
		}
		sents = append(sents, doc.Sentence{
			Span:  doc.Span{Start: toks[first].Start, End: toks[cut-1].End},
			First: int32(first), Last: int32(cut),
		})
		first = cut
	}
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

// creditLabel: token k is a picture-credit label ("Image", "Photo") followed
// by a colon.
func creditLabel(text string, toks []doc.Token, k int) bool {
	f := text[toks[k].Start:toks[k].End]
	return len(f) > 2 && isUpperByte(f[0]) && text[toks[k+1].Start:toks[k+1].End] == ":" && inSetFold(creditLabels, f)
}

func isUpperStart(f string) bool {
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsUpper(r)
}

// datePrefix returns the index of the token after a Wikinews dateline that
// opens the paragraph toks[first:last] ("Friday, March 4, 2005", "Friday, 4
// March 2005"), or first if there is none. A date without its weekday is
// left alone: "November 7, 2010 First time eating at ..." is one sentence.
func datePrefix(text string, toks []doc.Token, first, last int) int {
	form := func(k int) string {
		if k >= last {
			return ""
		}
		return text[toks[k].Start:toks[k].End]
	}
	k := first
	if w := form(k); len(w) < 6 || len(w) > 9 || !isUpperByte(w[0]) || !inSetFold(weekdays, w) {
		return first
	}
	k++
	if form(k) == "," {
		k++
	}
	day := func(f string) bool { return len(f) <= 2 && allDigits(f) && f != "" }
	switch {
	case inSetFold(months, form(k)) && day(form(k+1)): // March 4, 2005
		k += 2
		if form(k) == "," {
			k++
		}
	case day(form(k)) && inSetFold(months, form(k+1)): // 4 March 2005
		k += 2
	default:
		return first
	}
	if y := form(k); len(y) == 4 && allDigits(y) && (y[0] == '1' || y[0] == '2') {
		return k + 1
	}
	return first
}

// closingDateline: a weekday date after token i closes the paragraph
// toks[:last], and token i does not lead into it ("Interview with Hugh
// McGuire | Sunday, May 28, 2006", not "met on Sunday, May 28, 2006").
func closingDateline(text string, toks []doc.Token, i, last int) bool {
	return i+2 < last && datePrefix(text, toks, i+1, last) == last && !inSetFold(dateLeads, text[toks[i].Start:toks[i].End])
}
