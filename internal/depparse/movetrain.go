package depparse

import (
	"math"

	"dateline/internal/perceptron"
)

// moveTrainer is an averaged perceptron for the four moves, specialised for
// training speed: open addressing over our own well-mixed feature hashes, one
// 64-byte slot per feature holding all four weights, their running totals and
// one time stamp (all four classes are brought up to date together), so a
// score costs one cache miss per feature instead of a map lookup and a slice.
type moveTrainer struct {
	keys  []uint64
	w     [][nMoves]float32
	tot   [][nMoves]float64
	stamp []int64
	n     int
	mask  uint64
	step  int64
}

func newMoveTrainer() *moveTrainer {
	t := &moveTrainer{}
	t.alloc(1 << 16)
	return t
}

func (t *moveTrainer) alloc(size int) {
	t.keys = make([]uint64, size)
	t.w = make([][nMoves]float32, size)
	t.tot = make([][nMoves]float64, size)
	t.stamp = make([]int64, size)
	t.mask = uint64(size - 1)
	t.n = 0
}

func fixKey(f uint64) uint64 {
	if f == 0 {
		return 1
	}
	return f
}

// find returns f's slot, or -1.
func (t *moveTrainer) find(f uint64) int {
	f = fixKey(f)
	i := f & t.mask
	for {
		k := t.keys[i]
		if k == f {
			return int(i)
		}
		if k == 0 {
			return -1
		}
		i = (i + 1) & t.mask
	}
}

// slot returns f's slot, adding it if new.
func (t *moveTrainer) slot(f uint64) int {
	f = fixKey(f)
	if (t.n+1)*3 > len(t.keys)*2 {
		t.grow()
	}
	i := f & t.mask
	for {
		k := t.keys[i]
		if k == f {
			return int(i)
		}
		if k == 0 {
			t.keys[i] = f
			t.stamp[i] = t.step
			t.n++
			return int(i)
		}
		i = (i + 1) & t.mask
	}
}

func (t *moveTrainer) grow() {
	keys, w, tot, stamp := t.keys, t.w, t.tot, t.stamp
	t.alloc(len(keys) * 2)
	for j, k := range keys {
		if k == 0 {
			continue
		}
		i := k & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.w[i], t.tot[i], t.stamp[i] = k, w[j], tot[j], stamp[j]
		t.n++
	}
}

func (t *moveTrainer) score(feats []uint64, out *[nMoves]float32) {
	*out = [nMoves]float32{}
	for _, f := range feats {
		if i := t.find(f); i >= 0 {
			w := &t.w[i]
			out[0] += w[0]
			out[1] += w[1]
			out[2] += w[2]
			out[3] += w[3]
		}
	}
}

// update is one perceptron step; it always advances the clock.
func (t *moveTrainer) update(truth, guess int, feats []uint64) {
	t.step++
	if truth == guess {
		return
	}
	for _, f := range feats {
		i := t.slot(f)
		d := float64(t.step - t.stamp[i])
		w, tot := &t.w[i], &t.tot[i]
		for c := 0; c < nMoves; c++ {
			tot[c] += d * float64(w[c])
		}
		t.stamp[i] = t.step
		w[truth]++
		w[guess]--
	}
}

// averaged returns the averaged weights as a perceptron model.
func (t *moveTrainer) averaged(prune float32) *perceptron.Model {
	pt := perceptron.NewTrainer(nMoves)
	steps := float64(max(t.step, 1))
	var one [1]uint64
	for i, k := range t.keys {
		if k == 0 {
			continue
		}
		one[0] = k
		d := float64(t.step - t.stamp[i])
		for c := 0; c < nMoves; c++ {
			a := float32((t.tot[i][c] + d*float64(t.w[i][c])) / steps)
			if a != 0 && !math.IsNaN(float64(a)) && (a >= prune || a <= -prune) {
				pt.Add(c, one[:], a)
			}
		}
	}
	pt.Tick()
	return pt.Average()
}
