package kb

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func mustEmbedded(t testing.TB) *KB {
	t.Helper()
	k, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func kinds(hs []Hit) map[Kind]*Entry {
	m := map[Kind]*Entry{}
	for _, h := range hs {
		m[h.Entry.Kind] = h.Entry
	}
	return m
}

func TestEmbeddedLookups(t *testing.T) {
	k := mustEmbedded(t)
	if len(k.countries) < 195 {
		t.Errorf("only %d countries", len(k.countries))
	}
	cases := []struct {
		phrase  string
		kind    Kind
		country string
		sector  string
		name    string
	}{
		{"Pak", Country, "PAK", "", "Pakistan"},
		{"Pakistan", Country, "PAK", "", "Pakistan"},
		{"US", Country, "USA", "", "United States"},
		{"U.S.", Country, "USA", "", "United States"},
		{"UK", Country, "GBR", "", "United Kingdom"},
		{"Pakistani", Demonym, "PAK", "", "Pakistan"},
		{"Islamabad", Capital, "PAK", "", "Islamabad"},
		{"Kremlin", Actor, "RUS", "GOV", "Kremlin"},
		{"White House", Actor, "USA", "GOV", "White House"},
		{"Downing Street", Actor, "GBR", "GOV", "Downing Street"},
		{"State Department", Actor, "USA", "GOV", "State Department"},
		{"Pentagon", Actor, "USA", "MIL", "Pentagon"},
		{"CIA", Actor, "USA", "SPY", "Central Intelligence Agency"},
		{"ISI", Actor, "PAK", "SPY", "Inter-Services Intelligence"},
		{"Security Council", Actor, "", "IGO", "United Nations Security Council"},
		{"NATO", Actor, "", "IGO", "North Atlantic Treaty Organization"},
		{"al-Qaeda", Actor, "", "REB", "Al Qaeda"},
		{"Al Qaeda", Actor, "", "REB", "Al Qaeda"},
		{"Taliban", Actor, "AFG", "REB", "Taliban"},
		{"Dawn", Actor, "PAK", "MED", "Dawn"},
		{"Al Jazeera", Actor, "QAT", "MED", "Al Jazeera"},
		{"N'Djamena", Capital, "TCD", "", "Ndjamena"},
		{"Foreign Minister", Title, "", "GOV", "foreign minister"},
		{"foreign minister", Title, "", "GOV", "foreign minister"},
		{"police chief", Title, "", "COP", "police chief"},
		{"troops", Group, "", "MIL", "military"},
		{"New York", Place, "USA", "", "New York"},
	}
	for _, c := range cases {
		hs := kinds(k.Lookup(c.phrase))
		e := hs[c.kind]
		if e == nil {
			t.Errorf("%q: no %v entry (hits %v)", c.phrase, c.kind, hs)
			continue
		}
		if e.Country != c.country || e.Sector != c.sector || e.Name != c.name {
			t.Errorf("%q: got %+v, want country %q sector %q name %q", c.phrase, *e, c.country, c.sector, c.name)
		}
	}
	for _, p := range []string{"us", "Is", "china", "dawn in", "pak"} {
		if hs := k.Lookup(p); len(hs) > 0 && hs[0].Entry.Kind != Title && hs[0].Entry.Kind != Group {
			t.Errorf("%q matched %+v", p, *hs[0].Entry)
		}
	}
}

func TestGender(t *testing.T) {
	k := mustEmbedded(t)
	if k.Gender("Antony") != 'M' || k.Gender("Hillary") != 'F' || k.Gender("Zork") != 0 {
		t.Errorf("genders: %c %c %d", k.Gender("Antony"), k.Gender("Hillary"), k.Gender("Zork"))
	}
}

func TestWords(t *testing.T) {
	cases := map[string]string{
		"U.S.":          "us",
		"al-Qaeda":      "al qaeda",
		"N'Djamena":     "ndjamena",
		"Pakistan's":    "pakistan s",
		"Côte d'Ivoire": "côte divoire",
		"D.P.R.K. said": "dprk said",
		"e.g. this":     "eg this",
	}
	for in, want := range cases {
		var got []string
		for _, w := range Words(in, nil) {
			got = append(got, w.Norm)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("Words(%q) = %q, want %q", in, g, want)
		}
	}
	w := Words("U.S.", nil)
	if len(w) != 1 || !w[0].Upper || !w[0].Cap {
		t.Errorf("U.S. word: %+v", w)
	}
}

func TestUserFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "extra.tsv")
	data := "# my additions\nactor\tFoo Liberation Front\tORG\tPAK\tREB\tFLF\nperson\tJane Roe\tGBR\tGOV\tHome Secretary\tRoe\ncountry\tPAK\tPakistan\tPakland\t-\t-\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	k := mustEmbedded(t)
	if err := k.LoadFile(p); err != nil {
		t.Fatal(err)
	}
	if e := kinds(k.Lookup("FLF"))[Actor]; e == nil || e.Country != "PAK" || e.Sector != "REB" {
		t.Errorf("FLF: %v", e)
	}
	if e := kinds(k.Lookup("Jane Roe"))[Person]; e == nil || e.Role != "Home Secretary" {
		t.Errorf("Jane Roe: %v", e)
	}
	if e := kinds(k.Lookup("Pakland"))[Country]; e == nil || e.Country != "PAK" || e != k.CountryEntry("PAK") {
		t.Errorf("Pakland: %v", e)
	}
}

