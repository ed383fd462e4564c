package pos

import (
	"fmt"
	"hash/fnv"
	"strings"

	"dateline/internal/ner"
)

// wordClasses learns, from unlabelled sentences, each lower-cased word's
// case profile and its fine and coarse word clusters, with the named-entity
// recogniser's lexicon builder (ner.BuildLexicon: spherical k-means over
// left/right neighbour vectors; case profile = frequency bucket × share of
// capitalised non-initial occurrences), so that both components learn word
// classes the same way. The result is keyed by the lower-cased form.
func wordClasses(raw [][]string, clusters int) (map[string]uint32, error) {
	lex := ner.BuildLexicon(raw, clusters, 1)
	out := map[string]uint32{}
	h := fnv.New64a()
	for _, s := range raw {
		for _, w := range s {
			l := strings.ToLower(w)
			if _, ok := out[l]; ok {
				continue
			}
			// ner.BuildLexicon keys its map by the 64-bit FNV-1a hash of the
			// lower-cased form.
			h.Reset()
			h.Write([]byte(l))
			if v, ok := lex[h.Sum64()]; ok && v != 0 {
				out[l] = v
			}
		}
	}
	if len(lex) > 0 && len(out) == 0 {
		return nil, fmt.Errorf("pos: none of the %d raw words found in the NER lexicon (did its key hash change?)", len(lex))
	}
	return out, nil
}
