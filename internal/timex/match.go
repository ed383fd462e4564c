package timex

import (
	"strconv"
	"time"
)

// cand is one recognised expression over words [i, j).
type cand struct {
	i, j     int
	typ, val string
	mod      string
	the      bool // a noun phrase that takes a leading "the" into its extent
	day      bool // val is a calendar day (a time of day may attach)
	ref      bool // an explicit date: later "that day" refers to it
	refT     time.Time
	refG     gran
}

// parser holds one document's words and the context of resolution.
type parser struct {
	w      []word
	anchor time.Time // publication date
	has    bool      // anchor known
	tense  func(i int) int
	ref    time.Time // the last explicit date mentioned (starts at the anchor)
	refG   gran
	refAt  int       // word index of that mention, -1 for the anchor
	refYr  bool      // that mention wrote its year ("June 1, 2009", "in 2009")
	qT     time.Time // the last quarter of the year before the anchor named ("the quarter ended Feb. 28")
	qAt    int       // word index of it, -1 for none
}

func (p *parser) low(i int) string {
	if i < 0 || i >= len(p.w) {
		return ""
	}
	return p.w[i].low
}

func (p *parser) cls(i int) uint8 {
	if i < 0 || i >= len(p.w) {
		return cNone
	}
	return p.w[i].cls
}

func (p *parser) is(i int, s string) bool { return i >= 0 && i < len(p.w) && p.w[i].low == s }

// glued reports whether word i follows word i-1 with no space.
func (p *parser) glued(i int) bool { return i > 0 && i < len(p.w) && !p.w[i].space }

func (p *parser) num(i int) (int, bool) {
	if i < 0 || i >= len(p.w) || p.w[i].kind != kNum || p.w[i].num < 0 {
		return 0, false
	}
	return int(p.w[i].num), true
}

// skipDot skips a "." glued to an abbreviation at i.
func (p *parser) skipDot(i int) int {
	if p.is(i, ".") && p.glued(i) {
		return i + 1
	}
	return i
}

// number reads a cardinal at i: digits, number words ("twenty-five", "a
// dozen"), or a vague quantity ("several", "a few": n = -1). half reports
// "and a half" style fractions read after the unit by the caller.
func (p *parser) number(i int) (n, j int, ok bool) {
	if i >= len(p.w) {
		return 0, i, false
	}
	w := &p.w[i]
	switch {
	case w.kind == kNum:
		if w.num < 0 || w.e-w.s > 4 || w.e-w.s == 4 && w.num >= 1000 && w.num < 2200 {
			return 0, i, false
		}
		// "1,000" and "2.5" are not durations we resolve
		if p.is(i+1, ",") && p.glued(i+1) && p.w[i+2].kind == kNum && p.glued(i+2) {
			return 0, i, false
		}
		if p.is(i+1, ".") && i+2 < len(p.w) && p.w[i+2].kind == kNum && p.glued(i+2) {
			return 0, i, false
		}
		return int(w.num), i + 1, true
	case w.cls == cNumber:
		v := int(w.val)
		j = i + 1
		if w.low == "a" || w.low == "an" {
			switch {
			case p.is(j, "few"):
				return -1, j + 1, true
			case p.is(j, "couple"):
				if p.is(j+1, "of") {
					return 2, j + 2, true
				}
				return 2, j + 1, true
			case p.is(j, "dozen"):
				return 12, j + 1, true
			case p.is(j, "hundred"):
				return 100, j + 1, true
			case p.is(j, "number") && p.is(j+1, "of"):
				return -1, j + 2, true
			}
			return 1, j, true
		}
		if v >= 20 && v < 100 && v%10 == 0 && p.is(j, "-") && p.glued(j) && p.cls(j+1) == cNumber && p.w[j+1].val < 10 && p.w[j+1].val > 0 {
			v += int(p.w[j+1].val)
			j += 2
		} else if v >= 20 && v < 100 && v%10 == 0 && p.cls(j) == cNumber && p.w[j].val < 10 && p.w[j].val > 0 && p.w[j].kind == kAlpha && p.w[j].low != "a" && p.w[j].low != "an" {
			// "twenty four hours", as transcripts spell it
			v += int(p.w[j].val)
			j++
		}
		if p.is(j, "hundred") {
			v *= 100
			j++
		}
		return v, j, true
	case w.cls == cFew:
		j = i + 1
		if w.low == "many" && p.is(j, "more") {
			j++
		}
		return -1, j, true
	case w.low == "couple" && p.is(i+1, "of"):
		return 2, i + 2, true
	case w.low == "single" && p.is(i+1, "-") && p.glued(i+1):
		return 1, i + 1, true // "the worst single-day fall"
	case w.low == "some" || w.low == "the":
		return 0, i, false
	}
	return 0, i, false
}

// unit reads a unit word at i (optionally after "-"): unit, plural, next.
func (p *parser) unit(i int) (u int8, plural bool, j int, ok bool) {
	switch p.cls(i) {
	case cUnit:
		return p.w[i].val, false, i + 1, true
	case cUnits:
		return p.w[i].val, true, i + 1, true
	}
	return 0, false, i, false
}

// dayNum reads a day of the month at i: "23", "23rd"; returns the day and next.
func (p *parser) dayNum(i int) (int, int, bool) {
	n, ok := p.num(i)
	if !ok || n < 1 || n > 31 || p.w[i].e-p.w[i].s > 2 {
		return 0, i, false
	}
	j := i + 1
	if j < len(p.w) && p.glued(j) {
		switch p.w[j].low {
		case "st", "nd", "rd", "th":
			j++
		}
	}
	// "23 percent", "23.5", "23:00" are not days
	if j < len(p.w) && p.glued(j) && (p.w[j].low == "%" || p.w[j].kind == kAlpha) {
		return 0, i, false
	}
	if p.is(j, ":") && p.glued(j) && j+1 < len(p.w) && p.w[j+1].kind == kNum && p.glued(j+1) {
		return 0, i, false
	}
	return n, j, true
}

// year reads a four-digit year at i (1000..2199).
func (p *parser) year(i int) (int, int, bool) {
	if i < len(p.w) && p.w[i].kind == kAlpha {
		return p.spelledYear(i)
	}
	n, ok := p.num(i)
	if !ok || p.w[i].e-p.w[i].s != 4 || n < 1000 || n > 2199 {
		return 0, i, false
	}
	if i+1 < len(p.w) && p.glued(i+1) {
		switch p.w[i+1].low {
		case "%", ":", "-":
			if p.w[i+1].low != "-" || !(i+2 < len(p.w) && p.w[i+2].kind == kNum) {
				break
			}
			return 0, i, false
		}
		if p.w[i+1].kind == kAlpha || p.w[i+1].kind == kNum {
			return 0, i, false
		}
		if (p.w[i+1].low == "," || p.w[i+1].low == ".") && i+2 < len(p.w) && p.w[i+2].kind == kNum && p.glued(i+2) {
			return 0, i, false // "2,082", "2082.1": a number
		}
	}
	return n, i + 1, true
}

// spelledYear reads a year in words, as transcripts write it: "nineteen
// ninety-seven", "nineteen oh five", "nineteen hundred"; "two thousand (and)
// three" only right after "year", a month or a season ("the year two
// thousand", "January two thousand one"), where it cannot be a count.
func (p *parser) spelledYear(i int) (int, int, bool) {
	// tens[-unit] or a teen at k: the last two digits
	small := func(k int) (int, int, bool) {
		if p.cls(k) != cNumber || p.w[k].kind != kAlpha || p.w[k].low == "a" || p.w[k].low == "an" {
			return 0, k, false
		}
		v := int(p.w[k].val)
		switch {
		case v >= 20 && v < 100 && v%10 == 0:
			if p.is(k+1, "-") && p.glued(k+1) && p.cls(k+2) == cNumber && p.w[k+2].val > 0 && p.w[k+2].val < 10 && p.w[k+2].low != "a" && p.w[k+2].low != "an" {
				return v + int(p.w[k+2].val), k + 3, true
			}
			return v, k + 1, true
		case v >= 1 && v < 20:
			return v, k + 1, true
		}
		return 0, k, false
	}
	switch p.low(i) {
	case "nineteen", "eighteen":
		c := 1900
		if p.low(i) == "eighteen" {
			c = 1800
		}
		if p.is(i+1, "hundred") {
			return c, i + 2, true
		}
		if p.is(i+1, "oh") {
			if v, j, ok := small(i + 2); ok && v < 10 {
				return c + v, j, true
			}
			return 0, i, false
		}
		if v, j, ok := small(i + 1); ok && v >= 10 {
			return c + v, j, true
		}
	case "two":
		if !p.is(i+1, "thousand") {
			break
		}
		if prev := p.low(i - 1); prev != "year" && p.cls(i-1) != cMonth && p.cls(i-1) != cSeason && !(prev == "of" && p.cls(i-2) == cSeason) {
			break
		}
		k := i + 2
		if p.is(k, "and") {
			k++
		}
		if v, j, ok := small(k); ok {
			return 2000 + v, j, true
		}
		return 2000, i + 2, true
	}
	return 0, i, false
}

// spelledYearExpr: "in nineteen ninety-one", "a nineteen ninety-seven
// attack", "the year two thousand".
func (p *parser) spelledYearExpr(i int) (cand, bool) {
	start := i
	k := i
	if p.is(i, "year") {
		k = i + 1
	}
	y, j, ok := p.spelledYear(k)
	if !ok {
		return cand{}, false
	}
	// "nineteen twenty dollars" is a price; a plural noun after it is a count
	if j < len(p.w) && p.w[j].kind == kAlpha && !p.w[j].upper {
		nx := p.w[j].low
		if len(nx) > 3 && nx[len(nx)-1] == 's' && !isFunctionWord(nx) {
			return cand{}, false
		}
	}
	return cand{i: start, j: j, typ: "DATE", val: strconv.Itoa(y), the: start < k}, true
}

// month reads a month name at i with its abbreviation dot.
func (p *parser) month(i int) (int, int, bool) {
	if p.cls(i) != cMonth || !p.w[i].upper {
		return 0, i, false
	}
	w := &p.w[i]
	full := len(w.low) > 4 || w.low == "may" || w.low == "june" || w.low == "july"
	j := i + 1
	if !full {
		j = p.skipDot(j)
	}
	if !full && j == i+1 {
		// a bare three-letter abbreviation must be followed by a number
		if _, ok := p.num(j); !ok {
			return 0, i, false
		}
	}
	return int(w.val), j, true
}

// weekday reads a weekday name at i.
func (p *parser) weekday(i int) (int, int, bool) {
	if p.cls(i) != cWeekday || !p.w[i].upper {
		return 0, i, false
	}
	w := &p.w[i]
	j := i + 1
	if len(w.low) <= 4 {
		j = p.skipDot(j)
	}
	if len(w.low) <= 4 && j == i+1 {
		return 0, i, false
	}
	return int(w.val), j, true
}

func (p *parser) pastOrFuture(i int) int {
	if p.tense == nil {
		return 0
	}
	return p.tense(i)
}

// resolveMonthDay picks the year of a month (and day, 0 for the whole month)
// given without one: the nearest such date in the tense's direction.
func (p *parser) resolveMonthDay(i, m, d int) int {
	// "sold on June 1, 2009, and merged on June 5": the year just written
	if p.refYr && p.refG == gDay && d > 0 && p.refAt >= 0 && i-p.refAt <= 15 && p.ref.Year() != p.anchor.Year() {
		return p.ref.Year()
	}
	y := p.anchor.Year()
	am, ad := int(p.anchor.Month()), p.anchor.Day()
	t := p.pastOrFuture(i)
	if p.is(i-1, "since") || p.is(i-2, "since") {
		t = -1
	}
	// "by August" sets a deadline: it is still to come
	if p.is(i-1, "by") {
		t = 1
	}
	if d == 0 {
		switch {
		case t > 0 && m < am:
			return y + 1
		case t < 0 && m-am >= 2:
			return y - 1
		case t == 0 && m-am >= 4:
			return y - 1
		case t == 0 && am-m >= 8:
			return y + 1
		}
		return y
	}
	days := date(y, m, d).Sub(date(y, am, ad)).Hours() / 24
	switch {
	case t > 0 && days < -7:
		return y + 1
	case t < 0 && days > 60:
		return y - 1
	case t == 0 && days > 150:
		return y - 1
	case t == 0 && days < -240:
		return y + 1
	}
	return y
}

// sentenceStart reports whether word i opens a sentence or a line.
func (p *parser) sentenceStart(i int) bool {
	if i <= 0 || p.w[i].nl {
		return true
	}
	switch p.w[i-1].low {
	case ".", "!", "?", "\"", "'", "`", ":", "(", "\u201c":
		return true
	}
	return p.w[i-1].kind == kPunct && p.w[i-1].e-p.w[i-1].s > 1
}

func (p *parser) setRef(c *cand, t time.Time, g gran) {
	c.ref, c.refT, c.refG = true, t, g
}

