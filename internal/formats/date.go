package formats

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"dateline/internal/timex"
)

// ParseDate normalises a publication date as inputs give it to the forms the
// contract uses: YYYY-MM-DD, or RFC 3339 when the input has a time of day.
// It is the project's general parser, timex.ParseDate, with the layouts below
// as a fallback (a time with an unknown zone keeps only its date there).
func ParseDate(s string) (string, error) {
	d, err := timex.ParseDate(s)
	if err == nil {
		if y, yerr := strconv.Atoi(d[:min(4, len(d))]); yerr != nil || y < 1800 || y > 2200 {
			return "", fmt.Errorf("%s is not a publication date", d)
		}
		return d, nil
	}
	if d, ok := parseDate(s); ok {
		return d, nil
	}
	return "", err
}

var dateTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04Z07:00",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
}

// Layouts with no zone or no time: only the calendar date is kept.
var dateLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"20060102",
	"Mon, 2 Jan 2006",
	"Mon, 02 Jan 2006",
	"2 Jan 2006",
	"2 January 2006",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"Monday, January 2, 2006",
	"Mon Jan 2 2006",
}

// zoneAbbrev maps the zone abbreviations feeds use most to their offsets, since
// time.Parse takes an abbreviation it does not know for UTC.
var zoneAbbrev = map[string]string{
	"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
	"BST": "+0100", "CET": "+0100", "CEST": "+0200", "EET": "+0200",
	"EEST": "+0300", "IST": "+0530", "JST": "+0900", "AEST": "+1000",
}

func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return "", false
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if off, ok := zoneAbbrev[s[i+1:]]; ok {
			s = s[:i+1] + off
		}
	}
	for _, l := range dateTimeLayouts {
		if t, err := time.Parse(l, s); err == nil && sane(t) {
			return formatDateTime(t, l), true
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil && sane(t) {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// formatDateTime writes t in RFC 3339. A named zone that time.Parse did not know
// (offset 0 with an abbreviation other than UTC or GMT) is not trusted: then
// only the date is kept.
func formatDateTime(t time.Time, layout string) string {
	if strings.Contains(layout, "MST") {
		name, off := t.Zone()
		if off == 0 && name != "UTC" && name != "GMT" && name != "Z" && name != "UT" {
			return t.Format("2006-01-02")
		}
	}
	return t.Format(time.RFC3339)
}

// sane rejects years a news article cannot have.
func sane(t time.Time) bool {
	y := t.Year()
	return y >= 1800 && y <= 2200
}

// dateOf normalises a date from an input's metadata, or returns "".
func dateOf(s string) string {
	d, err := ParseDate(s)
	if err != nil {
		return ""
	}
	return d
}

// dateOfTime formats a date that a library parsed. A time with zero hour,
// minute and second in UTC is taken to be a calendar date.
func dateOfTime(t time.Time) string {
	if t.IsZero() || !sane(t) {
		return ""
	}
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		if _, off := t.Zone(); off == 0 {
			return t.Format("2006-01-02")
		}
	}
	return t.Format(time.RFC3339)
}
