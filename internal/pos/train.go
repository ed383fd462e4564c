package pos

import (
	"compress/gzip"
	"fmt"
	"io"
	"math/rand"
	"os"
	"sort"
	"strings"
	"time"

	"dateline/internal/conllu"
	"dateline/internal/perceptron"
)

// Sentence is one gold sentence of syntactic words.
type Sentence struct {
	Forms, UPOS, XPOS, Lemmas []string
	Doc                       int // document number within its file (from "# newdoc")
}

// ReadCoNLLU reads the syntactic words of every sentence (multiword ranges and
// empty nodes skipped); name is used in errors.
func ReadCoNLLU(in io.Reader, name string) ([]Sentence, error) {
	rd := conllu.NewReader(in, name)
	var out []Sentence
	docN := 0
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if s.HasPrefixComment("newdoc") && len(out) > 0 {
			docN++
		}
		st := Sentence{Doc: docN}
		for _, i := range s.Words() {
			w := &s.Lines[i]
			st.Forms = append(st.Forms, w.Form())
			st.UPOS = append(st.UPOS, w.UPOS())
			st.XPOS = append(st.XPOS, w.XPOS())
			st.Lemmas = append(st.Lemmas, w.Lemma())
		}
		if len(st.Forms) > 0 {
			out = append(out, st)
		}
	}
}

// ReadFile reads a CoNLL-U file, gzipped if its name ends in .gz.
func ReadFile(path string) ([]Sentence, error) {
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
		defer z.Close()
		r = z
	}
	return ReadCoNLLU(r, path)
}

// TrainOptions tune training.
type TrainOptions struct {
	Iters        int          // passes over the data (default 10); the best on Dev is kept
	Dev          []Sentence   // for choosing the pass; none: the last pass
	Log          io.Writer    // progress, or nil
	DictMin      int          // fewest occurrences for the tag dictionary (default 20)
	DictShare    float64      // least share of the top tag for the dictionary (default 0.97)
	LemmaMin     int          // fewest examples for a suffix rule (default 2)
	AmbMin       int          // fewest occurrences for a word's ambiguity class (default 3)
	AmbShare     float64      // least share of a class in an ambiguity class (default 0.02)
	Prune        float32      // drop averaged weights below this magnitude (default 0)
	Seed         int64        // shuffling
	Progress     func(string) // optional
	MaxSentences int          // use only the first N training sentences (0: all)
	LemmaTrain   []Sentence   // the lemmatiser's training data if not the tagger's
	LemmaPrimary int          // > 0: the first N sentences of the lemmatiser's data decide a word's lemma where the rest disagree
	Folds        int          // >= 2: add a stacked second pass, its inputs jackknifed over Folds folds
	FoldIters    int          // passes of the fold models and the first pass (default 6)
	Mix          int          // > 1: train this many models on different shuffles and average their weights (single pass only)
	Raw          [][]string   // unlabelled sentences for word classes (clusters, case profiles); none: no word-class features
	Clusters     int          // fine clusters over Raw (default 768)
	Lookahead    int          // 1: features of the word with the ambiguity classes of its neighbours; 2: more right-context conjunctions
}

// Report says how training went.
type Report struct {
	Sentences, Words int
	Classes          int
	DictWords        int
	Options          TrainOptions // as used, defaults filled in
	BestIter         int
	DevUPOS, DevXPOS float64 // of the kept pass, on Dev
	DevLemma         float64
	PerIter          []Scores // of the first model
	Mixed            Scores   // of the mixed model, if Mix > 1
	Features         int
	Weights          int
	Took             time.Duration
}

// Scores are accuracies on a gold-tokenised set.
type Scores struct {
	UPOS, XPOS, Lemma, Joint float64
	Words                    int
}

func (s Scores) String() string {
	return fmt.Sprintf("UPOS %.2f XPOS %.2f lemma %.2f (%d words)", 100*s.UPOS, 100*s.XPOS, 100*s.Lemma, s.Words)
}