// core tries every pattern at word i and returns the longest match.
func (p *parser) core(i int) (cand, bool) {
	var best cand
	found := false
	try := func(c cand, ok bool) {
		if ok && (!found || c.j > best.j) {
			best, found = c, true
		}
	}
	w := &p.w[i]
	switch w.kind {
	case kNum:
		try(p.coordDay(i))
		try(p.numericDate(i))
		try(p.dayMonth(i))
		try(p.clock(i))
		try(p.yearExpr(i))
		try(p.quantity(i))
		try(p.decade(i))
		try(p.ordinalPeriod(i))
	case kPunct:
		if w.low == "'" || w.low == "\u2019" {
			try(p.decade(i))
			// "since '82"
			if n, ok := p.num(i + 1); ok && p.glued(i+1) && p.w[i+1].e-p.w[i+1].s == 2 && !p.is(i+2, "s") {
				switch p.low(i - 1) {
				case "since", "in", "of", "from", "until", "by", "before", "after", "class":
					y := 1900 + n
					if p.has && 2000+n <= p.anchor.Year() {
						y = 2000 + n
					}
					try(cand{i: i, j: i + 2, typ: "DATE", val: strconv.Itoa(y)}, true)
				}
			}
		}
	case kAlpha:
		switch w.cls {
		case cMonth:
			try(p.monthExpr(i))
		case cWeekday:
			try(p.weekdayExpr(i))
		case cWeekdays:
			if w.upper {
				try(cand{i: i, j: i + 1, typ: "SET", val: "XXXX-WXX-" + strconv.Itoa(int(w.val))}, true)
			}
		case cNumber, cFew:
			try(p.quantity(i))
			try(p.spelledYearExpr(i))
		case cOrdinal:
			try(p.ordinalPeriod(i))
			try(p.dayMonth(i))
		case cRel:
			try(p.relExpr(i))
			// "next year's first quarter", "last year's quarter"
			if (w.low == "last" || w.low == "next" || w.low == "this") && p.has && p.is(i+1, "year") && p.is(i+2, "'") && p.is(i+3, "s") {
				y := p.anchor.Year()
				if w.low == "last" {
					y--
				} else if w.low == "next" {
					y++
				}
				k := i + 4
				if p.is(k, "fiscal") {
					k++
				}
				if n := ordinalAt(p, k); n >= 1 && n <= 4 && p.is(k+1, "quarter") {
					try(cand{i: i, j: k + 2, typ: "DATE", val: strconv.Itoa(y) + "-Q" + strconv.Itoa(n)}, true)
				} else if n >= 1 && n <= 2 && p.is(k+1, "half") {
					try(cand{i: i, j: k + 2, typ: "DATE", val: strconv.Itoa(y) + "-H" + strconv.Itoa(n)}, true)
				} else if w.low == "last" && (p.is(k, "quarter") || p.is(k, "period")) {
					try(cand{i: i, j: k + 1, typ: "DATE", val: format(shift(p.lastQuarter(), uYear, -1), gQuarter)}, true)
				}
			}
			// "the last half of 1989", "the last quarter of 2020"
			if w.low == "last" && p.is(i-1, "the") && (p.is(i+1, "half") || p.is(i+1, "quarter")) {
				if y, k, ok := p.ofYear(i + 2); ok {
					v := strconv.Itoa(y) + "-H2"
					if p.is(i+1, "quarter") {
						v = strconv.Itoa(y) + "-Q4"
					}
					try(cand{i: i, j: k, typ: "DATE", val: v, the: true}, true)
				}
			}
		case cDeictic:
			try(p.deictic(i))
		case cEdge:
			try(p.edgeExpr(i))
		case cSeason:
			try(p.seasonExpr(i, 0))
		case cSet:
			try(p.setWord(i))
		case cUnits:
			try(p.bareUnits(i))
		case cUnit:
			try(p.bareUnit(i))
		case cDayPart:
			try(p.dayPart(i))
		}
		switch w.low {
		case "second", "final": // "the second quarter", "second-half", "the final quarter"
			try(p.ordinalPeriod(i))
		case "half":
			try(p.halfA(i))
		case "single":
			try(p.quantity(i))
		case "fy":
			try(p.fiscal(i))
		case "every", "each", "per":
			try(p.every(i))
		case "fiscal":
			try(p.fiscal(i))
		case "same", "corresponding", "comparable":
			try(p.samePeriod(i))
		case "day":
			if p.superlativeBefore(i) && p.has {
				d := p.anchor
				if p.refG == gDay && p.refAt >= 0 && i-p.refAt < 25 {
					d = p.ref
				}
				try(cand{i: i, j: i + 1, typ: "DATE", val: format(d, gDay), day: true}, true)
			}
		case "week":
			// "their best week since November": the week being reported
			if p.superlativeBefore(i) && p.has {
				try(cand{i: i, j: i + 1, typ: "DATE", val: format(p.anchor, gWeek)}, true)
			}
			// "the week of March 6": that date's week
			if p.is(i-1, "the") && p.is(i+1, "of") && p.cls(i+2) == cMonth {
				if c, ok := p.monthExpr(i + 2); ok && c.day && c.refG == gDay {
					try(cand{i: i, j: c.j, typ: "DATE", val: format(c.refT, gWeek), the: true}, true)
				}
			}
		case "year":
			if p.is(i-1, "the") {
				try(p.spelledYearExpr(i))
			}
		case "q":
			try(p.qQuarter(i))
		case "once", "twice":
			try(p.every(i))
		case "latest", "most":
			k := i + 1
			if w.low == "most" && p.is(k, "recent") {
				k++
			} else if w.low == "most" {
				break
			}
			if p.is(i-1, "the") && (p.is(k, "quarter") || p.is(k, "period")) && p.has {
				try(cand{i: i, j: k + 1, typ: "DATE", val: format(p.lastQuarter(), gQuarter), the: true}, true)
			}
			// "the latest fiscal year": the last one reported
			if p.is(i-1, "the") && p.is(k, "fiscal") && p.is(k+1, "year") && p.has {
				try(cand{i: i, j: k + 2, typ: "DATE", val: strconv.Itoa(p.anchor.Year() - 1), the: true}, true)
			}
		case "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties":
			if p.is(i-1, "the") || p.cls(i-1) == cEdge && p.is(i-2, "the") {
				d := map[string]int{"twenties": 192, "thirties": 193, "forties": 194, "fifties": 195, "sixties": 196,
					"seventies": 197, "eighties": 198, "nineties": 199}[w.low]
				try(cand{i: i, j: i + 1, typ: "DATE", val: strconv.Itoa(d), the: true}, true)
			}
		case "near", "short", "long":
			if p.is(i-1, "the") && p.is(i+1, "term") {
				try(cand{i: i, j: i + 2, typ: "DATE", val: "FUTURE_REF", the: true}, true)
			}
		case "time":
			if p.is(i-1, "the") && p.is(i+1, "being") {
				try(cand{i: i, j: i + 2, typ: "DATE", val: "PRESENT_REF", the: true}, true)
			} else if p.is(i-1, "the") && p.is(i-2, "at") && !p.is(i+1, "of") && !p.is(i+1, "when") {
				try(cand{i: i, j: i + 1, typ: "DATE", val: "PAST_REF", the: true}, true)
			}
		case "these":
			if p.is(i+1, "days") {
				try(cand{i: i, j: i + 2, typ: "DATE", val: "PRESENT_REF"}, true)
			}
		case "christmas", "thanksgiving", "halloween", "new", "valentine", "independence", "easter", "labor", "memorial",
			"good", "palm", "ash", "holy", "maundy":
			try(p.holiday(i))
		}
	}
	return best, found
}

// at matches at word i with the leading modifiers an expression may take:
// "the", approximations ("about", "more than", "at least"), and returns the
// candidate with its extent.
func (p *parser) at(i int) (cand, bool) {
	w := &p.w[i]
	// approximations and bounds before a quantity or an "ago" date
	mod, k := "", i
	switch {
	case w.cls == cApprox:
		mod, k = "APPROX", i+1
		if w.val == mNearly {
			mod = "LESS_THAN"
		} else if w.val == mMore {
			mod = "MORE_THAN"
		}
		if p.is(k, "of") { // "some of"
			mod = ""
		}
	case (w.low == "more" || w.low == "less" || w.low == "fewer") && p.is(i+1, "than"):
		mod, k = "MORE_THAN", i+2
		if w.low != "more" {
			mod = "LESS_THAN"
		}
	case w.low == "at" && (p.is(i+1, "least") || p.is(i+1, "most")):
		mod, k = "EQUAL_OR_MORE", i+2
		if p.is(i+1, "most") {
			mod = "EQUAL_OR_LESS"
		}
	case w.low == "up" && p.is(i+1, "to"):
		mod, k = "EQUAL_OR_LESS", i+2
	case w.low == "just" || w.low == "only" || w.low == "well":
		if p.is(i+1, "over") || p.is(i+1, "under") {
			mod, k = "MORE_THAN", i+2
			if p.is(i+1, "under") {
				mod = "LESS_THAN"
			}
		}
	case w.low == "under" || w.low == "within":
		mod, k = "LESS_THAN", i+1
		if w.low == "within" {
			mod, k = "", i
		}
	}
	if mod != "" && k < len(p.w) {
		if p.is(k, "the") && w.low != "over" {
			if c, ok := p.core(k + 1); ok && c.the && c.typ == "DURATION" {
				c.i, c.mod = i, mod
				return c, true
			}
		}
		if c, ok := p.core(k); ok && (c.typ == "DURATION" || c.mod == "ago") {
			c.i, c.mod = i, mod
			return c, true
		}
	}
	if w.low == "the" && i+1 < len(p.w) {
		if c, ok := p.core(i + 1); ok && c.the {
			c.i = i
			return c, true
		}
		// "the 1990s", "the past", "the future", "the weekend"
		return cand{}, false
	}
	if w.cls == cNone && w.kind == kAlpha && w.low != "fiscal" && w.low != "every" && w.low != "each" &&
		w.low != "per" && w.low != "q" && w.low != "once" && w.low != "twice" && !isHolidayWord(w.low) &&
		w.low != "near" && w.low != "short" && w.low != "long" && w.low != "time" && w.low != "these" &&
		w.low != "latest" && w.low != "most" && w.low != "final" && w.low != "fy" && w.low != "single" && !isDecadeWord(w.low) {
		return cand{}, false
	}
	c, ok := p.core(i)
	if ok && c.mod == "ago" {
		c.mod = ""
	}
	return c, ok
}

// superlativeBefore: "the worst day since 2008", "their best week in a
// year": the unit at i is the one being reported.
func (p *parser) superlativeBefore(i int) bool {
	switch p.low(i - 1) {
	case "best", "worst", "biggest", "strongest", "weakest", "busiest", "quietest", "sharpest", "steepest":
	default:
		return false
	}
	switch p.low(i + 1) {
	case "since", "in", "ever", "of":
		return true
	}
	return false
}

// presentNoun: what "today's" describes as of the present age, not of the
// day: "today's world", "today's youth".
func presentNoun(s string) bool {
	switch s {
	case "world", "society", "youth", "young", "generation", "children", "kids", "students", "economy", "standards",
		"technology", "computers", "cars", "media", "culture", "politics", "consumers", "families", "workers",
		"workplace", "environment", "climate", "global", "modern", "military", "army":
		return true
	}
	return false
}

func isDecadeWord(s string) bool {
	switch s {
	case "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties":
		return true
	}
	return false
}

func isHolidayWord(s string) bool {
	switch s {
	case "christmas", "thanksgiving", "halloween", "new", "valentine", "independence", "easter", "labor", "memorial",
		"good", "palm", "ash", "holy", "maundy":
		return true
	}
	return false
}

// --- absolute dates ---------------------------------------------------------

