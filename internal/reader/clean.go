package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reasons a line is removed.
const (
	ReasonPromo       = "promo"       // a related-story or "read more" link
	ReasonBoilerplate = "boilerplate" // share, subscribe, follow, advertisement, copyright
)

// promoPrefixes open a related-link line; the line must be short (a headline).
var promoPrefixes = []string{
	"reading:", "read also", "also read", "read more", "read:", "related:", "related news", "related article",
	"related stories", "related story", "related coverage", "related content", "see also", "also see",
	"more:", "more news:", "more on this", "more from", "don't miss", "do not miss", "must read", "recommended:",
	"suggested:", "suggested reading", "trending:", "trending now", "watch:", "watch video", "also watch",
	"read the full", "read full", "click here", "tap here", "continue reading", "read next", "up next:",
	"you may also like", "you might also like", "also on", "other news:", "latest:", "read the original",
}

// boilerplatePrefixes open share/subscribe/advertising lines.
var boilerplatePrefixes = []string{
	"subscribe to", "subscribe now", "subscribe for", "subscribe:", "sign up for", "sign up to", "follow us",
	"follow @", "share this", "share on", "share:", "share via", "like us on", "join us on", "join our",
	"download the app", "download our app", "get the app", "advertisement", "story continues below",
	"article continues below", "(adsbygoogle", "all rights reserved", "copyright ©", "copyright (c)",
	"© ", "(c) copyright", "get our newsletter", "newsletter:", "to subscribe", "for more news, follow",
	"we are now on", "stay updated", "get the latest", "click to share", "email this", "print this",
}

// shortBoilerplate are whole lines of share and navigation buttons.
var shortBoilerplate = map[string]bool{
	"share": true, "tweet": true, "email": true, "e-mail": true, "print": true, "comments": true,
	"comment": true, "advertisement": true, "advertising": true, "subscribe": true, "facebook": true,
	"twitter": true, "whatsapp": true, "linkedin": true, "telegram": true, "pinterest": true, "reddit": true,
	"share this article": true, "share this story": true, "follow us": true, "more": true, "read more": true,
	"facebook twitter": true, "facebook twitter email": true, "share facebook twitter": true,
	"back to top": true, "top of page": true, "next article": true, "previous article": true, "ad": true,
	"sponsored": true, "sponsored content": true, "loading...": true, "skip advertisement": true,
}

// promo returns why a paragraph line is removed, or "".
func promo(line string) string {
	if len(line) > 400 {
		return ""
	}
	head := line
	if len(head) > 48 {
		head = head[:48]
	}
	low := strings.ToLower(head)
	low = strings.TrimLeftFunc(low, func(r rune) bool {
		return r == '*' || r == '>' || r == '-' || r == '•' || r == '►' || r == '▶' || r == '[' || r == '(' || unicode.IsSpace(r)
	})
	for _, p := range promoPrefixes {
		if strings.HasPrefix(low, p) && boundaryAfter(low, len(p)) {
			return ReasonPromo
		}
	}
	if len(line) <= 200 {
		for _, p := range boilerplatePrefixes {
			if strings.HasPrefix(low, p) && boundaryAfter(low, len(p)) {
				return ReasonBoilerplate
			}
		}
	}
	if len(line) <= 40 {
		k := strings.ToLower(strings.TrimRight(strings.TrimSpace(line), ":|"))
		k = strings.Join(strings.FieldsFunc(k, func(r rune) bool { return unicode.IsSpace(r) || r == '|' || r == '/' }), " ")
		if shortBoilerplate[k] {
			return ReasonBoilerplate
		}
	}
	return ""
}

