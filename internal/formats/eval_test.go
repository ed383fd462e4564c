package formats

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"dateline/internal/doc"
	"dateline/internal/reader"
)

// TestWriteExtractionPredictions writes {"articleBody": text} for every page of
// the article-extraction benchmark into $DATELINE_EXTRACTION_OUT, for
// ../shared/tools/score/extraction.py in directory mode. It is a development
// aid (scripts/eval-extraction.sh measures through dateline extract itself).
func TestWriteExtractionPredictions(t *testing.T) {
	out := os.Getenv("DATELINE_EXTRACTION_OUT")
	if out == "" {
		t.Skip("set DATELINE_EXTRACTION_OUT to a directory")
	}
	switch os.Getenv("DATELINE_EXTRACTION_FOCUS") {
	case "precision":
		HTMLOptions.Focus = trafilatura.FavorPrecision
	case "recall":
		HTMLOptions.Focus = trafilatura.FavorRecall
	}
	if os.Getenv("DATELINE_EXTRACTION_NOFALLBACK") != "" {
		HTMLOptions.EnableFallback = false
	}
	dir := sharedDir(t, "data/article-extraction/html")
	pages, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	for _, p := range pages {
		id := strings.TrimSuffix(filepath.Base(p), ".html.gz")
		body := ""
		err := ReadFile(p, reader.Options{}, func(d *doc.Doc) error { body = d.Text; return nil })
		if err != nil {
			t.Logf("%s: %v", id, err)
		}
		b, _ := json.Marshal(map[string]string{"articleBody": body})
		if err := os.WriteFile(filepath.Join(out, id+".json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
