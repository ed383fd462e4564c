package timex

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ParseDate parses a publication date in whatever form a date line, a feed or
// page metadata gives it — "2025-03-14 20:30:26Z", RFC 3339
// ("2021-09-24T10:00:00+05:00"), RFC 822/1123 ("Fri, 24 Sep 2021 10:00:00
// GMT"), "Sept 24, 2021", "24 September 2021", "Friday, 24 September 2021",
// "09/24/2021" — and returns it normalised: "YYYY-MM-DD" when the input has
// no time of day, RFC 3339 ("2021-09-24T10:00:00+05:00", "...Z") when it has
// one (a time without a zone is taken as UTC). The output parses back to
// itself. Errors say what is wrong with the input.
func ParseDate(s string) (string, error) {
	t, withTime, err := parseDate(s)
	if err != nil {
		return "", err
	}
	if !withTime {
		return t.Format("2006-01-02"), nil
	}
	return t.Format(time.RFC3339), nil
}

var layouts = []struct {
	layout string
	clock  bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02T15:04:05", true},
	{"2006-01-02T15:04", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05.999999999Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02 15:04:05 -07:00", true},
	{"2006-01-02 15:04:05 MST", true},
	{"2006-01-02 15:04:05.999999999", true},
	{"2006-01-02 15:04", true},
	{"2006-01-02", false},
	{"2006/01/02", false},
	{"20060102", false},
	{time.RFC1123Z, true},
	{time.RFC1123, true},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true},
	{"Mon, 2 Jan 2006 15:04:05 MST", true},
	{"Mon, 2 Jan 2006 15:04 -0700", true},
	{"Mon, 2 Jan 2006 15:04 MST", true},
	{"Mon, 02 Jan 2006 15:04:05 Z", true},
	{"2 Jan 2006 15:04:05 -0700", true},
	{"2 Jan 2006 15:04:05 MST", true},
	{time.RFC822Z, true},
	{time.RFC822, true},
	{time.RFC850, true},
	{time.ANSIC, true},
	{time.UnixDate, true},
	{time.RubyDate, true},
}

// zones maps the abbreviations news feeds use to their offsets in minutes.
var zones = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420,
	"MDT": -360, "PST": -480, "PDT": -420, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
	"IST": 330, "PKT": 300, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "MSK": 180, "WIB": 420, "HKT": 480,
	"SGT": 480, "AST": 180, "GST": 240, "ET": -300, "PT": -480, "CT": -360,
}

var errEmpty = errors.New("empty date")

// parseDate parses s; withTime reports a time of day in the input.
func parseDate(s string) (t time.Time, withTime bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, errEmpty
	}
	if len(s) > 200 {
		return time.Time{}, false, fmt.Errorf("date %.20q...: too long", s)
	}
	for _, l := range layouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			t = fixZone(t)
			if err := checkYear(t); err != nil {
				return time.Time{}, false, err
			}
			return t, l.clock, nil
		}
	}
	t, withTime, err = parseLoose(s)
	if err != nil {
		return time.Time{}, false, err
	}
	if err := checkYear(t); err != nil {
		return time.Time{}, false, err
	}
	return t, withTime, nil
}

func checkYear(t time.Time) error {
	if y := t.Year(); y < 1 || y > 9999 {
		return fmt.Errorf("year %d out of range", y)
	}
	if _, off := t.Zone(); off <= -24*3600 || off >= 24*3600 {
		return fmt.Errorf("time zone offset out of range")
	}
	return nil
}

// fixZone gives a parsed abbreviation ("EST") its real offset: time.Parse
// invents a zero-offset zone for names it does not know.
func fixZone(t time.Time) time.Time {
	name, off := t.Zone()
	if off != 0 || name == "UTC" || name == "" {
		return t
	}
	if m, ok := zones[name]; ok && m != 0 {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(),
			time.FixedZone(name, m*60))
	}
	return t
}

