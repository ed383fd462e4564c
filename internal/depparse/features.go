package depparse

// Feature extraction: the templates of Zhang & Nivre (2011) for arc-eager
// (words, tags, distance, valency, children's labels and label sets, second
// order) plus a few for the second stack word. Every feature is a uint64
// made by mixing a template id with small atoms; nothing allocates.

// Atoms of absent positions. Words and tags of real tokens are 64-bit hashes,
// so they do not collide with these small values in practice.
const (
	noneW = 1
	noneP = 2
	noneL = 0
)

// sentence is a parser input: per-token atoms, root at index n.
type sentence struct {
	w []uint64 // lower-cased word form hash
	p []uint64 // fine tag (XPOS) hash
	u []uint64 // universal tag (UPOS) hash
}

const (
	rootW = 0x526f6f74576f7264 // "RootWord"
	rootP = 0x526f6f7454616721 // "RootTag!"
)

// hash helpers: a template id and up to four atoms, well mixed.
func h1(t, a uint64) uint64 {
	x := (t+1)*0x9E3779B97F4A7C15 ^ a
	x ^= x >> 31
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 29
	return x
}

func h2(t, a, b uint64) uint64 {
	x := h1(t, a) + b*0x94D049BB133111EB
	x ^= x >> 32
	x *= 0xD6E8FEB86659FD93
	x ^= x >> 29
	return x
}

func h3(t, a, b, c uint64) uint64 {
	x := h2(t, a, b) + c*0xC2B2AE3D27D4EB4F
	x ^= x >> 33
	x *= 0xFF51AFD7ED558CCD
	x ^= x >> 29
	return x
}

func h4(t, a, b, c, d uint64) uint64 {
	x := h3(t, a, b, c) + d*0x165667B19E3779F9
	x ^= x >> 31
	x *= 0xC4CEB9FE1A85EC53
	x ^= x >> 30
	return x
}

// nFeats is the number of features per configuration.
const nFeats = 82

func dist(d int32) uint64 {
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}

func capv(v uint8) uint64 {
	if v > 5 {
		return 5
	}
	return uint64(v)
}

