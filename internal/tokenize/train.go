package tokenize

import (
	"fmt"
	"io"
	"strings"

	"dateline/internal/conllu"
	"dateline/internal/doc"
	"dateline/internal/perceptron"
)

// Gap is one training example for the boundary classifier: the features of a
// candidate gap and whether a gold sentence starts after it.
type Gap struct {
	Feats []uint64
	Gold  bool
}

// GapSet is the candidate gaps of a corpus, with the count of gold boundaries
// inside paragraphs (those at candidates and those the candidates miss).
type GapSet struct {
	Gaps       []Gap
	GoldInside int // gold boundaries inside paragraphs
}

// CorpusDoc rebuilds the raw text of CoNLL-U sentences as `analyze --raw`
// does (a paragraph's "# text" lines joined by spaces, paragraphs separated by
// a blank line) and returns the document with its paragraphs and the byte
// offsets where gold sentences start.
func CorpusDoc(sents []*conllu.Sentence) (*doc.Doc, []int32) {
	var b strings.Builder
	var starts []int32
	var paras []doc.Span
	pstart := 0
	for _, s := range sents {
		text, ok := s.Comment("text")
		if !ok || len(s.Words()) == 0 {
			continue
		}
		if b.Len() > 0 {
			if s.HasPrefixComment("newpar") || s.HasPrefixComment("newdoc") {
				paras = append(paras, doc.Span{Start: int32(pstart), End: int32(b.Len())})
				b.WriteString("\n\n")
				pstart = b.Len()
			} else {
				b.WriteByte(' ')
			}
		}
		starts = append(starts, int32(b.Len()))
		b.WriteString(text)
	}
	if b.Len() > pstart {
		paras = append(paras, doc.Span{Start: int32(pstart), End: int32(b.Len())})
	}
	return &doc.Doc{Text: b.String(), Paragraphs: paras}, starts
}

// Gaps tokenises a corpus document with the rules and collects its candidate
// gaps, labelled by the gold sentence starts.
func Gaps(d *doc.Doc, goldStarts []int32) GapSet {
	docWith(d, nil)
	gold := make(map[int32]bool, len(goldStarts))
	for _, s := range goldStarts {
		gold[s] = true
	}
	var out GapSet
	var starts []bool
	var rule []doc.Sentence
	pi := 0
	for _, p := range d.Paragraphs {
		// tokens of this paragraph
		first := pi
		for first < len(d.Tokens) && d.Tokens[first].Start < p.Start {
			first++
		}
		last := first
		for last < len(d.Tokens) && d.Tokens[last].End <= p.End {
			last++
		}
		pi = last
		if last-first < 2 {
			continue
		}
		rule = splitSentences(d.Text, d.Tokens, first, last, rule[:0])
		starts = ruleStarts(rule, first, last, starts)
		rn := newCapRun(d.Text, d.Tokens, first, last)
		for i := first; i+1 < last; i++ {
			rn.next(d.Text, d.Tokens, i, last)
			if d.Tokens[i+1].InMWT {
				continue
			}
			g := gold[d.Tokens[i+1].Start]
			if g {
				out.GoldInside++
			}
			r := starts[i+1-first]
			if !candidate(d.Text, d.Tokens, i, r) {
				continue
			}
			out.Gaps = append(out.Gaps, Gap{Feats: gapFeatures(nil, d.Text, d.Tokens, first, last, i, r, rn), Gold: g})
		}
	}
	return out
}

// BoundaryF1 scores a model (nil: the rules alone) on a gap set: F1 of
// boundaries inside paragraphs.
func BoundaryF1(m *perceptron.Model, set GapSet) float64 {
	var scores [2]float32
	tp, pred := 0, 0
	for _, g := range set.Gaps {
		var yes bool
		if m == nil {
			yes = false
			// the rule bit is the second feature
			yes = g.Feats[1] == perceptron.New(fRule).Int(1).Sum()
		} else {
			m.Score(g.Feats, scores[:])
			yes = scores[1] > scores[0]
		}
		if yes {
			pred++
			if g.Gold {
				tp++
			}
		}
	}
	if tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(pred), float64(tp)/float64(set.GoldInside)
	return 2 * p * r / (p + r)
}

