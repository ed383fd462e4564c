package store

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// SimHash is a 64-bit SimHash of text over word 3-shingles (words lowercased,
// punctuation dropped): texts that share most shingles differ in few bits.
// Texts of fewer than three words hash their words.
func SimHash(text string) uint64 {
	var ones [64]int32 // shingles whose hash has each bit set
	total := int32(0)
	var w [3]uint64 // FNV-1a hashes of the last three words
	n := 0
	add := func(h uint64) {
		h = mix(h)
		total++
		for b := range ones {
			ones[b] += int32(h >> b & 1)
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		h := uint64(14695981039346656037)
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf { // ASCII fast path
				if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z') {
					break
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				h ^= uint64(c)
				h *= 1099511628211
				i++
				continue
			}
			r, size = utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			h ^= uint64(unicode.ToLower(r))
			h *= 1099511628211
			i += size
		}
		w[0], w[1], w[2] = w[1], w[2], h
		n++
		if n >= 3 {
			add(w[0]*31*31 ^ w[1]*31 ^ w[2])
		}
	}
	if n > 0 && n < 3 {
		for _, h := range w[3-n:] {
			add(h)
		}
	}
	var out uint64
	for b := range ones {
		if 2*ones[b] > total {
			out |= 1 << b
		}
	}
	return out
}

// mix is a 64-bit finaliser (splitmix64) so that shingle hashes spread over
// all bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Hamming is the number of bits in which a and b differ.
func Hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Bands splits a SimHash into four 16-bit bands. Two hashes within
// MaxNearDistance (< 4) bits agree on at least one band, so a lookup by band
// finds every near-duplicate candidate.
func Bands(sh uint64) [4]int64 {
	return [4]int64{int64(sh & 0xffff), int64(sh >> 16 & 0xffff), int64(sh >> 32 & 0xffff), int64(sh >> 48)}
}
