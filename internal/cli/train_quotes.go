package cli

import (
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"dateline/internal/doc"
	"dateline/internal/perceptron"
	"dateline/internal/pipeline"
	"dateline/internal/quotes"
	"dateline/internal/reader"
)

func init() {
	registerTrainer(&trainer{
		name:  "quotes",
		about: "attribution classifier (averaged perceptron over predicate and content candidates in the parse) from PolNeAR train",
		run:   trainQuotes,
	})
}

// goldAtt is one PolNeAR attribution in byte offsets: its content extent
// and cue extent.
type goldAtt struct {
	cs, ce int32 // content
	qs, qe int32 // cue (qs == qe: none)
}

// readPolNeAR reads the articles of a PolNeAR split with the attributions of
// the alphabetically first annotator (as ../shared/tools/score/quotes.py
// does); brat lines it cannot read are skipped. limit > 0 keeps the first
// limit articles.
func readPolNeAR(dir string, limit int) ([]string, [][]goldAtt, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var texts []string
	var golds [][]goldAtt
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			base = base[:i]
		}
		if seen[base] {
			continue
		}
		seen[base] = true
		txt, err := os.ReadFile(filepath.Join(dir, "text", base+".txt"))
		if err != nil {
			return nil, nil, err
		}
		ann, err := os.ReadFile(a)
		if err != nil {
			return nil, nil, err
		}
		texts = append(texts, string(txt))
		golds = append(golds, parseBrat(string(txt), string(ann)))
		if limit > 0 && len(texts) >= limit {
			break
		}
	}
	if len(texts) == 0 {
		return nil, nil, fmt.Errorf("no PolNeAR articles under %s", dir)
	}
	return texts, golds, nil
}

// parseBrat reads the Content and Cue of each attribution ("E" line) of a
// brat file, converting code-point offsets to byte offsets in text.
func parseBrat(text, ann string) []goldAtt {
	byteAt := make([]int32, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, int32(i))
	}
	byteAt = append(byteAt, int32(len(text)))
	nr := int32(utf8.RuneCountInString(text))
	type frag struct{ a, b int32 }
	spans := map[string][]frag{}
	var out []goldAtt
	for _, line := range strings.Split(ann, "\n") {
		parts := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(parts) < 2 || line == "" {
			continue
		}
		switch line[0] {
		case 'T':
			_, offs, ok := strings.Cut(parts[1], " ")
			if !ok {
				continue
			}
			var fr []frag
			good := true
			for _, piece := range strings.Split(offs, ";") {
				ab := strings.Fields(piece)
				if len(ab) != 2 {
					good = false
					break
				}
				a, e1 := strconv.Atoi(ab[0])
				b, e2 := strconv.Atoi(ab[1])
				if e1 != nil || e2 != nil || a < 0 || b < a || int32(b) > nr {
					good = false
					break
				}
				fr = append(fr, frag{byteAt[a], byteAt[b]})
			}
			if good {
				spans[parts[0]] = fr
			}
		case 'E':
			g := goldAtt{cs: -1, qs: -1}
			for _, item := range strings.Fields(parts[1]) {
				role, id, ok := strings.Cut(item, ":")
				if !ok {
					continue
				}
				role = strings.TrimRight(role, "0123456789")
				for _, fr := range spans[id] {
					switch role {
					case "Content":
						if g.cs < 0 || fr.a < g.cs {
							g.cs = fr.a
						}
						g.ce = max(g.ce, fr.b)
					case "Cue":
						if g.qs < 0 || fr.a < g.qs {
							g.qs = fr.a
						}
						g.qe = max(g.qe, fr.b)
					}
				}
			}
			if g.cs >= 0 {
				if g.qs < 0 {
					g.qs, g.qe = 0, 0
				}
				out = append(out, g)
			}
		}
	}
	return out
}

// quoteMatch is the scorer's content overlap: the shared bytes are at least
// half of the longer span.
func quoteMatch(a0, a1, b0, b1 int32) bool {
	inter := min(a1, b1) - max(a0, b0)
	return inter > 0 && 2*inter >= max(a1-a0, b1-b0)
}

type quoteExample struct {
	feats []uint64
	pos   bool
	cue   bool  // the predicate lies in a gold cue
	pred  int32 // predicate token, to group a predicate's candidates
	doc   int32
}

