package ner

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The lexicon maps a hashed lowercase word form to what raw text says of it:
// bits 24-31 its case profile, bits 12-23 1+its coarse word cluster (0: none)
// and bits 0-11 its fine cluster.
const (
	clusterMask = 1<<24 - 1
	// clusterFine is how many low bits of a cluster id are the fine part: the
	// coarse cluster is id >> clusterFine.
	clusterFine = 12
)

// caseProfile sums up how a word is written at non-initial positions:
// frequency bucket × share of capitalised occurrences.
func caseProfile(lower, capital int) uint8 {
	n := lower + capital
	if n < 3 {
		// Rare words get no profile: in training, as on new text, most
		// names are rare, and a profile learnt from the name's own
		// occurrences would be a give-away.
		return 0
	}
	f := uint8(0)
	switch {
	case n >= 50:
		f = 3
	case n >= 10:
		f = 2
	case n >= 3:
		f = 1
	}
	r := float64(capital) / float64(n)
	c := uint8(0)
	switch {
	case r == 0:
		c = 0
	case r < 0.1:
		c = 1
	case r < 0.5:
		c = 2
	case r < 0.9:
		c = 3
	case r < 1:
		c = 4
	default:
		c = 5
	}
	return 1 + f*6 + c
}

// BuildLexicon learns case profiles and word clusters from raw sentences.
// Clusters: words seen at least minCount times are described by their left
// and right neighbours among the most frequent words, and grouped by
// spherical k-means into k ≤ 4096 clusters (the
// coarse level groups the centroids again). k = 0 skips clustering.
func BuildLexicon(raw [][]string, k int, seed uint64) map[uint64]uint32 {
	type counts struct{ lower, capital, all int }
	cs := map[string]*counts{}
	for _, s := range raw {
		for i, w := range s {
			l := strings.ToLower(w)
			c := cs[l]
			if c == nil {
				c = &counts{}
				cs[l] = c
			}
			c.all++
			if i == 0 {
				continue
			}
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) {
				c.capital++
			} else if unicode.IsLower(r) {
				c.lower++
			}
		}
	}
	lex := make(map[uint64]uint32, len(cs))
	for w, c := range cs {
		if p := caseProfile(c.lower, c.capital); p != 0 {
			lex[hstr(fnvOff, w)] = uint32(p) << 24
		}
	}
	if k <= 0 {
		return lex
	}
	for w, id := range clusterWords(raw, k, 3, seed) {
		lex[hstr(fnvOff, w)] |= uint32(id)
	}
	return lex
}

// clusterWords groups words by the company they keep: it returns per word
// (coarse+1)<<clusterFine | fine.
func clusterWords(raw [][]string, k, minCount int, seed uint64) map[string]int {
	freq := map[string]int{}
	for _, s := range raw {
		for _, w := range s {
			freq[strings.ToLower(w)]++
		}
	}
	type wc struct {
		w string
		n int
	}
	var all []wc
	for w, n := range freq {
		if n >= minCount {
			all = append(all, wc{w, n})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].w < all[j].w
	})
	// Context vocabulary: the most frequent words; slot nctx is "other".
	const nctx = 300
	ctxID := map[string]int{}
	for i := 0; i < len(all) && i < nctx; i++ {
		ctxID[all[i].w] = i
	}
	wordID := map[string]int{}
	for i, x := range all {
		wordID[x.w] = i
	}
	dim := 2 * (nctx + 2)
	vecs := make([]map[int32]float32, len(all))
	for i := range vecs {
		vecs[i] = map[int32]float32{}
	}
	ctxOf := func(s []string, i int) int {
		if i < 0 || i >= len(s) {
			return nctx + 1
		}
		if c, ok := ctxID[strings.ToLower(s[i])]; ok {
			return c
		}
		return nctx
	}
	for _, s := range raw {
		for i, w := range s {
			id, ok := wordID[strings.ToLower(w)]
			if !ok {
				continue
			}
			vecs[id][int32(ctxOf(s, i-1))]++
			vecs[id][int32(nctx+2+ctxOf(s, i+1))]++
		}
	}
	points := make([]sparseVec, len(all))
	for i, m := range vecs {
		var norm float64
		for j := range m {
			points[i].idx = append(points[i].idx, j)
		}
		slices.Sort(points[i].idx) // the same sums in the same order: a reproducible model
		for _, j := range points[i].idx {
			x := float32(math.Sqrt(float64(m[j])))
			points[i].val = append(points[i].val, x)
			norm += float64(x * x)
		}
		inv := float32(1 / math.Sqrt(norm))
		for j := range points[i].val {
			points[i].val[j] *= inv
		}
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	fine, cents := kmeans(points, dim, k, 12, rng)
	// Coarse level: cluster the centroids.
	cp := make([]sparseVec, len(cents))
	for c, v := range cents {
		for j, x := range v {
			if x != 0 {
				cp[c].idx = append(cp[c].idx, int32(j))
				cp[c].val = append(cp[c].val, x)
			}
		}
	}
	coarse, _ := kmeans(cp, dim, max(2, k/16), 12, rng)
	out := make(map[string]int, len(all))
	for i, x := range all {
		out[x.w] = (coarse[fine[i]]+1)<<clusterFine | fine[i]
	}
	return out
}

type sparseVec struct {
	idx []int32
	val []float32
}

// kmeans is spherical k-means over unit vectors; it returns each point's
// cluster and the centroids.
func kmeans(points []sparseVec, dim, k, iters int, rng *rand.Rand) ([]int, [][]float32) {
	n := len(points)
	k = min(k, n)
	if k == 0 {
		return make([]int, n), nil
	}
	cent := make([][]float32, k)
	perm := rng.Perm(n)
	set := func(dst []float32, p int) {
		for j, ix := range points[p].idx {
			dst[ix] += points[p].val[j]
		}
	}
	for c := range cent {
		cent[c] = make([]float32, dim)
		set(cent[c], perm[c])
	}
	assign := make([]int, n)
	for it := 0; it < iters; it++ {
		for p := 0; p < n; p++ {
			best, bestS := 0, float32(-2)
			for c, cc := range cent {
				var s float32
				for j, ix := range points[p].idx {
					s += points[p].val[j] * cc[ix]
				}
				if s > bestS {
					best, bestS = c, s
				}
			}
			assign[p] = best
		}
		for c := range cent {
			clear(cent[c])
		}
		for p := 0; p < n; p++ {
			set(cent[assign[p]], p)
		}
		for c := range cent {
			var norm float64
			for _, v := range cent[c] {
				norm += float64(v * v)
			}
			if norm == 0 {
				set(cent[c], perm[rng.IntN(n)])
				continue
			}
			inv := float32(1 / math.Sqrt(norm))
			for j := range cent[c] {
				cent[c][j] *= inv
			}
		}
	}
	return assign, cent
}
