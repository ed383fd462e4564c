package pipeline

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

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

func TestRunBatchGoesStageByStageAndIsolatesFailures(t *testing.T) {
	var order []string
	mark := func(name string) func(*doc.Doc) error {
		return func(d *doc.Doc) error {
			order = append(order, name+":"+d.Text)
			switch {
			case d.Text == "bad" && name == "a":
				return errBoom
			case d.Text == "panics" && name == "b":
				var s []int
				_ = s[3]
			}
			return nil
		}
	}
	p, err := New(Stage{Name: "a", Run: mark("a")}, Stage{Name: "b", Run: mark("b")})
	if err != nil {
		t.Fatal(err)
	}
	docs := []*doc.Doc{{Text: "one"}, {Text: "bad"}, {Text: "panics"}, {Text: "two"}}
	errs := p.RunBatch(docs)
	want := "a:one a:bad a:panics a:two b:one b:panics b:two"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("order\n got %s\nwant %s", got, want)
	}
	if errs[0] != nil || errs[3] != nil {
		t.Errorf("good documents failed: %v", errs)
	}
	if errs[1] == nil || !strings.HasPrefix(errs[1].Error(), "a: ") {
		t.Errorf("failing stage not reported: %v", errs[1])
	}
	if errs[2] == nil || !strings.Contains(errs[2].Error(), "b: analysis failed: ") {
		t.Errorf("panic not turned into an error: %v", errs[2])
	}
}

func TestGatherKeepsOrderAndBatchesReadyValues(t *testing.T) {
	ch := make(chan int, 10)
	for i := 0; i < 10; i++ {
		ch <- i
	}
	close(ch)
	var sizes []int
	var all []int
	Gather(ch, 4, func(b []int) {
		sizes = append(sizes, len(b))
		all = append(all, b...)
	})
	if len(sizes) != 3 || sizes[0] != 4 || sizes[1] != 4 || sizes[2] != 2 {
		t.Errorf("batch sizes %v, want [4 4 2]", sizes)
	}
	for i, v := range all {
		if v != i {
			t.Fatalf("values out of order: %v", all)
		}
	}
	// a slow producer: nothing is held back waiting for a full batch
	slow := make(chan int)
	got := make(chan []int, 1)
	go Gather(slow, 4, func(b []int) { got <- append([]int(nil), b...) })
	slow <- 7
	if b := <-got; len(b) != 1 || b[0] != 7 {
		t.Errorf("slow producer gave %v", b)
	}
	close(slow)
}

func TestLoadRunsEveryLoaderAndReportsFailures(t *testing.T) {
	var loaded atomic.Int32
	ok := func() error { loaded.Add(1); return nil }
	nop := func(*doc.Doc) error { return nil }
	p, err := New(Stage{Name: "a", Run: nop, Load: ok}, Stage{Name: "b", Run: nop},
		Stage{Name: "c", Run: nop, Load: func() error { return errBoom }}, Stage{Name: "d", Run: nop, Load: ok})
	if err != nil {
		t.Fatal(err)
	}
	err = p.Load()
	if loaded.Load() != 2 {
		t.Errorf("%d loaders ran, want 2", loaded.Load())
	}
	if err == nil || !strings.HasPrefix(err.Error(), "c: ") {
		t.Errorf("failing loader not reported by stage: %v", err)
	}
}

// The built-in pipeline loads its models, and loading again is free.
func TestDefaultLoads(t *testing.T) {
	p := Default()
	if err := p.Load(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := p.Load(); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 50*time.Millisecond {
		t.Errorf("second Load took %v", el)
	}
}