func TestBadLines(t *testing.T) {
	bad := map[string]string{
		"actor\tX\tORG\tPAKI\tGOV\t-":  "ISO",
		"actor\tX\tTHING\tPAK\tGOV\t-": "unknown type",
		"actor\tX\tORG\tPAK\tXYZ\t-":   "unknown sector",
		"frob\tX":                      "unknown line kind",
		"country\tPAK":                 "at least 3",
		"title\t\tGOV\t-":              "no phrase",
		"given\tX\tJohn":               "gender",
	}
	for line, want := range bad {
		err := New().Read(strings.NewReader("\n"+line+"\n"), "f.tsv")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "f.tsv:2") {
			t.Errorf("%q: error %v, want one naming f.tsv:2 and %q", line, err, want)
		}
	}
	if err := New().LoadFile(filepath.Join(t.TempDir(), "missing.tsv")); err == nil {
		t.Error("missing file: no error")
	}
}

func FuzzRead(f *testing.F) {
	f.Add("country\tPAK\tPakistan\tPak\tPakistani\tIslamabad\n")
	f.Add("actor\tX Y\tORG\t-\tIGO\tXY;X.Y.\n")
	f.Add("title\tminister\tGOV\t-\n#c\n\n")
	f.Add("person\tA\tUSA\tGOV\tPresident\tB;C\n")
	f.Add("place\t\xff\tUSA\t-\n")
	f.Fuzz(func(t *testing.T, s string) {
		k := New()
		_ = k.Read(strings.NewReader(s), "fuzz")
		for _, line := range strings.Split(s, "\n") {
			k.Lookup(line)
		}
	})
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"U.S.", "a.b", "N'Dj", "’s", "x.y.z", "..", "é.É."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range Words(s, nil) {
			if w.Norm == "" {
				t.Fatalf("empty word from %q", s)
			}
		}
	})
}

func BenchmarkLongest(b *testing.B) {
	k := mustEmbedded(b)
	ws := Words("the United Nations General Assembly in New York", nil)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for j := range ws {
			k.Longest(ws[j:])
		}
	}
	b.ReportMetric(float64(b.N*len(ws))/b.Elapsed().Seconds(), "words/s")
}

// TestDefaultEnv runs a child test process with $DATELINE_KB set, since the
// default knowledge base is built once per process.
func TestDefaultEnv(t *testing.T) {
	if p := os.Getenv("KB_TEST_CHILD"); p != "" {
		k := Default()
		err := DefaultErr()
		switch p {
		case "good":
			if err != nil {
				t.Fatal(err)
			}
			if e := kinds(k.Lookup("Zorblat Front"))[Actor]; e == nil || e.Country != "TCD" {
				t.Fatalf("user entry missing: %v", e)
			}
		case "bad":
			if err == nil || !strings.Contains(err.Error(), "DATELINE_KB") || !strings.Contains(err.Error(), ":1:") {
				t.Fatalf("bad file: error %v", err)
			}
			if k.Lookup("Pakistan") == nil {
				t.Fatal("embedded data lost after a bad user file")
			}
		}
		return
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.tsv")
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(good, []byte("actor\tZorblat Front\tORG\tTCD\tREB\t-\n"), 0o644)
	os.WriteFile(bad, []byte("actor\tX\tORG\tTCDX\tREB\t-\n"), 0o644)
	for _, c := range []struct{ mode, file string }{{"good", good}, {"bad", bad}} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDefaultEnv$")
		cmd.Env = append(os.Environ(), "KB_TEST_CHILD="+c.mode, "DATELINE_KB="+c.file)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", c.mode, err, out)
		}
	}
}
