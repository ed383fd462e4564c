package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// NERSentence is one sentence of a column NER file (CoNLL-2003 style): each
// line's fields, the first being the word and the last the tag. DocStart
// marks a "-DOCSTART-" line kept as its own sentence.
type NERSentence struct {
	Lines    [][]string
	DocStart bool
}

// ReadNER reads a whitespace-separated column NER file (CoNLL-2003 or
// UNER .iob2; UNER comment lines starting with "#" are kept as one-field lines).
func ReadNER(r io.Reader, name string) ([]*NERSentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []*NERSentence
	var cur *NERSentence
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		var f []string
		if strings.Contains(line, "\t") {
			f = strings.Split(line, "\t")
		} else {
			f = strings.Fields(line)
		}
		if strings.HasPrefix(line, "#") {
			f = []string{line}
		} else if len(f) < 2 {
			return out, fmt.Errorf("%s:%d: a token line needs a word and a tag, found %q", name, n, line)
		}
		if cur == nil {
			cur = &NERSentence{}
		}
		if f[0] == "-DOCSTART-" {
			cur.DocStart = true
		}
		cur.Lines = append(cur.Lines, f)
	}
	if cur != nil {
		out = append(out, cur)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s:%d: %w", name, n, err)
	}
	return out, nil
}

// Tokens returns the indices of the token lines (not comments) of s.
func (s *NERSentence) Tokens() []int {
	out := make([]int, 0, len(s.Lines))
	for i, f := range s.Lines {
		if len(f) >= 2 {
			out = append(out, i)
		}
	}
	return out
}
