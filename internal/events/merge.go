package events

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"dateline/internal/doc"
)

// merge joins reports of one happening: same type, same participants (for a
// reciprocal CONSULT: at least two shared; otherwise the same actors and no
// conflicting recipients), and no conflicting dates. The merged event keeps
// every report's evidence, the first known date and place, and the highest
// confidence.
func merge(d *doc.Doc, evs []doc.Event) []doc.Event {
	var out []doc.Event
	// the merged events of a type by each of their parties: two reports of
	// one happening share a party (same() wants one at least), so only
	// those are compared, and a long story is not compared pairwise
	type key struct {
		typ   string
		party int32
	}
	byParty := map[key][]int{}
	mergedFrom := map[int][]int32{} // merged event → the sentences of the reports merged into it
	var cands []int
	for _, e := range evs {
		if len(e.Actors) == 0 && len(e.Recipients) == 0 && e.Type == "" {
			continue
		}
		cands = cands[:0]
		for _, p := range e.Actors {
			cands = append(cands, byParty[key{e.Type, p}]...)
		}
		for _, p := range e.Recipients {
			cands = append(cands, byParty[key{e.Type, p}]...)
		}
		slices.Sort(cands)
		j := -1
		for k, i := range cands {
			if (k == 0 || cands[k-1] != i) && same(&out[i], &e) {
				j = i // the first merged event that matches, as a scan in order finds
				break
			}
		}
		if j < 0 {
			j = len(out)
			out = append(out, e)
			for _, p := range e.Actors {
				byParty[key{e.Type, p}] = append(byParty[key{e.Type, p}], j)
			}
			for _, p := range e.Recipients {
				byParty[key{e.Type, p}] = append(byParty[key{e.Type, p}], j)
			}
			continue
		}
		m := &out[j]
		for _, p := range e.Actors {
			if !slices.Contains(m.Actors, p) && !slices.Contains(m.Recipients, p) {
				byParty[key{e.Type, p}] = append(byParty[key{e.Type, p}], j)
			}
		}
		for _, p := range e.Recipients {
			if !slices.Contains(m.Actors, p) && !slices.Contains(m.Recipients, p) {
				byParty[key{e.Type, p}] = append(byParty[key{e.Type, p}], j)
			}
		}
		m.Evidence = append(m.Evidence, e.Evidence...)
		m.Actors = appendUnique(m.Actors, e.Actors...)
		m.Recipients = appendUnique(m.Recipients, e.Recipients...)
		if m.Date == "" && e.Date != "" {
			m.Date, m.Time = e.Date, e.Time
		}
		if e.Location != nil && (m.Location == nil || placeRank[e.Location.From] > placeRank[m.Location.From]) {
			m.Location = e.Location // a report that names the place beats one that inherits it
		}
		if m.Mode == "" {
			m.Mode = e.Mode
		}
		if e.Confidence > m.Confidence {
			m.Confidence = e.Confidence
		}
		m.Confidence += 0.02
		if m.Confidence > 0.99 {
			m.Confidence = 0.99
		}
		mergedFrom[j] = append(mergedFrom[j], e.Evidence[0].Sentence)
	}
	// the explanations, written once (appending per report copied a long
	// explanation again for each of thousands of reports)
	for j, ss := range mergedFrom {
		var b strings.Builder
		b.WriteString(out[j].Explain)
		for _, si := range ss {
			fmt.Fprintf(&b, " | merged with a report in sentence %d", si)
		}
		out[j].Explain = b.String()
	}
	for i := range out {
		sort.SliceStable(out[i].Evidence, func(a, b int) bool { return out[i].Evidence[a].Trigger.Start < out[i].Evidence[b].Trigger.Start })
	}
	return out
}

// placeRank orders where a place was read, surest last.
var placeRank = map[string]int{"dateline": 1, "context": 2, "clause": 3}

func same(a, b *doc.Event) bool {
	if a.Type != b.Type || a.Negated != b.Negated {
		return false
	}
	if a.Date != "" && b.Date != "" && a.Date != b.Date {
		return false
	}
	pa := appendUnique(append([]int32(nil), a.Actors...), a.Recipients...)
	pb := appendUnique(append([]int32(nil), b.Actors...), b.Recipients...)
	shared := 0
	for _, x := range pa {
		for _, y := range pb {
			if x == y {
				shared++
			}
		}
	}
	if a.Type == "CONSULT" {
		return shared >= 2 || shared >= 1 && len(pa) == 1 && len(pb) == 1
	}
	if len(a.Actors) == 0 || len(b.Actors) == 0 {
		return false
	}
	// who acts on whom: "the Taliban seek support from Blinken" and
	// "Blinken asks the Taliban to ..." are two requests
	for _, x := range a.Actors {
		if slices.Contains(b.Recipients, x) {
			return false
		}
	}
	for _, x := range b.Actors {
		if slices.Contains(a.Recipients, x) {
			return false
		}
	}
	return shared == len(pa) && shared == len(pb)
}
