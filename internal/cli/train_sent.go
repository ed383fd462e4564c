package cli

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dateline/internal/conllu"
	"dateline/internal/perceptron"
	"dateline/internal/tokenize"
)

func init() {
	registerTrainer(&trainer{
		name:  "sent",
		about: "sentence-boundary classifier (averaged perceptron over the rules) from UD EWT train + GUM (CC-BY part) train",
		run:   trainSent,
	})
}

// readCoNLLUFile reads a CoNLL-U file, NAME or NAME.gz; limit > 0 stops
// after limit sentences.
func readCoNLLUFile(path string, limit int) ([]*conllu.Sentence, error) {
	if _, err := os.Stat(path); err != nil {
		if _, err2 := os.Stat(path + ".gz"); err2 == nil {
			path += ".gz"
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
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
	rd := conllu.NewReader(r, path)
	var out []*conllu.Sentence
	for limit <= 0 || len(out) < limit {
		s, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// sentGaps reads corpora and collects their candidate gaps; limit > 0 keeps
// only the first limit sentences of each.
func sentGaps(data string, limit int, files ...string) (tokenize.GapSet, int, error) {
	var sets []tokenize.GapSet
	n := 0
	for _, f := range files {
		sents, err := readCoNLLUFile(filepath.Join(data, f), limit)
		if err != nil {
			return tokenize.GapSet{}, 0, err
		}
		n += len(sents)
		d, starts := tokenize.CorpusDoc(sents)
		sets = append(sets, tokenize.Gaps(d, starts))
	}
	return tokenize.Merge(sets...), n, nil
}

func trainSent(env *Env, o *TrainOpts) error {
	start := time.Now()
	trainFiles := []string{"ud-ewt/en_ewt-ud-train.conllu", "gum/en_gum-ccby-train.conllu"}
	devFiles := []string{"ud-ewt/en_ewt-ud-dev.conllu", "gum/en_gum-ccby-dev.conllu"}
	limit := 0
	if o.Small {
		limit = 500
	}
	train, ntrain, err := sentGaps(o.Data, limit, trainFiles...)
	if err != nil {
		return err
	}
	dev, ndev, err := sentGaps(o.Data, limit, devFiles...)
	if err != nil {
		return err
	}
	iters := o.Iters
	if iters == 0 {
		iters = 8
	}
	if o.Small {
		iters = 1
	}
	var log bytes.Buffer
	m := tokenize.TrainBoundaries(train, dev, iters, io.MultiWriter(env.Stderr, &log))
	if o.Small {
		fmt.Fprintln(env.Stderr, "small run: nothing written")
		return nil
	}
	figures, err := sentFigures(o.Data, m, devFiles)
	if err != nil {
		return err
	}
	fmt.Fprint(env.Stderr, figures)
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer
	z, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := m.WriteTo(z); err != nil {
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.Out, tokenize.ModelName+".bin.gz"), buf.Bytes(), 0o644); err != nil {
		return err
	}
	card := fmt.Sprintf(`# sent — sentence-boundary classifier

An averaged perceptron (internal/perceptron) that decides, at each candidate
gap between two tokens, whether a sentence ends there. Candidates are gaps
after punctuation, before a capitalised word or opening quotation mark, and
wherever the rule splitter (internal/tokenize/sentences.go) puts a boundary;
the rules' decision is one of the features, so the model learns where the
rules go wrong. 22 feature templates: token forms and shapes around the gap
(a four-digit number, a year, has its own shape), the rule bit, position in
the paragraph, the stretch since the last hard punctuation mark (its length
and whether it is title case: headings, captions and list items glued to the
next sentence), whether the gap is inside a double quotation, whether the
paragraph ends with final punctuation, and two cues of Wikinews layout: a
picture credit after its caption ("Peekaboo Cosplay as The Fawn | Image: Nick
Moreau.") and a weekday dateline run into the first sentence ("Thursday, May
7, 2015 | On Tuesday, ...") or closing the headline's paragraph ("Interview
with Hugh McGuire | Sunday, May 28, 2006"); a dateline is always a sentence
of its own. Without this file the rules decide alone.

Raw text as `+"`dateline analyze --raw`"+` rebuilds it has no line breaks inside a
paragraph (a paragraph's sentences are joined by spaces; "# newpar" starts a
new paragraph after a blank line), and the article reader makes each line a
paragraph unless the block is hard-wrapped; so heading, dateline, byline and
caption lines are paragraphs of their own and paragraph ends are always
boundaries. The model decides the gaps inside a paragraph.

- Trained by: `+"`dateline train sent`"+` (%s, %d passes, best pass on dev kept; %s on one core).
- Training data: %s (%d sentences; %d candidate gaps). CC BY-SA 4.0 (EWT), CC BY 4.0 annotations (GUM).
- Development data (pass selection): %s (%d sentences).
- Test splits: not used in training.
- Size: %d features, %d weights, %d bytes gzipped.

Training log (boundary F1 inside paragraphs; paragraph ends are always boundaries):

`+"```"+`
%s`+"```"+`

Sentence F1 on the development splits, from raw text rebuilt as
`+"`dateline analyze --raw`"+` rebuilds it (sentences whose byte spans match gold):

`+"```"+`
%s`+"```"+`

GUM dev has two news documents and the model has trained on all of GUM
train's, so figures on unseen Wikinews text come from cross-validation over
the GUM train news and interview documents:
`+"`DATELINE_EVAL=1 go test -run TestNewsCrossValidation -v ./internal/tokenize`"+`.
It also lists each document's F1, and how many pairs of documents, pooled
as a test split pools its two news documents, score under 0.95.

Figures on the test splits (own tokenisation, ../shared/tools/score/conllu.py --raw)
are in the tokenizer's report; reproduce them with
`+"`dateline analyze --from conllu --raw --tokens-only < TEST > OUT`"+`.
`, time.Now().UTC().Format("2006-01-02"), iters, time.Since(start).Round(time.Second), strings.Join(trainFiles, " + "), ntrain, len(train.Gaps),
		strings.Join(devFiles, " + "), ndev, m.NumFeatures(), m.NumWeights(), buf.Len(), log.String(), figures)
	if err := os.WriteFile(filepath.Join(o.Out, tokenize.ModelName+".md"), []byte(card), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %s (%d bytes) in %v\n", filepath.Join(o.Out, tokenize.ModelName+".bin.gz"), buf.Len(), time.Since(start).Round(time.Second))
	return nil
}

// sentFigures scores the rules alone and the model m on each dev file and on
// its GUM news documents, one line each.
func sentFigures(data string, m *perceptron.Model, files []string) (string, error) {
	var b strings.Builder
	line := func(name string, sents []*conllu.Sentence) {
		r, s := tokenize.ScoreSplit(nil, sents, nil), tokenize.ScoreSplit(m, sents, nil)
		fmt.Fprintf(&b, "%-36s %5d sentences: rules %.4f, model %.4f\n", name, s.Gold, r.F1(), s.F1())
	}
	for _, f := range files {
		sents, err := readCoNLLUFile(filepath.Join(data, f), 0)
		if err != nil {
			return "", err
		}
		line(f, sents)
		var news []*conllu.Sentence
		keep := false
		for _, s := range sents {
			if id, ok := s.Comment("newdoc id"); ok {
				keep = strings.HasPrefix(id, "GUM_news_")
			}
			if keep {
				news = append(news, s)
			}
		}
		if len(news) > 0 {
			line(f+" (news)", news)
		}
	}
	return b.String(), nil
}
