package ingest

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/formats"
	"dateline/internal/output"
	"dateline/internal/pipeline"
	"dateline/internal/reader"
)

// TestRoundTripShared stores real articles (VOA stories, analysed by the full
// pipeline) and checks that each one loads back exactly as extract prints it.
func TestRoundTripShared(t *testing.T) {
	path := shared(t, "voa/voa_stories.jsonl")
	var docs []*doc.Doc
	p := pipeline.Default()
	err := formats.ReadFile(path, reader.Options{}, func(d *doc.Doc) error {
		if len(docs) < 12 {
			if err := p.Run(d); err != nil {
				return err
			}
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := openDB(t, filepath.Join(t.TempDir(), "x.db"))
	defer s.Close()
	r, err := s.Put(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		got, err := s.Load(context.Background(), r.IDs[i])
		if err != nil {
			t.Fatal(err)
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(output.FromDoc(d, output.Options{Explain: true}))
		if string(gj) != string(wj) {
			t.Errorf("article %d (%s) does not load back as extract prints it", i, d.Source.URL)
		}
		if d.Published == "" || got.Published == nil || *got.Published != d.Published {
			t.Errorf("article %d: published %q stored as %v", i, d.Published, got.Published)
		}
	}
}
