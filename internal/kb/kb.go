// Package kb is dateline's knowledge base of actors: every country (names,
// short forms, demonyms, capitals), the UN system and other IGOs, ministries and
// agencies, armed groups, parties, news media, well-known places, and a lexicon
// of titles and group nouns with their CAMEO-style sectors.
//
// The data are readable tab-separated lines in data/*.tsv, embedded in the
// binary. A user adds entries without rebuilding: LoadFile reads a file in the
// same format, and Default reads the file named by $DATELINE_KB.
//
// Line format (tab-separated; a list field holds items separated by ";"; "-" is
// an empty field; blank lines and lines starting with "#" are ignored):
//
//	country  ISO3  Name  other-names  demonyms  capitals
//	actor    Name  TYPE  COUNTRY|-  SECTOR|-  other-names
//	person   Name  COUNTRY|-  SECTOR|-  role|-  other-names
//	place    Name  COUNTRY|-  other-names
//	title    phrase  SECTOR  other-phrases
//	group    noun  SECTOR  other-nouns
//	given    M|F  names
//
// Phrases are matched on words: letters and digits, case-folded, every other
// character a word break ("al-Qaeda" = "al Qaeda"; "U.S." = "US"). Capitalised
// words in the knowledge base match only capitalised words in text, and short
// all-capital forms ("US", "IS", "PA") only the same capitals, so that "us",
// "Is" and "china" do not match.
package kb

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Kind says what a knowledge-base phrase names.
type Kind uint8

const (
	Country Kind = iota + 1 // a country's name or short form: "Pakistan", "Pak"
	Demonym                 // "Pakistani", "Afghans"
	Capital                 // a capital: a place, and a metonym for the government
	Actor                   // an organisation, agency, armed group, party, medium, seat of government
	Person                  // a well-known person
	Place                   // a city or region: a location
	Title                   // an office held by one person: "foreign minister"
	Group                   // a collective noun: "troops", "government"
)

var kindNames = [...]string{"", "country", "demonym", "capital", "actor", "person", "place", "title", "group"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Entry is one thing the knowledge base knows.
type Entry struct {
	Kind    Kind
	Name    string // canonical name (for titles and groups: the canonical phrase)
	Type    string // PERSON, ORG, GPE, LOC ("" for titles and groups)
	Country string // ISO 3166-1 alpha-3, or ""
	Sector  string // CAMEO-style sector, or ""
	Role    string // for persons: the office, or ""
}

// Hit is one entry a phrase names, with the form that matched.
type Hit struct {
	Entry *Entry
	Form  string // the knowledge base's form of the phrase
}

// Word is one word of text for matching: letters and digits only.
type Word struct {
	Norm  string // case-folded
	Cap   bool   // starts with an upper-case letter
	Upper bool   // every letter upper-case (and at least one letter)
}

// constraint on a phrase word: what the text must look like.
type wordCase uint8

const (
	caseAny   wordCase = iota
	caseCap            // must start upper-case
	caseUpper          // must be all upper-case
)

type node struct {
	next map[string]*node
	hits []phraseHit
}

type phraseHit struct {
	entry int32
	form  string
	cases []wordCase
}

// KB is a knowledge base. Build one with New and Add/LoadFile, or use Default.
// A KB is safe for concurrent lookups once built; Add and LoadFile must not run
// concurrently with lookups.
type KB struct {
	entries   []*Entry
	root      node
	countries map[string]*Entry // ISO3 -> the country's entry
	maxWords  int
	gender    map[string]byte // given name -> 'M' or 'F' ('?' if listed as both)
	first     [1 << 10]uint64 // bit set of hashed first words: most words start no phrase
}

func wordHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h & (1<<16 - 1)
}

// New returns an empty knowledge base.
func New() *KB {
	return &KB{countries: map[string]*Entry{}, gender: map[string]byte{}}
}

var (
	defOnce sync.Once
	defKB   *KB
	defErr  error
	defMu   sync.Mutex
)