// quoteExamples parses texts and labels every candidate: positive when its
// predicate lies in a gold cue and its content matches that attribution's.
func quoteExamples(texts []string, golds [][]goldAtt, jobs int) ([]quoteExample, int) {
	docs := make([]*doc.Doc, len(texts))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := pipeline.Raw()
			for i := range next {
				d, err := reader.Text("polnear", []byte(texts[i]), reader.Options{Verbatim: true})
				if err != nil || p.Run(d) != nil {
					continue
				}
				docs[i] = d
			}
		}()
	}
	for i := range texts {
		next <- i
	}
	close(next)
	wg.Wait()
	var ex []quoteExample
	npos := 0
	for i, d := range docs {
		if d == nil {
			continue
		}
		var exs []quoteExample
		var spans [][2]int32
		rules := quotes.Examples(d, func(c quotes.Cand, feats []uint64) {
			s, e := trimmedSpan(d, c.First, c.Last)
			spans = append(spans, [2]int32{s, e})
			exs = append(exs, quoteExample{feats: append([]uint64(nil), feats...), pred: c.Pred, doc: int32(i)})
		})
		// the attributions the rules found are no positives for the model:
		// it would find them twice
		var open []goldAtt
		for _, g := range golds[i] {
			found := false
			for _, q := range rules {
				if quoteMatch(g.cs, g.ce, q.Content.Start, q.Content.End) {
					found = true
					break
				}
			}
			if !found {
				open = append(open, g)
			}
		}
		for k := range exs {
			x := &exs[k]
			v := d.Tokens[x.pred]
			s, e := spans[k][0], spans[k][1]
			for _, g := range open {
				if g.qs < v.End && v.Start < g.qe {
					x.cue = true
					if quoteMatch(g.cs, g.ce, s, e) {
						x.pos = true
						npos++
						break
					}
				}
			}
		}
		ex = append(ex, exs...)
	}
	return ex, npos
}

// trimmedSpan is the byte extent of tokens [a, b) without enclosing
// punctuation, as the scorer trims it.
func trimmedSpan(d *doc.Doc, a, b int32) (int32, int32) {
	s, e := d.Tokens[a].Start, d.Tokens[b-1].End
	for s < e && strings.ContainsRune(" \t\r\n\"“”‘’',.;:", rune(d.Text[s])) {
		s++
	}
	for e > s && strings.ContainsRune(" \t\r\n\"“”‘’',.;:", rune(d.Text[e-1])) {
		e--
	}
	return s, e
}

// quoteGroups cuts ex into the runs of one predicate's candidates, leaving
// out the predicates that are a gold cue with none of the candidates as its
// content (a content over several sentences, or bounded otherwise): they
// are neither right nor wrong for the model.
func quoteGroups(ex []quoteExample) [][2]int {
	var g [][2]int
	for i := 0; i < len(ex); {
		j := i + 1
		for j < len(ex) && ex[j].pred == ex[i].pred && ex[j].doc == ex[i].doc {
			j++
		}
		pos := false
		for k := i; k < j; k++ {
			pos = pos || ex[k].pos
		}
		if pos || !ex[i].cue {
			g = append(g, [2]int{i, j})
		}
		i = j
	}
	return g
}