// parseLoose reads written dates: "Sept 24, 2021", "24 September 2021 10:30
// AM EST", "Friday, 24 September 2021", "09/24/2021", "24.09.2021".
func parseLoose(s string) (time.Time, bool, error) {
	_, low := lowerASCII(s, nil)
	ws := lex(s, low, nil)
	y, m, d := -1, -1, -1
	hh, mm, ss := -1, 0, 0
	ampm := 0
	zone := (*time.Location)(nil)
	var nums []int
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		switch w.kind {
		case kAlpha:
			switch {
			case w.cls == cMonth:
				if m >= 0 {
					return time.Time{}, false, fmt.Errorf("date %q: two months", s)
				}
				m = int(w.val)
			case w.cls == cWeekday:
			case w.low == "am" || w.low == "a" && i+2 < len(ws) && ws[i+1].low == "." && ws[i+2].low == "m":
				ampm = 1
				if w.low == "a" {
					i += 2
				}
			case w.low == "pm" || w.low == "p" && i+2 < len(ws) && ws[i+1].low == "." && ws[i+2].low == "m":
				ampm = 2
				if w.low == "p" {
					i += 2
				}
			case w.low == "st" || w.low == "nd" || w.low == "rd" || w.low == "th":
				if i == 0 || ws[i-1].kind != kNum || w.space {
					return time.Time{}, false, fmt.Errorf("date %q: stray %q", s, w.low)
				}
			case w.low == "t" && i > 0 && ws[i-1].kind == kNum && !w.space:
			case w.low == "of" || w.low == "on" || w.low == "at" || w.low == "the" || w.low == "published" ||
				w.low == "updated" || w.low == "posted" || w.low == "last" || w.low == "modified" || w.low == "date":
			default:
				up := strings.ToUpper(w.low)
				if off, ok := zones[up]; ok {
					zone = time.FixedZone(up, off*60)
					continue
				}
				return time.Time{}, false, fmt.Errorf("date %q: unknown word %q", s, s[w.s:w.e])
			}
		case kNum:
			if w.num < 0 {
				return time.Time{}, false, fmt.Errorf("date %q: number too long", s)
			}
			// a zone offset: +0500, -05:00
			if i > 0 && (ws[i-1].low == "+" || ws[i-1].low == "-") && hh >= 0 {
				sign := 1
				if ws[i-1].low == "-" {
					sign = -1
				}
				off := int(w.num)
				if w.e-w.s <= 2 {
					off *= 100
					if i+2 < len(ws) && ws[i+1].low == ":" && ws[i+2].kind == kNum {
						off += int(ws[i+2].num)
						i += 2
					}
				}
				if off/100 > 23 || off%100 > 59 {
					return time.Time{}, false, fmt.Errorf("date %q: bad zone offset", s)
				}
				zone = time.FixedZone("", sign*(off/100*3600+off%100*60))
				continue
			}
			// a clock: 10:30[:15]
			if i+2 < len(ws) && ws[i+1].low == ":" && ws[i+2].kind == kNum {
				if hh >= 0 {
					return time.Time{}, false, fmt.Errorf("date %q: two times", s)
				}
				hh, mm = int(w.num), int(ws[i+2].num)
				i += 2
				if i+2 < len(ws) && ws[i+1].low == ":" && ws[i+2].kind == kNum {
					ss = int(ws[i+2].num)
					i += 2
				}
				continue
			}
			// a numeric date: 09/24/2021, 24.09.2021, 2021/09/24
			if i+4 < len(ws) && (ws[i+1].low == "/" || ws[i+1].low == "." || ws[i+1].low == "-") &&
				ws[i+2].kind == kNum && ws[i+3].low == ws[i+1].low && ws[i+4].kind == kNum {
				a, b, c := int(w.num), int(ws[i+2].num), int(ws[i+4].num)
				switch {
				case w.e-w.s == 4:
					y, m, d = a, b, c
				case ws[i+4].e-ws[i+4].s == 4:
					y = c
					if a > 12 || ws[i+1].low == "." || ws[i+1].low == "-" && b <= 12 {
						d, m = a, b
					} else {
						m, d = a, b
					}
				default:
					return time.Time{}, false, fmt.Errorf("date %q: ambiguous numeric date", s)
				}
				i += 4
				continue
			}
			nums = append(nums, int(w.num))
			if w.e-w.s == 4 {
				if y >= 0 {
					return time.Time{}, false, fmt.Errorf("date %q: two years", s)
				}
				y = int(w.num)
			} else if w.e-w.s <= 2 {
				if d >= 0 {
					return time.Time{}, false, fmt.Errorf("date %q: two days", s)
				}
				d = int(w.num)
			} else {
				return time.Time{}, false, fmt.Errorf("date %q: unexpected number %s", s, s[w.s:w.e])
			}
		case kPunct:
			switch w.low {
			case ",", ".", "-", "+", "/", "|", "(", ")", ":", "'":
			default:
				return time.Time{}, false, fmt.Errorf("date %q: unexpected %q", s, w.low)
			}
		}
	}
	if y < 0 || m < 0 || d < 0 {
		return time.Time{}, false, fmt.Errorf("date %q: needs a year, a month and a day", s)
	}
	if !validDay(y, m, d) {
		return time.Time{}, false, fmt.Errorf("date %q: no such day", s)
	}
	if hh < 0 {
		if ampm != 0 || zone != nil {
			return time.Time{}, false, fmt.Errorf("date %q: a zone or AM/PM without a time", s)
		}
		return date(y, m, d), false, nil
	}
	if ampm == 1 && hh == 12 {
		hh = 0
	} else if ampm == 2 && hh < 12 {
		hh += 12
	}
	if hh > 23 || mm > 59 || ss > 59 || ampm != 0 && hh > 23 {
		return time.Time{}, false, fmt.Errorf("date %q: bad time of day", s)
	}
	if zone == nil {
		zone = time.UTC
	}
	return time.Date(y, time.Month(m), d, hh, mm, ss, 0, zone), true, nil
}