// Default is the embedded knowledge base plus the file named by $DATELINE_KB,
// if set. It is built once. If the user file is bad, Default reports the error
// once through DefaultErr and works on with the embedded data.
func Default() *KB {
	defOnce.Do(func() {
		k, err := Embedded()
		if err != nil {
			panic(err) // the embedded data are tested; a bad file is a build error
		}
		if p := os.Getenv("DATELINE_KB"); p != "" {
			if err := k.LoadFile(p); err != nil {
				defErr = fmt.Errorf("$DATELINE_KB: %w", err)
			}
		}
		defKB = k
	})
	return defKB
}

// DefaultErr is the error reading $DATELINE_KB, if any.
func DefaultErr() error { Default(); return defErr }

// LoadFile adds the entries of a user's file to the default knowledge base.
// Call it before analysis starts (e.g. from a --kb flag).
func LoadFile(path string) error {
	defMu.Lock()
	defer defMu.Unlock()
	return Default().LoadFile(path)
}

// Embedded builds the knowledge base shipped with dateline.
func Embedded() (*KB, error) {
	k := New()
	files, err := dataFS.ReadDir("data")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, f.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := dataFS.Open("data/" + n)
		if err != nil {
			return nil, err
		}
		err = k.Read(f, "kb/data/"+n)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return k, nil
}

// LoadFile adds the entries of the file at path.
func (k *KB) LoadFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("knowledge base: %w", err)
	}
	defer f.Close()
	return k.Read(f, path)
}