// features fills f (len nFeats) for configuration st over sentence x.
func features(st *state, x *sentence, f []uint64) {
	_ = f[nFeats-1]
	n := st.n
	// position lookups
	s0, s1 := int32(-1), int32(-1)
	if k := len(st.stack); k > 0 {
		s0 = st.stack[k-1]
		if k > 1 {
			s1 = st.stack[k-2]
		}
	}
	n0 := st.b // always exists (root at the end)
	n1, n2 := int32(-1), int32(-1)
	if n0+1 <= n {
		n1 = n0 + 1
	}
	if n0+2 <= n {
		n2 = n0 + 2
	}
	w := func(i int32) uint64 {
		if i < 0 {
			return noneW
		}
		return x.w[i]
	}
	p := func(i int32) uint64 {
		if i < 0 {
			return noneP
		}
		return x.p[i]
	}
	l := func(i int32) uint64 {
		if i < 0 {
			return noneL
		}
		return uint64(st.lab[i]) + 1
	}
	S0w, S0p := w(s0), p(s0)
	N0w, N0p := w(n0), p(n0)
	N1w, N1p := w(n1), p(n1)
	N2w, N2p := w(n2), p(n2)
	S1w, S1p := w(s1), p(s1)

	var s0h, s0h2, s0l, s0r, s0l2, s0r2 int32 = -1, -1, -1, -1, -1, -1
	var d uint64
	var s0vl, s0vr uint64
	var s0sl, s0sr uint64
	if s0 >= 0 {
		s0h = st.head[s0]
		if s0h >= 0 && s0h < n {
			s0h2 = st.head[s0h]
		}
		s0l, s0l2, s0r, s0r2 = st.lc1[s0], st.lc2[s0], st.rc1[s0], st.rc2[s0]
		d = dist(n0 - s0)
		s0vl, s0vr = capv(st.nl[s0]), capv(st.nr[s0])
		s0sl, s0sr = st.lset[s0], st.rset[s0]
	} else {
		d = 15
	}
	if s0h == n {
		s0h = -1
	}
	if s0h2 == n {
		s0h2 = -1
	}
	n0l, n0l2 := st.lc1[n0], st.lc2[n0]
	n0vl := capv(st.nl[n0])
	n0sl := st.lset[n0]

	S0hw, S0hp, S0l := w(s0h), p(s0h), l(s0)
	S0lw, S0lp, S0ll := w(s0l), p(s0l), l(s0l)
	S0rw, S0rp, S0rl := w(s0r), p(s0r), l(s0r)
	N0lw, N0lp, N0ll := w(n0l), p(n0l), l(n0l)
	S0h2w, S0h2p, S0hl := w(s0h2), p(s0h2), l(s0h)
	S0l2w, S0l2p, S0l2l := w(s0l2), p(s0l2), l(s0l2)
	S0r2w, S0r2p, S0r2l := w(s0r2), p(s0r2), l(s0r2)
	N0l2w, N0l2p, N0l2l := w(n0l2), p(n0l2), l(n0l2)

	var S0u, N0u, N1u uint64 = noneP, x.u[n0], noneP
	if s0 >= 0 {
		S0u = x.u[s0]
	}
	if n1 >= 0 {
		N1u = x.u[n1]
	}

	i := 0
	put := func(v uint64) { f[i] = v; i++ }
	// single words
	put(h2(1, S0w, S0p))
	put(h1(2, S0w))
	put(h1(3, S0p))
	put(h2(4, N0w, N0p))
	put(h1(5, N0w))
	put(h1(6, N0p))
	put(h2(7, N1w, N1p))
	put(h1(8, N1w))
	put(h1(9, N1p))
	put(h2(10, N2w, N2p))
	put(h1(11, N2w))
	put(h1(12, N2p))
	// word pairs
	put(h4(13, S0w, S0p, N0w, N0p))
	put(h3(14, S0w, S0p, N0w))
	put(h3(15, S0w, N0w, N0p))
	put(h3(16, S0w, S0p, N0p))
	put(h3(17, S0p, N0w, N0p))
	put(h2(18, S0w, N0w))
	put(h2(19, S0p, N0p))
	put(h2(20, N0p, N1p))
	// three words
	put(h3(21, N0p, N1p, N2p))
	put(h3(22, S0p, N0p, N1p))
	put(h3(23, S0hp, S0p, N0p))
	put(h3(24, S0p, S0lp, N0p))
	put(h3(25, S0p, S0rp, N0p))
	put(h3(26, S0p, N0p, N0lp))
	// distance
	put(h2(27, S0w, d))
	put(h2(28, S0p, d))
	put(h2(29, N0w, d))
	put(h2(30, N0p, d))
	put(h3(31, S0w, N0w, d))
	put(h3(32, S0p, N0p, d))
	// valency
	put(h2(33, S0w, s0vr))
	put(h2(34, S0p, s0vr))
	put(h2(35, S0w, s0vl))
	put(h2(36, S0p, s0vl))
	put(h2(37, N0w, n0vl))
	put(h2(38, N0p, n0vl))
	// unigrams of the neighbourhood
	put(h1(39, S0hw))
	put(h1(40, S0hp))
	put(h1(41, S0l))
	put(h1(42, S0lw))
	put(h1(43, S0lp))
	put(h1(44, S0ll))
	put(h1(45, S0rw))
	put(h1(46, S0rp))
	put(h1(47, S0rl))
	put(h1(48, N0lw))
	put(h1(49, N0lp))
	put(h1(50, N0ll))
	// third order
	put(h1(51, S0h2w))
	put(h1(52, S0h2p))
	put(h1(53, S0hl))
	put(h1(54, S0l2w))
	put(h1(55, S0l2p))
	put(h1(56, S0l2l))
	put(h1(57, S0r2w))
	put(h1(58, S0r2p))
	put(h1(59, S0r2l))
	put(h1(60, N0l2w))
	put(h1(61, N0l2p))
	put(h1(62, N0l2l))
	put(h3(63, S0p, S0lp, S0l2p))
	put(h3(64, S0p, S0rp, S0r2p))
	put(h3(65, S0p, S0hp, S0h2p))
	put(h3(66, N0p, N0lp, N0l2p))
	// label sets
	put(h2(67, S0w, s0sr))
	put(h2(68, S0p, s0sr))
	put(h2(69, S0w, s0sl))
	put(h2(70, S0p, s0sl))
	put(h2(71, N0w, n0sl))
	put(h2(72, N0p, n0sl))
	// second stack word and extras
	put(h2(73, S1w, S1p))
	put(h1(74, S1p))
	put(h3(75, S1p, S0p, N0p))
	put(h3(76, S1w, S0w, N0p))
	put(h3(77, S0u, N0u, N1u))
	put(h3(78, S0p, S0l, N0p))
	put(h3(79, S0w, S0l, N0w))
	put(h3(80, S0p, N0p, N0ll))
	put(h4(81, S0p, N0p, N1p, d))
	put(h2(82, N0w, N1w))
}