// Evaluate tags and lemmatises gold-tokenised sentences and scores them.
func (m *Model) Evaluate(sents []Sentence) Scores {
	var sc Scores
	var u, x, l, j int
	for lo := 0; lo < len(sents); {
		hi := lo + 1
		for hi < len(sents) && sents[hi].Doc == sents[lo].Doc {
			hi++
		}
		group := make([][]string, hi-lo)
		for k := range group {
			group[k] = sents[lo+k].Forms
		}
		ups, xps, lems := m.TagSentences(group)
		for k := range group {
			s, up, xp, lem := &sents[lo+k], ups[k], xps[k], lems[k]
			for i := range s.Forms {
				sc.Words++
				if up[i] == s.UPOS[i] {
					u++
				}
				if xp[i] == s.XPOS[i] {
					x++
				}
				if up[i] == s.UPOS[i] && xp[i] == s.XPOS[i] {
					j++
				}
				if lem[i] == s.Lemmas[i] {
					l++
				}
			}
		}
		lo = hi
	}
	if sc.Words > 0 {
		n := float64(sc.Words)
		sc.UPOS, sc.XPOS, sc.Lemma, sc.Joint = float64(u)/n, float64(x)/n, float64(l)/n, float64(j)/n
	}
	return sc
}

// Train learns a model from gold sentences.
func Train(train []Sentence, opt TrainOptions) (*Model, *Report, error) {
	start := time.Now()
	if opt.Iters <= 0 {
		opt.Iters = 10
	}
	if opt.DictMin <= 0 {
		opt.DictMin = 20
	}
	if opt.DictShare <= 0 {
		opt.DictShare = 0.97
	}
	if opt.FoldIters <= 0 {
		opt.FoldIters = 6
	}
	if opt.AmbMin <= 0 {
		opt.AmbMin = 3
	}
	if opt.AmbShare <= 0 {
		opt.AmbShare = 0.02
	}
	if opt.LemmaMin <= 0 {
		opt.LemmaMin = 2
	}
	if opt.MaxSentences > 0 && len(train) > opt.MaxSentences {
		train = train[:opt.MaxSentences]
	}
	logf := func(format string, a ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", a...)
		}
	}
	// Classes, most frequent first.
	classCount := map[[2]string]int{}
	words := 0
	for _, s := range train {
		for i := range s.Forms {
			classCount[[2]string{s.UPOS[i], s.XPOS[i]}]++
			words++
		}
	}
	if words == 0 {
		return nil, nil, fmt.Errorf("pos: no training words")
	}
	var keys [][2]string
	for k := range classCount {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := classCount[keys[i]], classCount[keys[j]]
		if a != b {
			return a > b
		}
		return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1]
	})
	if opt.Clusters <= 0 {
		opt.Clusters = 768
	}
	m := &Model{lexicon: lexicon{dict: map[string]int32{}, ambIdx: map[string]int32{}}}
	if len(opt.Raw) > 0 {
		t0 := time.Now()
		wcls, err := wordClasses(opt.Raw, opt.Clusters)
		if err != nil {
			return nil, nil, err
		}
		m.wcls = wcls
		logf("pos: word classes of %d words from %d raw sentences (%d clusters) in %v", len(wcls), len(opt.Raw), opt.Clusters, time.Since(t0).Round(time.Second))
	}
	cid := map[[2]string]int32{}
	xposSet := map[string]bool{}
	for i, k := range keys {
		m.classes = append(m.classes, Class{UPOS: k[0], XPOS: k[1]})
		cid[k] = int32(i)
		xposSet[k[1]] = true
	}
	// Tag dictionary.
	wc := map[string]map[int32]int{}
	for _, s := range train {
		for i, f := range s.Forms {
			c := cid[[2]string{s.UPOS[i], s.XPOS[i]}]
			if wc[f] == nil {
				wc[f] = map[int32]int{}
			}
			wc[f][c]++
		}
	}
	for f, m2 := range wc {
		total, best, bc := 0, int32(-1), 0
		for c, n := range m2 {
			total += n
			if n > bc || (n == bc && c < best) {
				best, bc = c, n
			}
		}
		if total >= opt.DictMin && float64(bc)/float64(total) >= opt.DictShare {
			m.dict[f] = best
		}
	}
	// Ambiguity classes of lower-cased words seen AmbMin times: the classes
	// that have at least AmbShare of the word's occurrences.
	lc := map[string]map[int32]int{}
	for f, m2 := range wc {
		l := strings.ToLower(f)
		if lc[l] == nil {
			lc[l] = map[int32]int{}
		}
		for c, n := range m2 {
			lc[l][c] += n
		}
	}
	setIdx := map[string]int32{}
	for l, m2 := range lc {
		total := 0
		for _, n := range m2 {
			total += n
		}
		if total < opt.AmbMin {
			continue
		}
		var set []int32
		for c, n := range m2 {
			if float64(n) >= opt.AmbShare*float64(total) {
				set = append(set, c)
			}
		}
		sort.Slice(set, func(i, j int) bool { return set[i] < set[j] })
		key := fmt.Sprint(set)
		idx, ok := setIdx[key]
		if !ok {
			idx = int32(len(m.ambSets))
			setIdx[key] = idx
			m.ambSets = append(m.ambSets, set)
		}
		m.ambIdx[l] = idx
	}
	// Lemmatiser.
	var xpos []string
	for x := range xposSet {
		xpos = append(xpos, x)
	}
	sort.Strings(xpos)
	var ex []lemmaExample
	lemTrain := train
	if opt.LemmaTrain != nil {
		lemTrain = opt.LemmaTrain
	}
	for n, s := range lemTrain {
		second := opt.LemmaPrimary > 0 && n >= opt.LemmaPrimary
		for i := range s.Forms {
			ex = append(ex, lemmaExample{s.Forms[i], s.XPOS[i], s.Lemmas[i], second})
		}
	}
	m.lem = trainLemmatizer(xpos, ex, opt.LemmaMin)
	logf("pos: %d sentences, %d words, %d classes, %d dictionary words, %d lemma exceptions, %d words in %d ambiguity classes",
		len(train), words, len(m.classes), len(m.dict), len(m.lem.exc), len(m.ambIdx), len(m.ambSets))

	// Perceptron.
	gold := make([][]int32, len(train))
	for n, s := range train {
		gold[n] = make([]int32, len(s.Forms))
		for i := range s.Forms {
			gold[n][i] = cid[[2]string{s.UPOS[i], s.XPOS[i]}]
		}
	}
	m.init()
	rep := &Report{Sentences: len(train), Words: words, Classes: len(m.classes), DictWords: len(m.dict), Options: opt}
	all := make([]int, len(train))
	for i := range all {
		all[i] = i
	}
	seed := opt.Seed + 1
	m.look = opt.Lookahead
	x := m.featx()
	run := func(name string, idx []int, iters int, dev []Sentence, right [][]int32) (*perceptron.Model, []Scores, int) {
		tr := perceptron.NewTrainer(len(m.classes))
		st := &state{scratch: scratch{scores: make([]float32, len(m.classes))}}
		order := append([]int(nil), idx...)
		rng := rand.New(rand.NewSource(seed))
		var best *perceptron.Model
		var per []Scores
		bestScore, bestIt := -1.0, 0
		for it := 1; it <= iters; it++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			correct, seen := 0, 0
			for _, n := range order {
				s := &train[n]
				st.prepare(s.Forms, &m.lexicon)
				if right != nil {
					st.right = right[n]
				}
				p1, p2 := int32(-1), int32(-1)
				for i := range s.Forms {
					g := gold[n][i]
					var guess int32
					if c := st.toks[i].dict; c >= 0 {
						guess = c
					} else {
						var f []uint64
						if right != nil {
							f = st.features2(i, p1, p2, x)
						} else {
							f = st.features(i, p1, p2, x)
						}
						guess = int32(tr.Predict(f, st.scores))
						tr.Update(int(g), int(guess), f)
					}
					if guess == g {
						correct++
					}
					seen++
					// Condition on the predicted tags, as at run time.
					p2, p1 = p1, guess
				}
			}
			am := tr.Average()
			if opt.Prune > 0 {
				am = am.Prune(opt.Prune)
			}
			var sc Scores
			score := float64(it) // no dev: the last pass wins
			if len(dev) > 0 {
				if right != nil {
					m.ap2 = am
				} else {
					m.ap = am
				}
				sc = m.Evaluate(dev)
				score = sc.Joint + sc.UPOS
			}
			per = append(per, sc)
			devStr := "-"
			if len(dev) > 0 {
				devStr = sc.String()
			}
			logf("pos: %s pass %d: train joint %.2f; dev %s; %d features (%v)", name, it, 100*float64(correct)/float64(seen), devStr, tr.NumFeatures(), time.Since(start).Round(time.Second))
			if score > bestScore {
				bestScore, best, bestIt = score, am, it
			}
		}
		return best, per, bestIt
	}
	if opt.Folds < 2 {
		best, per, it := run("single", all, opt.Iters, opt.Dev, nil)
		m.ap, rep.PerIter, rep.BestIter = best, per, it
		if opt.Mix > 1 {
			models := []*perceptron.Model{best}
			for k := 1; k < opt.Mix; k++ {
				seed = opt.Seed + 1 + int64(k)*7919
				b, _, _ := run(fmt.Sprintf("shuffle %d", k+1), all, opt.Iters, opt.Dev, nil)
				models = append(models, b)
			}
			m.ap = perceptron.Mix(models...)
			if opt.Prune > 0 {
				m.ap = m.ap.Prune(opt.Prune)
			}
			m.init()
			if len(opt.Dev) > 0 {
				rep.Mixed = m.Evaluate(opt.Dev)
				logf("pos: mix of %d: dev %v", opt.Mix, rep.Mixed)
			}
		}
	} else {
		// Stacking: the first pass's tags of every training sentence come from
		// a model that did not see it (jackknifing over Folds folds).
		right := make([][]int32, len(train))
		st := &state{scratch: scratch{scores: make([]float32, len(m.classes))}}
		for k := 0; k < opt.Folds; k++ {
			var in, out []int
			for n := range train {
				if n%opt.Folds == k {
					out = append(out, n)
				} else {
					in = append(in, n)
				}
			}
			fm, _, _ := run(fmt.Sprintf("fold %d", k+1), in, opt.FoldIters, nil, nil)
			for _, n := range out {
				st.prepare(train[n].Forms, &m.lexicon)
				m.greedy(&st.scratch, fm, false)
				right[n] = append([]int32(nil), st.tags...)
			}
		}
		m.ap2 = nil
		best1, _, _ := run("first", all, opt.FoldIters, nil, nil)
		m.ap = best1
		best2, per, it := run("second", all, opt.Iters, opt.Dev, right)
		m.ap2, rep.PerIter, rep.BestIter = best2, per, it
	}
	m.init()
	if len(rep.PerIter) > 0 && rep.BestIter > 0 {
		sc := rep.PerIter[rep.BestIter-1]
		if rep.Mixed.Words > 0 {
			sc = rep.Mixed
		}
		rep.DevUPOS, rep.DevXPOS, rep.DevLemma = sc.UPOS, sc.XPOS, sc.Lemma
	}
	rep.Features, rep.Weights = m.ap.NumFeatures(), m.ap.NumWeights()
	if m.ap2 != nil {
		rep.Features += m.ap2.NumFeatures()
		rep.Weights += m.ap2.NumWeights()
	}
	rep.Took = time.Since(start)
	return m, rep, nil
}