// boundaryAfter: the prefix ends at a word boundary.
func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !unicode.IsLetter(prev) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// datelineStop are capitalised words that open a paragraph with a colon but
// are not places.
var datelineStop = map[string]bool{
	"note": true, "update": true, "updated": true, "editor": true, "editors": true, "photo": true,
	"photos": true, "video": true, "watch": true, "read": true, "reading": true, "also": true,
	"related": true, "breaking": true, "exclusive": true, "opinion": true, "analysis": true,
	"source": true, "sources": true, "q": true, "a": true, "warning": true, "correction": true,
	"disclaimer": true, "by": true, "the": true, "this": true, "it": true, "he": true, "she": true,
	"we": true, "they": true, "i": true, "question": true, "answer": true, "summary": true,
	"background": true, "comment": true, "live": true, "file": true, "image": true, "caption": true,
	"credit": true, "quote": true, "example": true, "tags": true, "topics": true, "keywords": true,
	"posted": true, "published": true, "date": true, "subject": true, "from": true, "to": true,
	"dear": true, "hi": true, "hello": true, "thanks": true, "president": true, "minister": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "said": true, "and": true, "but": true,
	"first": true, "second": true, "third": true, "finally": true, "why": true, "what": true,
	"how": true, "who": true, "when": true, "where": true, "yes": true, "no": true, "now": true,
	"meanwhile": true, "however": true, "today": true, "yesterday": true, "tomorrow": true,
	"tonight": true, "later": true, "earlier": true, "again": true, "still": true, "so": true,
}

var months = map[string]bool{
	"jan": true, "january": true, "feb": true, "february": true, "mar": true, "march": true,
	"apr": true, "april": true, "may": true, "jun": true, "june": true, "jul": true, "july": true,
	"aug": true, "august": true, "sep": true, "sept": true, "september": true, "oct": true,
	"october": true, "nov": true, "november": true, "dec": true, "december": true,
}

// placeAbbrev are the abbreviations a place name may open with ("ST.
// JOSEPH", "Ft. Worth").
var placeAbbrev = map[string]bool{"st": true, "ste": true, "ft": true, "mt": true, "pt": true, "sta": true}

// findDateline finds a dateline at the start of a paragraph. It returns the
// place (in title case if the text has it in capitals) and its byte span in p.
//
//	New York: ...                  WASHINGTON (VOA) — ...
//	KABUL, Sept 23 - ...           SAN DIEGO, Calif. (AP) -- ...
//	Islamabad, Pakistan: ...       LONDON, 5 March (Reuters) - ...
//	ST. JOSEPH, Mich. (AP) — ...   Hong Kong (CNN Business)The ...
//	ISLAMABAD/PENTAGON — ...
func findDateline(p string) (place string, start, end int, ok bool) {
	i := 0
	words, caps := 0, true
	placeEnd := 0
	cut := 0 // the end of the first of places joined by '/'
	for words < 4 {
		ws, we, allCaps, good := capWord(p, i)
		if !good {
			break
		}
		if words == 0 && datelineStop[strings.ToLower(strings.TrimRight(p[ws:we], "."))] {
			return "", 0, 0, false
		}
		words++
		caps = caps && allCaps
		placeEnd = we
		if we+1 < len(p) && p[we] == '.' && p[we+1] == ' ' && placeAbbrev[strings.ToLower(p[ws:we])] {
			we++ // "ST." of "ST. JOSEPH"
		}
		if we < len(p) && (p[we] == ' ' || p[we] == '/' && allCaps) {
			if _, _, _, g := capWord(p, we+1); g && words < 4 {
				if p[we] == '/' && cut == 0 {
					cut = we
				}
				i = we + 1
				continue
			}
		}
		break
	}
	if words == 0 || placeEnd < 2 {
		return "", 0, 0, false
	}
	j := placeEnd
	extra := false // a region, date or agency follows: a strong sign
	// ", Region" or ", date"
	if j+2 < len(p) && p[j] == ',' && p[j+1] == ' ' {
		if k, ok := dateAt(p, j+2); ok {
			j, extra = k, true
		} else {
			k := j + 2
			n := 0
			for n < 3 {
				ws, we, _, good := capWord(p, k)
				if !good {
					break
				}
				_ = ws
				n++
				k = we
				if k < len(p) && p[k] == '.' {
					k++ // "Calif."
				}
				if k < len(p) && p[k] == ' ' {
					if _, _, _, g := capWord(p, k+1); g {
						k++
						continue
					}
				}
				break
			}
			if n > 0 {
				j, extra = k, true
				if j+2 < len(p) && p[j] == ',' && p[j+1] == ' ' {
					if k, ok := dateAt(p, j+2); ok {
						j = k
					}
				}
			}
		}
	}
	// " (Agency)"
	agency := false
	if j+1 < len(p) && p[j] == ' ' && p[j+1] == '(' {
		if k := strings.IndexByte(p[j+2:], ')'); k > 0 && k <= 40 {
			j += 2 + k + 1
			agency, extra = true, true
		}
	}
	// separator
	sep := ""
	k := j
	for k < len(p) && p[k] == ' ' {
		k++
	}
	switch {
	case agency && k == j && startsUpper(p[k:]):
		sep = ")" // "Hong Kong (CNN Business)A muddled view …": CNN's style, no separator
	case k < len(p) && p[k] == ':' && k == j:
		sep = ":"
		k++
	case strings.HasPrefix(p[k:], "--"):
		sep = "--"
		k += 2
	case strings.HasPrefix(p[k:], "—"), strings.HasPrefix(p[k:], "–"):
		sep = "—"
		k += 3
	case k < len(p) && p[k] == '-' && k > j:
		sep = "-"
		k++
	}
	if sep == "" {
		return "", 0, 0, false
	}
	rest := strings.TrimLeft(p[k:], " ")
	if len(rest) < 8 || len(rest) == len(p[k:]) && sep != "—" && sep != ")" {
		return "", 0, 0, false // nothing, or no space after the separator
	}
	if sep == ":" {
		if !caps && words > 3 {
			return "", 0, 0, false
		}
		if !caps && !extra && heading(p) {
			// "Julian Assange: Sweden drops rape investigation": a
			// headline, not a place before a story.
			return "", 0, 0, false
		}
	} else if !caps && !agency && !extra && (sep == "-" || sep == "--" || !startsUpper(rest)) {
		// A place in title case alone needs a long dash and a sentence
		// after it: "Indianapolis – Several thousand teachers …".
		return "", 0, 0, false
	}
	if cut > 0 {
		placeEnd = cut // "ISLAMABAD/PENTAGON": filed from Islamabad
	}
	place = p[:placeEnd]
	if caps {
		place = titleCase(place)
	}
	return place, 0, placeEnd, true
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// heading reports whether a paragraph reads as a headline: short, and not
// ending as a sentence does.
func heading(p string) bool {
	if len(p) > 200 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(p, " "))
	return !strings.ContainsRune(".!?\"”’')…", last)
}

