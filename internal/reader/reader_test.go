package reader

import (
	"bytes"
	"dateline/internal/testshared"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func sharedDir(t testing.TB) string { return testshared.Dir(t) }

func TestDatelines(t *testing.T) {
	cases := []struct{ in, place, span string }{
		{"New York: US Secretary of State Antony Blinken met his counterpart.", "New York", "New York"},
		{"WASHINGTON (VOA) — The United States said on Friday it would act.", "Washington", "WASHINGTON"},
		{"KABUL, Sept 23 - The Taliban named a new cabinet on Thursday.", "Kabul", "KABUL"},
		{"SAN DIEGO, Calif. (AP) -- A fire broke out at the port overnight.", "San Diego", "SAN DIEGO"},
		{"LONDON, 5 March (Reuters) - Britain's economy grew faster than expected.", "London", "LONDON"},
		{"Islamabad, Pakistan: The foreign ministry summoned the envoy today.", "Islamabad", "Islamabad"},
		{"BEIJING —China said it would retaliate against the new tariffs.", "Beijing", "BEIJING"},
		{"Note: This story has been updated with new figures.", "", ""},
		{"President Biden said: we will not leave anyone behind in this.", "", ""},
		{"The Taliban seized power in Afghanistan in mid-August.", "", ""},
		{"He said - after a pause - that the talks had failed again.", "", ""},
		{"Reading: nothing", "", ""},
		// Pages of the article-extraction benchmark.
		{"ST. JOSEPH, Mich. (AP) — Michigan health authorities are reporting a 6th fatality.", "St. Joseph", "ST. JOSEPH"},
		{"Hong Kong (CNN Business)A muddled view of US-China trade talks weighed on investors.", "Hong Kong", "Hong Kong"},
		{"Julian Assange: Sweden drops rape investigation", "", ""},
		{"Star Wars Jedi: Fallen Order review – shoots for the moon, lands among the stars", "", ""},
		{"ISLAMABAD/PENTAGON — A United States military plane crashed in the mountains.", "Islamabad", "ISLAMABAD"},
		{"(CNN)President Donald Trump made an unscheduled trip on Tuesday.", "", ""},
		{"Indianapolis – Several thousand teachers wearing red surrounded the Statehouse.", "Indianapolis", "Indianapolis"},
		{"John Smith – a retired teacher – said the school was closed.", "", ""},
		{"Meanwhile — The talks went on until late on Friday night.", "", ""},
		{"Smith - The talks went on until late on Friday night.", "", ""},
	}
	for _, c := range cases {
		place, s, e, ok := findDateline(c.in)
		if !ok {
			place = ""
		}
		if place != c.place || (ok && c.in[s:e] != c.span) {
			t.Errorf("findDateline(%q) = %q %q, want %q %q", c.in, place, c.in[s:e], c.place, c.span)
		}
	}
}

func TestPromo(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Reading: Taliban leader says stringent punishment will return", ReasonPromo},
		{"read also: Afghanistan: ‘Non-inclusive’ Taliban government may face opposition", ReasonPromo},
		{"Also Read | Pakistan to host regional meeting", ReasonPromo},
		{"READ MORE: Why the talks failed", ReasonPromo},
		{"Click here to subscribe to our newsletter", ReasonPromo},
		{"Subscribe to our channel for the latest news", ReasonBoilerplate},
		{"Share this article", ReasonBoilerplate},
		{"Facebook Twitter Email", ReasonBoilerplate},
		{"Follow us on Twitter and Facebook", ReasonBoilerplate},
		{"Readings of the gauge showed a rise.", ""},
		{"Reader comments were mixed.", ""},
		{"Blinken met Qureshi on Thursday.", ""},
		{"Share prices fell sharply on Monday after the announcement.", ""},
	}
	for _, c := range cases {
		if got := promo(c.in); got != c.want {
			t.Errorf("promo(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCleaning(t *testing.T) {
	in := "Title Here\n\nKABUL\u00a0—\u2009The  cafe\u0301 re\u00adopened “today” — with ‘quotes’.\r\nSecond\tline of it.\n"
	d, err := Text("x.txt", []byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Title Here" {
		t.Errorf("title %q", d.Title)
	}
	want := "KABUL — The café reopened “today” — with ‘quotes’.\n\nSecond line of it."
	if d.Text != want {
		t.Errorf("text\n got %q\nwant %q", d.Text, want)
	}
	if len(d.Paragraphs) != 2 || d.Str(d.Paragraphs[1]) != "Second line of it." {
		t.Errorf("paragraphs %v", d.Paragraphs)
	}
	if d.Dateline == nil || d.Dateline.Place != "Kabul" || d.Str(d.Dateline.Span) != "KABUL" || d.Dateline.Entity != -1 {
		t.Errorf("dateline %+v", d.Dateline)
	}
}

func TestHardWrapped(t *testing.T) {
	in := "The minister said on Tuesday that the talks in the capital\nhad gone well and that a deal could be signed within the\nnext few weeks, officials said.\n\nAnother paragraph."
	d, err := Text("w.txt", []byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Paragraphs) != 2 || strings.Contains(d.Str(d.Paragraphs[0]), "\n") {
		t.Errorf("paragraphs %q", d.Text)
	}
}

func TestVerbatim(t *testing.T) {
	in := "Headline of the day\r\n\r\nNEW DELHI (AP) — Officials\u00a0met.\nReading: promo line stays\n\n"
	d, err := Text("v.txt", []byte(in), Options{Verbatim: true, Published: "2021-09-24"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != in {
		t.Fatalf("verbatim text changed: %q", d.Text)
	}
	if len(d.Removed) != 0 || d.Title != "Headline of the day" || d.Published != "2021-09-24" {
		t.Errorf("removed %v title %q", d.Removed, d.Title)
	}
	if d.Dateline == nil || d.Str(d.Dateline.Span) != "NEW DELHI" || d.Dateline.Place != "New Delhi" {
		t.Errorf("dateline %+v", d.Dateline)
	}
	if len(d.Paragraphs) != 3 {
		t.Errorf("paragraphs %d: %v", len(d.Paragraphs), d.Paragraphs)
	}
	for _, p := range d.Paragraphs {
		if strings.TrimSpace(d.Str(p)) != d.Str(p) {
			t.Errorf("paragraph %q not trimmed", d.Str(p))
		}
	}
}

func TestBadInput(t *testing.T) {
	if _, err := Text("bad.txt", []byte("ab\xffcd"), Options{}); err == nil || err.Error() != "bad.txt: not valid UTF-8 at byte 2" {
		t.Errorf("invalid UTF-8: %v", err)
	}
	if _, err := Text("bin.dat", []byte("PK\x03\x04\x00\x00"), Options{}); err == nil || !strings.Contains(err.Error(), "bin.dat: binary data") {
		t.Errorf("binary: %v", err)
	}
	for _, in := range []string{"", "   \n\n\t\n", "\ufeff"} {
		d, err := Text("empty.txt", []byte(in), Options{})
		if err != nil || d.Text != "" || len(d.Paragraphs) != 0 || d.Title != "" {
			t.Errorf("empty %q: %v %+v", in, err, d)
		}
	}
	d1, _ := Text("a", []byte("Same text."), Options{})
	d2, _ := Text("b", []byte("Same text."), Options{})
	if d1.ID != d2.ID || len(d1.ID) != 16 {
		t.Errorf("ids %q %q", d1.ID, d2.ID)
	}
}

func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	para := []byte("WASHINGTON (VOA) — The United States said on Friday that it would send aid. “We will help,” he said.\n\n")
	// 50 MB: refused with a clear error naming the file
	data := bytes.Repeat(para, 50<<20/len(para)+1)
	if _, err := Text("big.txt", data, Options{}); err == nil || !strings.HasPrefix(err.Error(), "big.txt: too large for one article") {
		t.Fatalf("50 MB: %v", err)
	}
	// just under the limit: read
	data = data[:MaxBytes-len(para)]
	d, err := Text("big.txt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Text) < MaxBytes*9/10 || len(d.Paragraphs) < MaxBytes/len(para)-2 {
		t.Errorf("big: %d bytes, %d paragraphs", len(d.Text), len(d.Paragraphs))
	}
}

func TestSeed(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Text("article.txt", data, Options{Published: "2021-09-24"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "US Secretary of State Antony Blinken sees ‘global unity’ on Taliban after talks with Pak, China" {
		t.Errorf("title %q", d.Title)
	}
	if d.Dateline == nil || d.Dateline.Place != "New York" || d.Str(d.Dateline.Span) != "New York" || d.Dateline.Span.Start != 0 {
		t.Errorf("dateline %+v", d.Dateline)
	}
	want := []string{
		"Reading: Taliban leader says stringent punishment, including hanging, beheading, will return to Afghanistan",
		"read also: Afghanistan: ‘Non-inclusive’ Taliban government may face new political opposition",
	}
	if len(d.Removed) != 2 || d.Removed[0].Text != want[0] || d.Removed[1].Text != want[1] || d.Removed[0].Reason != ReasonPromo {
		t.Errorf("removed %+v", d.Removed)
	}
	if strings.Contains(d.Text, "Reading:") || strings.Contains(d.Text, "read also") || strings.Contains(d.Text, "global unity") {
		t.Error("promo lines or the headline left in the text")
	}
	if len(d.Paragraphs) != 12 || !utf8.ValidString(d.Text) {
		t.Errorf("%d paragraphs", len(d.Paragraphs))
	}
}

func FuzzReader(f *testing.F) {
	for _, s := range []string{
		"US Secretary sees ‘global unity’\n\nNew York: Blinken met Qureshi.\n\nReading: promo\n\nread also: more",
		"WASHINGTON (VOA) — Text.\r\nKABUL, Sept 23 - More text here for the dateline check.",
		"\ufeff\u00a0\u00ad\u200b e\u0301\t\v\f\r",
		"a\x00b", "\xff", "", "\n\n\n", "Share\nTweet\nEmail",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, verbatim bool) {
		d, err := Text("f", data, Options{Verbatim: verbatim})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if verbatim && d.Text != string(data) {
			t.Fatal("verbatim text differs from the input")
		}
		if !utf8.ValidString(d.Text) {
			t.Fatal("text is not valid UTF-8")
		}
		n := int32(len(d.Text))
		prev := int32(0)
		for _, p := range d.Paragraphs {
			if p.Start < prev || p.Start >= p.End || p.End > n {
				t.Fatalf("paragraph %v out of order or range (len %d)", p, n)
			}
			if !utf8.RuneStart(d.Text[p.Start]) || (p.End < n && !utf8.RuneStart(d.Text[p.End])) {
				t.Fatalf("paragraph %v not on rune boundaries", p)
			}
			prev = p.End
		}
		if dl := d.Dateline; dl != nil {
			if dl.Span.Start < 0 || dl.Span.Start >= dl.Span.End || dl.Span.End > n || dl.Place == "" {
				t.Fatalf("dateline %+v out of range", dl)
			}
		}
		d2, _ := Text("f", data, Options{Verbatim: verbatim})
		if d2.Text != d.Text || d2.Title != d.Title || len(d2.Paragraphs) != len(d.Paragraphs) || len(d2.Removed) != len(d.Removed) || d2.ID != d.ID {
			t.Fatal("two reads differ")
		}
	})
}

// TestExampleStory checks the example story that ships in the repository.
func TestExampleStory(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "story.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Text("story.txt", data, Options{Published: "2024-02-27"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.Title, "UN chief Guterres urges") || d.Dateline == nil || d.Dateline.Place != "Geneva" {
		t.Errorf("title %q dateline %+v", d.Title, d.Dateline)
	}
	if len(d.Removed) != 2 || !strings.HasPrefix(d.Removed[0].Text, "Reading: ") || !strings.HasPrefix(d.Removed[1].Text, "read also: ") {
		t.Errorf("removed %+v", d.Removed)
	}
}

// TestDatelineAfterSubheading: a dateline opening the second paragraph of the
// body, after a subheading, is found (a USA Today page had "SIOUX FALLS,
// S.D. –" after its subheading and no dateline); not after a paragraph of
// the story.
func TestDatelineAfterSubheading(t *testing.T) {
	for _, verbatim := range []bool{false, true} {
		in := "Meth campaign goes viral\n\nSouth Dakota says, 'Meth. We're On It,' and Twitter asks, Are you guys OK?\n\nSIOUX FALLS, S.D. – People reacted to the campaign on Monday.\n"
		d, err := Text("a.txt", []byte(in), Options{Verbatim: verbatim})
		if err != nil || d.Dateline == nil || d.Dateline.Place != "Sioux Falls" || d.Text[d.Dateline.Span.Start:d.Dateline.Span.End] != "SIOUX FALLS" {
			t.Errorf("verbatim %v: %v %+v", verbatim, err, d.Dateline)
		}
		in = "Meth campaign goes viral\n\nThe state launched a campaign on Monday.\n\nSIOUX FALLS, S.D. – People reacted to it.\n"
		if d, _ := Text("b.txt", []byte(in), Options{Verbatim: verbatim}); d.Dateline != nil {
			t.Errorf("verbatim %v: dateline %+v after a paragraph of the story", verbatim, d.Dateline)
		}
	}
}

// TestLargeRefusedBeforeAnalysis: a 4 MB article, which took the analysis
// 216 s and 990 MB, is refused (the limit was 16 MB).
func TestLargeRefusedBeforeAnalysis(t *testing.T) {
	para := []byte("Blinken met Qureshi in Paris on Monday and said \"we will talk again\", officials said.\n\n")
	data := bytes.Repeat(para, 4<<20/len(para)+1)
	if _, err := Text("big.txt", data, Options{}); err == nil || !strings.Contains(err.Error(), "too large for one article") {
		t.Fatalf("4 MB: %v", err)
	}
}

// TestTitleCaseHeadlineWithStop: a short title-case first paragraph that
// ends with a full stop is the headline; a first sentence of body text is not.
func TestTitleCaseHeadlineWithStop(t *testing.T) {
	for _, c := range []struct{ in, title string }{
		{"Hillary Clinton Slams Donald Trump On Abortion After SCOTUS Ruling.\n\nClinton blasted Trump on Monday.\n", "Hillary Clinton Slams Donald Trump On Abortion After SCOTUS Ruling."},
		{"The minister met the envoy in Paris on Monday.\n\nThey talked for hours.\n", ""},
		{"Talks Resume.\n\nThey talked for hours.\n", ""},
	} {
		for _, verbatim := range []bool{false, true} {
			d, err := Text("t.txt", []byte(c.in), Options{Verbatim: verbatim})
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != c.title {
				t.Errorf("%q (verbatim %v): title %q, want %q", c.in, verbatim, d.Title, c.title)
			}
		}
	}
}
