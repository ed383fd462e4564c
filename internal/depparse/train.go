package depparse

import (
	"fmt"
	"io"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"time"

	"dateline/internal/conllu"
	"dateline/internal/perceptron"
)

// Sent is one sentence of a treebank: words with tags and the gold tree.
type Sent struct {
	Forms, UPOS, XPOS []string
	Lemmas            []string
	Heads             []int32 // 0-based index of the head word; -1 for the root
	Rels              []string
}

// ReadCoNLLU reads the syntactic words of every sentence of a CoNLL-U file
// (multiword ranges and empty nodes are skipped). name is used in errors.
func ReadCoNLLU(r io.Reader, name string) ([]Sent, error) {
	rd := conllu.NewReader(r, name)
	var out []Sent
	for k := 1; ; k++ {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		ws := s.Words()
		if len(ws) == 0 {
			continue
		}
		var x Sent
		for j, wi := range ws {
			w := &s.Lines[wi]
			if id, err := strconv.Atoi(w.ID()); err != nil || id != j+1 {
				return nil, fmt.Errorf("%s: sentence %d: word %d has ID %q, want %d", name, k, j+1, w.ID(), j+1)
			}
			h, err := strconv.Atoi(w.Head())
			if err != nil || h < 0 || h > len(ws) || h == j+1 {
				return nil, fmt.Errorf("%s: sentence %d: word %d has bad HEAD %q", name, k, j+1, w.Head())
			}
			x.Forms = append(x.Forms, w.Form())
			x.UPOS = append(x.UPOS, w.UPOS())
			x.XPOS = append(x.XPOS, w.XPOS())
			x.Lemmas = append(x.Lemmas, w.Lemma())
			x.Heads = append(x.Heads, int32(h-1))
			x.Rels = append(x.Rels, w.Deprel())
		}
		out = append(out, x)
	}
}

// TrainOptions steer Train.
type TrainOptions struct {
	Iters       int     // passes over the data (default 15)
	ExploreFrom int     // first pass (0-based) that follows the model's own moves (default 1)
	ExploreProb float64 // probability of following a wrong move when exploring (default 0.9)
	TagNoise    float64 // share of ambiguous words whose tags are swapped for a wrong one (simulates a tagger)
	Seed        int64
	Dev         []Sent               // scored after every pass; the best pass is kept
	DevTags     func(i int, s *Sent) // optional: re-tag dev sentence i (predicted tags) before scoring
	PruneMin    float32              // drop averaged weights below this magnitude
	MinLabel    int                  // keep a relation subtype seen at least this often (default 100)
	Log         io.Writer            // progress, may be nil
	// Mix > 1 trains this many parsers, each on its own shuffles and
	// explorations (seeds Seed, Seed+1, ...; each keeps its best pass on
	// Dev), and returns the mean of their weights (perceptron.Mix): one
	// model, no slower to run.
	Mix int
}

// PassReport is the dev score after one pass.
type PassReport struct {
	Member   int // 1-based model of a mix
	Pass     int
	UAS, LAS float64
	Time     time.Duration
}

// TrainReport describes a training run.
type TrainReport struct {
	Sentences, Words int
	Lifted           int // non-projective arcs lifted to projectivise
	Passes           []PassReport
	Best             int            // 1-based pass whose model was kept (0 if no dev)
	Members          []MemberReport // the models of a mix (Mix > 1)
	UAS, LAS         float64        // of the returned model on Dev
	MoveFeatures     int
	LabelFeatures    int
}

// MemberReport is one model of a mix: its seed, the pass it kept and that
// pass's dev score.
type MemberReport struct {
	Seed     int64
	Best     int
	UAS, LAS float64
}

type goldSent struct {
	forms, upos, xpos []string
	heads             []int32 // root = n
	labs              []uint8 // class + 1
}

