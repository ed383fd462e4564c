package cli

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"dateline/internal/depparse"
	"dateline/internal/pos"
)

func init() {
	registerTrainer(&trainer{
		name:  "depparse",
		about: "dependency parser (UD relations) from UD EWT train + GUM (CC-BY part) train",
		run:   trainDepparse,
	})
}

// depRead reads a CoNLL-U treebank, gunzipping NAME.gz when NAME is absent.
func depRead(path string) ([]depparse.Sent, error) {
	f, err := os.Open(path)
	if err != nil {
		f, err = os.Open(path + ".gz")
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		path += ".gz"
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = z
	}
	return depparse.ReadCoNLLU(r, path)
}

// depparseNoise is the share of ambiguous words whose training tags are
// swapped for another tag of the word, so that the parser learns to live with
// a tagger's mistakes (on top of the jackknifed tags).
const depparseNoise = 0.0

// depparseMix is how many parsers (seeds 1, 2, ...) are trained and mixed
// into the shipped one (depparse.TrainOptions.Mix). A mix of 3 (12 passes
// each) scored EWT dev UAS/LAS 85.39/82.19 through the whole pipeline against
// 85.25/81.96 for one parser, but its table is half as large again (1.2 M
// move features; 15.7 MB) and the syntax pipeline ran 15-20% slower
// (BenchmarkSyntax, old and new alternated on one core: 89-98k vs 72-76k
// words/s) with a 0.54-0.64 s load: one parser ships.
const depparseMix = 1

// Jackknifing: the training sentences get the tags of POS taggers
// (internal/pos) trained on the other folds, so that the parser learns from
// tags with a real tagger's errors; dev is tagged by the first fold's tagger.
const (
	depparseFolds     = 2
	depparseFoldIters = 5
)

// depJackknife replaces the tags of train with predicted ones and returns a
// function that tags dev sentences.
func depJackknife(env *Env, train []depparse.Sent, folds, iters int) (func(int, *depparse.Sent), error) {
	var first *pos.Model
	for k := 0; k < folds; k++ {
		var tr []pos.Sentence
		for i := range train {
			if i%folds != k {
				s := &train[i]
				tr = append(tr, pos.Sentence{Forms: s.Forms, UPOS: s.UPOS, XPOS: s.XPOS, Lemmas: s.Lemmas})
			}
		}
		m, _, err := pos.Train(tr, pos.TrainOptions{Iters: iters, Seed: int64(k + 1), Prune: 0.05})
		if err != nil {
			return nil, fmt.Errorf("jackknife tagger %d: %w", k+1, err)
		}
		wrong, total := 0, 0
		for i := k; i < len(train); i += folds {
			s := &train[i]
			u, x, _ := m.TagForms(s.Forms)
			for j := range x {
				if x[j] != s.XPOS[j] {
					wrong++
				}
			}
			total += len(x)
			s.UPOS, s.XPOS = u, x
		}
		fmt.Fprintf(env.Stderr, "depparse: jackknife fold %d/%d: XPOS of held-out training words %.2f%% correct\n", k+1, folds, 100*(1-float64(wrong)/float64(max(total, 1))))
		if first == nil {
			first = m
		}
	}
	return func(_ int, s *depparse.Sent) { s.UPOS, s.XPOS, _ = first.TagForms(s.Forms) }, nil
}

