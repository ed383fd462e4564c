package timex

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/pos"
	"dateline/internal/tokenize"
)

// TestDevPredict writes predictions of this stage (tokenize + pos + timex, as in
// the pipeline, which tags before timex; TIMEX_DEV_POS=0 leaves tags out) for
// the scorer, for fast development loops: TIMEX_DEV_IN holds NAME.txt and
// NAME.dct (timex.py --prepare), TIMEX_DEV_OUT receives NAME.json. Without
// those variables it is skipped. scripts/eval-timex.sh runs the whole program.
func TestDevPredict(t *testing.T) {
	in, out := os.Getenv("TIMEX_DEV_IN"), os.Getenv("TIMEX_DEV_OUT")
	if in == "" || out == "" {
		t.Skip("TIMEX_DEV_IN / TIMEX_DEV_OUT not set")
	}
	files, _ := filepath.Glob(filepath.Join(in, "*.txt"))
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dct, _ := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".dct")
		d := &doc.Doc{Text: string(text), Published: strings.TrimSpace(string(dct))}
		tokenize.Doc(d)
		if os.Getenv("TIMEX_DEV_POS") != "0" {
			if err := pos.Tag(d); err != nil {
				t.Fatal(err)
			}
		}
		Resolve(d)
		type tm struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Text  string `json:"text"`
			Type  string `json:"type"`
			Value string `json:"value"`
		}
		var ts []tm
		for _, x := range d.Times {
			ts = append(ts, tm{d.Rune(x.Start), d.Rune(x.End), d.Str(x.Span), x.Type, x.Value})
		}
		b, _ := json.Marshal(map[string]any{"text": d.Text, "times": ts})
		if err := os.WriteFile(filepath.Join(out, strings.TrimSuffix(filepath.Base(f), ".txt")+".json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
