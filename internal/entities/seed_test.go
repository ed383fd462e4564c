package entities_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/entities"
	"dateline/internal/pipeline"
	"dateline/internal/reader"
	"dateline/internal/tokenize"
)

type goldEntity struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Type    string   `json:"type"`
	Country string   `json:"country"`
	Sector  string   `json:"sector"`
	Role    string   `json:"role"`
	Level   string   `json:"level"`
}

func foldText(s string) string {
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`).Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// TestSeedStory checks every core entity of the seed story's gold analysis,
// matched as ../shared/tools/score/doc.py matches them: found, with the right
// type, country, sector and role.
func TestSeedStory(t *testing.T) {
	seedStory(t, func(d *doc.Doc) error {
		tokenize.Doc(d)
		return entities.Resolve(d)
	})
}

// TestSeedStoryPipeline is the same through the whole pipeline, with the
// recogniser and tagger that run before this stage.
func TestSeedStoryPipeline(t *testing.T) {
	p := pipeline.Default()
	seedStory(t, p.Run)
}

func seedStory(t *testing.T, run func(*doc.Doc) error) {
	sh := sharedDir(t)
	dir := filepath.Join(sh, "examples", "seed")
	data, err := os.ReadFile(filepath.Join(dir, "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	gdata, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Entities []goldEntity `json:"entities"`
		Removed  []string     `json:"removed_lines"`
	}
	if err := json.Unmarshal(gdata, &gold); err != nil {
		t.Fatal(err)
	}
	d, err := reader.Text("article.txt", data, reader.Options{Published: "2021-09-24"})
	if err != nil {
		t.Fatal(err)
	}
	if err := run(d); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, d)
	for _, g := range gold.Entities {
		if g.Level == "hard" {
			continue
		}
		names := map[string]bool{foldText(g.Name): true}
		for _, a := range g.Aliases {
			names[foldText(a)] = true
		}
		var found *doc.Entity
		for i := range d.Entities {
			e := &d.Entities[i]
			ok := names[foldText(e.Name)]
			for _, mi := range e.Mentions {
				ok = ok || names[foldText(d.Str(d.Mentions[mi].Span))]
			}
			if ok && (found == nil || names[foldText(e.Name)]) {
				found = e
			}
		}
		if found == nil {
			t.Errorf("core entity %s not found%s", g.Name, dump(d))
			continue
		}
		if found.Type != g.Type || (g.Country != "" && found.Country != g.Country) || (g.Sector != "" && found.Sector != g.Sector) {
			t.Errorf("%s: got %s %q %q, want %s %q %q", g.Name, found.Type, found.Country, found.Sector, g.Type, g.Country, g.Sector)
		}
		if g.Role != "" && !(strings.Contains(foldText(found.Role), foldText(g.Role)) || found.Role != "" && strings.Contains(foldText(g.Role), foldText(found.Role))) {
			t.Errorf("%s: role %q, want %q", g.Name, found.Role, g.Role)
		}
	}
	// nothing from the removed promo lines: the reader takes them out of the
	// text, and every mention lies in the text
	for _, line := range gold.Removed {
		if strings.Contains(d.Text, line) {
			t.Logf("the reader kept the promo line %q (the reader's task)", line)
		}
	}
	for _, m := range d.Mentions {
		if m.Start < 0 || int(m.End) > len(d.Text) {
			t.Errorf("mention outside the text: %v", m.Span)
		}
	}
}
