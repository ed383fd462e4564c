package depparse

// The arc-eager transition system (Nivre 2003) with the root token placed at
// the END of the buffer (Ballesteros & Nivre 2013), so that every word must be
// attached by an explicit transition and the parse is always a single tree
// per root attachment. Tokens of a sentence are 0..n-1; n is the root.
//
// Transitions:
//
//	SHIFT       push b0                      b0 is not the root
//	REDUCE      pop s0                       s0 has a head
//	LEFT-ARC    s0 <- b0, pop s0             s0 has no head
//	RIGHT-ARC   s0 -> b0, push b0            b0 is not the root
//
// The parse ends when the stack is empty and b0 is the root.

const (
	shift = iota
	reduce
	leftArc
	rightArc
	nMoves
)

// state is a parser configuration. Arrays are sized n+1 (root included) and
// reused across sentences.
type state struct {
	n     int32
	stack []int32
	b     int32
	head  []int32 // -1 until attached
	lab   []uint8 // label id of the arc to the head (0 = none)
	// children, as needed by the features
	lc1, lc2, rc1, rc2 []int32 // leftmost, second leftmost, rightmost, second rightmost; -1 none
	nl, nr             []uint8 // number of left / right children (capped)
	lset, rset         []uint64
	inStack            []bool
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// reset prepares the state for a sentence of n words.
func (s *state) reset(n int) {
	m := n + 1
	s.n = int32(n)
	s.stack = grow(s.stack, m)[:0]
	s.b = 0
	s.head = grow(s.head, m)
	s.lab = grow(s.lab, m)
	s.lc1 = grow(s.lc1, m)
	s.lc2 = grow(s.lc2, m)
	s.rc1 = grow(s.rc1, m)
	s.rc2 = grow(s.rc2, m)
	s.nl = grow(s.nl, m)
	s.nr = grow(s.nr, m)
	s.lset = grow(s.lset, m)
	s.rset = grow(s.rset, m)
	s.inStack = grow(s.inStack, m)
	for i := 0; i < m; i++ {
		s.head[i] = -1
		s.lab[i] = 0
		s.lc1[i], s.lc2[i], s.rc1[i], s.rc2[i] = -1, -1, -1, -1
		s.nl[i], s.nr[i] = 0, 0
		s.lset[i], s.rset[i] = 0, 0
		s.inStack[i] = false
	}
}

func (s *state) done() bool { return len(s.stack) == 0 && s.b == s.n }

func (s *state) s0() int32 {
	if len(s.stack) == 0 {
		return -1
	}
	return s.stack[len(s.stack)-1]
}

// valid reports whether move m is allowed.
func (s *state) valid(m int) bool {
	switch m {
	case shift:
		return s.b < s.n
	case reduce:
		return len(s.stack) > 0 && s.head[s.s0()] >= 0
	case leftArc:
		return len(s.stack) > 0 && s.head[s.s0()] < 0
	case rightArc:
		return len(s.stack) > 0 && s.b < s.n
	}
	return false
}

// addArc records h -> d with label l.
func (s *state) addArc(h, d int32, l uint8) {
	s.head[d] = h
	s.lab[d] = l
	bit := uint64(1) << (l & 63)
	if d < h {
		s.lc2[h] = s.lc1[h]
		s.lc1[h] = d // each new left child lies further left
		if s.nl[h] < 255 {
			s.nl[h]++
		}
		s.lset[h] |= bit
	} else {
		s.rc2[h] = s.rc1[h]
		s.rc1[h] = d // each new right child lies further right
		if s.nr[h] < 255 {
			s.nr[h]++
		}
		s.rset[h] |= bit
	}
}

// apply performs move m (which must be valid) with label l for arcs.
func (s *state) apply(m int, l uint8) {
	switch m {
	case shift:
		s.stack = append(s.stack, s.b)
		s.inStack[s.b] = true
		s.b++
	case reduce:
		top := s.stack[len(s.stack)-1]
		s.inStack[top] = false
		s.stack = s.stack[:len(s.stack)-1]
	case leftArc:
		top := s.stack[len(s.stack)-1]
		s.addArc(s.b, top, l)
		s.inStack[top] = false
		s.stack = s.stack[:len(s.stack)-1]
	case rightArc:
		top := s.stack[len(s.stack)-1]
		s.addArc(top, s.b, l)
		s.stack = append(s.stack, s.b)
		s.inStack[s.b] = true
		s.b++
	}
}

// cost is the dynamic oracle of Goldberg & Nivre (2012) for arc-eager: the
// number of gold arcs (gold[d] = head, n for the root) that become
// unreachable by taking move m. It is exact for projective gold trees.
func (s *state) cost(m int, gold []int32) int {
	n := s.n
	b := s.b
	c := 0
	switch m {
	case shift:
		// b0 loses its head in the stack and its dependents in the stack
		if h := gold[b]; h < n && s.inStack[h] {
			c++
		}
		for _, k := range s.stack {
			if gold[k] == b && s.head[k] < 0 {
				c++
			}
		}
	case reduce:
		s0 := s.s0()
		for k := b; k < n; k++ {
			if gold[k] == s0 {
				c++
			}
		}
	case leftArc:
		s0 := s.s0()
		if h := gold[s0]; h != b && h > b {
			c++
		}
		for k := b; k < n; k++ {
			if gold[k] == s0 {
				c++
			}
		}
	case rightArc:
		s0 := s.s0()
		if h := gold[b]; h != s0 && (h > b || (h < n && s.inStack[h])) {
			c++
		}
		for _, k := range s.stack {
			if gold[k] == b && s.head[k] < 0 {
				c++
			}
		}
	}
	return c
}

// projectivize lifts non-projective arcs (shortest first) until the tree is
// projective: an arc h -> d whose span holds a word not dominated by h gets
// d reattached to h's head. heads use n for the root; it returns the number of
// lifts.
func projectivize(heads []int32) int {
	n := int32(len(heads))
	lifts := 0
	for iter := 0; iter < 4*len(heads)+4; iter++ {
		best, bestLen := int32(-1), int32(1<<30)
		for d := int32(0); d < n; d++ {
			h := heads[d]
			if h == n || h < 0 {
				continue
			}
			lo, hi := min(h, d), max(h, d)
			if hi-lo >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominates(heads, h, k) {
					best, bestLen = d, hi-lo
					break
				}
			}
		}
		if best < 0 {
			return lifts
		}
		heads[best] = heads[heads[best]]
		lifts++
	}
	return lifts
}

// dominates reports whether h is an ancestor of k.
func dominates(heads []int32, h, k int32) bool {
	n := int32(len(heads))
	for steps := 0; steps <= len(heads) && k >= 0 && k < n; steps++ {
		k = heads[k]
		if k == h {
			return true
		}
	}
	return false
}
