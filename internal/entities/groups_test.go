package entities_test

import (
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/pipeline"
	"dateline/internal/reader"
)

// analyseStory runs the whole pipeline over an invented story.
func analyseStory(t *testing.T, text string) *doc.Doc {
	t.Helper()
	d, err := reader.Text("story.txt", []byte(text), reader.Options{Published: "2024-03-05"})
	if err != nil {
		t.Fatal(err)
	}
	if err := pipeline.Default().Run(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// groupNamed finds the entity with a mention whose text is s.
func groupNamed(d *doc.Doc, s string) *doc.Entity {
	for i := range d.Entities {
		for _, mi := range d.Entities[i].Mentions {
			if strings.EqualFold(d.Str(d.Mentions[mi].Span), s) {
				return &d.Entities[i]
			}
		}
	}
	return nil
}

// A group named without its country ("police", "rebels") is an actor of its
// sector, placed in the country the story gives: the place in its sentence,
// else the dateline's.
func TestBareGroupsTakeTheStorysCountry(t *testing.T) {
	d := analyseStory(t, "Clashes in the north\n\nACCRA, March 4 (Wire) - Police arrested dozens of protesters on Monday. Rebels later attacked a checkpoint near Lagos, officials said.\n")
	for _, c := range []struct{ text, sector, country string }{
		{"Police", "COP", "GHA"}, {"protesters", "OPP", "GHA"}, // the dateline's country
		{"Rebels", "REB", "NGA"}, // the place in their sentence
	} {
		e := groupNamed(d, c.text)
		if e == nil {
			t.Errorf("%q is no entity", c.text)
			continue
		}
		if e.Sector != c.sector || e.Country != c.country {
			t.Errorf("%q: sector %q country %q, want %s %s", c.text, e.Sector, e.Country, c.sector, c.country)
		}
	}
	if e := groupNamed(d, "Wire"); e != nil && e.Country == "GHA" && e.Sector == "COP" {
		t.Errorf("the wire service became the police")
	}
}

// A group word that modifies another noun, or whose phrase names someone
// else, is not a group of its own.
func TestGroupWordsThatAreNotBareGroups(t *testing.T) {
	d := analyseStory(t, "Norway promised military aid to Ghana on Monday. U.N. helicopters evacuated the wounded, and Irish nationalist guerrillas freed two hostages. Hamas militants fired rockets.\n")
	for _, s := range []string{"military", "helicopters", "guerrillas", "militants"} {
		if e := groupNamed(d, s); e != nil && strings.EqualFold(e.Name, s) {
			t.Errorf("%q made a group of its own: %+v", s, *e)
		}
	}
	if groupNamed(d, "hostages") == nil {
		t.Errorf("a bare group (hostages) was not found at all")
	}
}
