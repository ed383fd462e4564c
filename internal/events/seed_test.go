package events_test

import (
	"os"
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/pipeline"
	"dateline/internal/reader"
	"dateline/internal/testshared"
)

func names(d *doc.Doc, ids []int32) []string {
	var out []string
	for _, i := range ids {
		out = append(out, d.Entities[i].Name)
	}
	return out
}

func has(xs []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, x := range xs {
			if x == w {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// TestSeedStoryEvents runs the whole pipeline over the seed story and checks its
// core events: the Blinken–Qureshi meeting once, on Thursday 2021-09-23 (not the
// publication date), in New York; Wednesday's talks with China and Russia; the
// Taliban's request; Biden's withdrawal; the Taliban seizing power in mid-August.
func TestSeedStoryEvents(t *testing.T) {
	path := testshared.Path(t, "examples", "seed", "article.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := reader.Text(path, data, reader.Options{Published: "2021-09-24"})
	if err != nil {
		t.Fatal(err)
	}
	if err := pipeline.Default().Run(d); err != nil {
		t.Fatal(err)
	}
	meetings := 0
	var got []string
	for _, e := range d.Events {
		parts := append(names(d, e.Actors), names(d, e.Recipients)...)
		got = append(got, e.Type+" "+strings.Join(parts, ",")+" @"+e.Date)
		switch {
		case e.Type == "CONSULT" && has(parts, "Antony Blinken", "Shah Mahmood Qureshi"):
			meetings++
			if e.Date != "2021-09-23" {
				t.Errorf("the meeting is dated %q, want 2021-09-23", e.Date)
			}
			if e.Location == nil || e.Location.Name != "New York" {
				t.Errorf("the meeting's place: %+v", e.Location)
			}
			if len(e.Evidence) < 2 {
				t.Errorf("the meeting has %d reports, want the lead's and the later ones merged", len(e.Evidence))
			}
		case e.Type == "CONSULT" && has(parts, "Antony Blinken", "China", "Russia"):
			if e.Date != "2021-09-22" {
				t.Errorf("Wednesday's talks are dated %q", e.Date)
			}
		}
		if e.Date == "2021-09-24" {
			t.Errorf("an event is dated on the publication date: %s", got[len(got)-1])
		}
	}
	if meetings != 1 {
		t.Errorf("the Blinken–Qureshi meeting appears %d times, want once; events: %q", meetings, got)
	}
	want := []struct{ typ, actor string }{{"REQUEST", "Taliban"}, {"RETREAT", "Joe Biden"}, {"REQUEST", "Pakistan"}}
	for _, w := range want {
		ok := false
		for _, e := range d.Events {
			if e.Type == w.typ && has(names(d, e.Actors), w.actor) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("no %s event by %s; events: %q", w.typ, w.actor, got)
		}
	}
	for _, e := range d.Events {
		if e.Type == "COERCE" && has(names(d, e.Actors), "Taliban") && !strings.HasPrefix(e.Date, "2021-08") {
			t.Errorf("the Taliban's seizure of power is dated %q, want 2021-08", e.Date)
		}
		// "It came after US President Joe Biden withdrew his country's troops":
		// the place continues from the sentence before ("in Afghanistan").
		if e.Type == "RETREAT" && has(names(d, e.Actors), "Joe Biden") && (e.Location == nil || e.Location.Name != "Afghanistan") {
			t.Errorf("Biden's withdrawal is placed at %+v, want Afghanistan", e.Location)
		}
	}
}
