// Package perceptron is a small, fast averaged perceptron for greedy or
// structured classification, shared by the tagger, the parser and the
// named-entity recogniser.
//
// # Features
//
// A feature is a uint64, normally a hash of a template id and some strings.
// Build one without allocating with the chainable Hash (FNV-1a):
//
//	f := perceptron.New(tmplSuffix3).Str(word[len(word)-3:]).Sum()
//	g := perceptron.New(tmplPrevTagWord).Int(prevTag).Str(word).Sum()
//
// Each Str call mixes in a terminator, so ("ab","c") and ("a","bc") differ.
// Any uint64 works as a feature; the table mixes the bits itself. Collect a
// token's features in a reused []uint64 (feats = feats[:0]; append ...).
// A feature listed twice counts twice.
//
// # Training
//
//	t := perceptron.NewTrainer(nClasses)
//	for pass := 0; pass < passes; pass++ {
//	    for each example {
//	        feats = extract(...)
//	        t.Score(feats, scores)          // current (not averaged) weights
//	        guess := perceptron.Argmax(scores)
//	        t.Update(truth, guess, feats)   // counts one example; no-op on weights if equal
//	    }
//	    m := t.Average()                    // snapshot; training may go on
//	    evaluate m on dev ...
//	}
//
// Update counts one step of the averaging clock on every call, so call it once
// per decision even when the guess is right. For other update shapes (beam
// search, cost-sensitive, different features for truth and guess) use
// Add(class, feats, delta) any number of times and Tick() once per decision.
// Averaging is lazy: an update costs O(len(feats)) and Average costs O(weights).
//
// Trainer memory is about 30 bytes per non-zero (feature, class) weight plus a
// map entry per feature; a tagger on 200k words with 40 templates has ~2M.
//
// # Inference
//
// Model is immutable after Average or ReadModel and safe for concurrent use by
// any number of goroutines. Score(feats, scores) sets scores[c] for every
// class c (len(scores) >= NumClasses()); unknown features are ignored. Scoring
// costs one hash-table probe per feature plus one add per stored weight.
//
// # Saving
//
// m.WriteTo(w) writes a compact columnar binary form: feature keys sorted and
// delta-coded, per-feature class lists delta-coded, weights quantised to int16
// with one scale (max |w| / 32767), weights that quantise to zero dropped
// (call Prune first to drop more). It compresses well with gzip (the models
// package gunzips). ReadModel(r) reads it back exactly as much as was written,
// so a model may be embedded in a larger file with other sections; it checks
// every count and never panics on bad input. Labels (class names) are stored
// with the model if set in m.Labels before writing.
package perceptron

import (
	"math"
	"sync"

	"dateline/internal/hugemem"
)

// Hash is an FNV-1a hash under construction. Start with New, chain Str, Byte,
// Int, finish with Sum. It is a value: chaining never allocates.
type Hash uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// New starts a feature hash with a template id, so that the same string under
// two templates gives two features.
func New(template int) Hash {
	return Hash(fnvOffset).Int(template)
}

// Byte mixes one byte.
func (h Hash) Byte(b byte) Hash {
	return (h ^ Hash(b)) * fnvPrime
}