// Read adds the entries of r, named name in errors. On an error no entry of
// the bad line is added; earlier lines stay.
func (k *KB) Read(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	ln := 0
	for sc.Scan() {
		ln++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if !utf8.ValidString(line) {
			return fmt.Errorf("%s:%d: not valid UTF-8", name, ln)
		}
		if err := k.addLine(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %v", name, ln, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

var sectors = map[string]bool{"GOV": true, "MIL": true, "REB": true, "OPP": true, "PTY": true, "JUD": true,
	"COP": true, "SPY": true, "IGO": true, "NGO": true, "MED": true, "BUS": true, "CVL": true, "REL": true,
	"EDU": true, "HLH": true, "LAB": true, "ELI": true, "CRM": true}

var types = map[string]bool{"PERSON": true, "ORG": true, "GPE": true, "LOC": true, "GROUP": true}

func field(f []string, i int) string {
	if i >= len(f) {
		return ""
	}
	s := strings.TrimSpace(f[i])
	if s == "-" {
		return ""
	}
	return s
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" && p != "-" {
			out = append(out, p)
		}
	}
	return out
}

func checkISO(c string) error {
	if c == "" {
		return nil
	}
	if len(c) != 3 || strings.ToUpper(c) != c || !isLetters(c) {
		return fmt.Errorf("country %q is not an ISO 3166-1 alpha-3 code (three capital letters)", c)
	}
	return nil
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func checkSector(s string) error {
	if s != "" && !sectors[s] {
		return fmt.Errorf("unknown sector %q (want one of GOV MIL REB OPP PTY JUD COP SPY IGO NGO MED BUS CVL REL EDU HLH LAB ELI CRM)", s)
	}
	return nil
}

func need(f []string, n int, what string) error {
	if len(f) < n {
		return fmt.Errorf("%s line needs at least %d tab-separated fields, has %d", what, n, len(f))
	}
	return nil
}

func (k *KB) addLine(f []string) error {
	kind := strings.ToLower(strings.TrimSpace(f[0]))
	switch kind {
	case "country":
		if err := need(f, 3, kind); err != nil {
			return err
		}
		iso, name := field(f, 1), field(f, 2)
		if err := checkISO(iso); err != nil || iso == "" {
			if err == nil {
				err = fmt.Errorf("country line needs an ISO3 code")
			}
			return err
		}
		if name == "" {
			return fmt.Errorf("country %s has no name", iso)
		}
		e := &Entry{Kind: Country, Name: name, Type: "GPE", Country: iso}
		if old := k.countries[iso]; old != nil {
			e = old // a user's line adds names to a known country
		} else {
			k.countries[iso] = e
		}
		k.add(e, name)
		for _, a := range list(field(f, 3)) {
			k.add(e, a)
		}
		if ds := list(field(f, 4)); len(ds) > 0 {
			d := &Entry{Kind: Demonym, Name: e.Name, Type: "GPE", Country: iso}
			for _, a := range ds {
				k.add(d, a)
			}
		}
		if cs := list(field(f, 5)); len(cs) > 0 {
			for _, a := range cs {
				k.add(&Entry{Kind: Capital, Name: a, Type: "LOC", Country: iso}, a)
			}
		}
	case "actor":
		if err := need(f, 5, kind); err != nil {
			return err
		}
		name, typ, c, sec := field(f, 1), strings.ToUpper(field(f, 2)), field(f, 3), field(f, 4)
		if name == "" {
			return fmt.Errorf("actor line has no name")
		}
		if !types[typ] {
			return fmt.Errorf("actor %q: unknown type %q (want PERSON, ORG, GPE, LOC or GROUP)", name, typ)
		}
		if err := checkISO(c); err != nil {
			return fmt.Errorf("actor %q: %v", name, err)
		}
		if err := checkSector(sec); err != nil {
			return fmt.Errorf("actor %q: %v", name, err)
		}
		e := &Entry{Kind: Actor, Name: name, Type: typ, Country: c, Sector: sec}
		if typ == "PERSON" {
			e.Kind = Person
		}
		k.add(e, name)
		for _, a := range list(field(f, 5)) {
			k.add(e, a)
		}
	case "person":
		if err := need(f, 3, kind); err != nil {
			return err
		}
		name, c, sec, role := field(f, 1), field(f, 2), field(f, 3), field(f, 4)
		if name == "" {
			return fmt.Errorf("person line has no name")
		}
		if err := checkISO(c); err != nil {
			return fmt.Errorf("person %q: %v", name, err)
		}
		if err := checkSector(sec); err != nil {
			return fmt.Errorf("person %q: %v", name, err)
		}
		e := &Entry{Kind: Person, Name: name, Type: "PERSON", Country: c, Sector: sec, Role: role}
		k.add(e, name)
		for _, a := range list(field(f, 5)) {
			k.add(e, a)
		}
	case "place":
		if err := need(f, 3, kind); err != nil {
			return err
		}
		name, c := field(f, 1), field(f, 2)
		if name == "" {
			return fmt.Errorf("place line has no name")
		}
		if err := checkISO(c); err != nil {
			return fmt.Errorf("place %q: %v", name, err)
		}
		e := &Entry{Kind: Place, Name: name, Type: "LOC", Country: c}
		k.add(e, name)
		for _, a := range list(field(f, 3)) {
			k.add(e, a)
		}
	case "title", "group":
		if err := need(f, 3, kind); err != nil {
			return err
		}
		name, sec := field(f, 1), field(f, 2)
		if name == "" {
			return fmt.Errorf("%s line has no phrase", kind)
		}
		if err := checkSector(sec); err != nil {
			return fmt.Errorf("%s %q: %v", kind, name, err)
		}
		kk := Title
		if kind == "group" {
			kk = Group
		}
		for _, a := range append([]string{name}, list(field(f, 3))...) {
			// each form is its own entry: the role is the text's words, the
			// canonical phrase only groups them
			k.add(&Entry{Kind: kk, Name: name, Sector: sec}, a)
		}
	case "given":
		if err := need(f, 3, kind); err != nil {
			return err
		}
		g := strings.ToUpper(field(f, 1))
		if g != "M" && g != "F" {
			return fmt.Errorf("given-name line: gender %q (want M or F)", field(f, 1))
		}
		for _, n := range list(field(f, 2)) {
			if old, ok := k.gender[n]; ok && old != g[0] {
				k.gender[n] = '?'
			} else {
				k.gender[n] = g[0]
			}
		}
	default:
		return fmt.Errorf("unknown line kind %q (want country, actor, person, place, title, group or given)", f[0])
	}
	return nil
}

// add indexes phrase for entry e.
func (k *KB) add(e *Entry, phrase string) {
	ws := Words(phrase, nil)
	if len(ws) == 0 {
		return
	}
	idx := int32(-1)
	for i := len(k.entries) - 1; i >= 0 && i >= len(k.entries)-2; i-- {
		if k.entries[i] == e {
			idx = int32(i)
		}
	}
	if idx < 0 {
		for i, x := range k.entries {
			if x == e {
				idx = int32(i)
				break
			}
		}
	}
	if idx < 0 {
		idx = int32(len(k.entries))
		k.entries = append(k.entries, e)
	}
	cases := make([]wordCase, len(ws))
	nletters := 0
	for _, w := range ws {
		nletters += len(w.Norm)
	}
	for i, w := range ws {
		switch {
		case w.Upper && len(ws) <= 2 && len(w.Norm) <= 4 && (nletters <= 5 || len(ws) == 1):
			cases[i] = caseUpper
		case w.Cap:
			cases[i] = caseCap
		}
	}
	h := wordHash(ws[0].Norm)
	k.first[h>>6] |= 1 << (h & 63)
	n := &k.root
	for _, w := range ws {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[w.Norm]
		if c == nil {
			c = &node{}
			n.next[w.Norm] = c
		}
		n = c
	}
	for j, h := range n.hits {
		if h.entry == idx {
			// the same entry again (e.g. "Al Qaeda" and "al-Qaeda"): keep the
			// looser case constraint of the two
			for w := range h.cases {
				n.hits[j].cases[w] = min(h.cases[w], cases[w])
			}
			return
		}
	}
	n.hits = append(n.hits, phraseHit{entry: idx, form: phrase, cases: cases})
	if len(ws) > k.maxWords {
		k.maxWords = len(ws)
	}
}

// Words splits s into words of letters and digits, appending to dst. Every
// other character breaks words, except that an apostrophe between letters is
// dropped ("N'Djamena", "Sana'a"; but not a possessive "'s") and a dotted
// abbreviation of single letters is one word ("U.S." is "us", like "US").
func Words(s string, dst []Word) []Word {
	// fast path: one ASCII word of letters and digits
	simple, upper, lower := len(s) > 0, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= '0' && c <= '9':
		default:
			simple = false
		}
		if !simple {
			break
		}
	}
	if simple {
		w := Word{Norm: s, Cap: s[0] >= 'A' && s[0] <= 'Z', Upper: upper && !lower}
		if upper {
			w.Norm = strings.ToLower(s)
		}
		return append(dst, w)
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isAlnum(r) {
			i += size
			continue
		}
		if j := dotted(s, i); j > i {
			var b []byte
			for k := i; k < j; k++ {
				if s[k] != '.' {
					b = append(b, s[k])
				}
			}
			w := Word{Cap: unicode.IsUpper(rune(b[0])), Upper: true}
			for _, c := range b {
				if c >= 'a' && c <= 'z' {
					w.Upper = false
				}
			}
			w.Norm = strings.ToLower(string(b))
			dst = append(dst, w)
			i = j
			continue
		}
		var b strings.Builder
		w := Word{Cap: unicode.IsUpper(r)}
		hasLetter, hasLower := false, false
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if isAlnum(r) {
				if unicode.IsLetter(r) {
					hasLetter = true
					if unicode.IsLower(r) {
						hasLower = true
					}
				}
				b.WriteRune(unicode.ToLower(r))
				i += size
				continue
			}
			if (r == '\'' || r == '’') && i+size < len(s) {
				rest := s[i+size:]
				nr, _ := utf8.DecodeRuneInString(rest)
				if unicode.IsLetter(nr) && !possessiveS(rest) {
					i += size
					continue
				}
			}
			break
		}
		w.Norm = b.String()
		w.Upper = hasLetter && !hasLower
		dst = append(dst, w)
	}
	return dst
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// possessiveS reports whether s starts with an "s" that ends a word.
func possessiveS(s string) bool {
	if len(s) == 0 || (s[0] != 's' && s[0] != 'S') {
		return false
	}
	if len(s) == 1 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[1:])
	return !isAlnum(r)
}