// monthExpr: "Sept. 23", "September 23, 2021", "September 2021", "September".
func (p *parser) monthExpr(i int) (cand, bool) {
	m, j, ok := p.month(i)
	if !ok {
		return cand{}, false
	}
	// Month Day [,] [Year]
	if d, k, ok := p.dayNum(j); ok {
		if m == 9 && d == 11 {
			switch p.low(k) {
			case "attacks", "attack", "terrorist", "terror", "commission", "hijackers", "hijacker", "attackers":
				return cand{}, false
			}
		}
		// "May 2021" is a year, not a day: dayNum refuses 4 digits
		k2 := k
		if p.is(k2, ",") {
			k2++
		}
		if y, k3, ok := p.year(k2); ok && validDay(y, m, d) {
			c := cand{i: i, j: k3, typ: "DATE", val: format(date(y, m, d), gDay), day: true}
			p.setRef(&c, date(y, m, d), gDay)
			return c, true
		}
		if !p.has {
			return cand{i: i, j: k, typ: "DATE", val: "XXXX-" + two(m) + "-" + two(d), day: true}, true
		}
		y := p.resolveMonthDay(i, m, d)
		if !validDay(y, m, d) {
			return cand{}, false
		}
		c := cand{i: i, j: k, typ: "DATE", val: format(date(y, m, d), gDay), day: true}
		p.setRef(&c, date(y, m, d), gDay)
		return c, true
	}
	// Month [of] [,] Year
	k := j
	if p.is(k, "of") || p.is(k, ",") {
		k++
	}
	if y, k2, ok := p.year(k); ok {
		c := cand{i: i, j: k2, typ: "DATE", val: format(date(y, m, 1), gMonth)}
		p.setRef(&c, date(y, m, 1), gMonth)
		return c, true
	}
	// "'98"
	if p.is(j, "'") {
		if n, ok := p.num(j + 1); ok && p.w[j+1].e-p.w[j+1].s == 2 {
			y := 1900 + n
			if n < 50 {
				y = 2000 + n
			}
			return cand{i: i, j: j + 2, typ: "DATE", val: format(date(y, m, 1), gMonth)}, true
		}
	}
	// "May" and "March" alone are words, not months, unless the context says so.
	w := &p.w[i]
	if w.low == "may" || w.low == "march" || w.low == "mar" || w.low == "jan" || w.low == "dec" {
		prev := p.low(i - 1)
		switch prev {
		case "in", "of", "since", "until", "till", "from", "through", "by", "last", "next", "this", "early", "mid",
			"late", "before", "after", "during", "between", "and", "or", "to", "-", "end", "beginning", "in-":
		default:
			return cand{}, false
		}
		if prev == "-" && p.low(i-2) != "mid" {
			return cand{}, false
		}
	}
	if !p.has {
		return cand{i: i, j: j, typ: "DATE", val: "XXXX-" + two(m)}, true
	}
	// "last March", "next May", "this June" are handled by relExpr
	y := p.resolveMonthDay(i, m, 0)
	c := cand{i: i, j: j, typ: "DATE", val: format(date(y, m, 1), gMonth)}
	// "March of that year": the year last written
	if p.is(j, "of") && p.is(j+1, "that") && p.is(j+2, "year") && p.refAt >= 0 {
		y = p.ref.Year()
		c := cand{i: i, j: j + 3, typ: "DATE", val: format(date(y, m, 1), gMonth)}
		p.setRef(&c, date(y, m, 1), gMonth)
		return c, true
	}
	// "January this year", "June last year", "October of next year"
	if p.is(j, "of") && (p.is(j+1, "this") || p.is(j+1, "last") || p.is(j+1, "next")) && p.is(j+2, "year") {
		j++
	}
	if p.is(j, "this") || p.is(j, "last") || p.is(j, "next") {
		if p.is(j+1, "year") {
			y = p.anchor.Year()
			if p.is(j, "last") {
				y--
			} else if p.is(j, "next") {
				y++
			}
			c.j = j + 2
			c.val = format(date(y, m, 1), gMonth)
		}
	}
	p.setRef(&c, date(y, m, 1), gMonth)
	return c, true
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// dayMonth: "23 September 2021", "23rd of September", "the 23rd of Sept".
func (p *parser) dayMonth(i int) (cand, bool) {
	var d, j int
	var ok bool
	if p.cls(i) == cOrdinal {
		d, j, ok = int(p.w[i].val), i+1, p.w[i].val <= 31
	} else {
		d, j, ok = p.dayNum(i)
	}
	if !ok {
		return cand{}, false
	}
	if p.is(j, "of") {
		j++
	}
	m, k, ok := p.month(j)
	if !ok {
		return cand{}, false
	}
	k2 := k
	if p.is(k2, ",") {
		k2++
	}
	if y, k3, ok := p.year(k2); ok && validDay(y, m, d) {
		c := cand{i: i, j: k3, typ: "DATE", val: format(date(y, m, d), gDay), day: true, the: true}
		p.setRef(&c, date(y, m, d), gDay)
		return c, true
	}
	if !p.has {
		return cand{i: i, j: k, typ: "DATE", val: "XXXX-" + two(m) + "-" + two(d), day: true, the: true}, true
	}
	y := p.resolveMonthDay(i, m, d)
	if !validDay(y, m, d) {
		return cand{}, false
	}
	c := cand{i: i, j: k, typ: "DATE", val: format(date(y, m, d), gDay), day: true, the: true}
	p.setRef(&c, date(y, m, d), gDay)
	return c, true
}

// numericDate: "2021-09-23", "2021/09/23", "9/23/2021", "9/23/21", "9/23".
func (p *parser) numericDate(i int) (cand, bool) {
	a, ok := p.num(i)
	if !ok || i+2 >= len(p.w) {
		return cand{}, false
	}
	sep := p.w[i+1].low
	if (sep != "-" && sep != "/" && sep != ".") || !p.glued(i+1) || !p.glued(i+2) {
		return cand{}, false
	}
	b, ok := p.num(i + 2)
	if !ok {
		return cand{}, false
	}
	la := p.w[i].e - p.w[i].s
	// ISO: YYYY-MM-DD
	if la == 4 && sep != "." {
		if p.is(i+3, sep) && p.glued(i+3) && p.glued(i+4) {
			d, ok := p.num(i + 4)
			if ok && validDay(a, b, d) && p.w[i+4].e-p.w[i+4].s <= 2 {
				end := i + 5
				c := cand{i: i, j: end, typ: "DATE", val: format(date(a, b, d), gDay), day: true}
				p.setRef(&c, date(a, b, d), gDay)
				// "2021-09-23T10:00"
				if p.is(end, "T") || end < len(p.w) && p.glued(end) && p.w[end].low == "t" {
					if h, ok := p.num(end + 1); ok && p.is(end+2, ":") {
						if mi, ok := p.num(end + 3); ok && h < 24 && mi < 60 {
							c.j = end + 4
							c.typ = "TIME"
							c.val += "T" + two(h) + ":" + two(mi)
							c.day = false
						}
					}
				}
				return c, true
			}
		}
		// YYYY-MM
		if sep == "-" && b >= 1 && b <= 12 && p.w[i+2].e-p.w[i+2].s == 2 && !(p.is(i+3, "-") && p.glued(i+3)) {
			return cand{i: i, j: i + 3, typ: "DATE", val: format(date(a, b, 1), gMonth)}, true
		}
		return cand{}, false
	}
	if sep != "/" || la > 2 || p.w[i+2].e-p.w[i+2].s > 2 {
		return cand{}, false
	}
	// a preceding number makes it a fraction: "2 1/2"
	if i > 0 && p.w[i-1].kind == kNum {
		return cand{}, false
	}
	m, d := a, b
	if m > 12 && d <= 12 {
		m, d = d, m
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return cand{}, false
	}
	if p.is(i+3, "/") && p.glued(i+3) && p.glued(i+4) {
		if y, ok := p.num(i + 4); ok {
			l := p.w[i+4].e - p.w[i+4].s
			if l == 2 {
				y += 1900
				if y < 1950 {
					y += 100
				}
			} else if l != 4 {
				return cand{}, false
			}
			if !validDay(y, m, d) {
				return cand{}, false
			}
			c := cand{i: i, j: i + 5, typ: "DATE", val: format(date(y, m, d), gDay), day: true}
			p.setRef(&c, date(y, m, d), gDay)
			return c, true
		}
	}
	// M/D without a year only after "on", "since", "until", "by", "from".
	switch p.low(i - 1) {
	case "on", "since", "until", "by", "from", "before", "after":
	default:
		return cand{}, false
	}
	if !p.has {
		return cand{i: i, j: i + 3, typ: "DATE", val: "XXXX-" + two(m) + "-" + two(d), day: true}, true
	}
	y := p.resolveMonthDay(i, m, d)
	if !validDay(y, m, d) {
		return cand{}, false
	}
	return cand{i: i, j: i + 3, typ: "DATE", val: format(date(y, m, d), gDay), day: true}, true
}

// yearExpr: a four-digit year; "1998's".
func (p *parser) yearExpr(i int) (cand, bool) {
	y, j, ok := p.year(i)
	if !ok {
		return cand{}, false
	}
	// "the 1988 second quarter", "the 1990 first half"
	if p.is(i-1, "the") {
		k := j
		if p.is(k, "fiscal") {
			k++
		}
		n := int(p.w[k].val)
		if p.is(k, "second") {
			n = 2 // a unit word too
		}
		if p.cls(k) == cOrdinal || p.is(k, "second") {
			if p.is(k+1, "quarter") && n >= 1 && n <= 4 {
				return cand{i: i, j: k + 2, typ: "DATE", val: strconv.Itoa(y) + "-Q" + strconv.Itoa(n), the: true}, true
			}
			if p.is(k+1, "half") && n >= 1 && n <= 2 {
				return cand{i: i, j: k + 2, typ: "DATE", val: strconv.Itoa(y) + "-H" + strconv.Itoa(n), the: true}, true
			}
		}
	}
	prev := p.low(i - 1)
	if prev == "$" || prev == "#" || prev == "no" || prev == "number" || prev == "No" {
		return cand{}, false
	}
	if i > 0 && p.glued(i) && (p.w[i-1].kind == kNum || p.w[i-1].kind == kAlpha || prev == "." || prev == "-" || prev == "/" || prev == ",") {
		if !(prev == "-" && (p.cls(i-2) == cEdge || p.is(i-2, "post") || p.is(i-2, "pre"))) {
			return cand{}, false
		}
	}
	// "Windows 2000", "Russell 2000", "Vision 2030": a name, not a year
	if i > 0 && p.w[i-1].kind == kAlpha && p.w[i-1].upper && p.w[i].space && !p.w[i].nl && p.cls(i-1) == cNone && !p.sentenceStart(i-1) &&
		(y == 2000 || p.has && y > p.anchor.Year()+5 || j < len(p.w) && p.w[j].kind == kAlpha && p.w[j].upper && !p.w[j].nl) {
		switch prev {
		case "in", "since", "of", "from", "until", "by", "before", "after", "during", "through", "and", "or", "fiscal", "year", "summer", "spring", "winter", "autumn", "fall":
		default:
			return cand{}, false
		}
	}
	// "2000 troops": a count, not a year
	if j < len(p.w) && p.w[j].kind == kAlpha && !p.w[j].upper {
		nx := p.w[j].low
		if len(nx) > 3 && nx[len(nx)-1] == 's' && !isFunctionWord(nx) && p.cls(j) != cUnits {
			return cand{}, false
		}
		switch nx {
		case "people", "men", "women", "children", "troops", "soldiers", "feet", "meters", "metres", "miles",
			"km", "kilometers", "kilometres", "pounds", "tons", "tonnes", "dollars", "euros", "points", "votes",
			"barrels", "units", "cars", "jobs", "deaths", "cases", "residents", "workers", "police", "staff", "employees":
			return cand{}, false
		}
	}
	if y < 1800 {
		switch prev {
		case "in", "since", "of", "from", "until", "by", "year", "before", "after", "around", "circa":
		default:
			return cand{}, false
		}
	}
	c := cand{i: i, j: j, typ: "DATE", val: strconv.Itoa(y)}
	p.setRef(&c, date(y, 1, 1), gYear)
	// "2021's third quarter", "the 1988 third quarter"
	k := j
	if p.is(k, "'") && p.is(k+1, "s") {
		k += 2
	}
	if c2, ok := p.quarterAfterYear(k, y); ok {
		c2.i = i
		return c2, true
	}
	return c, true
}

func isFunctionWord(s string) bool {
	switch s {
	case "was", "is", "has", "as", "its", "this", "his", "hers", "ours", "theirs", "thus", "does", "yes",
		"plus", "less", "unless", "across", "towards", "afterwards", "besides", "whereas", "always", "perhaps", "sales",
		"results", "earnings", "elections", "talks", "protests", "games", "olympics", "levels", "figures", "prices",
		"rates", "losses", "profits", "revenues", "budgets", "accounts", "statements", "reports", "standards", "terms",
		"funds", "series", "finals", "crisis", "census", "models", "plans", "laws", "rules", "estimates":
		return true
	}
	return false
}

// quarterAfterYear: "1988 third quarter", "1988 second-quarter".
func (p *parser) quarterAfterYear(k, y int) (cand, bool) {
	if p.is(k, "fiscal") {
		k++
	}
	if p.cls(k) != cOrdinal {
		return cand{}, false
	}
	q := int(p.w[k].val)
	j := k + 1
	if p.is(j, "-") {
		j++
	}
	if p.is(j, "quarter") && q >= 1 && q <= 4 {
		return cand{j: j + 1, typ: "DATE", val: strconv.Itoa(y) + "-Q" + strconv.Itoa(q), the: true}, true
	}
	if p.is(j, "half") && q >= 1 && q <= 2 {
		return cand{j: j + 1, typ: "DATE", val: strconv.Itoa(y) + "-H" + strconv.Itoa(q), the: true}, true
	}
	return cand{}, false
}

// decade: "1990s", "the 1990s", "'90s", "the 90s", "1900s" (a century).
func (p *parser) decade(i int) (cand, bool) {
	k := i
	apos := false
	if p.is(k, "'") {
		apos = true
		k++
	}
	n, ok := p.num(k)
	if !ok {
		return cand{}, false
	}
	l := p.w[k].e - p.w[k].s
	j := k + 1
	if p.is(j, "'") && p.glued(j) {
		j++
	}
	if !p.is(j, "s") || !p.glued(j) {
		return cand{}, false
	}
	j++
	switch {
	case l == 4 && n%10 == 0 && n >= 1000 && n < 2200:
		if n%100 == 0 && n != 2000 {
			return cand{i: i, j: j, typ: "DATE", val: strconv.Itoa(n / 100), the: true}, true
		}
		return cand{i: i, j: j, typ: "DATE", val: strconv.Itoa(n / 10), the: true}, true
	case l == 2 && n%10 == 0:
		// "the 90s", but "in his 30s" is an age
		// "the 70s and 80s": the second decade of a pair takes the first's "the"
		pair := (p.is(i-1, "and") || p.is(i-1, "or") || p.is(i-1, "to")) && p.is(i-2, "s") && p.glued(i-2) &&
			p.w[i-3].kind == kNum && p.w[i-3].e-p.w[i-3].s == 2
		if !apos && !pair && !p.is(i-1, "the") && !(p.cls(i-1) == cEdge && p.is(i-2, "the")) {
			return cand{}, false
		}
		y := 1900 + n
		if n <= 20 && (apos || n != 0) && n < 30 {
			y = 2000 + n
		}
		if n == 0 && apos {
			y = 2000
		}
		return cand{i: i, j: j, typ: "DATE", val: strconv.Itoa(y / 10), the: true}, true
	}
	return cand{}, false
}

// ordinalPeriod: "the third quarter", "third-quarter", "the first half of
// 2021", "the 20th century", "the first nine months".
func (p *parser) ordinalPeriod(i int) (cand, bool) {
	var n, j int
	if p.is(i, "final") {
		// "the final quarter (of 2012)": the fourth
		if k := i + 1; p.is(k, "quarter") || p.is(k, "-") && p.is(k+1, "quarter") {
			n, j = 4, i+1
		} else {
			return cand{}, false
		}
	} else if o := ordinalAt(p, i); o > 0 {
		n, j = o, i+1
	} else if v, ok := p.num(i); ok && p.w[i].e-p.w[i].s <= 2 && i+1 < len(p.w) && p.glued(i+1) {
		switch p.low(i + 1) {
		case "st", "nd", "rd", "th":
			n, j = v, i+2
		default:
			return cand{}, false
		}
	} else {
		return cand{}, false
	}
	if p.is(j, "-") {
		j++
	}
	if p.is(j, "fiscal") {
		j++
	}
	switch {
	case p.is(j, "quarter") && n >= 1 && n <= 4:
		c := cand{i: i, j: j + 1, typ: "DATE", the: true}
		y, k, ok := p.ofYear(j + 1)
		if ok {
			c.j = k
		} else if !p.has {
			c.val = "XXXX-Q" + strconv.Itoa(n)
			return c, true
		} else if e, ok := p.endedOn(j + 1); ok {
			y = e.Year() // "its fiscal third quarter ended Feb. 28"
		} else {
			y = p.anchor.Year()
			if aq := (int(p.anchor.Month())-1)/3 + 1; n > aq && p.pastOrFuture(i) < 0 {
				y-- // "profits rose in the fourth quarter", said in March
			}
		}
		c.val = strconv.Itoa(y) + "-Q" + strconv.Itoa(n)
		return c, true
	case p.is(j, "half") && n >= 1 && n <= 2:
		switch p.low(j + 1) {
		case "goal", "goals", "penalty", "header", "strike", "substitute", "stoppage", "equaliser", "equalizer", "winner", "try":
			return cand{}, false // a game's half
		}
		if p.is(j+1, "of") && p.is(j+2, "the") && (p.is(j+3, "match") || p.is(j+3, "game") || p.is(j+3, "season")) {
			return cand{}, false
		}
		c := cand{i: i, j: j + 1, typ: "DATE", the: true}
		y, k, ok := p.ofYear(j + 1)
		if ok {
			c.j = k
		} else if !p.has {
			c.val = "XXXX-H" + strconv.Itoa(n)
			return c, true
		} else {
			y = p.anchor.Year()
			if n == 2 && p.anchor.Month() <= 6 && p.pastOrFuture(i) < 0 {
				y-- // "sales slowed in the second half", said in March
			}
		}
		c.val = strconv.Itoa(y) + "-H" + strconv.Itoa(n)
		return c, true
	case p.is(j, "century") && n >= 1 && n <= 22:
		return cand{i: i, j: j + 1, typ: "DATE", val: two(n - 1), the: true}, true
	case p.is(j, "week") && n >= 1 && n <= 4:
		if c, ok := p.weekOfMonth(i, j+1, n); ok {
			return c, true
		}
	}
	// "for a second day", "the third straight day", "the eighth day of the
	// offensive": the day being reported (the anchor, or the day just named)
	k := j
	switch p.low(k) {
	case "straight", "consecutive", "successive", "running":
		k++
	}
	if n >= 2 && n < 100 && (p.is(k, "day") || p.is(k, "week")) && !p.is(k+1, "-") && p.has &&
		(p.is(i-1, "a") || p.is(i-1, "the") || p.is(i-1, "its") || p.is(i-1, "for")) {
		d := p.anchor
		if p.refG == gDay && p.refAt >= 0 && i-p.refAt < 25 {
			d = p.ref
		}
		c := cand{i: i, j: k + 1, typ: "DATE", val: format(d, gDay), the: true, day: true}
		if p.is(k, "week") {
			c.val, c.day = format(d, gWeek), false
		}
		if p.is(i-1, "a") {
			c.i = i - 1
		}
		return c, true
	}
	// "the first nine months", "the first two years"
	if p.cls(i) == cOrdinal && n == 1 && j == i+1 {
		if q, k, ok := p.number(j); ok && q > 1 {
			if u, _, k2, ok := p.unit(k); ok && u != uSecond {
				return cand{i: i, j: k2, typ: "DURATION", val: duration(q, u), the: true}, true
			}
		}
	}
	return cand{}, false
}

// weekOfMonth: "the first week of March", "the last week of February 2012"
// (n < 0 for the last): the ISO week holding the 4th (the 11th, ...) of the
// month, or its last day but three. k is the word after "week".
func (p *parser) weekOfMonth(i, k, n int) (cand, bool) {
	if !p.is(k, "of") || p.cls(k+1) != cMonth {
		return cand{}, false
	}
	c, ok := p.monthExpr(k + 1)
	if !ok || c.day || c.refG != gMonth || c.typ != "DATE" {
		return cand{}, false
	}
	d := c.refT.AddDate(0, 0, 7*(n-1)+3)
	if n < 0 {
		d = c.refT.AddDate(0, 1, -4)
	}
	return cand{i: i, j: c.j, typ: "DATE", val: format(d, gWeek), the: true}, true
}

// endedOn reads "ended Sept. 30", ", which ended on Feb. 28, 2013" after a
// period and returns that day.
func (p *parser) endedOn(k int) (time.Time, bool) {
	if p.is(k, ",") {
		k++
	}
	if p.is(k, "that") || p.is(k, "which") {
		k++
	}
	if !p.is(k, "ended") && !p.is(k, "ending") && !p.is(k, "ends") {
		return time.Time{}, false
	}
	k++
	if p.is(k, "on") {
		k++
	}
	if p.cls(k) != cMonth {
		return time.Time{}, false
	}
	if c, ok := p.monthExpr(k); ok && c.ref && c.refG == gDay {
		return c.refT, true
	}
	return time.Time{}, false
}

// ofYear reads "of 2021", "of this year", "of last year" after a period.
func (p *parser) ofYear(k int) (int, int, bool) {
	if !p.is(k, "of") {
		return 0, k, false
	}
	if y, j, ok := p.year(k + 1); ok {
		return y, j, true
	}
	if p.has && p.is(k+2, "year") {
		switch p.low(k + 1) {
		case "this":
			return p.anchor.Year(), k + 3, true
		case "last":
			return p.anchor.Year() - 1, k + 3, true
		case "next":
			return p.anchor.Year() + 1, k + 3, true
		}
	}
	return 0, k, false
}

// qQuarter: "Q3", "Q3 2021".
func (p *parser) qQuarter(i int) (cand, bool) {
	if !p.w[i].upper || i+1 >= len(p.w) || !p.glued(i+1) {
		return cand{}, false
	}
	q, ok := p.num(i + 1)
	if !ok || q < 1 || q > 4 || p.w[i+1].e-p.w[i+1].s != 1 {
		return cand{}, false
	}
	if y, j, ok := p.year(i + 2); ok {
		return cand{i: i, j: j, typ: "DATE", val: strconv.Itoa(y) + "-Q" + strconv.Itoa(q)}, true
	}
	if !p.has {
		return cand{i: i, j: i + 2, typ: "DATE", val: "XXXX-Q" + strconv.Itoa(q)}, true
	}
	return cand{i: i, j: i + 2, typ: "DATE", val: strconv.Itoa(p.anchor.Year()) + "-Q" + strconv.Itoa(q)}, true
}

// fiscal: "fiscal 2021", "fiscal year 2021", "fiscal 1998's", "FY2021",
// "FY21"; "the fiscal year" (ended June 30: a span).
func (p *parser) fiscal(i int) (cand, bool) {
	j := i + 1
	fy := p.is(i, "fy")
	if !fy && p.is(j, "year") {
		j++
	}
	if y, k, ok := p.year(j); ok {
		return cand{i: i, j: k, typ: "DATE", val: strconv.Itoa(y), the: true}, true
	}
	if fy {
		if n, ok := p.num(j); ok && p.glued(j) && p.w[j].e-p.w[j].s == 2 && p.w[i].upper {
			return cand{i: i, j: j + 1, typ: "DATE", val: strconv.Itoa(2000 + n)}, true
		}
		return cand{}, false
	}
	if j == i+2 && p.has {
		switch p.low(i - 1) {
		case "the", "its", "their", "this":
			if p.is(j, "ended") || p.is(j, "ending") || p.is(j, "that") && (p.is(j+1, "ended") || p.is(j+1, "ends")) {
				return cand{i: i, j: j, typ: "DURATION", val: "P1Y", the: true}, true
			}
			if p.is(j, "'") || p.is(j, "before") || p.is(j, "after") {
				return cand{}, false
			}
			c := cand{i: i, j: j, typ: "DATE", val: strconv.Itoa(p.anchor.Year()), the: true}
			if p.is(i-1, "this") {
				c.i = i - 1
			}
			return c, true
		}
	}
	return cand{}, false
}

// halfA: "half a century", "half an hour", "half a century ago".
func (p *parser) halfA(i int) (cand, bool) {
	if !p.is(i+1, "a") && !p.is(i+1, "an") {
		return cand{}, false
	}
	u, plural, k, ok := p.unit(i + 2)
	if !ok || plural {
		return cand{}, false
	}
	var n int
	var v int8
	switch u {
	case uCentury:
		n, v = 50, uYear
	case uDecade:
		n, v = 5, uYear
	case uYear:
		n, v = 6, uMonth
	case uDay:
		n, v = 12, uHour
	case uHour:
		n, v = 30, uMinute
	default:
		return cand{}, false
	}
	c := cand{i: i, j: k, typ: "DURATION", val: duration(n, v)}
	if p.is(k, "ago") || p.is(k, "earlier") && p.is(k+1, ".") {
		c.j = k + 1
		c.mod = "ago"
		if v == uHour || v == uMinute || !p.has {
			c.typ, c.val = "DATE", "PAST_REF"
			return c, true
		}
		g := gYear
		if v == uMonth {
			g = gMonth
		}
		c.typ, c.val = "DATE", format(shift(p.anchor, v, -n), g)
	}
	return c, true
}

// --- weekdays ---------------------------------------------------------------

// weekdayOffset is the number of days from the anchor to the named weekday
// (1 = Monday) in the given direction: dir < 0 the last one (today if it is
// that day), dir > 0 the next one (today if it is that day).
func weekdayOffset(anchor time.Time, wd int, dir int) int {
	aw := int(anchor.Weekday())
	if aw == 0 {
		aw = 7
	}
	if dir > 0 {
		return (wd - aw + 7) % 7
	}
	return -((aw - wd + 7) % 7)
}

// weekdayExpr: "Thursday", "Thursday, Sept. 23", "Thursday night".
func (p *parser) weekdayExpr(i int) (cand, bool) {
	wd, j, ok := p.weekday(i)
	if !ok {
		return cand{}, false
	}
	switch p.low(i - 1) {
	case "black", "cyber", "super", "bloody", "good", "ash", "holy", "easter", "palm":
		if p.w[i-1].upper {
			return cand{}, false // "Black Monday", "Good Friday": named days
		}
	}
	// "Thursday, Sept. 23 [, 2021]" or "Thursday 23 September"
	k := j
	if p.is(k, ",") {
		k++
	}
	if c, ok := p.monthExpr(k); ok && c.day {
		c.i = i
		return p.withDayPart(c), true
	}
	if c, ok := p.dayMonth(k); ok {
		c.i = i
		return p.withDayPart(c), true
	}
	// "Tuesday nights": every Tuesday night; "Monday and Tuesday nights": both
	pl := j
	if (p.is(j, "and") || p.is(j, "or")) && p.cls(j+1) == cWeekday {
		pl = j + 2
	}
	switch p.low(pl) {
	case "mornings", "afternoons", "evenings", "nights":
		part := map[string]int8{"mornings": pMorning, "afternoons": pAfternoon, "evenings": pEvening, "nights": pNight}[p.low(pl)]
		c := cand{i: i, j: j, typ: "SET", val: "XXXX-WXX-" + strconv.Itoa(wd) + "T" + partCode[part]}
		if pl == j {
			c.j = j + 1
		}
		return c, true
	}
	// "every Monday and Thursday": both
	if (p.is(i-1, "and") || p.is(i-1, "or")) && p.cls(i-2) == cWeekday && (p.is(i-3, "every") || p.is(i-3, "each")) {
		return cand{i: i, j: j, typ: "SET", val: "XXXX-WXX-" + strconv.Itoa(wd)}, true
	}
	c := cand{i: i, j: j, typ: "DATE", day: true}
	if !p.has {
		c.val = "XXXX-WXX-" + strconv.Itoa(wd)
		return p.withDayPart(c), true
	}
	t := p.pastOrFuture(i)
	dir := -1
	if t > 0 || p.is(i-1, "until") || p.is(i-1, "till") || t == 0 && (p.is(i-1, "before") || p.is(i-1, "by")) ||
		p.is(i-1, "as") && p.is(i-2, "soon") {
		dir = 1
	}
	// "Friday's purchases", "Wednesday's ruling": a possessive weekday names
	// an event reported on, whatever the tense of the clause around it
	if p.is(j, "'") && p.glued(j) && p.is(j+1, "s") && !p.is(i-1, "until") && !p.is(i-1, "till") && !p.is(i-1, "by") {
		dir = -1
	}
	d := p.anchor.AddDate(0, 0, weekdayOffset(p.anchor, wd, dir))
	c.val = format(d, gDay)
	p.setRef(&c, d, gDay)
	return p.withDayPart(c), true
}

// withDayPart extends a day with "night", "morning" ... into a TIME.
func (p *parser) withDayPart(c cand) cand {
	j := c.j
	if p.cls(j) == cDayPart && len(c.val) == 10 || p.cls(j) == cDayPart && len(c.val) > 4 && c.val[4] == '-' {
		c.j = j + 1
		c.typ = "TIME"
		c.val += "T" + partCode[p.w[j].val]
		c.day = false
		return c
	}
	return c
}

// --- relative expressions ---------------------------------------------------

func (p *parser) anchorOrRef(useRef bool) (time.Time, bool) {
	if useRef && p.refG != 0 {
		return p.ref, true
	}
	return p.anchor, p.has
}

// relExpr: "last week", "next month", "this year", "the past three years",
// "the coming months", "that day", "last Thursday", "this summer", ...
func (p *parser) relExpr(i int) (cand, bool) {
	w := &p.w[i]
	rel := w.val
	j := i + 1
	if rel == rThis && p.is(j, "past") { // "this past weekend"
		rel, j = rLast, j+1
	}
	// "last fiscal year", "the current fiscal year", "next fiscal quarter"
	if p.is(j, "fiscal") && (p.is(j+1, "year") || p.is(j+1, "quarter")) {
		j++
	}
	// the past / the present as nouns
	if (rel == rPast || rel == rCurrent && w.low == "present") && p.is(i-1, "the") {
		if _, _, _, ok := p.unit(j); !ok {
			if _, _, ok := p.number(j); !ok || p.is(j, "a") || p.is(j, "an") {
				if p.cls(j) != cSeason && p.cls(j) != cWeekday && p.cls(j) != cMonth && p.cls(j) != cFew && !p.is(j, "few") {
					v := "PAST_REF"
					if rel == rCurrent {
						v = "PRESENT_REF"
					}
					// "the past" as an adjective before a noun is not a time
					if j < len(p.w) && p.w[j].kind == kAlpha && !isFunctionWord(p.w[j].low) && p.w[j].low != "and" &&
						p.w[j].low != "or" && p.w[j].low != "but" && p.w[j].low != "when" && p.w[j].low != "that" &&
						p.w[j].low != "the" && p.w[j].low != "with" && p.w[j].low != "for" && p.w[j].low != "in" &&
						p.w[j].low != "to" && p.w[j].low != "of" && p.w[j].low != "on" && p.w[j].low != "at" &&
						p.w[j].low != "by" && p.w[j].low != "i" && p.w[j].low != "we" && p.w[j].low != "he" &&
						p.w[j].low != "she" && p.w[j].low != "they" && p.w[j].low != "it" && p.w[j].low != "have" &&
						p.w[j].low != "had" && p.w[j].low != "been" && p.w[j].low != "were" && p.w[j].low != "are" {
						return cand{}, false
					}
					return cand{i: i, j: j, typ: "DATE", val: v, the: true}, true
				}
			}
		}
	}
	if rel == rPast && !p.is(i-1, "the") && !p.is(i-1, "this") && !p.is(i-1, "over") && !p.is(i-1, "in") &&
		!p.is(i-1, "for") && !p.is(i-1, "during") && !p.is(i-1, "within") {
		// "past" alone is an adjective ("past mistakes") or a preposition
		if _, _, ok := p.number(j); !ok {
			if _, _, _, ok := p.unit(j); !ok {
				return cand{}, false
			}
		}
	}
	// "the past three years", "the next two weeks", "the last few months": durations
	if rel == rPast || rel == rLast || rel == rNext || rel == rComing || rel == rFollow || rel == rPrev {
		if n, k, ok := p.number(j); ok && !(p.is(j, "a") || p.is(j, "an")) {
			k2 := k
			if p.is(k2, "-") {
				k2++
			}
			if u, _, k3, ok := p.unit(k2); ok {
				if n < 0 && rel != rPast && rel != rLast && rel != rNext && rel != rComing {
					return cand{}, false
				}
				c := cand{i: i, j: k3, typ: "DURATION", val: duration(n, u), the: true}
				if p.is(k3, "or") && p.is(k3+1, "so") {
					c.j = k3 + 2
				}
				return c, true
			}
		}
	}
	// "recent years", "coming months": vague spans
	if (rel == rRecent || rel == rComing) && p.cls(j) == cUnits {
		// "recent years" is the recent past; "recent weeks", "coming years"
		// are vague spans (as the TimeBank and MEANTIME annotators have them)
		if rel == rRecent && p.w[j].val == uYear {
			return cand{i: i, j: j + 1, typ: "DATE", val: "PAST_REF", the: true}, true
		}
		return cand{i: i, j: j + 1, typ: "DURATION", val: duration(-1, p.w[j].val), the: true}, true
	}
	// "the current crisis", "recent losses": the present and the recent past
	if (rel == rRecent || rel == rCurrent && w.low == "current") && j < len(p.w) && p.w[j].kind == kAlpha && !p.w[j].upper {
		if _, _, _, ok := p.unit(j); !ok {
			switch p.w[j].low {
			case "account", "accounts", "affairs", "flows", "flow", "and", "or", "of", "to", "is", "was":
			default:
				v := "PAST_REF"
				if rel == rCurrent {
					v = "PRESENT_REF"
				}
				return cand{i: i, j: j, typ: "DATE", val: v}, true
			}
		}
	}
	// "the last week of February"
	if rel == rLast && p.is(j, "week") {
		if c, ok := p.weekOfMonth(i, j+1, -1); ok {
			return c, true
		}
	}
	// rel + unit
	if u, plural, k, ok := p.unit(j); ok && !plural {
		return p.relUnit(i, k, rel, u)
	}
	// rel + weekday: "last Thursday", "next Friday", "this Monday"
	if wd, k, ok := p.weekday(j); ok && (rel == rLast || rel == rNext || rel == rThis || rel == rComing || rel == rPast) {
		c := cand{i: i, j: k, typ: "DATE", day: true}
		if !p.has {
			c.val = "XXXX-WXX-" + strconv.Itoa(wd)
			return p.withDayPart(c), true
		}
		var off int
		switch rel {
		case rLast, rPast:
			off = weekdayOffset(p.anchor, wd, -1)
			if off == 0 {
				off = -7
			}
		case rNext, rComing:
			off = weekdayOffset(p.anchor, wd, 1)
			if off == 0 {
				off = 7
			}
		default:
			dir := -1
			if p.pastOrFuture(i) > 0 {
				dir = 1
			}
			off = weekdayOffset(p.anchor, wd, dir)
		}
		d := p.anchor.AddDate(0, 0, off)
		c.val = format(d, gDay)
		p.setRef(&c, d, gDay)
		return p.withDayPart(c), true
	}
	// rel + month: "last March", "next May", "this June"
	if m, k, ok := p.month(j); ok && (rel == rLast || rel == rNext || rel == rThis || rel == rPast || rel == rComing) {
		if !p.has {
			return cand{i: i, j: k, typ: "DATE", val: "XXXX-" + two(m)}, true
		}
		y := p.anchor.Year()
		am := int(p.anchor.Month())
		switch rel {
		case rLast, rPast:
			if m >= am {
				y--
			}
		case rNext, rComing:
			if m <= am {
				y++
			}
		}
		c := cand{i: i, j: k, typ: "DATE", val: format(date(y, m, 1), gMonth)}
		if d, k2, ok := p.dayNum(k); ok && validDay(y, m, d) {
			c.j, c.val, c.day = k2, format(date(y, m, d), gDay), true
			p.setRef(&c, date(y, m, d), gDay)
			return c, true
		}
		p.setRef(&c, date(y, m, 1), gMonth)
		return c, true
	}
	// rel + season
	if p.cls(j) == cSeason {
		return p.seasonExpr(j, rel)
	}
	// "the next morning", "the previous evening": from the day last mentioned
	if p.cls(j) == cDayPart && p.is(i-1, "the") && p.refG == gDay && (rel == rNext || rel == rFollow || rel == rPrev) {
		n := 1
		if rel == rPrev {
			n = -1
		}
		return cand{i: i, j: j + 1, typ: "TIME", val: format(p.ref.AddDate(0, 0, n), gDay) + "T" + partCode[p.w[j].val], the: true}, true
	}
	// "that night", "the same morning": the day last mentioned
	if p.cls(j) == cDayPart && p.has && (rel == rThat || rel == rSame && p.is(i-1, "the")) && p.refG == gDay {
		return cand{i: i, j: j + 1, typ: "TIME", val: format(p.ref, gDay) + "T" + partCode[p.w[j].val], the: true}, true
	}
	// rel + day part: "this morning", "last night", "this evening"
	if p.cls(j) == cDayPart && p.has && (rel == rThis || rel == rLast) {
		d := p.anchor
		if rel == rLast {
			if p.w[j].val != pNight && p.w[j].val != pEvening {
				return cand{}, false
			}
			d = d.AddDate(0, 0, -1)
		}
		return cand{i: i, j: j + 1, typ: "TIME", val: format(d, gDay) + "T" + partCode[p.w[j].val]}, true
	}
	return cand{}, false
}

// relUnit resolves rel + a singular unit: "last week", "the past year",
// "that day", "the following month".
func (p *parser) relUnit(i, k int, rel, u int8) (cand, bool) {
	c := cand{i: i, j: k, typ: "DATE", the: true}
	g := unitGran(u)
	if u == uSecond || u == uMinute || u == uHour || u == uHalf {
		// "at the last minute", "a last-minute deal": an idiom, no span
		if rel == rLast && u == uMinute && !p.is(i-2, "in") && !p.is(i-2, "over") && !p.is(i-2, "for") && !p.is(i-2, "within") {
			return cand{}, false
		}
		if rel == rPast || rel == rLast || rel == rNext || rel == rComing {
			c.typ, c.val = "DURATION", duration(1, u)
			return c, true
		}
		return cand{}, false
	}
	useRef := false
	n := 0
	switch rel {
	case rLast:
		n = -1
		if u == uDecade || u == uCentury {
			if p.is(i-1, "the") {
				c.typ, c.val = "DURATION", duration(1, u)
				return c, true
			}
		}
		if u == uDay {
			return cand{}, false // "the last day" is not yesterday
		}
	case rPast:
		// "over the past year", "in the past year" name last year (as the
		// corpora have it); "for the past year" is a span
		if u == uYear && p.has && p.is(i-1, "the") && !p.is(i-2, "for") && !p.is(i-2, "within") {
			c.val = strconv.Itoa(p.anchor.Year() - 1)
			return c, true
		}
		c.typ, c.val = "DURATION", duration(1, u)
		return c, true
	case rNext, rComing:
		n = 1
		if p.is(i-1, "the") && u != uWeekend {
			// "the next day" is relative to the story's time; "the next year" too
			useRef = true
		}
	case rThis, rCurrent:
		if rel == rCurrent && !p.is(i-1, "the") {
			return cand{}, false
		}
	case rPrev:
		n, useRef = -1, true
	case rFollow:
		n, useRef = 1, true
	case rSame, rThat:
		useRef = true
		if rel == rThat && u == uWeekend {
			return cand{}, false
		}
	case rRecent:
		return cand{}, false
	}
	base, ok := p.anchorOrRef(useRef)
	if !ok {
		return cand{}, false
	}
	if useRef && p.refG > g && p.has {
		base = p.anchor // "that day" after "in 2009": no day was said
	}
	if u == uDay && !useRef {
		return cand{}, false // "this day" and "next day" without "the" are rare and vague
	}
	t := shift(base, u, n)
	if u == uWeekend && rel == rLast {
		t = base.AddDate(0, 0, -((int(base.Weekday())+1)%7)-1) // the Saturday before
	}
	c.val = format(t, g)
	if g == gDay {
		c.day = true
	}
	if u == uYear || u == uMonth || u == uDay {
		p.setRef(&c, t, g) // "last year ... the year before"
	}
	return c, true
}

// seasonExpr: "summer", "this summer", "last fall", "summer 2021", "the summer of 1998".
func (p *parser) seasonExpr(i int, rel int8) (cand, bool) {
	s := p.w[i].val
	start := i
	if rel != 0 {
		start = i - 1
	}
	j := i + 1
	k := j
	if p.is(k, "of") {
		k++
	}
	if y, k2, ok := p.year(k); ok {
		return cand{i: start, j: k2, typ: "DATE", val: strconv.Itoa(y) + "-" + seasonCode[s], the: true}, true
	}
	if rel == 0 {
		prev := p.low(i - 1)
		if p.w[i].low == "fall" || p.w[i].low == "spring" {
			// the verb and the spring of water, unless a time word is around
			if prev != "this" && prev != "last" && prev != "next" && prev != "early" && prev != "late" && prev != "mid" && prev != "-" {
				if !(prev == "the" && (p.low(i-2) == "in" || p.low(i-2) == "during" || p.low(i-2) == "by" || p.low(i-2) == "until" || p.low(i-2) == "since")) {
					return cand{}, false
				}
			}
		} else if prev != "the" && prev != "in" && prev != "this" && prev != "their" && prev != "its" && prev != "our" && prev != "his" && prev != "her" && prev != "during" && prev != "by" && prev != "until" && prev != "since" && prev != "early" && prev != "late" && prev != "mid" && prev != "-" && prev != "last" && prev != "next" && prev != "of" {
			return cand{}, false
		}
		if p.w[i].upper && i > 0 && !p.w[i].nl && p.low(i-1) != "." {
			// "Arab Spring", "Prague Spring"
			if p.w[i-1].upper {
				return cand{}, false
			}
		}
	}
	if !p.has {
		return cand{i: start, j: j, typ: "DATE", val: "XXXX-" + seasonCode[s], the: true}, true
	}
	y := p.anchor.Year()
	cur := seasonOf(p.anchor.Month())
	if p.anchor.Month() <= 2 {
		y-- // January is still the previous year's winter
	}
	switch rel {
	case rLast, rPast:
		if s >= cur {
			y--
		}
	case rNext, rComing:
		if s <= cur {
			y++
		}
	case rThis:
		// "this winter", said in March: the winter just gone
		if s == sWinter && cur == sSpring && p.pastOrFuture(i) <= 0 {
			y--
		}
	default:
		t := p.pastOrFuture(i)
		if t < 0 && s > cur {
			y--
		} else if t > 0 && s < cur {
			y++
		}
	}
	return cand{i: start, j: j, typ: "DATE", val: strconv.Itoa(y) + "-" + seasonCode[s], the: true}, true
}

// --- deictic words ----------------------------------------------------------

func (p *parser) deictic(i int) (cand, bool) {
	w := &p.w[i]
	c := cand{i: i, j: i + 1, typ: "DATE"}
	day := func(off int) (cand, bool) {
		if !p.has {
			return cand{}, false
		}
		d := p.anchor.AddDate(0, 0, off)
		c.val = format(d, gDay)
		c.day = true
		p.setRef(&c, d, gDay)
		return p.withDayPart(c), true
	}
	switch w.val {
	case dYesterday:
		return day(-1)
	case dToday:
		if p.is(i+1, "'") && p.is(i+2, "s") && p.cls(i+3) == cNone && !p.is(i+3, "date") {
			// "today's world", "today's GM": the present, not the day
			k := i + 3
			// a name ends the phrase ("today's Russia is", "today's GM."), not
			// "today's Senate vote"
			name := p.w[k].upper && !p.w[k].nl && (p.w[k+1].kind != kAlpha || !p.w[k+1].upper && p.cls(k+1) == cNone && len(p.w[k+1].low) <= 3)
			if p.w[k].kind == kAlpha && (name || presentNoun(p.w[k].low)) {
				return cand{i: i, j: i + 1, typ: "DATE", val: "PRESENT_REF"}, true
			}
		}
		return day(0)
	case dTomorrow:
		return day(1)
	case dTonight:
		if !p.has {
			return cand{}, false
		}
		c.typ, c.val = "TIME", format(p.anchor, gDay)+"TNI"
		return c, true
	case dNow:
		if p.is(i+1, "-") && p.glued(i+1) {
			return cand{}, false // "now-cancelled"
		}
		if p.is(i-1, "right") || p.is(i-1, "just") {
			c.i = i - 1
		}
		c.val = "PRESENT_REF"
		return c, true
	case dCurrently, dNowadays:
		c.val = "PRESENT_REF"
		return c, true
	case dRecently, dLately, dPreviously, dFormerly:
		c.val = "PAST_REF"
		if p.is(i-1, "more") || p.is(i-1, "most") || p.is(i-1, "until") {
			c.i = i - 1
		}
		return c, true
	case dSoon:
		if p.is(i+1, "-") && p.glued(i+1) {
			return cand{}, false
		}
		if p.is(i-1, "as") || p.is(i+1, "after") || p.is(i+1, "afterwards") || p.is(i+1, "thereafter") {
			if p.is(i-1, "as") && p.is(i+1, "as") && p.is(i+2, "possible") {
				return cand{i: i - 1, j: i + 3, typ: "DATE", val: "FUTURE_REF"}, true
			}
			return cand{}, false
		}
		c.val = "FUTURE_REF"
		return c, true
	case dFuture:
		prev := p.low(i - 1)
		switch prev {
		case "the", "near", "foreseeable", "distant", "immediate":
		default:
			return cand{}, false // "future losses": too often left unmarked
		}
		if prev == "the" && p.w[i].low == "future" {
			// "the future of Afghanistan" is not a time
			if p.is(i+1, "of") {
				return cand{}, false
			}
			c.i = i - 1
		} else if prev != "the" {
			c.i = i - 1
			if p.is(i-2, "the") {
				c.i = i - 2
			}
		}
		c.val = "FUTURE_REF"
		return c, true
	case dNoon, dMidnight:
		if !p.has {
			return cand{}, false
		}
		v := "T12:00"
		if w.val == dMidnight {
			v = "T24:00"
		}
		c.typ, c.val = "TIME", format(p.anchor, gDay)+v
		// "noon Friday", "midnight Thursday"
		k := i + 1
		if p.is(k, "on") {
			k++
		}
		if c2, ok := p.core(k); ok && c2.day && c2.typ == "DATE" {
			c.j, c.val = c2.j, c2.val+v
		}
		return c, true
	}
	return cand{}, false
}

// dayPart: "morning" etc. without a day: only "the morning" after a day was said.
func (p *parser) dayPart(i int) (cand, bool) {
	if !p.is(i-1, "the") || p.refG == 0 {
		return cand{}, false
	}
	switch p.low(i - 2) {
	case "in", "during", "by", "early", "late", "through", "throughout":
	default:
		return cand{}, false
	}
	if p.refG != gDay {
		return cand{}, false
	}
	return cand{i: i, j: i + 1, typ: "TIME", val: format(p.ref, gDay) + "T" + partCode[p.w[i].val], the: true}, true
}

// --- quantities: durations, "ago", ages --------------------------------------

// quantity: "three years", "two-year", "14 years", "a decade", "three days
// ago", "a year earlier", "5 years old", "two and a half years".
func (p *parser) quantity(i int) (cand, bool) {
	n, j, ok := p.number(i)
	if !ok {
		return cand{}, false
	}
	half := false
	// "two and a half years", "2 1/2 years"
	if p.is(j, "and") && p.is(j+1, "a") && p.is(j+2, "half") {
		half, j = true, j+3
	} else if p.is(j, "1") && p.is(j+1, "/") && p.is(j+2, "2") {
		half, j = true, j+3
	}
	hyph := false
	if p.is(j, "-") && p.glued(j) {
		hyph = true
		j++
	}
	adj := false
	if !hyph {
		switch p.low(j) {
		case "more", "additional", "consecutive", "straight", "successive", "full", "long", "trading", "business",
			"working", "calendar", "further", "extra", "whole", "entire", "previous", "short":
			if _, _, _, ok := p.unit(j + 1); ok {
				j++
				adj = true
			}
		}
	}
	u, plural, k, ok := p.unit(j)
	if !ok {
		return cand{}, false
	}
	// "a year-earlier loss", "a year-ago quarter": last year's, not a duration
	if !hyph && p.is(k, "-") && p.glued(k) && (p.is(k+1, "earlier") || p.is(k+1, "ago")) {
		return cand{}, false
	}
	first := &p.w[i]
	// "Islam will one day be ...": some time to come, not a day long
	if first.low == "one" && u == uDay && !plural && k == i+2 {
		switch p.low(i - 1) {
		case "will", "would", "could", "may", "might", "shall", "should", "ll":
			return cand{i: i, j: k, typ: "DATE", val: "FUTURE_REF"}, true
		}
	}
	if n == 1 && (first.low == "a" || first.low == "an") {
		// "a second time", "a quarter of", "a half": not durations
		if u == uSecond || u == uHalf || u == uQuarter && !p.is(k, "century") && !p.is(k, "ago") && !p.is(k, "earlier") && !p.is(k, "later") {
			return cand{}, false
		}
		// "$5 a year", "twice a week": a frequency
		if i > 0 && (p.w[i-1].kind == kNum || p.is(i-1, "twice") || p.is(i-1, "once") || p.is(i-1, "times")) &&
			!p.is(k, "ago") && !p.is(k, "earlier") && !p.is(k, "before") && !p.is(k, "later") {
			c := cand{i: i, j: k, typ: "SET", val: duration(1, u)}
			if p.is(i-1, "twice") || p.is(i-1, "once") {
				c.i = i - 1
			}
			return c, true
		}
	}
	if u == uHalf {
		return cand{}, false
	}
	if u == uSecond && first.kind != kNum && n > 0 && n < 2 {
		return cand{}, false
	}
	if u == uQuarter && (p.is(k, "of") && !adj && n >= 0 || hyph && plural) { // "three quarters of", but "several quarters of losses"
		return cand{}, false
	}
	if u == uQuarter && p.is(k, "century") {
		return cand{i: i, j: k + 1, typ: "DURATION", val: duration(25*max(n, 1), uYear)}, true
	}
	if !half && p.is(k, "and") && p.is(k+1, "a") && p.is(k+2, "half") {
		half, k = true, k+3
	}
	approx := false
	if p.is(k, "or") && p.is(k+1, "so") && !hyph {
		approx, k = true, k+2 // "a week or so (ago)"
	}
	_ = plural
	val := duration(n, u)
	if half && n >= 0 {
		val = halfDuration(n, u)
	}
	c := cand{i: i, j: k, typ: "DURATION", val: val, the: true}
	if approx {
		c.mod = "APPROX"
	}
	if hyph {
		// "two-year-old": an age, which TimeML corpora leave out
		if p.is(k, "-") && p.is(k+1, "old") {
			return cand{}, false
		}
		return c, true
	}
	// after the unit: ago, earlier, later, old, from now
	switch p.low(k) {
	case "ago", "back":
		if p.low(k) == "back" && !(p.is(k+1, ",") || p.is(k+1, ".") || p.w[k+1].kind == 0) {
			return c, true
		}
		c.j = k + 1
		c.mod = "ago"
		return p.shifted(c, -n, u, false, half), true
	case "earlier", "before":
		if p.low(k) == "before" && !(p.is(k+1, ",") || p.is(k+1, ".") || p.w[k+1].kind == 0) {
			return c, true // "three months before the war": a duration and a signal
		}
		c.j = k + 1
		c.mod = "ago"
		return p.shifted(c, -n, u, true, half), true
	case "later":
		// "three days later": TimeML corpora mark the span, not the date
		return c, true
	case "from":
		if p.is(k+1, "now") {
			c.j = k + 2
			c.mod = "ago"
			return p.shifted(c, n, u, false, half), true
		}
	case "old":
		return cand{}, false
	}
	return c, true
}

// shifted turns a quantity into the date n units from the anchor (or from the
// last date mentioned, for "earlier"/"later").
func (p *parser) shifted(c cand, n int, u int8, fromRef, half bool) cand {
	c.typ = "DATE"
	c.the = false
	if c.val != "" && (c.val[1] == 'X' || len(c.val) > 2 && c.val[1] == 'T' && c.val[2] == 'X') {
		// "several years ago", "a few days later"
		if n > 0 {
			c.val = "PAST_REF"
		} else {
			c.val = "FUTURE_REF"
		}
		if p.low(c.j-1) == "ago" || p.low(c.j-1) == "earlier" || p.low(c.j-1) == "before" || p.low(c.j-1) == "back" {
			c.val = "PAST_REF"
		} else {
			c.val = "FUTURE_REF"
		}
		return c
	}
	if n == 0 || half {
		if n < 0 || half && n <= 0 {
			c.val = "PAST_REF"
		} else {
			c.val = "FUTURE_REF"
		}
		if half {
			if u == uYear && p.has {
				base := p.anchor
				if fromRef {
					base, _ = p.anchorOrRef(true)
				}
				m := -(abs(n)*12 + 6)
				if n > 0 {
					m = -m
				}
				c.val = format(shift(base, uMonth, m), gMonth)
			}
		}
		return c
	}
	if c.val == "" || c.val[1] == 'X' || c.val[1] == 'T' && c.val[2] == 'X' {
		if n < 0 {
			c.val = "PAST_REF"
		} else {
			c.val = "FUTURE_REF"
		}
		return c
	}
	base, ok := p.anchor, p.has
	if !ok {
		c.val = ""
		return c
	}
	g := unitGran(u)
	if g == gDecade || g == gCentury {
		g = gYear // "a decade ago" is a year
	}
	// "it opened in 2010; a year earlier ...": from the date just written,
	// when it is at least as fine as the unit
	if fromRef && p.refYr && p.refAt >= 0 && c.i-p.refAt <= 40 && p.ref.Year() != p.anchor.Year() &&
		(p.refG == gDay || p.refG == gMonth && u != uDay && u != uWeek || p.refG == gYear && (u == uYear || u == uDecade || u == uCentury)) {
		c.val = format(shift(p.ref, u, n), g)
		c.day = g == gDay
		return c
	}
	if u == uYear && n == -1 && p.quarterTalk(c.i) {
		// results news: "up from $3 million a year earlier" is the same
		// quarter a year before: the one just named, or the one just reported
		c.val = format(shift(p.reportedQuarter(c.i), uYear, -1), gQuarter)
		return c
	}
	t := shift(base, u, n)
	if u == uHour || u == uMinute || u == uSecond {
		c.typ = "DATE"
		g = gDay
	}
	c.val = format(t, g)
	if g == gDay {
		c.day = true
	}
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// bareUnits: "for years", "within days", "years ago", "in recent years".
func (p *parser) bareUnits(i int) (cand, bool) {
	u := p.w[i].val
	if p.is(i+1, "ago") {
		return cand{i: i, j: i + 2, typ: "DATE", val: "PAST_REF"}, true
	}
	// "hours later", "weeks earlier": a vague span (the span, not the date, as
	// with "three days later")
	if (p.is(i+1, "later") || p.is(i+1, "earlier")) && p.cls(i-1) == cNone && p.w[i-1].kind != kNum && u != uSecond && u != uQuarter {
		return cand{i: i, j: i + 1, typ: "DURATION", val: duration(-1, u)}, true
	}
	prev := p.low(i - 1)
	// "closed on weekends": every weekend
	if u == uWeekend && (prev == "on" || prev == "at" || prev == "during") {
		return cand{i: i, j: i + 1, typ: "SET", val: "XXXX-WXX-WE"}, true
	}
	if prev == "in" && !(p.w[i+1].kind == 0 || p.w[i+1].kind == kPunct) {
		prev = ""
	}
	if p.is(i+1, "-") && p.glued(i+1) && p.is(i+2, "long") {
		if u == uDecade || u == uCentury {
			u = uYear // "decades-long": PXY
		}
		return cand{i: i, j: i + 3, typ: "DURATION", val: duration(-1, u)}, true
	}
	if (prev == "just" || prev == "only") && (p.is(i-2, "in") || p.is(i-2, "within") || p.is(i-2, "for")) {
		prev = "for"
	}
	if prev == "in" && i+1 < len(p.w) && p.w[i+1].upper && p.w[i+1].nl == false && p.w[i+1].kind == kAlpha {
		prev = "for"
	}
	if prev == "the" && (p.is(i-2, "over") || p.is(i-2, "through")) && u == uYear {
		return cand{i: i, j: i + 1, typ: "DURATION", val: "PXY", the: true}, true
	}
	switch prev {
	case "for", "within", "over", "after", "in":
		if u == uSecond || u == uWeekend || u == uQuarter {
			return cand{}, false
		}
		// "for years to come"
		return cand{i: i, j: i + 1, typ: "DURATION", val: duration(-1, u)}, true
	}
	return cand{}, false
}

// bareUnit: "the year", "the quarter", "the weekend", "the day".
func (p *parser) bareUnit(i int) (cand, bool) {
	u := p.w[i].val
	if !p.has {
		return cand{}, false
	}
	// "year-earlier results", "the year-ago quarter": last year
	if u == uYear && p.is(i+1, "-") && p.glued(i+1) && (p.is(i+2, "earlier") || p.is(i+2, "ago")) {
		// "the year-earlier third quarter"
		if n := ordinalAt(p, i+3); n >= 1 && n <= 4 && p.is(i+4, "quarter") {
			return cand{i: i, j: i + 5, typ: "DATE", val: strconv.Itoa(p.anchor.Year()-1) + "-Q" + strconv.Itoa(n), the: true}, true
		}
		if p.is(i+3, "quarter") || p.is(i+3, "period") {
			// "the year-ago quarter": the quarter just reported, a year before
			return cand{i: i, j: i + 4, typ: "DATE", val: format(shift(p.reportedQuarter(i), uYear, -1), gQuarter), the: true}, true
		}
		return cand{i: i, j: i + 3, typ: "DATE", val: format(shift(p.anchor, uYear, -1), gYear), the: true}, true
	}
	// "year-end", "year end", "year's end"
	if u == uYear {
		k := i + 1
		if p.is(k, "-") || p.is(k, "'") && p.is(k+1, "s") {
			k++
			if p.is(k, "s") {
				k++
			}
		}
		if p.is(k, "end") {
			return cand{i: i, j: k + 1, typ: "DATE", val: format(p.anchor, gYear), mod: "END", the: true}, true
		}
	}
	if p.is(i+1, "-") && p.is(i+2, "long") {
		return cand{i: i, j: i + 3, typ: "DURATION", val: duration(1, u)}, true
	}
	start := i
	switch p.low(i - 1) {
	case "entire", "whole", "full":
		if p.is(i-2, "the") && (u == uYear || u == uMonth || u == uWeek || u == uDay) {
			c := cand{i: i - 2, j: i + 1, typ: "DATE", val: format(p.anchor, unitGran(u)), the: true}
			if u == uYear {
				c.val = strconv.Itoa(p.yearJustEnded(i))
			}
			if u == uWeek || u == uDay {
				c.typ, c.val = "DURATION", duration(1, u)
			}
			return c, true
		}
	}
	_ = start
	if !p.is(i-1, "the") {
		return cand{}, false
	}
	// "the day before yesterday", "the day after tomorrow"
	if u == uDay && p.has && (p.is(i+1, "before") && p.is(i+2, "yesterday") || p.is(i+1, "after") && p.is(i+2, "tomorrow")) {
		d := p.anchor.AddDate(0, 0, -2)
		if p.is(i+2, "tomorrow") {
			d = p.anchor.AddDate(0, 0, 2)
		}
		c := cand{i: i, j: i + 3, typ: "DATE", val: format(d, gDay), the: true, day: true}
		p.setRef(&c, d, gDay)
		return c, true
	}
	// "the year before.", "the day after,": a step from the date last written
	if (p.is(i+1, "before") || p.is(i+1, "after")) && (p.is(i+2, ",") || p.is(i+2, ".") || p.is(i+2, ";") || p.w[i+2].kind == 0) &&
		(u == uDay || u == uWeek || u == uMonth || u == uYear) {
		n := 1
		if p.is(i+1, "before") {
			n = -1
		}
		base, g := p.anchor, unitGran(u)
		if p.refAt >= 0 && i-p.refAt <= 40 && p.refG <= g {
			base = p.ref
		}
		c := cand{i: i, j: i + 2, typ: "DATE", val: format(shift(base, u, n), g), the: true, day: g == gDay}
		return c, true
	}
	prev2 := p.low(i - 2)
	switch u {
	case uDay:
		switch prev2 {
		case "end", "ended", "ending", "ends", "finish", "finished", "for", "during", "close", "closed", "of", "in", "throughout", "on":
		default:
			return cand{}, false
		}
		if p.is(i+1, "before") || p.is(i+1, "after") || p.is(i+1, "of") || p.is(i+1, "when") || p.is(i+1, "'") {
			return cand{}, false
		}
		base, _ := p.anchorOrRef(true)
		if p.refG != gDay {
			base = p.anchor
		}
		return cand{i: i, j: i + 1, typ: "DATE", val: format(base, gDay), the: true, day: true}, true
	case uWeek:
		// "the end of the week", "the rest of the week", "earlier in the
		// week": this week
		if !(prev2 == "of" && (p.cls(i-3) == cEdge || p.is(i-3, "rest") || p.is(i-3, "remainder")) ||
			prev2 == "in" && (p.is(i-3, "earlier") || p.is(i-3, "later"))) || p.is(i+1, "of") || p.is(i+1, "before") || p.is(i+1, "after") {
			return cand{}, false
		}
		return cand{i: i, j: i + 1, typ: "DATE", val: format(p.anchor, gWeek), the: true}, true
	case uWeekend:
		dir := -1
		if p.pastOrFuture(i) > 0 {
			dir = 1
		}
		sat := p.anchor.AddDate(0, 0, weekdayOffset(p.anchor, 6, dir))
		return cand{i: i, j: i + 1, typ: "DATE", val: format(sat, gWeekend), the: true}, true
	case uYear, uQuarter, uMonth:
		switch prev2 {
		case "in", "for", "during", "of", "through", "throughout":
		default:
			return cand{}, false
		}
		if (p.is(i+1, "ended") || p.is(i+1, "ending")) && u == uYear {
			// "the year ended June 30": a fiscal period, a span
			return cand{i: i, j: i + 1, typ: "DURATION", val: duration(1, u), the: true}, true
		}
		if p.is(i+1, "of") || p.is(i+1, "'") || p.is(i+1, "before") || p.is(i+1, "after") {
			return cand{}, false
		}
		if u == uQuarter {
			// "the quarter ended July 31": the calendar quarter most of it lies in
			if e, ok := p.endedOn(i + 1); ok {
				return cand{i: i, j: i + 1, typ: "DATE", val: format(e.AddDate(0, 0, -45), gQuarter), the: true}, true
			}
			// results news: "the quarter" is the one just reported
			return cand{i: i, j: i + 1, typ: "DATE", val: format(p.reportedQuarter(i), gQuarter), the: true}, true
		}
		if u == uYear {
			return cand{i: i, j: i + 1, typ: "DATE", val: strconv.Itoa(p.yearJustEnded(i)), the: true}, true
		}
		return cand{i: i, j: i + 1, typ: "DATE", val: format(p.anchor, unitGran(u)), the: true}, true
	}
	return cand{}, false
}

// yearJustEnded is the year "the (entire) year" at word i names: the
// anchor's, but in January a past-tense clause speaks of the year just ended
// ("a total loss for the entire year", said on Jan. 27).
func (p *parser) yearJustEnded(i int) int {
	if p.anchor.Month() == time.January && p.pastOrFuture(i) < 0 {
		return p.anchor.Year() - 1
	}
	return p.anchor.Year()
}

// quarterTalk reports whether the 80 words before i speak of a quarter.
func (p *parser) quarterTalk(i int) bool {
	for k := i - 1; k >= 0 && k >= i-80; k-- {
		if p.w[k].low == "quarter" {
			return true
		}
	}
	return false
}

// samePeriod: "the same period last year", "the corresponding quarter a
// year ago", "the same month a year earlier": the period just spoken of (or,
// for a quarter, the one just reported) a year before.
func (p *parser) samePeriod(i int) (cand, bool) {
	if !p.is(i-1, "the") || !p.has {
		return cand{}, false
	}
	u := p.low(i + 1)
	if u != "period" && u != "quarter" && u != "month" {
		return cand{}, false
	}
	k := i + 2
	if p.is(k, "of") {
		k++
	}
	if p.is(k, "the") && (p.is(k+1, "last") || p.is(k+1, "previous") || p.is(k+1, "prior")) && p.is(k+2, "year") {
		k += 3
	} else if (p.is(k, "last") || p.is(k, "a")) && p.is(k+1, "year") {
		k += 2
		if p.is(k-2, "a") {
			if !p.is(k, "ago") && !p.is(k, "earlier") && !p.is(k, "before") {
				return cand{}, false
			}
			k++
		}
	} else {
		return cand{}, false
	}
	recent := p.refAt >= 0 && i-p.refAt < 40
	switch {
	case (u == "month" || u == "period") && recent && p.refG == gMonth:
		return cand{i: i, j: k, typ: "DATE", val: format(shift(p.ref, uYear, -1), gMonth), the: true}, true
	case u == "month":
		return cand{}, false
	case recent && p.refG == gQuarter:
		return cand{i: i, j: k, typ: "DATE", val: format(shift(p.ref, uYear, -1), gQuarter), the: true}, true
	}
	return cand{i: i, j: k, typ: "DATE", val: format(shift(p.reportedQuarter(i), uYear, -1), gQuarter), the: true}, true
}

// coordDay: the second day of "April 24 and 25", "Sept. 3 or 4": the month
// and year of the first.
func (p *parser) coordDay(i int) (cand, bool) {
	if !(p.is(i-1, "and") || p.is(i-1, "or")) || i < 3 {
		return cand{}, false
	}
	n, j, ok := p.dayNum(i)
	if !ok || p.cls(j) == cMonth || p.cls(j) == cUnit || p.cls(j) == cUnits {
		return cand{}, false
	}
	m := i - 3
	if p.is(m, ".") {
		m--
	}
	if p.cls(m) != cMonth {
		return cand{}, false
	}
	c, ok := p.monthExpr(m)
	if !ok || !c.day || c.j != i-1 || c.refG != gDay || n <= c.refT.Day() {
		return cand{}, false
	}
	d := date(c.refT.Year(), int(c.refT.Month()), n)
	if d.Month() != c.refT.Month() {
		return cand{}, false
	}
	return cand{i: i, j: j, typ: "DATE", val: format(d, gDay), day: true}, true
}

// ordinalAt is the ordinal at word k ("second" is also a unit), or 0.
func ordinalAt(p *parser, k int) int {
	if p.is(k, "second") {
		return 2
	}
	if p.cls(k) == cOrdinal {
		return int(p.w[k].val)
	}
	return 0
}

// lastQuarter is a day in the quarter before the anchor's.
func (p *parser) lastQuarter() time.Time { return shift(p.anchor, uQuarter, -1) }

// reportedQuarter is the quarter results news at word i speaks of: the one
// of the past year last named within 80 words, else the one before the
// anchor's.
func (p *parser) reportedQuarter(i int) time.Time {
	if p.qAt >= 0 && i-p.qAt < 80 {
		return p.qT
	}
	return p.lastQuarter()
}

// --- sets ---------------------------------------------------------------------

// every: "every Friday", "each year", "every two weeks", "per year", "twice a week".
func (p *parser) every(i int) (cand, bool) {
	j := i + 1
	w := p.w[i].low
	if w == "once" || w == "twice" {
		if (p.is(j, "a") || p.is(j, "per") || p.is(j, "every")) && p.cls(j+1) == cUnit {
			return cand{i: i, j: j + 2, typ: "SET", val: duration(1, p.w[j+1].val)}, true
		}
		return cand{}, false
	}
	if p.is(j, "other") && p.cls(j+1) == cWeekday && w == "every" {
		j++ // "every other Friday"
	}
	if wd, k, ok := p.weekday(j); ok && w != "per" {
		c := cand{i: i, j: k, typ: "SET", val: "XXXX-WXX-" + strconv.Itoa(wd)}
		if p.cls(k) == cDayPart {
			c.j, c.val = k+1, c.val+"T"+partCode[p.w[k].val]
		}
		return c, true
	}
	if m, k, ok := p.month(j); ok && w != "per" {
		return cand{i: i, j: k, typ: "SET", val: "XXXX-" + two(m)}, true
	}
	if p.cls(j) == cDayPart && w != "per" {
		return cand{i: i, j: j + 1, typ: "SET", val: "XXXX-XX-XXT" + partCode[p.w[j].val]}, true
	}
	if p.cls(j) == cSeason && w != "per" {
		return cand{i: i, j: j + 1, typ: "SET", val: "XXXX-" + seasonCode[p.w[j].val]}, true
	}
	if p.cls(j) == cUnit {
		if w == "per" && p.w[j].val == uSecond {
			return cand{}, false
		}
		return cand{i: i, j: j + 1, typ: "SET", val: duration(1, p.w[j].val)}, true
	}
	if n, k, ok := p.number(j); ok && (n > 0 || n < 0 && p.is(j, "few")) && w == "every" {
		if p.cls(k) == cUnits {
			return cand{i: i, j: k + 1, typ: "SET", val: duration(n, p.w[k].val)}, true
		}
	}
	if (p.is(j, "other") || p.is(j, "single")) && p.cls(j+1) == cUnit && w == "every" {
		n := 2
		if p.is(j, "single") {
			n = 1
		}
		return cand{i: i, j: j + 2, typ: "SET", val: duration(n, p.w[j+1].val)}, true
	}
	return cand{}, false
}

// setWord: "daily", "weekly", "annually".
func (p *parser) setWord(i int) (cand, bool) {
	u := p.w[i].val
	// a name: "The Daily Mail", "Weekly Standard"
	if p.w[i].upper && !p.sentenceStart(i) {
		return cand{}, false
	}
	if u == uQuarter {
		return cand{i: i, j: i + 1, typ: "SET", val: "P3M"}, true
	}
	return cand{i: i, j: i + 1, typ: "SET", val: duration(1, u)}, true
}

// --- edges: early, mid, late, the end of ...------------------------------------

func (p *parser) edgeExpr(i int) (cand, bool) {
	w := &p.w[i]
	mod := ""
	j := i + 1
	// "by mid-afternoon", "at mid-afternoon yesterday", "in the early
	// morning", "late evening": a part of a day
	if p.has && (w.val == eMid || (w.val == eEarly || w.val == eLate) && p.is(i-1, "the") && p.cls(j) == cDayPart && !p.w[j].upper) {
		k := j
		if p.is(k, "-") && p.glued(k) {
			k++
		}
		if p.cls(k) == cDayPart {
			c := cand{i: i, j: k + 1, typ: "TIME", val: format(p.anchor, gDay) + "T" + partCode[p.w[k].val], the: true}
			if p.refG == gDay && p.refAt >= 0 && i-p.refAt < 25 {
				c.val = format(p.ref, gDay) + "T" + partCode[p.w[k].val]
			}
			if p.cls(k+1) == cDeictic {
				if c2, ok := p.deictic(k + 1); ok && c2.typ == "DATE" && len(c2.val) == 10 {
					c.j, c.val = c2.j, c2.val+"T"+partCode[p.w[k].val]
				}
			}
			return c, true
		}
	}
	switch w.val {
	case eEarly:
		mod = "START"
	case eMid:
		mod = "MID"
	case eLate:
		mod = "END"
	case eEarlier, eLater:
		// "earlier this week", "later this month", "earlier today", "later Thursday"
		if p.is(j, "on") || p.is(j, "in") && p.is(j+1, "the") {
			return cand{}, false
		}
	case eEnd, eBeginning, eMiddle, eStart:
		if !p.is(i-1, "the") || !p.is(j, "of") {
			return cand{}, false
		}
		j++
		mod = map[int8]string{eEnd: "END", eBeginning: "START", eMiddle: "MID", eStart: "START"}[w.val]
	}
	if p.is(j, "-") && p.glued(j) {
		j++
	}
	if j >= len(p.w) {
		return cand{}, false
	}
	c, ok := p.edgeInner(j)
	if !ok {
		return cand{}, false
	}
	if (w.val == eEarlier || w.val == eLater) && (c.typ != "DATE" || c.val == "PRESENT_REF" || c.val == "PAST_REF" || c.val == "FUTURE_REF") {
		return cand{}, false
	}
	if (w.val == eEarly || w.val == eLate) && c.typ == "DURATION" {
		return cand{}, false
	}
	c.i = i
	if w.val == eEnd || w.val == eBeginning || w.val == eMiddle || w.val == eStart {
		c.the = true
	}
	if mod != "" {
		c.mod = mod
	}
	return c, true
}

// edgeInner matches what follows an edge word: "this year", "2024", "August",
// "the 1990s", "next week", "Thursday", "today".
func (p *parser) edgeInner(j int) (cand, bool) {
	if p.is(j, "the") {
		if c, ok := p.core(j + 1); ok && (c.the || c.typ == "DATE") {
			return c, true
		}
		return cand{}, false
	}
	if p.is(j, "in") && p.is(j+1, "the") {
		return cand{}, false
	}
	c, ok := p.core(j)
	if !ok || c.typ == "SET" {
		return cand{}, false
	}
	return c, true
}

// clockWordBefore: a bare hour read as a clock time needs a word of time
// before it ("at 4 in the morning", not "won 3 in the afternoon session").
func (p *parser) clockWordBefore(i int) bool {
	switch p.low(i - 1) {
	case "at", "about", "around", "until", "till", "by", "before", "after", "from", "to", "since":
		return true
	}
	return false
}

// clock: "3 p.m.", "3:30 pm", "0600 GMT", "14:30", "10 a.m. local time".
func (p *parser) clock(i int) (cand, bool) {
	h, ok := p.num(i)
	if !ok || p.glued(i) && (p.is(i-1, ":") || p.is(i-1, ".")) && i >= 2 && p.w[i-2].kind == kNum {
		return cand{}, false // inside "2:05:30", "3.15"
	}
	l := p.w[i].e - p.w[i].s
	mi := 0
	j := i + 1
	hasMin, dotted := false, false
	if l <= 2 && p.is(j, ":") && p.glued(j) && p.glued(j+1) {
		m, ok := p.num(j + 1)
		if !ok || p.w[j+1].e-p.w[j+1].s != 2 || m > 59 {
			return cand{}, false
		}
		mi, j, hasMin = m, j+2, true
		if p.is(j, ":") && p.glued(j) { // seconds
			if _, ok := p.num(j + 1); ok {
				j += 2
				if !p.is(i-1, "at") {
					return cand{}, false // "won in 2:05:30": a race time
				}
			}
		}
	} else if l <= 2 && p.is(j, ".") && p.glued(j) && p.glued(j+1) && p.w[j+1].kind == kNum && p.w[j+1].e-p.w[j+1].s == 2 {
		// "11.15pm", "7.30 p.m.": British clock times, only with am/pm or a zone
		m, _ := p.num(j + 1)
		if m > 59 {
			return cand{}, false
		}
		mi, j, dotted = m, j+2, true
	} else if l == 4 {
		h, mi = h/100, h%100
		if h > 24 || mi > 59 {
			return cand{}, false
		}
	} else if l > 2 {
		return cand{}, false
	}
	// am / pm
	ampm := 0
	k := j
	if k < len(p.w) {
		switch p.w[k].low {
		case "am", "a":
			ampm = 1
		case "pm", "p":
			ampm = 2
		}
		if ampm != 0 {
			if p.w[k].low == "a" || p.w[k].low == "p" {
				if p.is(k+1, ".") && p.is(k+2, "m") {
					k += 3
					if p.is(k, ".") && p.glued(k) {
						k++
					}
				} else {
					ampm = 0
				}
			} else {
				k++
				if p.is(k, ".") && p.glued(k) && p.w[k+1].kind != 0 && !p.w[k+1].upper {
					k++
				}
			}
		}
	}
	if ampm == 0 && p.is(j, "o") && p.is(j+1, "'") && p.is(j+2, "clock") && l <= 2 && !hasMin {
		ampm, k = 3, j+3
	}
	// "4 in the morning", "8:30 in the evening", "11 at night"
	if ampm == 0 && l <= 2 && h >= 1 && h <= 12 && (hasMin || p.clockWordBefore(i)) {
		switch {
		case p.is(j, "in") && p.is(j+1, "the") && p.is(j+2, "morning"):
			ampm, k = 1, j+3
		case p.is(j, "in") && p.is(j+1, "the") && (p.is(j+2, "afternoon") || p.is(j+2, "evening")):
			ampm, k = 2, j+3
		case p.is(j, "at") && p.is(j+1, "night") && h >= 6:
			ampm, k = 2, j+2
		}
	}
	tz, utc := false, false
	if ampm != 0 {
		j = k
	}
	switch p.low(j) {
	case "gmt", "utc", "z", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest", "ist", "jst", "et":
		if p.w[j].upper {
			tz = true
			utc = p.low(j) == "gmt" || p.low(j) == "utc" || p.low(j) == "z"
			j++
		}
	}
	if p.is(j, "local") && p.is(j+1, "time") {
		j += 2
		tz = true
	} else if p.is(j, "local") && ampm != 0 {
		j++
	}
	if ampm == 0 && !tz && !hasMin {
		return cand{}, false
	}
	if dotted {
		if ampm == 0 && !tz {
			return cand{}, false
		}
		hasMin = true
	}
	if l == 4 && !tz {
		return cand{}, false
	}
	if ampm == 1 && h == 12 {
		h = 0
	} else if ampm == 2 && h < 12 {
		h += 12
	}
	if h > 24 || ampm != 0 && ampm != 3 && p.w[i].num > 12 {
		return cand{}, false
	}
	if !hasMin && ampm == 0 && l <= 2 {
		return cand{}, false
	}
	// a score or a ratio ("3:30 in the final")? accept: times dominate in news.
	v := "T" + two(h) + ":" + two(mi)
	if utc {
		v += "Z"
	}
	c := cand{i: i, j: j, typ: "TIME"}
	if p.refG == gDay && p.refAt >= 0 && i-p.refAt < 25 && i > p.refAt {
		c.val = format(p.ref, gDay) + v
	}
	if c.val != "" {
	} else if p.has {
		c.val = format(p.anchor, gDay) + v
	} else {
		c.val = "XXXX-XX-XX" + v
	}
	// "3 p.m. Thursday", "10 a.m. on Sept. 23", "3 p.m. yesterday"
	k = j
	if p.is(k, "on") {
		k++
	}
	if k < len(p.w) {
		if c2, ok := p.core(k); ok && c2.day && c2.typ == "DATE" && len(c2.val) == 10 {
			c.j, c.val = c2.j, c2.val+v
			// "until 9 a.m. Tuesday", "by 5 p.m. Friday": a deadline to come
			b := i - 1
			if p.is(b, "at") {
				b--
			}
			if lb := p.low(b); p.has && c2.j == k+1 && p.cls(k) == cWeekday && (lb == "until" || lb == "till" || lb == "by") {
				d := p.anchor.AddDate(0, 0, weekdayOffset(p.anchor, int(p.w[k].val), 1))
				c.val = format(d, gDay) + v
			}
		}
	}
	// "at 16:15 UTC, June 1st": the date that follows gives the day
	if p.is(j, ",") || p.is(j, "(") {
		if c2, ok := p.core(j + 1); ok && c2.day && c2.typ == "DATE" && len(c2.val) == 10 {
			c.val = c2.val + v
			return c, true
		}
	}
	// "occurred at 10:35 a.m. (0735 GMT) Friday": a weekday or date a few
	// words on, in the same sentence, gives the day
	if c.j == j {
		for k := j; k < j+8 && k < len(p.w); k++ {
			if lw := p.low(k); lw == "." && !(p.glued(k) && len(p.low(k-1)) == 1) || lw == ";" || lw == "!" || lw == "?" || p.w[k].nl {
				break // a sentence's end, not the dots of "a.m."
			}
			if p.cls(k) != cWeekday && p.cls(k) != cMonth {
				continue
			}
			if c2, ok := p.core(k); ok && c2.day && c2.typ == "DATE" && len(c2.val) == 10 {
				c.val = c2.val + v
			}
			break
		}
	}
	return c, true
}

// movable: the feasts around Easter: "Easter (Sunday|Monday)", "Good
// Friday", "Palm Sunday", "Ash Wednesday", "Holy/Maundy Thursday".
func (p *parser) movable(i int) (cand, bool) {
	off, j := 0, i+1
	name := p.w[i].low
	next := p.low(j)
	g := gDay
	switch {
	case (name == "easter" || name == "holy") && next == "week":
		g, j = gWeek, j+1 // the week that ends on Easter Sunday
	case name == "easter":
		switch next {
		case "sunday", "day":
			j++
		case "monday":
			off, j = 1, j+1
		}
	case name == "good" && next == "friday", name == "holy" && next == "friday":
		off, j = -2, j+1
	case (name == "holy" || name == "maundy") && next == "thursday":
		off, j = -3, j+1
	case name == "holy" && next == "saturday":
		off, j = -1, j+1
	case name == "palm" && next == "sunday":
		off, j = -7, j+1
	case name == "ash" && next == "wednesday":
		off, j = -46, j+1
	default:
		return cand{}, false
	}
	if j > i+1 && !p.w[i+1].upper && g != gWeek {
		return cand{}, false
	}
	if y, k, ok := p.year(j); ok {
		return cand{i: i, j: k, typ: "DATE", val: format(easter(y).AddDate(0, 0, off), g), day: g == gDay}, true
	}
	if !p.has {
		return cand{}, false
	}
	t := easter(p.anchor.Year()).AddDate(0, 0, off)
	if y := p.resolveMonthDay(i, int(t.Month()), t.Day()); y != p.anchor.Year() {
		t = easter(y).AddDate(0, 0, off)
	}
	c := cand{i: i, j: j, typ: "DATE", val: format(t, g), day: g == gDay}
	if g == gDay {
		p.setRef(&c, t, gDay)
	}
	return c, true
}

// easter is Easter Sunday of year y (the Gregorian computus).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date(y, month, day)
}

// holiday: "Christmas", "New Year's Day", "Thanksgiving", "Christmas Eve".
func (p *parser) holiday(i int) (cand, bool) {
	if !p.w[i].upper {
		return cand{}, false
	}
	var m, d, j int
	switch p.w[i].low {
	case "christmas":
		m, d, j = 12, 25, i+1
		if p.is(j, "eve") {
			d, j = 24, j+1
		} else if p.is(j, "day") {
			j++
		}
	case "new":
		if !p.is(i+1, "year") || !p.is(i+2, "'") || !p.is(i+3, "s") {
			return cand{}, false
		}
		j = i + 4
		switch {
		case p.is(j, "day"):
			m, d, j = 1, 1, j+1
		case p.is(j, "eve"):
			m, d, j = 12, 31, j+1
		default:
			return cand{}, false
		}
	case "halloween":
		m, d, j = 10, 31, i+1
	case "easter", "good", "palm", "ash", "holy", "maundy":
		return p.movable(i)
	case "valentine":
		if !p.is(i+1, "'") || !p.is(i+2, "s") || !p.is(i+3, "day") {
			return cand{}, false
		}
		m, d, j = 2, 14, i+4
	case "independence":
		if !p.is(i+1, "day") {
			return cand{}, false
		}
		m, d, j = 7, 4, i+2
	case "thanksgiving", "labor", "memorial":
		j = i + 1
		if p.w[i].low != "thanksgiving" && !p.is(j, "day") {
			return cand{}, false
		}
		if p.is(j, "day") {
			j++
		}
		if !p.has {
			return cand{}, false
		}
		y := p.anchor.Year()
		var t time.Time
		switch p.w[i].low {
		case "thanksgiving": // fourth Thursday of November
			f := date(y, 11, 1)
			t = f.AddDate(0, 0, (int(time.Thursday)-int(f.Weekday())+7)%7+21)
		case "labor": // first Monday of September
			f := date(y, 9, 1)
			t = f.AddDate(0, 0, (int(time.Monday)-int(f.Weekday())+7)%7)
		case "memorial": // last Monday of May
			f := date(y, 5, 31)
			t = f.AddDate(0, 0, -((int(f.Weekday()) - int(time.Monday) + 7) % 7))
		}
		if y2 := p.resolveMonthDay(i, int(t.Month()), t.Day()); y2 != y {
			// recompute for the other year: the weekday rule moves the day
			switch p.w[i].low {
			case "thanksgiving":
				f := date(y2, 11, 1)
				t = f.AddDate(0, 0, (int(time.Thursday)-int(f.Weekday())+7)%7+21)
			case "labor":
				f := date(y2, 9, 1)
				t = f.AddDate(0, 0, (int(time.Monday)-int(f.Weekday())+7)%7)
			case "memorial":
				f := date(y2, 5, 31)
				t = f.AddDate(0, 0, -((int(f.Weekday()) - int(time.Monday) + 7) % 7))
			}
		}
		if p.is(i-1, "last") {
			// "last Thanksgiving"
		}
		return cand{i: i, j: j, typ: "DATE", val: format(t, gDay), day: true}, true
	default:
		return cand{}, false
	}
	if y, k, ok := p.year(j); ok && validDay(y, m, d) {
		return cand{i: i, j: k, typ: "DATE", val: format(date(y, m, d), gDay), day: true}, true
	}
	if !p.has {
		return cand{i: i, j: j, typ: "DATE", val: "XXXX-" + two(m) + "-" + two(d), day: true}, true
	}
	y := p.resolveMonthDay(i, m, d)
	return cand{i: i, j: j, typ: "DATE", val: format(date(y, m, d), gDay), day: true}, true
}