// labelSet chooses the relation inventory: universal relations plus the
// subtypes seen at least min times.
func labelSet(train []Sent, min int) []string {
	count := map[string]int{}
	for _, s := range train {
		for _, r := range s.Rels {
			count[r]++
		}
	}
	set := map[string]bool{"root": true, "dep": true, "parataxis": true}
	for r, c := range count {
		u, _, _ := strings.Cut(r, ":")
		if u == "" || u == "_" {
			continue
		}
		set[u] = true
		if c >= min && r != u {
			set[r] = true
		}
	}
	out := make([]string, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

func labelIndex(labels []string) map[string]int {
	m := make(map[string]int, len(labels))
	for i, l := range labels {
		m[l] = i
	}
	return m
}

func classOf(idx map[string]int, rel string) int {
	if c, ok := idx[rel]; ok {
		return c
	}
	u, _, _ := strings.Cut(rel, ":")
	if c, ok := idx[u]; ok {
		return c
	}
	return idx["dep"]
}

// tagNoiser swaps a word's gold tags for another pair the word is seen with,
// to train on tags as noisy as a tagger's.
type tagNoiser struct {
	alts map[string][]tagAlt // lower-cased word -> tag pairs with counts
	rate float64
}

type tagAlt struct {
	upos, xpos string
	n          int
}

func newTagNoiser(train []Sent, rate float64) *tagNoiser {
	t := &tagNoiser{alts: map[string][]tagAlt{}, rate: rate}
	for _, s := range train {
		for i, f := range s.Forms {
			k := strings.ToLower(f)
			as := t.alts[k]
			found := false
			for j := range as {
				if as[j].upos == s.UPOS[i] && as[j].xpos == s.XPOS[i] {
					as[j].n++
					found = true
				}
			}
			if !found {
				as = append(as, tagAlt{s.UPOS[i], s.XPOS[i], 1})
			}
			t.alts[k] = as
		}
	}
	return t
}

// noisy returns copies of the tags with some swapped.
func (t *tagNoiser) noisy(s *Sent, rng *rand.Rand, upos, xpos []string) ([]string, []string) {
	upos = append(upos[:0], s.UPOS...)
	xpos = append(xpos[:0], s.XPOS...)
	if t == nil || t.rate <= 0 {
		return upos, xpos
	}
	for i, f := range s.Forms {
		as := t.alts[strings.ToLower(f)]
		if len(as) < 2 || rng.Float64() >= t.rate {
			continue
		}
		tot := 0
		for _, a := range as {
			if a.upos != upos[i] || a.xpos != xpos[i] {
				tot += a.n
			}
		}
		if tot == 0 {
			continue
		}
		r := rng.Intn(tot)
		for _, a := range as {
			if a.upos == upos[i] && a.xpos == xpos[i] {
				continue
			}
			if r < a.n {
				upos[i], xpos[i] = a.upos, a.xpos
				break
			}
			r -= a.n
		}
	}
	return upos, xpos
}

// Train learns a parser from train, choosing the pass by dev LAS; with
// o.Mix > 1 it mixes several such parsers.
func Train(train []Sent, o TrainOptions) (*Model, *TrainReport, error) {
	if o.Mix <= 1 {
		return trainOne(train, o, 1)
	}
	var rep *TrainReport
	var trans, label []*perceptron.Model
	var first *Model
	for k := 0; k < o.Mix; k++ {
		ok := o
		ok.Seed = o.Seed + int64(k)
		m, r, err := trainOne(train, ok, k+1)
		if err != nil {
			return nil, nil, err
		}
		mr := MemberReport{Seed: ok.Seed, Best: r.Best, UAS: r.UAS, LAS: r.LAS}
		if rep == nil {
			rep, first = r, m
		} else {
			rep.Passes = append(rep.Passes, r.Passes...)
		}
		rep.Members = append(rep.Members, mr)
		trans, label = append(trans, m.trans), append(label, m.label)
	}
	m := &Model{trans: perceptron.Mix(trans...), label: perceptron.Mix(label...), labels: first.labels}
	if err := m.check(); err != nil {
		return nil, nil, err
	}
	rep.Best = 0
	rep.UAS, rep.LAS = 0, 0
	if len(o.Dev) > 0 {
		rep.UAS, rep.LAS = m.Evaluate(o.Dev, o.DevTags)
	}
	rep.MoveFeatures = m.trans.NumFeatures()
	rep.LabelFeatures = m.label.NumFeatures()
	if o.Log != nil {
		fmt.Fprintf(o.Log, "depparse: mix of %d: dev UAS %.2f LAS %.2f\n", o.Mix, 100*rep.UAS, 100*rep.LAS)
	}
	return m, rep, nil
}

// trainOne trains one parser; member numbers its passes in a mix.
func trainOne(train []Sent, o TrainOptions, member int) (*Model, *TrainReport, error) {
	if o.Iters <= 0 {
		o.Iters = 15
	}
	if o.ExploreFrom < 0 {
		o.ExploreFrom = 0
	}
	if o.ExploreProb == 0 {
		o.ExploreProb = 0.9
	}
	if o.MinLabel <= 0 {
		o.MinLabel = 100
	}
	logf := func(format string, a ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, format, a...)
		}
	}
	labels := labelSet(train, o.MinLabel)
	idx := labelIndex(labels)
	root := idx["root"]
	rep := &TrainReport{}
	var golds []goldSent
	for _, s := range train {
		n := len(s.Forms)
		if n == 0 || len(s.Heads) != n || len(s.Rels) != n || len(s.UPOS) != n || len(s.XPOS) != n {
			continue
		}
		g := goldSent{forms: s.Forms, upos: s.UPOS, xpos: s.XPOS, heads: make([]int32, n), labs: make([]uint8, n)}
		roots := 0
		ok := true
		for i := 0; i < n; i++ {
			h := s.Heads[i]
			if h < -1 || int(h) >= n {
				ok = false
				break
			}
			if h < 0 {
				h = int32(n)
				roots++
			}
			g.heads[i] = h
			g.labs[i] = uint8(classOf(idx, s.Rels[i]) + 1)
		}
		if !ok || roots != 1 || !acyclic(g.heads) {
			continue
		}
		rep.Lifted += projectivize(g.heads)
		golds = append(golds, g)
		rep.Sentences++
		rep.Words += n
	}
	if len(golds) == 0 {
		return nil, nil, fmt.Errorf("depparse: no usable training sentences")
	}
	logf("depparse: %d sentences, %d words, %d relations, %d arcs lifted\n", rep.Sentences, rep.Words, len(labels), rep.Lifted)

	tm := newMoveTrainer()
	lm := perceptron.NewTrainer(len(labels))
	rng := rand.New(rand.NewSource(o.Seed + 1))
	noiser := newTagNoiser(train, o.TagNoise)
	order := make([]int, len(golds))
	for i := range order {
		order[i] = i
	}
	p := new(parser)
	lscores := make([]float32, len(labels))
	var upos, xpos []string
	var best *Model
	bestLAS := -1.0
	for pass := 0; pass < o.Iters; pass++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := pass >= o.ExploreFrom
		var moves, errs int
		for _, gi := range order {
			g := &golds[gi]
			s := Sent{Forms: g.forms, UPOS: g.upos, XPOS: g.xpos}
			upos, xpos = noiser.noisy(&s, rng, upos, xpos)
			p.loadWords(g.forms, upos, xpos)
			st := &p.st
			st.reset(len(g.forms))
			for !st.done() {
				features(st, &p.x, p.f[:])
				tm.score(p.f[:], &p.scores)
				pred := bestMove(st, &p.scores)
				gold, goldScore := -1, float32(0)
				for mv := 0; mv < nMoves; mv++ {
					if st.valid(mv) && st.cost(mv, g.heads) == 0 && (gold < 0 || p.scores[mv] > goldScore) {
						gold, goldScore = mv, p.scores[mv]
					}
				}
				if gold < 0 { // cannot happen for projective trees; be safe
					gold = pred
				}
				tm.update(gold, pred, p.f[:])
				moves++
				follow := gold
				if pred != gold {
					errs++
					if explore && rng.Float64() < o.ExploreProb {
						follow = pred
					}
				}
				var lab int
				switch {
				case follow == leftArc && st.b == st.n:
					lab = root
				case follow == leftArc || follow == rightArc:
					dep, head := st.s0(), st.b
					if follow == rightArc {
						dep, head = st.b, st.s0()
					}
					labelFeats(&p.f, &p.lf, follow)
					lm.Score(p.lf[:], lscores)
					lab = bestLabel(lscores, root)
					if g.heads[dep] == head {
						gl := int(g.labs[dep]) - 1
						lm.Update(gl, lab, p.lf[:])
						if !explore || gl == root {
							lab = gl
						}
						if lab == root { // never give a non-root arc the root label
							lab = gl
						}
					} else {
						lm.Tick()
					}
				}
				st.apply(follow, uint8(lab+1))
			}
		}
		pr := PassReport{Member: member, Pass: pass + 1}
		if len(o.Dev) > 0 || pass == o.Iters-1 {
			m := &Model{trans: tm.averaged(o.PruneMin), label: lm.Average(), labels: labels}
			if o.PruneMin > 0 {
				m.label = m.label.Prune(o.PruneMin)
			}
			if err := m.check(); err != nil {
				return nil, nil, err
			}
			if len(o.Dev) > 0 {
				pr.UAS, pr.LAS = m.Evaluate(o.Dev, o.DevTags)
				if pr.LAS > bestLAS {
					bestLAS, best, rep.Best = pr.LAS, m, pass+1
					rep.UAS, rep.LAS = pr.UAS, pr.LAS
				}
			} else {
				best = m
			}
		}
		pr.Time = time.Since(start)
		rep.Passes = append(rep.Passes, pr)
		who := ""
		if o.Mix > 1 {
			who = fmt.Sprintf("model %d ", member)
		}
		logf("depparse: %spass %d: move errors %.2f%%, dev UAS %.2f LAS %.2f (%v)\n", who, pass+1,
			100*float64(errs)/float64(max(moves, 1)), 100*pr.UAS, 100*pr.LAS, pr.Time.Round(time.Millisecond))
	}
	rep.MoveFeatures = best.trans.NumFeatures()
	rep.LabelFeatures = best.label.NumFeatures()
	return best, rep, nil
}

