package timex

// Lexicon classes of words (word.cls); word.val carries the value.
const (
	cNone     uint8 = iota
	cMonth          // val 1..12
	cWeekday        // val 1..7 (ISO: Monday=1)
	cWeekdays       // plural weekday ("Fridays"), val 1..7
	cNumber         // number word, val = value ("one".."ninety"; "a"/"an" = 1)
	cOrdinal        // "first".."thirty-first" parts, val = value
	cUnit           // val = unit*
	cUnits          // plural unit, val = unit*
	cSeason         // val = season*
	cDayPart        // morning, afternoon, evening, night: val = part*
	cRel            // last, next, this, ...: val = rel*
	cDeictic        // yesterday, today, ...: val = deic*
	cApprox         // about, nearly, ...: val = mod*
	cEdge           // early, mid, late, ...: val = edge*
	cFew            // several, few, many, some: val 0
	cSet            // daily, weekly, ...: val = unit*
)

// Units.
const (
	uSecond int8 = iota + 1
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uMonth
	uQuarter
	uHalf
	uYear
	uDecade
	uCentury
	uMillennium
	uFortnight
)

var unitCode = [...]string{uSecond: "S", uMinute: "M", uHour: "H", uDay: "D", uWeek: "W", uWeekend: "WE",
	uMonth: "M", uQuarter: "Q", uHalf: "H", uYear: "Y", uDecade: "DE", uCentury: "CE", uMillennium: "ML", uFortnight: "W"}

// Seasons.
const (
	sSpring int8 = iota + 1
	sSummer
	sFall
	sWinter
)

var seasonCode = [...]string{sSpring: "SP", sSummer: "SU", sFall: "FA", sWinter: "WI"}

// Parts of the day.
const (
	pMorning int8 = iota + 1
	pAfternoon
	pEvening
	pNight
)

var partCode = [...]string{pMorning: "MO", pAfternoon: "AF", pEvening: "EV", pNight: "NI"}

// Relative words.
const (
	rLast    int8 = iota + 1 // last, previous, past
	rNext                    // next, coming, following
	rThis                    // this, current
	rPast                    // past (as in "the past three years")
	rComing                  // coming, upcoming
	rPrev                    // previous, preceding, prior
	rFollow                  // following
	rSame                    // same
	rThat                    // that
	rCurrent                 // current, present
	rRecent                  // recent
)

// Deictic words.
const (
	dYesterday int8 = iota + 1
	dToday
	dTomorrow
	dTonight
	dNow
	dCurrently
	dRecently
	dSoon
	dFuture
	dPresent
	dNowadays
	dLately
	dPreviously
	dOvernight
	dNoon
	dMidnight
	dFormerly
)

// Approximations and bounds (TIMEX3 mod).
const (
	mAbout int8 = iota + 1
	mNearly
	mMore
	mLess
	mAtLeast
)

// Edges of a period.
const (
	eEarly int8 = iota + 1
	eMid
	eLate
	eEarlier
	eLater
	eEnd
	eBeginning
	eMiddle
	eStart
)

type entry struct {
	cls uint8
	val int8
}

var lexicon = map[string]entry{}

func add(cls uint8, val int8, words ...string) {
	for _, w := range words {
		lexicon[w] = entry{cls, val}
	}
}