// quoteEval is the figure per predicate: its best candidate scoring above
// zero is a prediction, right when positive; a predicate with a positive
// candidate is a gold attribution.
func quoteEval(score func([]uint64) float32, ex []quoteExample, groups [][2]int) (p, r, f1 float64) {
	var tp, np, ng int
	for _, g := range groups {
		best, bs := -1, float32(0)
		gold := false
		for j := g[0]; j < g[1]; j++ {
			gold = gold || ex[j].pos
			if s := score(ex[j].feats); s > bs {
				best, bs = j, s
			}
		}
		if gold {
			ng++
		}
		if best >= 0 {
			np++
			if ex[best].pos {
				tp++
			}
		}
	}
	if np > 0 {
		p = float64(tp) / float64(np)
	}
	if ng > 0 {
		r = float64(tp) / float64(ng)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return
}

func trainQuotes(env *Env, o *TrainOpts) error {
	start := time.Now()
	limit := 0
	if o.Small {
		limit = 5
	}
	trainDir := filepath.Join(o.Data, "polnear", "train")
	devDir := filepath.Join(o.Data, "polnear", "dev")
	ttexts, tgolds, err := readPolNeAR(trainDir, limit)
	if err != nil {
		return err
	}
	dtexts, dgolds, err := readPolNeAR(devDir, limit)
	if err != nil {
		return err
	}
	train, tpos := quoteExamples(ttexts, tgolds, 2)
	dev, dpos := quoteExamples(dtexts, dgolds, 2)
	fmt.Fprintf(env.Stderr, "parsed %d + %d articles in %v: %d train candidates (%d positive), %d dev (%d positive)\n",
		len(ttexts), len(dtexts), time.Since(start).Round(time.Second), len(train), tpos, len(dev), dpos)
	iters := 10
	switch {
	case o.Small:
		iters = 1
	case o.Iters > 0:
		iters = o.Iters
	}
	var log bytes.Buffer
	w := io.MultiWriter(env.Stderr, &log)
	// a ranking perceptron over each predicate's candidates, with "none"
	// scoring zero: the best positive candidate is promoted over the
	// predicted one (or over none), a wrong prediction demoted
	tr := perceptron.NewTrainer(1)
	scores := make([]float32, 1)
	tgroups, dgroups := quoteGroups(train), quoteGroups(dev)
	rng := rand.New(rand.NewSource(1))
	var best *perceptron.Model
	bestF, bestIt := -1.0, 0
	for it := 1; it <= iters; it++ {
		rng.Shuffle(len(tgroups), func(a, b int) { tgroups[a], tgroups[b] = tgroups[b], tgroups[a] })
		for _, g := range tgroups {
			tr.Tick()
			pred, ps := -1, float32(0)
			gold, gs := -1, float32(0)
			for j := g[0]; j < g[1]; j++ {
				tr.Score(train[j].feats, scores)
				if s := scores[0]; s > ps {
					pred, ps = j, s
				}
				if train[j].pos && (gold < 0 || scores[0] > gs) {
					gold, gs = j, scores[0]
				}
			}
			if pred == gold || pred >= 0 && train[pred].pos {
				continue
			}
			if gold >= 0 {
				tr.Add(0, train[gold].feats, 1)
			}
			if pred >= 0 {
				tr.Add(0, train[pred].feats, -1)
			}
		}
		m := tr.Average()
		score := func(f []uint64) float32 { m.Score(f, scores); return scores[0] }
		p, r, f1 := quoteEval(score, dev, dgroups)
		fmt.Fprintf(w, "pass %2d: dev predicates P %.2f R %.2f F1 %.2f\n", it, 100*p, 100*r, 100*f1)
		if f1 > bestF {
			best, bestF, bestIt = m, f1, it
		}
	}
	fmt.Fprintf(w, "best pass %d (dev F1 %.2f)\n", bestIt, 100*bestF)
	// weights below 1 are pruned: 87k -> 34k features, ~20% less time in
	// Find for ~0.001 of PolNeAR dev content F1
	best = best.Prune(1)
	gz, back, _, err := packModel(best, perceptron.ReadModel)
	if err != nil {
		return err
	}
	score := func(f []uint64) float32 { back.Score(f, scores); return scores[0] }
	p, r, f1 := quoteEval(score, dev, dgroups)
	fmt.Fprintf(w, "shipped model: dev predicates P %.2f R %.2f F1 %.2f\n", 100*p, 100*r, 100*f1)
	if o.Small {
		fmt.Fprintln(env.Stderr, "small run: nothing written")
		return nil
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.Out, quotes.ModelName+".bin.gz"), gz, 0o644); err != nil {
		return err
	}
	card := fmt.Sprintf(`# quotes — attribution classifier

An averaged perceptron (internal/perceptron) over pairs (predicate, content
candidate) in the dependency parse: the predicate is a verb, noun or
adjective; the content candidate is the subtree of one of its dependents
(ccomp, obj, obl, xcomp, advcl, …), the rest of the sentence after it, or the
sentence before it, and the same cut at its first comma or dash. Features:
the predicate's lemma, form, tag and relation, its subject's kind (person,
organisation, pronoun, speaker noun), the candidate's relation, first word,
marker, length and quotation marks, and how it lies to the quotes the rules
found (inside one, across one, free). One score per candidate, trained as a
ranking over each predicate's candidates against "none" (scoring zero).
internal/quotes runs its rules first (their cues are no candidates) and adds,
for each predicate left, its best candidate scoring above zero (model.go).
Without this file only the rules run.

- Trained by: `+"`dateline train quotes`"+` (%s, %d passes, best pass on dev kept).
- Training data: PolNeAR train (%d articles, first annotator; %d candidates, %d positive: predicate
  in the cue of a gold attribution the rules did not find, content matching its content as
  ../shared/tools/score/quotes.py matches them; a predicate in such a cue with no matching
  candidate is left out).
- Development data (pass selection): PolNeAR dev (%d articles).
- Test split: not used.
- Size: %d features, %d weights (weights below 1 pruned), %d bytes gzipped.

Training log (per predicate: its best candidate scoring above zero is a
prediction, right when positive):

`+"```"+`
%s`+"```"+`

End-to-end figures: scripts/eval-quotes.sh (PolNeAR dev) in internal/quotes' commit messages.
`, time.Now().UTC().Format("2006-01-02"), iters, len(ttexts), len(train), tpos, len(dtexts),
		back.NumFeatures(), back.NumWeights(), len(gz), log.String())
	return os.WriteFile(filepath.Join(o.Out, quotes.ModelName+".md"), []byte(card), 0o644)
}
