package pipeline

import (
	"strings"
	"testing"

	"dateline/internal/doc"
)

func TestStageOrderIsChecked(t *testing.T) {
	nop := func(*doc.Doc) error { return nil }
	_, err := New(Stage{Name: "events", Requires: []string{"parse"}, Run: nop},
		Stage{Name: "depparse", Assigns: []string{"parse"}, Run: nop})
	if err == nil || !strings.Contains(err.Error(), "events requires \"parse\"") {
		t.Fatalf("a stage before its requirement was accepted: %v", err)
	}
	// the built-in lists are in order
	for _, l := range []Level{LevelTokens, LevelSyntax, LevelFull} {
		if _, err := New(stages(l)...); err != nil {
			t.Errorf("level %d: %v", l, err)
		}
	}
}

func TestRunKeepsStageTimesAndStopsOnError(t *testing.T) {
	calls := 0
	p, err := New(
		Stage{Name: "a", Assigns: []string{"x"}, Run: func(*doc.Doc) error { calls++; return nil }},
		Stage{Name: "b", Requires: []string{"x"}, Run: func(*doc.Doc) error { return errBoom }},
		Stage{Name: "c", Run: func(*doc.Doc) error { calls++; return nil }},
	)
	if err != nil {
		t.Fatal(err)
	}
	err = p.Run(&doc.Doc{})
	if err == nil || !strings.HasPrefix(err.Error(), "b: ") || calls != 1 {
		t.Fatalf("err %v, calls %d", err, calls)
	}
	if got := p.Names(); strings.Join(got, ",") != "a,b,c" {
		t.Errorf("names %v", got)
	}
	if len(p.Times()) != 3 {
		t.Errorf("times %v", p.Times())
	}
}

type boom struct{}

func (boom) Error() string { return "boom" }

var errBoom = boom{}