func init() {
	months := [][]string{
		{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"}, {"may"}, {"june", "jun"},
		{"july", "jul"}, {"august", "aug"}, {"september", "sept", "sep"}, {"october", "oct"},
		{"november", "nov"}, {"december", "dec"},
	}
	for i, ws := range months {
		add(cMonth, int8(i+1), ws...)
	}
	days := [][]string{
		{"monday", "mon"}, {"tuesday", "tue", "tues"}, {"wednesday", "wed"}, {"thursday", "thu", "thur", "thurs"},
		{"friday", "fri"}, {"saturday", "sat"}, {"sunday", "sun"},
	}
	for i, ws := range days {
		add(cWeekday, int8(i+1), ws...)
		add(cWeekdays, int8(i+1), ws[0]+"s")
	}
	nums := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
	for i, w := range nums {
		add(cNumber, int8(i), w)
	}
	add(cNumber, 1, "a", "an")
	add(cNumber, 30, "thirty")
	add(cNumber, 40, "forty", "fourty")
	add(cNumber, 50, "fifty")
	add(cNumber, 60, "sixty")
	add(cNumber, 70, "seventy")
	add(cNumber, 80, "eighty")
	add(cNumber, 90, "ninety")
	add(cNumber, 100, "hundred")
	add(cNumber, 12, "dozen")
	ords := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
		"nineteenth", "twentieth"}
	for i, w := range ords[1:] {
		add(cOrdinal, int8(i+1), w)
	}
	add(cOrdinal, 30, "thirtieth")
	add(cOrdinal, 21, "twenty-first") // never produced by the lexer; kept for completeness
	add(cUnit, uSecond, "second", "sec")
	add(cUnits, uSecond, "seconds", "secs")
	add(cUnit, uMinute, "minute", "min")
	add(cUnits, uMinute, "minutes", "mins")
	add(cUnit, uHour, "hour", "hr")
	add(cUnits, uHour, "hours", "hrs")
	add(cUnit, uDay, "day")
	add(cUnits, uDay, "days")
	add(cUnit, uWeek, "week", "wk")
	add(cUnits, uWeek, "weeks", "wks")
	add(cUnit, uWeekend, "weekend")
	add(cUnits, uWeekend, "weekends")
	add(cUnit, uMonth, "month")
	add(cUnits, uMonth, "months")
	add(cUnit, uQuarter, "quarter")
	add(cUnits, uQuarter, "quarters")
	add(cUnit, uHalf, "half")
	add(cUnit, uYear, "year", "yr")
	add(cUnits, uYear, "years", "yrs")
	add(cUnit, uDecade, "decade")
	add(cUnits, uDecade, "decades")
	add(cUnit, uCentury, "century")
	add(cUnits, uCentury, "centuries")
	add(cUnit, uMillennium, "millennium")
	add(cUnits, uMillennium, "millennia")
	add(cUnit, uFortnight, "fortnight")
	add(cSeason, sSpring, "spring", "springtime")
	add(cSeason, sSummer, "summer", "summertime")
	add(cSeason, sFall, "fall", "autumn")
	add(cSeason, sWinter, "winter", "wintertime")
	add(cDayPart, pMorning, "morning")
	add(cDayPart, pAfternoon, "afternoon")
	add(cDayPart, pEvening, "evening")
	add(cDayPart, pNight, "night")
	add(cRel, rLast, "last")
	add(cRel, rNext, "next")
	add(cRel, rThis, "this")
	add(cRel, rPast, "past")
	add(cRel, rComing, "coming", "upcoming")
	add(cRel, rPrev, "previous", "preceding", "prior")
	add(cRel, rFollow, "following")
	add(cRel, rSame, "same")
	add(cRel, rThat, "that")
	add(cRel, rCurrent, "current", "present")
	add(cRel, rRecent, "recent")
	add(cDeictic, dYesterday, "yesterday")
	add(cDeictic, dToday, "today")
	add(cDeictic, dTomorrow, "tomorrow")
	add(cDeictic, dTonight, "tonight")
	add(cDeictic, dNow, "now")
	add(cDeictic, dCurrently, "currently", "presently")
	add(cDeictic, dRecently, "recently")
	add(cDeictic, dSoon, "soon")
	add(cDeictic, dFuture, "future")
	add(cDeictic, dNowadays, "nowadays")
	add(cDeictic, dLately, "lately")
	add(cDeictic, dOvernight, "overnight")
	add(cDeictic, dNoon, "noon", "midday")
	add(cDeictic, dMidnight, "midnight")
	add(cApprox, mAbout, "about", "around", "approximately", "roughly", "some", "circa")
	add(cApprox, mNearly, "nearly", "almost")
	add(cApprox, mMore, "over")
	add(cEdge, eEarly, "early")
	add(cEdge, eMid, "mid")
	add(cEdge, eLate, "late")
	add(cEdge, eEarlier, "earlier")
	add(cEdge, eLater, "later")
	add(cEdge, eEnd, "end")
	add(cEdge, eBeginning, "beginning")
	add(cEdge, eMiddle, "middle")
	add(cEdge, eStart, "start")
	add(cFew, 0, "several", "few", "many", "numerous")
	add(cSet, uDay, "daily", "nightly")
	add(cSet, uWeek, "weekly")
	add(cSet, uMonth, "monthly")
	add(cSet, uYear, "annually", "yearly")
	add(cSet, uHour, "hourly")
}

func lookup(low string) (uint8, int8) {
	if e, ok := lexicon[low]; ok {
		return e.cls, e.val
	}
	return cNone, 0
}