// Str mixes the bytes of s and a terminator.
func (h Hash) Str(s string) Hash {
	for i := 0; i < len(s); i++ {
		h = (h ^ Hash(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

// Bytes mixes the bytes of b and a terminator (like Str).
func (h Hash) Bytes(b []byte) Hash {
	for _, c := range b {
		h = (h ^ Hash(c)) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

// Int mixes an integer (a tag id, a distance, a flag set).
func (h Hash) Int(v int) Hash {
	u := uint64(v)
	h = (h ^ Hash(u&0xffff)) * fnvPrime
	if u>>16 != 0 {
		h = (h ^ Hash(u>>16)) * fnvPrime
	}
	return (h ^ 0xfe) * fnvPrime
}

// Sum is the finished feature.
func (h Hash) Sum() uint64 { return uint64(h) }

// mix spreads a key's bits for table indexing (murmur3 finaliser).
func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

// Argmax returns the index of the highest score (the first on ties); -1 for
// an empty slice.
func Argmax(scores []float32) int {
	if len(scores) == 0 {
		return -1
	}
	best, bi := scores[0], 0
	for i := 1; i < len(scores); i++ {
		if scores[i] > best {
			best, bi = scores[i], i
		}
	}
	return bi
}

// entry is one (class, weight) pair of a model feature.
type entry struct {
	w float32
	c uint32
}

// slot is one cell of the model's open-addressing table. n says how the
// feature's weights are stored: 0 marks an empty cell; 1 a single weight held
// in the slot itself (class c, the quantised weight in off's low 16 bits);
// denseRow a row of nClasses quantised weights at dense[off:]; otherwise n
// quantised entries at qents[off:].
type slot struct {
	key uint64
	off uint32
	n   uint16
	c   uint16
}

const denseRow = 0xffff

// Model is a trained, averaged perceptron: read-only and safe for concurrent
// use.
type Model struct {
	// Labels optionally names the classes; saved and loaded with the model.
	Labels []string

	nClasses int
	// Canonical storage, features in ascending key order: feature k has the
	// entries ents[offs[k]:offs[k+1]].
	keys []uint64
	offs []uint32
	ents []entry
	// The lookup table. Weights are held quantised to int16 (w = q*scale, the
	// same quantisation as WriteTo), which halves the memory that scoring
	// walks through.
	slots []slot
	mask  uint64
	qents []qentry
	dense []int16
	scale float32
	once  sync.Once // builds the table
}

// qentry is a quantised (class, weight) pair.
type qentry struct {
	c uint16
	q int16
}

// NumClasses is the number of classes.
func (m *Model) NumClasses() int { return m.nClasses }

// NumFeatures is the number of features with at least one weight.
func (m *Model) NumFeatures() int { return len(m.keys) }

// NumWeights is the number of stored (feature, class) weights.
func (m *Model) NumWeights() int { return len(m.ents) }

// Score sets scores[c], for every class c, to the sum of the weights of feats
// for c. scores must hold at least NumClasses values.
func (m *Model) Score(feats []uint64, scores []float32) {
	scores = scores[:m.nClasses]
	m.Ready()
	// Sums are kept in the quantised units, as integers, and scaled once.
	var buf [128]int32
	var acc []int32
	if len(scores) <= len(buf) {
		acc = buf[:len(scores)]
	} else {
		acc = make([]int32, len(scores))
	}
	if len(m.slots) > 0 {
		m.sum(feats, acc)
	}
	for c, a := range acc {
		scores[c] = float32(a) * m.scale
	}
}

// sum adds the quantised weights of feats to acc.
func (m *Model) sum(feats []uint64, acc []int32) {
	// Two phases: first find every feature's slot (independent loads, which
	// the CPU overlaps), then add the weights. This halves the time spent
	// waiting on memory compared with one loop over both.
	var found [64]int32
	for len(feats) > 0 {
		batch := feats
		if len(batch) > len(found) {
			batch = batch[:len(found)]
		}
		feats = feats[len(batch):]
		// Load each feature's first slot with no branch on the values, so
		// that the cache misses overlap before the probing loop needs them.
		var x uint64
		for _, f := range batch {
			x ^= m.slots[mix(f)&m.mask].key
		}
		if x == 1 {
			sink++
		}
		n := 0
		for _, f := range batch {
			i := mix(f) & m.mask
			for {
				s := &m.slots[i]
				if s.key == f && s.n != 0 {
					found[n] = int32(i)
					n++
					break
				}
				if s.n == 0 {
					break
				}
				i = (i + 1) & m.mask
			}
		}
		m.add(found[:n], acc)
	}
}

// sink keeps Score's loads from being optimised away.
var sink int

// add adds the quantised weights of the given slots to acc.
func (m *Model) add(found []int32, acc []int32) {
	nc := len(acc)
	for _, i := range found {
		s := &m.slots[i]
		switch s.n {
		case 1:
			if int(s.c) < nc {
				acc[s.c] += int32(int16(uint16(s.off)))
			}
		case denseRow:
			row := m.dense[s.off : int(s.off)+nc]
			for c, q := range row {
				acc[c] += int32(q)
			}
		default:
			for _, e := range m.qents[s.off : s.off+uint32(s.n)] {
				if int(e.c) < nc {
					acc[e.c] += int32(e.q)
				}
			}
		}
	}
}

// Predict scores feats and returns the best class; scores is scratch space of
// at least NumClasses values.
func (m *Model) Predict(feats []uint64, scores []float32) int {
	m.Score(feats, scores)
	return Argmax(scores[:m.nClasses])
}

// feature returns the entries of the k-th feature in key order.
func (m *Model) feature(k int) []entry {
	end := uint32(len(m.ents))
	if k+1 < len(m.offs) {
		end = m.offs[k+1]
	}
	return m.ents[m.offs[k]:end]
}

// Weights calls fn for every (feature, class, weight), features in ascending
// order.
func (m *Model) Weights(fn func(feat uint64, class int, w float32)) {
	for k, key := range m.keys {
		for _, e := range m.feature(k) {
			fn(key, int(e.c), e.w)
		}
	}
}

// Prune returns a copy of m without the weights whose magnitude is below min,
// and without features left with none.
func (m *Model) Prune(min float32) *Model {
	b := newBuilder(m.nClasses)
	for k, key := range m.keys {
		start := len(b.ents)
		for _, e := range m.feature(k) {
			if e.w >= min || e.w <= -min {
				b.ents = append(b.ents, e)
			}
		}
		if len(b.ents) > start {
			b.keys = append(b.keys, key)
			b.offs = append(b.offs, uint32(start))
		}
	}
	out := b.build()
	out.Labels = m.Labels
	return out
}

// builder collects features (key, entries) in ascending key order and makes
// the table.
type builder struct {
	nClasses int
	keys     []uint64
	offs     []uint32 // start of each feature's entries in ents
	ents     []entry
}

func newBuilder(nClasses int) *builder { return &builder{nClasses: nClasses} }

func (b *builder) build() *Model {
	return &Model{nClasses: b.nClasses, keys: b.keys, offs: b.offs, ents: b.ents}
}

// Ready builds the lookup table Score reads now; otherwise the first Score
// builds it. A model read only to be copied into another layout (as the
// parser does) never needs it.
func (m *Model) Ready() { m.once.Do(m.buildTable) }

// buildTable makes the open-addressing table that Score reads.
func (m *Model) buildTable() {
	n := len(m.keys)
	if n == 0 {
		return
	}
	size := 1
	for size < n+n/2+1 { // load factor <= 2/3
		size <<= 1
	}
	m.slots = hugemem.Make[slot](size)
	m.mask = uint64(size - 1)
	var maxAbs float32
	for _, e := range m.ents {
		if a := float32(math.Abs(float64(e.w))); a > maxAbs {
			maxAbs = a
		}
	}
	m.scale = maxAbs / 32767
	if m.scale == 0 {
		m.scale = 1
	}
	quant := func(w float32) int16 {
		return int16(max(-32767, min(32767, math.Round(float64(w/m.scale)))))
	}
	// Size the weight arrays first: growing them by appending costs more
	// than the rest of the build.
	nDense, nSparse := 0, 0
	for k := range m.keys {
		switch es := m.feature(k); {
		case len(es) == 1:
		case 2*len(es) >= m.nClasses || len(es) >= denseRow:
			nDense++
		default:
			nSparse += len(es)
		}
	}
	m.dense = make([]int16, 0, nDense*m.nClasses)
	m.qents = make([]qentry, 0, nSparse)
	for k, key := range m.keys {
		es := m.feature(k)
		i := mix(key) & m.mask
		for m.slots[i].n != 0 {
			i = (i + 1) & m.mask
		}
		s := slot{key: key}
		switch {
		case len(es) == 1:
			s.n, s.c, s.off = 1, uint16(es[0].c), uint32(uint16(quant(es[0].w)))
		case 2*len(es) >= m.nClasses || len(es) >= denseRow:
			s.n, s.off = denseRow, uint32(len(m.dense))
			m.dense = m.dense[:len(m.dense)+m.nClasses]
			row := m.dense[s.off:]
			for _, e := range es {
				row[e.c] = quant(e.w)
			}
		default:
			s.n, s.off = uint16(len(es)), uint32(len(m.qents))
			for _, e := range es {
				m.qents = append(m.qents, qentry{c: uint16(e.c), q: quant(e.w)})
			}
		}
		m.slots[i] = s
	}
}

// tentry is a weight during training, with its averaging state.
type tentry struct {
	c     uint32
	w     float32
	stamp int64   // step at which tot was last brought up to date
	tot   float64 // sum of w over steps up to stamp
}

// Trainer learns an averaged perceptron. It is not safe for concurrent use.
type Trainer struct {
	nClasses int
	index    map[uint64]int32
	rows     [][]tentry
	step     int64
}

// NewTrainer makes a trainer for nClasses classes (0..nClasses-1).
func NewTrainer(nClasses int) *Trainer {
	return &Trainer{nClasses: nClasses, index: make(map[uint64]int32, 1<<16)}
}

// NumClasses is the number of classes.
func (t *Trainer) NumClasses() int { return t.nClasses }

// NumFeatures is the number of features updated so far.
func (t *Trainer) NumFeatures() int { return len(t.rows) }

// Steps is the number of steps (Update or Tick calls) so far.
func (t *Trainer) Steps() int64 { return t.step }

// Score sets scores[c] to the sum of the current (not averaged) weights of
// feats for class c.
func (t *Trainer) Score(feats []uint64, scores []float32) {
	scores = scores[:t.nClasses]
	for i := range scores {
		scores[i] = 0
	}
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		for _, e := range t.rows[r] {
			scores[e.c] += e.w
		}
	}
}

// Predict scores feats with the current weights and returns the best class.
func (t *Trainer) Predict(feats []uint64, scores []float32) int {
	t.Score(feats, scores)
	return Argmax(scores[:t.nClasses])
}

// Tick advances the averaging clock by one step (one decision seen).
func (t *Trainer) Tick() { t.step++ }

// Update is one perceptron step: if guess differs from truth, the weights of
// feats move towards truth and away from guess. It always advances the clock.
func (t *Trainer) Update(truth, guess int, feats []uint64) {
	t.step++
	if truth == guess {
		return
	}
	t.Add(truth, feats, 1)
	if guess >= 0 {
		t.Add(guess, feats, -1)
	}
}

// Add adds delta to the weight of every feature in feats for class. It does
// not advance the clock.
func (t *Trainer) Add(class int, feats []uint64, delta float32) {
	if class < 0 || class >= t.nClasses {
		panic("perceptron: class out of range")
	}
	c := uint32(class)
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.rows))
			t.index[f] = r
			t.rows = append(t.rows, make([]tentry, 0, 2))
		}
		row := t.rows[r]
		found := false
		for i := range row {
			e := &row[i]
			if e.c == c {
				e.tot += float64(t.step-e.stamp) * float64(e.w)
				e.stamp = t.step
				e.w += delta
				found = true
				break
			}
		}
		if !found {
			t.rows[r] = append(row, tentry{c: c, w: delta, stamp: t.step})
		}
	}
}

// Average returns the model of averaged weights. It does not change the
// trainer, so training can go on (e.g. to evaluate after every pass).
// Weights that average to zero are left out.
func (t *Trainer) Average() *Model {
	b := newBuilder(t.nClasses)
	steps := float64(t.step)
	if steps == 0 {
		steps = 1
	}
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	sortU64(keys)
	for _, k := range keys {
		row := t.rows[t.index[k]]
		start := len(b.ents)
		for _, e := range row {
			tot := e.tot + float64(t.step-e.stamp)*float64(e.w)
			w := float32(tot / steps)
			if w != 0 && !math.IsNaN(float64(w)) {
				b.ents = append(b.ents, entry{c: e.c, w: w})
			}
		}
		if len(b.ents) > start {
			sortEntries(b.ents[start:])
			b.keys = append(b.keys, k)
			b.offs = append(b.offs, uint32(start))
		}
	}
	return b.build()
}

// sortU64 sorts keys ascending (radix sort: big slices, no allocation per key).
func sortU64(a []uint64) {
	if len(a) < 64 {
		for i := 1; i < len(a); i++ {
			for j := i; j > 0 && a[j] < a[j-1]; j-- {
				a[j], a[j-1] = a[j-1], a[j]
			}
		}
		return
	}
	buf := make([]uint64, len(a))
	src, dst := a, buf
	for shift := 0; shift < 64; shift += 16 {
		var count [1 << 16]int
		for _, v := range src {
			count[(v>>shift)&0xffff]++
		}
		sum := 0
		for i := range count {
			c := count[i]
			count[i] = sum
			sum += c
		}
		for _, v := range src {
			d := (v >> shift) & 0xffff
			dst[count[d]] = v
			count[d]++
		}
		src, dst = dst, src
	}
	// four passes: the result is back in a
}

func sortEntries(e []entry) {
	for i := 1; i < len(e); i++ {
		for j := i; j > 0 && e[j].c < e[j-1].c; j-- {
			e[j], e[j-1] = e[j-1], e[j]
		}
	}
}

// Mix returns the model whose weights are the mean of the given models'
// weights (a feature missing from a model counts as zero there). The models
// must have the same number of classes. Mixing averaged perceptrons trained
// on different shuffles of the data gives one model, no slower to score,
// that is usually a little more accurate than each.
func Mix(ms ...*Model) *Model {
	if len(ms) == 0 {
		return NewTrainer(0).Average()
	}
	nc := ms[0].nClasses
	acc := map[uint64]map[uint32]float32{}
	for _, m := range ms {
		if m.nClasses != nc {
			panic("perceptron: Mix of models with different class counts")
		}
		for k, key := range m.keys {
			row := acc[key]
			if row == nil {
				row = map[uint32]float32{}
				acc[key] = row
			}
			for _, e := range m.feature(k) {
				row[e.c] += e.w / float32(len(ms))
			}
		}
	}
	keys := make([]uint64, 0, len(acc))
	for k := range acc {
		keys = append(keys, k)
	}
	sortU64(keys)
	b := newBuilder(nc)
	for _, k := range keys {
		start := len(b.ents)
		for c, w := range acc[k] {
			if w != 0 {
				b.ents = append(b.ents, entry{c: c, w: w})
			}
		}
		if len(b.ents) > start {
			sortEntries(b.ents[start:])
			b.keys = append(b.keys, k)
			b.offs = append(b.offs, uint32(start))
		}
	}
	out := b.build()
	out.Labels = ms[0].Labels
	return out
}
