package ner

import (
	"sync"
	"testing"
)

// TestConcurrentRecognize tags documents from several goroutines at once
// with the shared model (run with -race).
func TestConcurrentRecognize(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Skip(err)
	}
	want := func() string {
		d := docOf("Angela Merkel flew to Paris .", "She met Emmanuel Macron at the Elysee .")
		m.Recognize(d)
		s := ""
		for i := range d.Tokens {
			s += d.Tokens[i].NER + " "
		}
		return s
	}()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				d := docOf("Angela Merkel flew to Paris .", "She met Emmanuel Macron at the Elysee .")
				m.Recognize(d)
				s := ""
				for i := range d.Tokens {
					s += d.Tokens[i].NER + " "
				}
				if s != want {
					t.Errorf("concurrent tagging differs: %q vs %q", s, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}
