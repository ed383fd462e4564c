package timex

import (
	"testing"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2025-03-14 20:30:26Z", "2025-03-14T20:30:26Z"},
		{"2021-09-24", "2021-09-24"},
		{" 2021-09-24 ", "2021-09-24"},
		{"2021-09-24T10:00:00+05:00", "2021-09-24T10:00:00+05:00"},
		{"2021-09-24T10:00:00.123Z", "2021-09-24T10:00:00Z"},
		{"2021-09-24T10:00", "2021-09-24T10:00:00Z"},
		{"Fri, 24 Sep 2021 10:00:00 GMT", "2021-09-24T10:00:00Z"},
		{"Fri, 24 Sep 2021 10:00:00 +0000", "2021-09-24T10:00:00Z"},
		{"Fri, 24 Sep 2021 10:00:00 EST", "2021-09-24T10:00:00-05:00"},
		{"24 Sep 21 10:00 EDT", "2021-09-24T10:00:00-04:00"},
		{"Sept 24, 2021", "2021-09-24"},
		{"Sept. 24, 2021", "2021-09-24"},
		{"September 24 2021", "2021-09-24"},
		{"24 September 2021", "2021-09-24"},
		{"Friday, 24 September 2021", "2021-09-24"},
		{"Friday, September 24, 2021 10:30 AM", "2021-09-24T10:30:00Z"},
		{"September 24, 2021 3:05 p.m. EDT", "2021-09-24T15:05:00-04:00"},
		{"24th September 2021", "2021-09-24"},
		{"09/24/2021", "2021-09-24"},
		{"24/09/2021", "2021-09-24"},
		{"24.09.2021", "2021-09-24"},
		{"2021/09/24", "2021-09-24"},
		{"20210924", "2021-09-24"},
		{"Published: Sept 24, 2021", "2021-09-24"},
		{"Updated 24 Sep 2021 10:00 +05:30", "2021-09-24T10:00:00+05:30"},
	} {
		got, err := ParseDate(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "Sept 31, 2021", "2021-13-01", "24 Foo 2021", "September 2021",
		"10:00", "2021", "Feb 29, 2021", "99999-01-01", "12 12 12 12"} {
		if got, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %q, want an error", bad, got)
		}
	}
}

// FuzzParseDate: no panic, and every output parses back to itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-14 20:30:26Z", "Sept 24, 2021", "24 September 2021",
		"Fri, 24 Sep 2021 10:00:00 GMT", "2021-09-24T10:00:00+05:00", "Friday, 24 September 2021",
		"09/24/2021", "September 24, 2021 3:05 p.m. EDT", "0001-01-01", "9999-12-31T23:59:59-23:59", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := ParseDate(s)
		if err != nil {
			return
		}
		again, err := ParseDate(out)
		if err != nil {
			t.Fatalf("ParseDate(%q) = %q, which does not parse: %v", s, out, err)
		}
		if again != out {
			t.Fatalf("ParseDate(%q) = %q, which parses to %q", s, out, again)
		}
	})
}
