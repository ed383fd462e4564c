package formats

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/reader"
)

// The article-extraction benchmark's metric, as ../shared/tools/score/
// extraction.py computes it: tokens are \w+ matches, a text is the multiset of
// its 4-token shingles, precision and recall are averaged over documents and
// F1 is taken of the two means. (The script is the figure of record; this is
// the same measure for the test suite.)
var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

func shingles(s string) map[string]int {
	toks := wordRE.FindAllString(s, -1)
	m := map[string]int{}
	if len(toks) == 0 {
		return m
	}
	if len(toks) < 4 {
		m[strings.Join(toks, "\x00")]++
		return m
	}
	for i := 0; i+4 <= len(toks); i++ {
		m[strings.Join(toks[i:i+4], "\x00")]++
	}
	return m
}

func shinglePR(pred, gold string) (p, r float64) {
	ps, gs := shingles(pred), shingles(gold)
	np, ng, both := 0, 0, 0
	for k, n := range ps {
		np += n
		both += min(n, gs[k])
	}
	for _, n := range gs {
		ng += n
	}
	switch {
	case np == 0 && ng == 0:
		return 1, 1
	case np == 0:
		return 0, 0
	case ng == 0:
		return 0, 1
	}
	return float64(both) / float64(np), float64(both) / float64(ng)
}

// extractionScore reads the first n benchmark pages (all if n <= 0) and
// returns mean precision, mean recall and their F1.
func extractionScore(t *testing.T, n int) (p, r, f1 float64, docs int) {
	dir := sharedDir(t, "data/article-extraction")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if n > 0 && n < len(ids) {
		ids = ids[:n]
	}
	for _, id := range ids {
		body := ""
		err := ReadFile(filepath.Join(dir, "html", id+".html.gz"), reader.Options{}, func(d *doc.Doc) error {
			body = d.Text
			return nil
		})
		if err != nil {
			t.Logf("%s: %v", id, err)
		}
		pp, rr := shinglePR(body, gold[id].ArticleBody)
		p += pp
		r += rr
	}
	p /= float64(len(ids))
	r /= float64(len(ids))
	return p, r, 2 * p * r / (p + r), len(ids)
}

// TestExtractionQuality runs the HTML reader on 25 benchmark pages (all 181
// with DATELINE_EVAL=1, where the bar is F1 >= 0.95).
func TestExtractionQuality(t *testing.T) {
	n, bar := 25, 0.93
	if os.Getenv("DATELINE_EVAL") == "1" {
		n, bar = 0, 0.95
	}
	p, r, f1, docs := extractionScore(t, n)
	t.Logf("%d pages: precision %.4f recall %.4f F1 %.4f", docs, p, r, f1)
	if f1 < bar {
		t.Errorf("F1 %.4f below %.2f", f1, bar)
	}
}

func TestShingleMetric(t *testing.T) {
	if p, r := shinglePR("a b c d e", "a b c d e"); p != 1 || r != 1 {
		t.Errorf("identical: %v %v", p, r)
	}
	if p, r := shinglePR("a b c d x", "a b c d e"); p != 0.5 || r != 0.5 {
		t.Errorf("one of two shingles: %v %v", p, r)
	}
	if p, r := shinglePR("", "a b"); p != 0 || r != 0 {
		t.Errorf("empty prediction: %v %v", p, r)
	}
}
