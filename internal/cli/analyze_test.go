package cli

import (
	"fmt"
	"strings"
	"testing"
)

// analyze --from conllu fills every column of every sentence and writes the
// sentences in input order, across documents and chunks analysed in
// parallel.
func TestAnalyzeCoNLLUKeepsOrderAndFillsColumns(t *testing.T) {
	var in strings.Builder
	n := 0
	for doc := 0; doc < 3; doc++ {
		fmt.Fprintf(&in, "# newdoc id = d%d\n", doc)
		for k := 0; k < 70; k++ { // more than one chunk per document
			n++
			words := []string{"Officials", "in", "Accra", "met", fmt.Sprintf("%d", n), "farmers", "."}
			fmt.Fprintf(&in, "# sent_id = s%d\n# text = %s\n", n, strings.Join(words, " "))
			for i, w := range words {
				fmt.Fprintf(&in, "%d\t%s\t_\t_\t_\t_\t_\t_\t_\t_\n", i+1, w)
			}
			in.WriteString("\n")
		}
	}
	out, errs, code := run(t, in.String(), "analyze", "--from", "conllu")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	next := 1
	for _, line := range strings.Split(out, "\n") {
		if id, ok := strings.CutPrefix(line, "# sent_id = s"); ok {
			if id != fmt.Sprint(next) {
				t.Fatalf("sentence s%s where s%d was due", id, next)
			}
			next++
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 || cols[2] == "_" || cols[3] == "_" || cols[4] == "_" || cols[6] == "_" || cols[7] == "_" || !strings.Contains(cols[9], "NER=") {
			t.Fatalf("columns not filled: %q", line)
		}
	}
	if next-1 != n {
		t.Errorf("%d sentences out, %d in", next-1, n)
	}
}

func TestAnalyzeCoNLLURejectsBadInput(t *testing.T) {
	_, errs, code := run(t, "1\tbroken\n", "analyze", "--from", "conllu")
	if code == 0 || !strings.Contains(errs, "<stdin>:1:") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
