package timex

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"dateline/internal/doc"
)

// shared finds ../shared walking up from the package directory; tests skip
// without it unless CI=true.
func shared(t testing.TB) string {
	dir, _ := os.Getwd()
	for k := 0; k < 6; k++ {
		p := filepath.Join(dir, "..", "shared")
		if _, err := os.Stat(filepath.Join(p, "examples", "seed", "gold.json")); err == nil {
			return p
		}
		dir = filepath.Dir(dir)
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("../shared not found")
	}
	t.Skip("../shared not found")
	return ""
}

// TestSeed runs the stage on the seed story (tokenised by internal/tokenize)
// and checks every time of its gold.json, core and hard, by text and value.
func TestSeed(t *testing.T) {
	dir := filepath.Join(shared(t), "examples", "seed")
	text, err := os.ReadFile(filepath.Join(dir, "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Document struct {
			Published string `json:"published"`
		} `json:"document"`
		Times []struct {
			Text, Value, Level string
		} `json:"times"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	if len(gold.Times) == 0 {
		t.Fatal("gold.json has no times")
	}
	d := run(string(text), gold.Document.Published)
	for _, g := range gold.Times {
		var found *doc.Time
		for k := range d.Times {
			if d.Str(d.Times[k].Span) == g.Text {
				found = &d.Times[k]
				break
			}
		}
		switch {
		case found == nil:
			t.Errorf("%s time %q not found", g.Level, g.Text)
		case found.Value != g.Value:
			t.Errorf("%s time %q: value %s, want %s", g.Level, g.Text, found.Value, g.Value)
		}
	}
	// The events stage asks when the meeting of sentence "Blinken met Qureshi ... on Thursday" happened.
	for si, s := range d.Sentences {
		txt := d.Str(s.Span)
		if len(txt) > 12 && txt[:12] == "Blinken met " {
			head := int(s.First) + 1 // "met"
			ti := ForSentence(d, si, head)
			if ti < 0 || d.Times[ti].Value != "2021-09-23" {
				t.Errorf("ForSentence(%q, met) = %d, want the Thursday", txt, ti)
			}
		}
	}
}