func acyclic(heads []int32) bool {
	n := int32(len(heads))
	for i := int32(0); i < n; i++ {
		k := i
		for steps := int32(0); ; steps++ {
			if steps > n {
				return false
			}
			k = heads[k]
			if k == n {
				break
			}
		}
	}
	return true
}

// ParseWords parses one sentence given its forms and tags, returning 0-based
// heads (-1 for the root) and relations.
func (m *Model) ParseWords(forms, upos, xpos []string) ([]int32, []string) {
	p := pool.Get().(*parser)
	defer pool.Put(p)
	p.loadWords(forms, upos, xpos)
	m.parse(p)
	n := len(forms)
	heads := make([]int32, n)
	rels := make([]string, n)
	for i := 0; i < n; i++ {
		h := p.st.head[i]
		if int(h) >= n || h < 0 {
			h = -1
		}
		heads[i] = h
		rels[i] = m.labels[p.st.lab[i]-1]
	}
	return heads, rels
}

// Evaluate returns UAS and LAS (universal relations, every word counted) on
// gold sentences. retag, if set, may replace a sentence's tags first (on a
// copy).
func (m *Model) Evaluate(sents []Sent, retag func(i int, s *Sent)) (uas, las float64) {
	var tot, uh, lh int
	for i := range sents {
		s := sents[i]
		if retag != nil {
			s.UPOS = append([]string(nil), s.UPOS...)
			s.XPOS = append([]string(nil), s.XPOS...)
			retag(i, &s)
		}
		heads, rels := m.ParseWords(s.Forms, s.UPOS, s.XPOS)
		for k := range heads {
			tot++
			if heads[k] == s.Heads[k] {
				uh++
				gu, _, _ := strings.Cut(s.Rels[k], ":")
				pu, _, _ := strings.Cut(rels[k], ":")
				if gu == pu {
					lh++
				}
			}
		}
	}
	if tot == 0 {
		return 0, 0
	}
	return float64(uh) / float64(tot), float64(lh) / float64(tot)
}
