// Package conllu reads and writes CoNLL-U (Universal Dependencies) and the
// 4-column CoNLL-2003 format, keeping every line so that output can mirror input.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one token line. Cols holds the 10 CoNLL-U columns as read.
type Word struct {
	Cols [10]string
}

// Form, and the other accessors, name the CoNLL-U columns.
func (w *Word) ID() string     { return w.Cols[0] }
func (w *Word) Form() string   { return w.Cols[1] }
func (w *Word) Lemma() string  { return w.Cols[2] }
func (w *Word) UPOS() string   { return w.Cols[3] }
func (w *Word) XPOS() string   { return w.Cols[4] }
func (w *Word) Head() string   { return w.Cols[6] }
func (w *Word) Deprel() string { return w.Cols[7] }
func (w *Word) Misc() string   { return w.Cols[9] }

// IsMultiword reports a range line such as "3-4"; IsEmpty an empty node "3.1".
func (w *Word) IsMultiword() bool { return strings.Contains(w.Cols[0], "-") }
func (w *Word) IsEmpty() bool     { return strings.Contains(w.Cols[0], ".") }

// Sentence is the comments and lines of one sentence.
type Sentence struct {
	Comments []string // with the leading "#"
	Lines    []Word   // every token line, multiword ranges and empty nodes included
}

// Words returns the indices into Lines of the syntactic words (no ranges, no empty nodes).
func (s *Sentence) Words() []int {
	out := make([]int, 0, len(s.Lines))
	for i := range s.Lines {
		if !s.Lines[i].IsMultiword() && !s.Lines[i].IsEmpty() {
			out = append(out, i)
		}
	}
	return out
}

// Glued reports, for each word of Words, whether the text has no space after
// it: the word says SpaceAfter=No, or it is inside a multiword token ("do" of
// "don't"), or it ends a multiword token that says SpaceAfter=No.
func (s *Sentence) Glued() []bool {
	var out []bool
	end := -1 // the last line of the multiword token being read
	var mwtNoSpace bool
	for i := range s.Lines {
		w := &s.Lines[i]
		switch {
		case w.IsEmpty():
			continue
		case w.IsMultiword():
			end = i + mwtLen(w.ID())
			mwtNoSpace = hasNoSpace(w.Misc())
			continue
		}
		g := hasNoSpace(w.Misc())
		if i < end {
			g = true
		} else if i == end {
			g = g || mwtNoSpace
		}
		out = append(out, g)
	}
	return out
}

// mwtLen is how many words a range ID "3-4" spans (0 if it is malformed).
func mwtLen(id string) int {
	a, b, ok := strings.Cut(id, "-")
	if !ok {
		return 0
	}
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || y < x || y-x > 64 {
		return 0
	}
	return y - x + 1
}

func hasNoSpace(misc string) bool {
	for _, kv := range strings.Split(misc, "|") {
		if kv == "SpaceAfter=No" {
			return true
		}
	}
	return false
}

// Comment returns the value of a "# key = value" comment, and whether it is there.
func (s *Sentence) Comment(key string) (string, bool) {
	for _, c := range s.Comments {
		c = strings.TrimSpace(strings.TrimPrefix(c, "#"))
		if k, v, ok := strings.Cut(c, "="); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
		if c == key {
			return "", true
		}
	}
	return "", false
}

// HasPrefixComment reports whether a comment starts with "# prefix".
func (s *Sentence) HasPrefixComment(prefix string) bool {
	for _, c := range s.Comments {
		if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(c, "#")), prefix) {
			return true
		}
	}
	return false
}

// Reader reads CoNLL-U sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	name string
	line int
}

// NewReader reads CoNLL-U from r; name is used in errors.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	return &Reader{sc: sc, name: name}
}

// Next returns the next sentence, or io.EOF.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if s != nil {
				return s, nil
			}
			continue
		}
		if s == nil {
			s = &Sentence{}
		}
		if strings.HasPrefix(line, "#") {
			s.Comments = append(s.Comments, line)
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("%s:%d: a CoNLL-U token line needs 10 tab-separated columns, found %d", r.name, r.line, len(f))
		}
		var w Word
		copy(w.Cols[:], f)
		s.Lines = append(s.Lines, w)
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", r.name, r.line, err)
	}
	if s != nil {
		return s, nil
	}
	return nil, io.EOF
}

// ReadAll reads every sentence.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// Write writes s in CoNLL-U, followed by a blank line.
func Write(w *bufio.Writer, s *Sentence) {
	for _, c := range s.Comments {
		w.WriteString(c)
		w.WriteByte('\n')
	}
	for i := range s.Lines {
		for j, c := range s.Lines[i].Cols {
			if j > 0 {
				w.WriteByte('\t')
			}
			w.WriteString(c)
		}
		w.WriteByte('\n')
	}
	w.WriteByte('\n')
}