// TrainBoundaries trains the boundary classifier on train for iters passes
// and returns the averaged model of the pass that scores best on dev.
func TrainBoundaries(train, dev GapSet, iters int, log io.Writer) *perceptron.Model {
	t := perceptron.NewTrainer(2)
	var scores [2]float32
	fmt.Fprintf(log, "rules: train boundary F1 %.4f, dev %.4f (%d train gaps, %d dev gaps)\n",
		BoundaryF1(nil, train), BoundaryF1(nil, dev), len(train.Gaps), len(dev.Gaps))
	var best *perceptron.Model
	bestF := -1.0
	// a fixed shuffle: a stride through the examples
	n := len(train.Gaps)
	stride := 7919
	for n > 0 && gcd(stride, n) != 1 {
		stride++
	}
	for it := 0; it < iters; it++ {
		k := (it * 104729) % max(n, 1)
		for j := 0; j < n; j++ {
			g := train.Gaps[k]
			k = (k + stride) % n
			guess := t.Predict(g.Feats, scores[:])
			truth := 0
			if g.Gold {
				truth = 1
			}
			t.Update(truth, guess, g.Feats)
		}
		m := t.Average()
		f := BoundaryF1(m, dev)
		fmt.Fprintf(log, "pass %d: train boundary F1 %.4f, dev %.4f\n", it+1, BoundaryF1(m, train), f)
		if f > bestF {
			best, bestF = m, f
		}
	}
	return best
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// SplitScore counts predicted sentences whose both ends match a gold one.
type SplitScore struct{ Correct, Pred, Gold int }

// Add adds o's counts to s.
func (s *SplitScore) Add(o SplitScore) {
	s.Correct += o.Correct
	s.Pred += o.Pred
	s.Gold += o.Gold
}

// P, R and F1 are precision, recall and F1 over sentences.
func (s SplitScore) P() float64 { return float64(s.Correct) / float64(max(s.Pred, 1)) }
func (s SplitScore) R() float64 { return float64(s.Correct) / float64(max(s.Gold, 1)) }
func (s SplitScore) F1() float64 {
	if s.Correct == 0 {
		return 0
	}
	return 2 * s.P() * s.R() / (s.P() + s.R())
}

// ScoreSplit tokenises and splits the raw text of sents (rebuilt as CorpusDoc
// does) with m (nil: the rules alone) and counts the sentences whose byte
// spans match gold ones, as the scorer's --raw sentence figures do when the
// tokens are right. If errs is not nil it gets each missed and each extra
// sentence start with its context.
func ScoreSplit(m *perceptron.Model, sents []*conllu.Sentence, errs func(missed bool, context string)) SplitScore {
	d, starts := CorpusDoc(sents)
	gold := make(map[doc.Span]bool, len(starts))
	goldStart := make(map[int32]bool, len(starts))
	k := 0
	for _, s := range sents {
		if text, ok := s.Comment("text"); ok && len(s.Words()) > 0 {
			gold[doc.Span{Start: starts[k], End: starts[k] + int32(len(text))}] = true
			goldStart[starts[k]] = true
			k++
		}
	}
	docWith(d, m)
	sc := SplitScore{Pred: len(d.Sentences), Gold: len(gold)}
	predStart := make(map[int32]bool, len(d.Sentences))
	for _, s := range d.Sentences {
		predStart[s.Start] = true
		if gold[s.Span] {
			sc.Correct++
		}
	}
	if errs != nil {
		at := func(i int32) string {
			a, b := max(0, int(i)-60), min(len(d.Text), int(i)+40)
			return strings.ReplaceAll(d.Text[a:i]+" || "+d.Text[i:b], "\n", "¶")
		}
		for _, s := range starts {
			if !predStart[s] {
				errs(true, at(s))
			}
		}
		for _, s := range d.Sentences {
			if !goldStart[s.Start] {
				errs(false, at(s.Start))
			}
		}
	}
	return sc
}

// Merge joins gap sets.
func Merge(sets ...GapSet) GapSet {
	var out GapSet
	for _, s := range sets {
		out.Gaps = append(out.Gaps, s.Gaps...)
		out.GoldInside += s.GoldInside
	}
	return out
}
