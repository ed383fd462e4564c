package ner

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// TrainConfig says how to train.
type TrainConfig struct {
	Iters int        // passes over the data (default 10)
	Dev   []Document // for early stopping: the best pass on Dev is kept; may be nil
	// DevTypes restricts the dev F1 used for early stopping to these types
	// (nil: all).
	DevTypes []string
	// Lowercase is the share of training sentences seen lowercased in each
	// pass (robustness to badly cased web text).
	Lowercase float64
	// Emphasis is the share of training sentences in which one common word
	// outside the names (lowercase, three letters or more) is shown in
	// capitals or title case, labelled O as before: web text's emphasis and
	// capitalised common words.
	Emphasis float64
	// Prune drops feature rows whose largest averaged weight is below this.
	Prune float32
	// OBias is added to the score of O when tagging (not in training): above
	// 0, fewer names, more surely.
	OBias   float32
	Lexicon map[uint64]uint32 // word lex by hashed lowercase form, or nil
	Log     io.Writer         // progress, or nil
	Seed    uint64
}

// trainer holds the growing weights: w and the running sum for averaging
// (avg = w - u/c, Daumé's trick).
type trainer struct {
	index map[uint64]int32
	w     []float32
	u     []float64
	c     float64
}

func (t *trainer) score(feats []uint64, out *[nLabels]float32) {
	*out = [nLabels]float32{}
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		row := t.w[int(r)*nLabels : int(r)*nLabels+nLabels]
		for k := range out {
			out[k] += row[k]
		}
	}
}

func (t *trainer) update(feats []uint64, gold, pred int) {
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.index))
			t.index[f] = r
			t.w = append(t.w, make([]float32, nLabels)...)
			t.u = append(t.u, make([]float64, nLabels)...)
		}
		o := int(r) * nLabels
		t.w[o+gold]++
		t.u[o+gold] += t.c
		t.w[o+pred]--
		t.u[o+pred] -= t.c
	}
}

// average makes a runtime model of the averaged weights, pruned and quantised.
func (t *trainer) average(prune float32, gaz gazetteer, lex map[uint64]uint32) *Model {
	avg := make([]float32, nLabels)
	var maxAbs float64
	type kept struct {
		key uint64
		row int32
	}
	var keep []kept
	for k, r := range t.index {
		o := int(r) * nLabels
		m := float32(0)
		for j := 0; j < nLabels; j++ {
			v := t.w[o+j] - float32(t.u[o+j]/t.c)
			if a := float32(math.Abs(float64(v))); a > m {
				m = a
			}
		}
		if m < prune || m == 0 {
			continue
		}
		keep = append(keep, kept{k, r})
		maxAbs = math.Max(maxAbs, float64(m))
	}
	sort.Slice(keep, func(i, j int) bool { return keep[i].key < keep[j].key }) // a reproducible file
	scale := float32(maxAbs / 32767)
	if scale == 0 {
		scale = 1
	}
	md := &Model{keys: make([]uint64, len(keep)), w: make([]int16, len(keep)*nLabels),
		scale: scale, gaz: gaz, lex: lex}
	for i, kp := range keep {
		o := int(kp.row) * nLabels
		for j := 0; j < nLabels; j++ {
			avg[j] = t.w[o+j] - float32(t.u[o+j]/t.c)
			md.w[i*nLabels+j] = int16(math.Round(float64(avg[j] / scale)))
		}
		md.keys[i] = kp.key
	}
	return md.finish()
}

// buildGazetteer collects the training names (lowercase word sequences) with
// their most frequent type.
func buildGazetteer(docs []Document, keep func(i int) bool) gazetteer {
	counts := map[uint64]*[nTypes]int{}
	words := map[uint64]uint8{}
	maxLen := 0
	var buf [2][]byte
	for di := range docs {
		if !keep(di) {
			continue
		}
		for _, s := range docs[di].Sents {
			for _, m := range s.Gold {
				t := typeIndex(m.Type)
				if t < 0 || m.End-m.Start > 8 {
					continue
				}
				ts := make([]tok, 0, m.End-m.Start)
				for _, w := range s.Words[m.Start:m.End] {
					ts = append(ts, makeTok(w, &buf, nil))
				}
				for _, x := range ts {
					if x.upperInitial {
						words[hnum(tokSeed, x.hLower)] |= 1 << t
					}
				}
				k := gazKey(ts)
				c := counts[k]
				if c == nil {
					c = new([nTypes]int)
					counts[k] = c
				}
				c[t]++
				maxLen = max(maxLen, len(ts))
			}
		}
	}
	g := gazetteer{entries: make(map[uint64]uint8, len(counts)), maxLen: maxLen}
	for k, c := range counts {
		best := 0
		for t := range c {
			if c[t] > c[best] {
				best = t
			}
		}
		g.entries[k] = uint8(best + 1)
	}
	for k, v := range words {
		g.entries[k] = 0x80 | v
	}
	return g
}