// dotted returns the end of a dotted abbreviation of single ASCII letters
// starting at s[i] ("U.S.", "U.N.", "D.P.R.K."), or i if there is none.
func dotted(s string, i int) int {
	j := i
	n := 0
	for j+1 < len(s) && isASCIILetter(s[j]) && s[j+1] == '.' {
		if j+2 < len(s) && isAlnumByte(s[j+2]) && !(j+3 < len(s) && s[j+3] == '.') && n > 0 {
			break
		}
		j += 2
		n++
		if j < len(s) && !isASCIILetter(s[j]) {
			break
		}
	}
	if n < 2 {
		return i
	}
	return j
}

func isAlnumByte(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Longest finds the longest phrase of the knowledge base that starts at ws[0]
// and whose case constraints the words meet. It returns the number of words
// and the hits (nil if none).
func (k *KB) Longest(ws []Word) (int, []Hit) {
	if len(ws) == 0 {
		return 0, nil
	}
	if h := wordHash(ws[0].Norm); k.first[h>>6]&(1<<(h&63)) == 0 {
		return 0, nil
	}
	n := &k.root
	var best *node
	bestN := 0
	for i, w := range ws {
		if n.next == nil {
			break
		}
		c := n.next[w.Norm]
		if c == nil {
			break
		}
		n = c
		for _, h := range n.hits {
			if caseOK(h.cases, ws[:i+1]) {
				best, bestN = n, i+1
				break
			}
		}
	}
	if best == nil {
		return 0, nil
	}
	out := make([]Hit, 0, len(best.hits))
	for _, h := range best.hits {
		if caseOK(h.cases, ws[:bestN]) {
			out = append(out, Hit{Entry: k.entries[h.entry], Form: h.form})
		}
	}
	return bestN, out
}

// LongestKind is Longest restricted to entries of the given kinds.
func (k *KB) LongestKind(ws []Word, kinds ...Kind) (int, []Hit) {
	n := &k.root
	var best []Hit
	bestN := 0
	for i, w := range ws {
		if n.next == nil {
			break
		}
		c := n.next[w.Norm]
		if c == nil {
			break
		}
		n = c
		var ok []Hit
		for _, h := range n.hits {
			e := k.entries[h.entry]
			for _, kd := range kinds {
				if e.Kind == kd && caseOK(h.cases, ws[:i+1]) {
					ok = append(ok, Hit{Entry: e, Form: h.form})
					break
				}
			}
		}
		if len(ok) > 0 {
			best, bestN = ok, i+1
		}
	}
	return bestN, best
}

func caseOK(cases []wordCase, ws []Word) bool {
	for i, c := range cases {
		switch c {
		case caseCap:
			if !ws[i].Cap {
				return false
			}
		case caseUpper:
			if !ws[i].Upper {
				return false
			}
		}
	}
	return true
}

// Lookup returns the hits for a whole phrase (case constraints applied).
func (k *KB) Lookup(phrase string) []Hit {
	ws := Words(phrase, nil)
	n, hits := k.Longest(ws)
	if n != len(ws) {
		return nil
	}
	return hits
}

// Gender is the usual gender of a given name: 'M', 'F', or 0 if unknown or
// ambiguous.
func (k *KB) Gender(given string) byte {
	g := k.gender[given]
	if g == '?' {
		return 0
	}
	return g
}

// CountryEntry returns the country entry for an ISO3 code, or nil.
func (k *KB) CountryEntry(iso string) *Entry { return k.countries[iso] }

// Len is the number of entries.
func (k *KB) Len() int { return len(k.entries) }

// MaxWords is the length in words of the longest phrase.
func (k *KB) MaxWords() int { return k.maxWords }