// capWord reads a capitalised word at p[i:]: letters, with inner '.', '\” or
// '-'. allCaps says whether it has no lower-case letter.
func capWord(p string, i int) (s, e int, allCaps, ok bool) {
	if i >= len(p) {
		return
	}
	r, n := utf8.DecodeRuneInString(p[i:])
	if !unicode.IsUpper(r) {
		return
	}
	allCaps = true
	j := i + n
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				allCaps = false
			}
			j += n
			continue
		}
		if (r == '.' || r == '\'' || r == '-' || r == '’') && j+n < len(p) {
			r2, _ := utf8.DecodeRuneInString(p[j+n:])
			if unicode.IsLetter(r2) {
				j += n
				continue
			}
		}
		break
	}
	return i, j, allCaps, true
}

// dateAt reads "Sept 23", "Sept. 23", "23 September", "Jan 5, 2021" at p[i:].
func dateAt(p string, i int) (int, bool) {
	j := i
	for j < len(p) && (isLetter(p[j])) {
		j++
	}
	if j > i && months[strings.ToLower(p[i:j])] {
		if j < len(p) && p[j] == '.' {
			j++
		}
		if j < len(p) && p[j] == ' ' {
			k := j + 1
			for k < len(p) && p[k] >= '0' && p[k] <= '9' {
				k++
			}
			if k > j+1 && k-j-1 <= 2 {
				if k+6 <= len(p) && p[k] == ',' && p[k+1] == ' ' && isDigits(p[k+2:k+6]) {
					k += 6
				}
				return k, true
			}
		}
		return 0, false
	}
	k := i
	for k < len(p) && p[k] >= '0' && p[k] <= '9' {
		k++
	}
	if k > i && k-i <= 2 && k < len(p) && p[k] == ' ' {
		m := k + 1
		for m < len(p) && isLetter(p[m]) {
			m++
		}
		if months[strings.ToLower(p[k+1:m])] {
			return m, true
		}
	}
	return 0, false
}

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// titleCase turns "NEW YORK" into "New York".
func titleCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for _, r := range s {
		if unicode.IsLetter(r) {
			if start {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start = false
			continue
		}
		b.WriteRune(r)
		start = r == ' ' || r == '-' || r == '.'
	}
	return b.String()
}
