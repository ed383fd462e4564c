package entities_test

import (
	"dateline/internal/testshared"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/entities"
	"dateline/internal/pipeline"
	"dateline/internal/tokenize"
)

// sharedDir finds ../shared walking up from the package directory.
func sharedDir(t testing.TB) string { return testshared.Dir(t) }

type gsrActor struct {
	ActorText string `json:"actorText"`
	Code      string `json:"code"`
}

type gsrRecord struct {
	ID     string          `json:"id"`
	Event  string          `json:"event"`
	Text   string          `json:"text"`
	Source json.RawMessage `json:"source"`
	Target json.RawMessage `json:"target"`
}

func actorsOf(raw json.RawMessage) []gsrActor {
	var as []gsrActor
	if json.Unmarshal(raw, &as) != nil {
		return nil
	}
	var out []gsrActor
	for _, a := range as {
		if strings.TrimSpace(a.ActorText) != "" {
			out = append(out, a)
		}
	}
	return out
}

// as in ../shared/tools/score/events.py
var nonCountry = map[string]bool{"IGO": true, "NGO": true, "IMG": true, "ISM": true, "MNC": true, "UIS": true,
	"NON": true, "UNK": true, "XXX": true, "BUS": true, "CVL": true, "GOV": true, "MIL": true, "REB": true,
	"OPP": true, "PTY": true, "COP": true, "JUD": true, "SPY": true, "MED": true, "EDU": true, "REL": true,
	"CRM": true, "LAB": true, "REF": true, "ELI": true, "HLH": true, "AGR": true, "MOS": true, "CHR": true,
	"JEW": true, "BUD": true, "HIN": true, "ITH": true, "SOC": true, "LEG": true, "JRN": true, "UAF": true}
var codeAlias = map[string]string{"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}

var threeCaps = regexp.MustCompile(`^[A-Z]{3}$`)

func countryCode(c string) string {
	c = strings.ToUpper(strings.TrimSpace(c))
	if len(c) > 3 {
		c = c[:3]
	}
	if !threeCaps.MatchString(c) || nonCountry[c] {
		return ""
	}
	if a, ok := codeAlias[c]; ok {
		return a
	}
	return c
}

func normText(s string) string {
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`).Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func isWordRune(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// containsWord is events.py's contains_word: needle in hay at a word start,
// and ending at a word end when shorter than 4 characters.
func containsWord(hay, needle string) bool {
	if needle == "" || hay == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(hay[i:], needle)
		if j < 0 {
			return false
		}
		j += i
		startOK := j == 0 || !isWordRune(hay[j-1])
		e := j + len(needle)
		endOK := len([]rune(needle)) >= 4 || e == len(hay) || !isWordRune(hay[e])
		if startOK && endOK {
			return true
		}
		i = j + 1
	}
}

func textMatch(a, b string) bool {
	a, b = normText(a), normText(b)
	return a != "" && b != "" && (containsWord(a, b) || containsWord(b, a))
}

// TestGSRActors measures, over the 322 PLOVER gold-standard sentences, the
// share of gold source/target actors with a country code that appear as a
// mention of an entity carrying that country. DATELINE_EVAL=1 runs it.
func TestGSRActors(t *testing.T) {
	if os.Getenv("DATELINE_EVAL") == "" {
		t.Skip("set DATELINE_EVAL=1 to run the PLOVER GSR actor evaluation")
	}
	sh := sharedDir(t)
	data, err := os.ReadFile(filepath.Join(sh, "data", "plover-gsr", "PLOVER_GSR_CAMEO.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []gsrRecord
	if err := json.Unmarshal(data, &recs); err != nil {
		t.Fatal(err)
	}
	p := evalPipeline()
	total, found, sentences := 0, 0, 0
	var misses []string
	for _, r := range recs {
		if r.Event == "DOCUMENT" || strings.TrimSpace(r.Text) == "" {
			continue
		}
		sentences++
		d := newDoc(r.Text)
		if err := p.Run(d); err != nil {
			t.Fatal(err)
		}
		for _, a := range append(actorsOf(r.Source), actorsOf(r.Target)...) {
			code := countryCode(a.Code)
			if code == "" {
				continue
			}
			total++
			if hasActor(d, a.ActorText, code) {
				found++
			} else {
				misses = append(misses, r.ID+": "+a.ActorText+"="+code+"   | "+describe(d))
			}
		}
	}
	share := float64(found) / float64(total)
	t.Logf("GSR actors: %d sentences, %d country-coded gold actors, %d found as a mention of an entity with that country: %.4f", sentences, total, found, share)
	if os.Getenv("DATELINE_EVAL_VERBOSE") != "" {
		for _, m := range misses {
			t.Log("miss " + m)
		}
	}
	if sentences != 322 {
		t.Errorf("%d sentences, want 322", sentences)
	}
	if share < 0.80 {
		t.Errorf("GSR actor share %.4f below the floor 0.80", share)
	}
}

func hasActor(d *doc.Doc, actorText, code string) bool {
	for _, e := range d.Entities {
		if e.Country != code {
			continue
		}
		for _, mi := range e.Mentions {
			if textMatch(actorText, d.Str(d.Mentions[mi].Span)) {
				return true
			}
		}
	}
	return false
}

func describe(d *doc.Doc) string {
	var b strings.Builder
	for _, e := range d.Entities {
		b.WriteString("[" + e.Name + " " + e.Type + " " + e.Country + "]")
	}
	return b.String()
}

// newDoc is a document of plain text, one paragraph per blank-line block.
func newDoc(text string) *doc.Doc {
	d := &doc.Doc{Text: text}
	start := 0
	for start < len(text) {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if strings.TrimSpace(text[start:end]) != "" {
			d.Paragraphs = append(d.Paragraphs, doc.Span{Start: int32(start), End: int32(end)})
		}
		start = end + 2
	}
	return d
}

// evalPipeline is what the measure runs: tokenisation and this stage alone,
// so that the figure does not move with other stages; with
// DATELINE_EVAL_FULL=1 the whole pipeline (tagger and recogniser first).
func evalPipeline() interface{ Run(*doc.Doc) error } {
	if os.Getenv("DATELINE_EVAL_FULL") != "" {
		return pipeline.Default()
	}
	return stageRunner{}
}

type stageRunner struct{}

func (stageRunner) Run(d *doc.Doc) error {
	tokenize.Doc(d)
	return entities.Resolve(d)
}
