package cli

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"dateline/internal/conllu"
	"dateline/internal/ner"
)

func init() {
	registerTrainer(&trainer{
		name:  "ner",
		about: "named-entity recogniser (PER/ORG/LOC/MISC) from CoNLL-2003 train + GUM train",
		run:   trainNER,
	})
}

// nerOpen opens a corpus file, gunzipping NAME.gz when NAME is absent.
func nerOpen(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		f, err = os.Open(path + ".gz")
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		path += ".gz"
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{z, f}, nil
}

func nerRead(path string, read func(io.Reader, string) ([]ner.Document, error)) ([]ner.Document, error) {
	r, err := nerOpen(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return read(r, path)
}

func trainNER(env *Env, o *TrainOpts) error {
	start := time.Now()
	conll, err := nerRead(filepath.Join(o.Data, "conll2003", "eng.train"), ner.ReadCoNLL2003)
	if err != nil {
		return err
	}
	gum, err := nerRead(filepath.Join(o.Data, "gum", "en_gum-ccby-train.conllu"), ner.ReadGUM)
	if err != nil {
		return err
	}
	dev, err := nerRead(filepath.Join(o.Data, "conll2003", "eng.testa"), ner.ReadCoNLL2003)
	if err != nil {
		return err
	}
	unerDev, err := nerRead(filepath.Join(o.Data, "uner-ewt", "en_ewt-ud-dev.iob2"), ner.ReadUNER)
	if err != nil {
		return err
	}
	// Raw text for case profiles and word clusters: the training splits' words.
	raw, err := nerRawText(filepath.Join(o.Data, "ud-ewt", "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	harmonised := ner.Harmonise(gum, conll, 3)
	fmt.Fprintf(env.Stderr, "ner: %d GUM names take their CoNLL-2003 type\n", harmonised)
	docs := append(append([]ner.Document(nil), conll...), gum...)
	cfg := ner.TrainConfig{Iters: o.Iters, Dev: dev, Lowercase: nerEnv("DATELINE_NER_LOWER", 0), Emphasis: nerEnv("DATELINE_NER_EMPHASIS", 0), OBias: float32(nerEnv("DATELINE_NER_OBIAS", 15)), Prune: 0.5, Log: env.Stderr, Seed: 1}
	clusters := 768
	if cfg.Iters == 0 {
		cfg.Iters = 12
	}
	out := o.Out
	if o.Small {
		docs = smallDocs(docs, 200)
		dev = smallDocs(dev, 100)
		cfg.Dev, cfg.Iters = dev, 1
		raw, clusters = raw[:min(len(raw), 2000)], 16
		tmp, err := os.MkdirTemp("", "dateline-ner-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		out = tmp
	}
	for _, d := range docs {
		for _, s := range d.Sents {
			raw = append(raw, s.Words)
		}
	}
	lexStart := time.Now()
	cfg.Lexicon = ner.BuildLexicon(raw, clusters, 1)
	fmt.Fprintf(env.Stderr, "ner: lexicon of %d words from %d raw sentences (%d clusters) in %v\n", len(cfg.Lexicon), len(raw), clusters, time.Since(lexStart).Round(time.Second))
	m, err := ner.Train(docs, cfg)
	if err != nil {
		return err
	}
	trainTime := time.Since(start)
	// Check the written bytes load back and tag as trained.
	gzBytes, back, loadTime, err := packModel(m, func(r io.Reader) (*ner.Model, error) { return ner.Load(r, "ner.bin.gz") })
	if err != nil {
		return err
	}
	devScore := ner.Evaluate(back, dev)
	unerScore := ner.Evaluate(back, unerDev)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(env.Stderr, "ner: %d features, %.1f MB gzipped, loads in %v; CoNLL testa F1 %.2f (PER/ORG/LOC %.2f); UNER EWT dev PER/ORG/LOC F1 %.2f\n",
		back.NumFeatures(), float64(len(gzBytes))/1e6, loadTime.Round(time.Millisecond),
		100*devScore.F1(), 100*devScore.F1("PER", "ORG", "LOC"), 100*unerScore.F1("PER", "ORG", "LOC"))
	if o.Small {
		if devScore.F1() == 0 {
			return fmt.Errorf("smoke run: the model found no correct name on dev")
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "ner.bin.gz"), gzBytes, 0o644); err != nil {
		return err
	}
	card := nerCard(cfg, clusters, len(conll), len(gum), back, len(gzBytes), trainTime, loadTime, ms.Sys, devScore, unerScore)
	return os.WriteFile(filepath.Join(out, "ner.md"), []byte(card), 0o644)
}

// nerRawText reads the words of a CoNLL-U training file (raw text for the
// lexicon; its annotations are not used).
func nerRawText(path string) ([][]string, error) {
	r, err := nerOpen(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	sents, err := conllu.ReadAll(r, path)
	if err != nil {
		return nil, err
	}
	out := make([][]string, 0, len(sents))
	for _, s := range sents {
		var ws []string
		for _, i := range s.Words() {
			ws = append(ws, s.Lines[i].Form())
		}
		if len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out, nil
}

func smallDocs(docs []ner.Document, sents int) []ner.Document {
	var out []ner.Document
	n := 0
	for _, d := range docs {
		if n >= sents {
			break
		}
		if len(d.Sents) > sents-n {
			d.Sents = d.Sents[:sents-n]
		}
		n += len(d.Sents)
		out = append(out, d)
	}
	return out
}

func nerCard(cfg ner.TrainConfig, nClusters int, nConll, nGum int, m *ner.Model, size int, took, load time.Duration, sys uint64, dev, uner ner.Score) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# ner — named-entity recogniser

Greedy left-to-right averaged perceptron over BILOU labels, types PER, ORG, LOC, MISC (CoNLL-2003 scheme);
output IOB2. Inside a name, when a label that starts afresh outscores its continuation, the name is closed one word
back (B→U, I→L) rather than run on; training decodes the same way. Package internal/ner; rebuild with `+"`dateline train ner`"+`.

## Data (training splits only; dev for early stopping)

- CoNLL-2003 English eng.train (%d documents). License unclear: Reuters RCV1 text, research use only; annotations from
  the CoNLL-2003 shared task (Tjong Kim Sang & De Meulder 2003).
- GUM train, CC-BY genres only (%d documents), entities from MISC Entity=: person→PER, organization→ORG, place→LOC when
  the entity's head is a proper noun (name = the run of proper nouns around it); other proper nouns are left out of the
  updates (GUM has no MISC). Texts CC BY / BY-SA / public domain per genre, annotations CC BY 4.0 (see
  ../shared/data/gum/SOURCE.md; cite Zeldes 2017).
- Raw text for the lexicon (case profiles, word clusters): the words of the two corpora above and of UD English-EWT
  train (en_ewt-ud-train.conllu, CC BY-SA 4.0; its annotations are not used).
- Early stopping on CoNLL-2003 eng.testa. UNER EWT dev is reported, not used for training.

## Features

Word, lowercase, shape, short shape, prefixes 1–3, suffixes 1–4, lowercase words ±2, shapes and words ±1, word bigrams,
sentence start, all-caps (headline) sentences, hyphen parts, the two previous labels (and with the word and shape),
document memory (the word's casing elsewhere in the document; the type it last got), gazetteer matches (BILOU position
and type) and per-word name types from the training names, jackknifed over two halves during training; from the raw text, each word's case
profile (how often it is capitalised away from the sentence start, for words seen ≥ 3 times) and its word cluster
(spherical k-means, %d clusters, over left/right-neighbour vectors; coarse clusters from the centroids). From the
project's knowledge base (internal/kb, embedded data only): the kind of the longest phrase over each word (country,
demonym, capital, actor, person, place, title, group) with its BILOU position, the kinds beside it, and whether a
capitalised word (or the word before) is a listed given name. Extended prediction history (Ratinov & Roth 2009): for a
capitalised word, the majority type it got earlier in the document and whether every earlier label agreed.
%.0f%% of training sentences are seen lowercased and %.0f%% get one common word emphasised (capitals or title case,
labelled O) in each pass. Weights averaged, rows whose largest weight is below %.2f dropped, int16-quantised. When
tagging, %.1f (in update units) is added to the score of O: fewer names, more surely (tuned on both dev sets).

## Figures

| | |
|---|---|
| passes | %d (best on dev kept) |
| features kept | %d |
| file size | %.1f MB gzipped |
| training time | %v (this machine, one core) |
| peak memory | %.0f MB (Go runtime Sys) |
| load time | %v |
| CoNLL-2003 testa (dev) F1, PER/ORG/LOC/MISC | %.2f |
| CoNLL-2003 testa (dev) F1, PER/ORG/LOC | %.2f |
| UNER EWT dev F1, PER/ORG/LOC | %.2f |

These dev figures are the trainer's own exact-span count; the test figures below come from ../shared/tools/score/iob.py.
`, nConll, nGum, nClusters, 100*cfg.Lowercase, 100*cfg.Emphasis, cfg.Prune, cfg.OBias, cfg.Iters, m.NumFeatures(), float64(size)/1e6, took.Round(time.Second),
		float64(sys)/1e6, load.Round(time.Millisecond), 100*dev.F1(), 100*dev.F1("PER", "ORG", "LOC"), 100*uner.F1("PER", "ORG", "LOC"))
	return b.String()
}

// nerEnv reads a number from the environment variable name (for
// experiments), def if unset or not a number.
func nerEnv(name string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil {
		return v
	}
	return def
}
