package tokenize_test

import (
	"io"
	"os"
	"strings"
	"testing"

	"dateline/internal/conllu"
	"dateline/internal/testshared"
	"dateline/internal/tokenize"
)

// TestNewsCrossValidation estimates the splitter on news it has not seen: the
// GUM train news documents in four folds, each scored by a boundary model
// trained as `dateline train sent` trains it (EWT train + GUM train) without
// that fold, three times over in different example orders (the
// perceptron's result depends on the order; one order's figure moves by a
// point). GUM dev has only two news documents, and the shipped model has
// trained on every GUM train document, so this is the figure to develop
// against. DATELINE_EVAL=1 (about 40 s); DATELINE_EVAL=v also lists the
// errors.
func TestNewsCrossValidation(t *testing.T) {
	if os.Getenv("DATELINE_EVAL") == "" {
		t.Skip("set DATELINE_EVAL=1")
	}
	read := func(rel string) []*conllu.Sentence { return readConllu(t, testshared.Path(t, "data", rel)) }
	gaps := func(s []*conllu.Sentence) tokenize.GapSet {
		d, st := tokenize.CorpusDoc(s)
		return tokenize.Gaps(d, st)
	}
	ewt := gaps(read("ud-ewt/en_ewt-ud-train.conllu.gz"))
	dev := tokenize.Merge(gaps(read("ud-ewt/en_ewt-ud-dev.conllu")), gaps(read("gum/en_gum-ccby-dev.conllu")))
	// GUM train by document; the news documents dealt round the folds
	const folds, reps = 4, 3
	var rest [folds + 1][]*conllu.Sentence // rest[folds]: not news
	fold, news := folds, 0
	for _, s := range read("gum/en_gum-ccby-train.conllu.gz") {
		if id, ok := s.Comment("newdoc id"); ok {
			fold = folds
			if strings.HasPrefix(id, "GUM_news_") {
				fold = news % folds
				news++
			}
		}
		rest[fold] = append(rest[fold], s)
	}
	var all tokenize.SplitScore
	logErr := func(missed bool, context string) {
		if missed {
			t.Logf("missed | %s", context)
		} else {
			t.Logf("extra  | %s", context)
		}
	}
	for f := 0; f < folds; f++ {
		sets := []tokenize.GapSet{ewt}
		for k, s := range rest {
			if k != f {
				sets = append(sets, gaps(s))
			}
		}
		train := tokenize.Merge(sets...)
		for rep := 0; rep < reps; rep++ {
			// another order of the same examples: the perceptron depends on it
			n := len(train.Gaps)
			order := tokenize.GapSet{Gaps: append(train.Gaps[rep*n/reps:n:n], train.Gaps[:rep*n/reps]...), GoldInside: train.GoldInside}
			m := tokenize.TrainBoundaries(order, dev, 8, io.Discard)
			var errs func(bool, string)
			if os.Getenv("DATELINE_EVAL") == "v" && rep == 0 {
				errs = logErr
			}
			all.Add(tokenize.ScoreSplit(m, rest[f], errs))
		}
	}
	t.Logf("GUM train news, %d documents in %d folds, %d orders: sentence P %.4f R %.4f F1 %.4f (%d gold sentences)",
		news, folds, reps, all.P(), all.R(), all.F1(), all.Gold/reps)
}
