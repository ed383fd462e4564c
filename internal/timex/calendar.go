package timex

import (
	"strconv"
	"time"
)

// gran is the granularity of a calendar value.
type gran int8

const (
	gDay gran = iota + 1
	gWeek
	gWeekend
	gMonth
	gQuarter
	gHalf
	gSeason
	gYear
	gDecade
	gCentury
)

// unitGran is the granularity of a date n units away ("three weeks ago" is a week).
func unitGran(u int8) gran {
	switch u {
	case uDay, uHour, uMinute, uSecond:
		return gDay
	case uWeek, uFortnight:
		return gWeek
	case uWeekend:
		return gWeekend
	case uMonth:
		return gMonth
	case uQuarter:
		return gQuarter
	case uHalf:
		return gHalf
	case uYear:
		return gYear
	case uDecade:
		return gDecade
	case uCentury, uMillennium:
		return gCentury
	}
	return gDay
}

// shift moves t by n units; months and larger move from the first of the month.
func shift(t time.Time, u int8, n int) time.Time {
	switch u {
	case uSecond, uMinute, uHour, uDay:
		return t.AddDate(0, 0, n)
	case uWeek, uWeekend:
		return t.AddDate(0, 0, 7*n)
	case uFortnight:
		return t.AddDate(0, 0, 14*n)
	}
	f := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	switch u {
	case uMonth:
		return f.AddDate(0, n, 0)
	case uQuarter:
		return f.AddDate(0, 3*n, 0)
	case uHalf:
		return f.AddDate(0, 6*n, 0)
	case uYear:
		return f.AddDate(n, 0, 0)
	case uDecade:
		return f.AddDate(10*n, 0, 0)
	case uCentury:
		return f.AddDate(100*n, 0, 0)
	case uMillennium:
		return f.AddDate(1000*n, 0, 0)
	}
	return t
}

func pad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for k := len(s); k < width; k++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// format writes t at granularity g as a TIMEX3 value.
func format(t time.Time, g gran) string {
	y := t.Year()
	if y < 0 || y > 9999 {
		return ""
	}
	b := make([]byte, 0, 12)
	switch g {
	case gDay:
		b = pad(b, y, 4)
		b = append(b, '-')
		b = pad(b, int(t.Month()), 2)
		b = append(b, '-')
		b = pad(b, t.Day(), 2)
	case gWeek, gWeekend:
		wy, w := t.ISOWeek()
		b = pad(b, wy, 4)
		b = append(b, "-W"...)
		b = pad(b, w, 2)
		if g == gWeekend {
			b = append(b, "-WE"...)
		}
	case gMonth:
		b = pad(b, y, 4)
		b = append(b, '-')
		b = pad(b, int(t.Month()), 2)
	case gQuarter:
		b = pad(b, y, 4)
		b = append(b, "-Q"...)
		b = pad(b, (int(t.Month())-1)/3+1, 1)
	case gHalf:
		b = pad(b, y, 4)
		b = append(b, "-H"...)
		b = pad(b, (int(t.Month())-1)/6+1, 1)
	case gSeason:
		b = pad(b, y, 4)
		b = append(b, '-')
		b = append(b, seasonCode[seasonOf(t.Month())]...)
	case gYear:
		b = pad(b, y, 4)
	case gDecade:
		b = pad(b, y/10, 3)
	case gCentury:
		b = pad(b, y/100, 2)
	}
	return string(b)
}

func seasonOf(m time.Month) int8 {
	switch {
	case m >= 3 && m <= 5:
		return sSpring
	case m >= 6 && m <= 8:
		return sSummer
	case m >= 9 && m <= 11:
		return sFall
	}
	return sWinter
}

// seasonStart is the first month of a season.
var seasonStart = [...]time.Month{sSpring: 3, sSummer: 6, sFall: 9, sWinter: 12}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// validDay reports whether y-m-d is a real calendar day.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := date(y, m, d)
	return t.Day() == d
}

// duration is a TIMEX3 duration value: P3Y, PT2H, PXD, P1DE.
func duration(n int, u int8) string {
	var b []byte
	b = append(b, 'P')
	if u == uHour || u == uMinute || u == uSecond {
		b = append(b, 'T')
	}
	if n < 0 {
		b = append(b, 'X')
		if u == uDecade {
			return "PXDE"
		} else if u == uCentury {
			return "PXCE"
		}
	} else {
		if u == uFortnight {
			n *= 2
		}
		if u == uWeekend {
			u = uDay
			n *= 2
		}
		if u == uDecade {
			u = uYear
			n *= 10
		} else if u == uCentury {
			u = uYear
			n *= 100
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(append(b, unitCode[u]...))
}

// halfDuration writes n and a half units as TimeML corpora do: P2Y6M, PT5H30M.
func halfDuration(n int, u int8) string {
	b := []byte{'P'}
	num := func(v int) { b = strconv.AppendInt(b, int64(v), 10) }
	switch u {
	case uYear:
		if n > 0 {
			num(n)
			b = append(b, 'Y')
		}
		b = append(b, "6M"...)
	case uMonth:
		if n > 0 {
			num(n)
			b = append(b, 'M')
		}
		b = append(b, "15D"...)
	case uDay:
		if n > 0 {
			num(n)
			b = append(b, 'D')
		}
		b = append(b, "T12H"...)
	case uHour:
		b = append(b, 'T')
		if n > 0 {
			num(n)
			b = append(b, 'H')
		}
		b = append(b, "30M"...)
	case uMinute:
		b = append(b, 'T')
		if n > 0 {
			num(n)
			b = append(b, 'M')
		}
		b = append(b, "30S"...)
	case uDecade:
		return duration(n*10+5, uYear)
	case uCentury:
		return duration(n*100+50, uYear)
	default:
		return duration(n, u)
	}
	return string(b)
}