func trainDepparse(env *Env, o *TrainOpts) error {
	start := time.Now()
	ewt, err := depRead(filepath.Join(o.Data, "ud-ewt", "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	gum, err := depRead(filepath.Join(o.Data, "gum", "en_gum-ccby-train.conllu"))
	if err != nil {
		return err
	}
	dev, err := depRead(filepath.Join(o.Data, "ud-ewt", "en_ewt-ud-dev.conllu"))
	if err != nil {
		return err
	}
	train := append(append([]depparse.Sent(nil), ewt...), gum...)
	opts := depparse.TrainOptions{Iters: o.Iters, Dev: dev, TagNoise: depparseNoise, PruneMin: 1, Seed: 1, Log: env.Stderr,
		ExploreFrom: 1, ExploreProb: 0.9, Mix: depparseMix}
	if opts.Iters == 0 {
		// the shipped parser: 9 passes (a mix of 3 scored EWT dev UAS/LAS
		// 84.87/81.42 with 12 passes each against 84.80/81.24 with 9)
		opts.Iters = 9
	}
	out := o.Out
	if o.Small {
		train, dev = train[:200], dev[:100]
		opts.Dev, opts.Iters, opts.Mix = dev, 1, 2
		tmp, err := os.MkdirTemp("", "dateline-depparse-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		out = tmp
	}
	folds, foldIters := depparseFolds, depparseFoldIters
	if o.Small {
		foldIters = 1
	}
	if opts.DevTags, err = depJackknife(env, train, folds, foldIters); err != nil {
		return err
	}
	m, rep, err := depparse.Train(train, opts)
	if err != nil {
		return err
	}
	trainTime := time.Since(start)
	gzBytes, back, loadTime, err := packModel(m, depparse.ReadModel)
	if err != nil {
		return err
	}
	uas, las := back.Evaluate(dev, nil)
	puas, plas := back.Evaluate(dev, opts.DevTags)
	fmt.Fprintf(env.Stderr, "depparse: %.1f MB gzipped, loads in %v; EWT dev UAS %.2f LAS %.2f with gold tags, %.2f %.2f with predicted tags\n",
		float64(len(gzBytes))/1e6, loadTime.Round(time.Millisecond), 100*uas, 100*las, 100*puas, 100*plas)
	if o.Small && uas < 0.3 {
		return fmt.Errorf("smoke run: dev UAS %.3f is too low", uas)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "depparse.bin.gz"), gzBytes, 0o644); err != nil {
		return err
	}
	var subs []string
	for _, l := range back.Labels() {
		if strings.Contains(l, ":") {
			subs = append(subs, l)
		}
	}
	card := depparseCard(opts, rep, subs, len(ewt), len(gum), len(gzBytes), trainTime, loadTime, depPeakRSS(), uas, las, puas, plas)
	return os.WriteFile(filepath.Join(out, "depparse.md"), []byte(card), 0o644)
}

func depparseCard(o depparse.TrainOptions, rep *depparse.TrainReport, subs []string, nEWT, nGUM, size int, trainTime, loadTime time.Duration, sys uint64, uas, las, puas, plas float64) string {
	var b strings.Builder
	mixNote, kept := "", fmt.Sprintf("%d (kept %d)", len(rep.Passes), rep.Best)
	if len(rep.Members) > 1 {
		mixNote = fmt.Sprintf(`The shipped model is the mean of the weights of %d such parsers
(perceptron.Mix), each trained on its own shuffles and explorations (seeds
%d..%d) and cut at its best pass on EWT dev: one model with the same
templates, so the same work per word, over a larger table.
`, len(rep.Members), rep.Members[0].Seed, rep.Members[len(rep.Members)-1].Seed)
		var ks []string
		for _, m := range rep.Members {
			ks = append(ks, fmt.Sprintf("seed %d: kept %d (UAS %.2f / LAS %.2f)", m.Seed, m.Best, 100*m.UAS, 100*m.LAS))
		}
		kept = fmt.Sprintf("%d per model; %s; mixed: %.2f / %.2f", o.Iters, strings.Join(ks, ", "), 100*rep.UAS, 100*rep.LAS)
	}
	fmt.Fprintf(&b, `# depparse: dependency parser

Greedy transition-based parser (arc-eager, root at the end of the buffer) trained
with a dynamic oracle and exploration (Goldberg & Nivre 2012; explore from pass
2, following the model's own wrong move with p = %.1f), averaged perceptrons
(internal/perceptron) for the move and, separately, the relation of each arc.
%s
Features: the Zhang & Nivre (2011) arc-eager templates (words, XPOS tags, UPOS,
distance, valency, labels and label sets of leftmost/rightmost children, head
and grandhead, second-order children) plus second-stack-word templates: %d
per configuration, hashed to uint64. Non-projective training trees are
projectivised by lifting (%d arcs lifted). Relations: universal UD relations
plus subtypes seen >= 100 times (%s).

## Data and license

- UD English EWT train (%d sentences), CC BY-SA 4.0 — share-alike applies to
  this model.
- GUM train, CC-BY-licensed genres only (%d sentences; see
  shared/data/gum/SOURCE.md), CC BY 4.0 annotations.
- UD English EWT dev: choice of the training pass only. No test data seen.
- Training tags are jackknifed: each half of the training sentences is tagged
  by an internal/pos tagger trained (%d passes) on the other half, so that the
  parser learns from a real tagger's errors; dev is tagged by the first of
  those taggers. Extra tag noise: %.0f%% of ambiguous words.

## Figures

| | |
|---|---|
| sentences / words trained on | %d / %d |
| passes (kept: best EWT dev LAS) | %s |
| move features / label features | %d / %d |
| size (gzipped) | %.1f MB |
| load time | %v |
| training time | %v |
| peak memory (resident) | %d MB |
| EWT dev, gold tags: UAS / LAS | %.2f / %.2f |
| EWT dev, jackknife-tagger tags: UAS / LAS | %.2f / %.2f |

Per pass (EWT dev, jackknife-tagger tags; the pass is chosen on these):

| model | pass | UAS | LAS | time |
|---|---|---|---|---|
`, o.ExploreProb, mixNote, 82, rep.Lifted, strings.Join(subs, ", "), nEWT, nGUM, depparseFoldIters, 100*o.TagNoise,
		rep.Sentences, rep.Words, kept, rep.MoveFeatures, rep.LabelFeatures,
		float64(size)/1e6, loadTime.Round(time.Millisecond), trainTime.Round(time.Second), sys>>20, 100*uas, 100*las, 100*puas, 100*plas)
	for _, p := range rep.Passes {
		fmt.Fprintf(&b, "| %d | %d | %.2f | %.2f | %v |\n", p.Member, p.Pass, 100*p.UAS, 100*p.LAS, p.Time.Round(time.Second))
	}
	b.WriteString(`
Test figures (EWT test, gold tokens, predicted tags through the whole syntax
pipeline) are measured with:

    dateline analyze --from conllu < ../shared/data/ud-ewt/en_ewt-ud-test.conllu > OUT
    python3 ../shared/tools/score/conllu.py ../shared/data/ud-ewt/en_ewt-ud-test.conllu OUT
`)
	return b.String()
}

// depPeakRSS is the process's peak resident memory in bytes (Linux VmHWM), or
// the Go runtime's Sys elsewhere.
func depPeakRSS() uint64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
				var kb uint64
				if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb); err == nil {
					return kb << 10
				}
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Sys
}