// Train trains a recogniser on docs.
func Train(docs []Document, cfg TrainConfig) (*Model, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("ner: no training documents")
	}
	if cfg.Iters <= 0 {
		cfg.Iters = 10
	}
	logf := func(format string, a ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format, a...)
		}
	}
	full := buildGazetteer(docs, func(int) bool { return true })
	// Jackknifed gazetteers: a document's gazetteer features come from the
	// names of the other half, as they would on unseen text.
	folds := [2]gazetteer{
		buildGazetteer(docs, func(i int) bool { return i%2 == 1 }),
		buildGazetteer(docs, func(i int) bool { return i%2 == 0 }),
	}
	golds := make([][][]int, len(docs))
	for i, d := range docs {
		golds[i] = make([][]int, len(d.Sents))
		for j, s := range d.Sents {
			golds[i][j] = bilou(len(s.Words), s.Gold)
		}
	}
	tr := &trainer{index: map[uint64]int32{}, c: 1}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	s := newScratch()
	var best *Model
	bestF, bestIter := -1.0, 0
	lower := make([]string, 0, 128)
	for it := 1; it <= cfg.Iters; it++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, words := 0, 0
		upd := func(feats []uint64, gold, pred int) {
			errs++
			tr.update(feats, gold, pred)
		}
		for _, di := range order {
			d := &docs[di]
			s.st.reset()
			all := make([][]tok, len(d.Sents))
			for j, sent := range d.Sents {
				words := sent.Words
				if cfg.Lowercase > 0 && rng.Float64() < cfg.Lowercase {
					lower = lower[:0]
					for _, w := range words {
						lower = append(lower, strings.ToLower(w))
					}
					words = lower
				} else if cfg.Emphasis > 0 && rng.Float64() < cfg.Emphasis {
					words = emphasise(words, golds[di][j], rng, &lower)
				}
				all[j] = append([]tok(nil), s.prepare(words, cfg.Lexicon)...)
				s.st.observe(all[j], isHeadline(all[j]))
			}
			for j, sent := range d.Sents {
				decode(tr, s, all[j], &folds[di%2], golds[di][j], sent.Unsure, upd)
				tr.c += float64(len(sent.Words))
				words += len(sent.Words)
			}
		}
		m := tr.average(0, full, cfg.Lexicon)
		msg := fmt.Sprintf("pass %d: %d/%d train words wrong, %d features, %v", it, errs, words, len(tr.index), time.Since(start).Round(time.Second))
		if cfg.Dev == nil {
			best, bestIter = m, it
			logf("%s\n", msg)
			continue
		}
		sc := Evaluate(m, cfg.Dev)
		f := sc.F1(cfg.DevTypes...)
		logf("%s; dev F1 %.2f (all %.2f)\n", msg, 100*f, 100*sc.F1())
		if f > bestF {
			bestF, bestIter, best = f, it, m
		}
	}
	if cfg.Prune > 0 {
		// Re-average at the best pass is not possible after more passes, so
		// prune the kept model's rows directly.
		best = best.pruned(cfg.Prune)
	}
	best.SetOBias(cfg.OBias)
	logf("kept pass %d, %d features\n", bestIter, best.NumFeatures())
	return best, nil
}

// emphasise returns words with one lowercase word of three letters or more
// outside the names (gold label O) written in capitals or title case; words
// itself is returned when there is none. buf is reused.
func emphasise(words []string, gold []int, rng *rand.Rand, buf *[]string) []string {
	cand := 0
	pick := -1
	for i, w := range words {
		if gold[i] != 0 || len(w) < 3 || strings.ToLower(w) != w || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
			continue
		}
		cand++
		if rng.IntN(cand) == 0 {
			pick = i
		}
	}
	if pick < 0 {
		return words
	}
	out := append((*buf)[:0], words...)
	if rng.IntN(2) == 0 {
		out[pick] = strings.ToUpper(out[pick])
	} else {
		out[pick] = strings.ToUpper(out[pick][:1]) + out[pick][1:]
	}
	*buf = out
	return out
}

// pruned drops rows whose largest weight is below thr (in unquantised units).
func (m *Model) pruned(thr float32) *Model {
	q := int32(thr / m.scale)
	out := &Model{scale: m.scale, gaz: m.gaz, lex: m.lex, bias: m.bias, oBias: m.oBias}
	for r, k := range m.keys {
		row := m.w[int(r)*nLabels : int(r)*nLabels+nLabels]
		big := false
		for _, v := range row {
			if a := int32(v); a >= q || -a >= q {
				big = true
				break
			}
		}
		if !big {
			continue
		}
		out.keys = append(out.keys, k)
		out.w = append(out.w, row...)
	}
	return out.finish()
}

// Score counts exact chunk matches per type.
type Score struct {
	Gold, Pred, Correct [nTypes]int
}

// F1 is the micro F1 over the given types (all if none).
func (s Score) F1(types ...string) float64 {
	var g, p, c int
	for t := 0; t < nTypes; t++ {
		if len(types) > 0 {
			found := false
			for _, x := range types {
				found = found || x == Types[t]
			}
			if !found {
				continue
			}
		}
		g += s.Gold[t]
		p += s.Pred[t]
		c += s.Correct[t]
	}
	if p == 0 || g == 0 || c == 0 {
		return 0
	}
	pr, rc := float64(c)/float64(p), float64(c)/float64(g)
	return 2 * pr * rc / (pr + rc)
}

// Evaluate tags docs and scores the result against their gold mentions.
func Evaluate(m *Model, docs []Document) Score {
	var sc Score
	s := newScratch()
	for _, d := range docs {
		sents := make([][]string, len(d.Sents))
		for i, x := range d.Sents {
			sents[i] = x.Words
		}
		pred := m.tagDocument(s, sents)
		for i, x := range d.Sents {
			gold := map[Mention]bool{}
			for _, g := range x.Gold {
				if t := typeIndex(g.Type); t >= 0 {
					sc.Gold[t]++
					gold[g] = true
				}
			}
			for _, p := range pred[i] {
				t := typeIndex(p.Type)
				sc.Pred[t]++
				if gold[p] {
					sc.Correct[t]++
				}
			}
		}
	}
	return sc
}
