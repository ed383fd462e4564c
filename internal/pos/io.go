package pos

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"

	"dateline/internal/perceptron"
)

const fileMagic = "DLPOS\x01"

// ErrFormat is wrapped by every error Load returns for a malformed model.
var ErrFormat = errors.New("pos: malformed model")

const (
	maxStr   = 1 << 12
	maxCount = 1 << 24
)

type writer struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (w *writer) uv(v uint64) {
	n := binary.PutUvarint(w.buf[:], v)
	w.w.Write(w.buf[:n])
}

func (w *writer) str(s string) {
	w.uv(uint64(len(s)))
	w.w.WriteString(s)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// WriteTo writes the model (uncompressed; the models package gzips).
func (m *Model) WriteTo(dst io.Writer) (int64, error) {
	out := &countWriter{w: dst}
	w := &writer{w: bufio.NewWriterSize(out, 1<<16)}
	w.w.WriteString(fileMagic)
	w.uv(uint64(len(m.classes)))
	for _, c := range m.classes {
		w.str(c.UPOS)
		w.str(c.XPOS)
	}
	w.uv(uint64(len(m.dict)))
	for _, k := range sortedKeys(m.dict) {
		w.str(k)
		w.uv(uint64(m.dict[k]))
	}
	w.uv(uint64(len(m.ambSets)))
	for _, set := range m.ambSets {
		w.uv(uint64(len(set)))
		for _, c := range set {
			w.uv(uint64(c))
		}
	}
	w.uv(uint64(len(m.ambIdx)))
	for _, k := range sortedKeys(m.ambIdx) {
		w.str(k)
		w.uv(uint64(m.ambIdx[k]))
	}
	l := m.lem
	w.uv(uint64(len(l.xpos)))
	for i, x := range l.xpos {
		w.str(x)
		rs := l.rules[i]
		w.uv(uint64(len(rs)))
		for _, k := range sortedKeys(rs) {
			r := rs[k]
			w.str(k)
			lo := uint64(0)
			if r.lower {
				lo = 1
			}
			w.uv(uint64(r.cut)<<1 | lo)
			w.str(r.add)
		}
	}
	w.uv(uint64(len(l.exc)))
	for _, k := range sortedKeys(l.exc) {
		w.str(k)
		es := l.exc[k]
		w.uv(uint64(len(es)))
		for _, e := range es {
			w.uv(uint64(e.xpos))
			w.str(e.lemma)
		}
	}
	w.uv(uint64(len(l.intern)))
	for _, k := range sortedKeys(l.intern) {
		w.str(k)
	}
	if err := w.w.Flush(); err != nil {
		return out.n, err
	}
	if _, err := m.ap.WriteTo(out); err != nil {
		return out.n, err
	}
	if m.ap2 == nil {
		if _, err := out.Write([]byte{0}); err != nil {
			return out.n, err
		}
	} else {
		if _, err := out.Write([]byte{1}); err != nil {
			return out.n, err
		}
		if _, err := m.ap2.WriteTo(out); err != nil {
			return out.n, err
		}
	}
	// Optional last section (absent from older models): the optional
	// templates and the word classes.
	if len(m.wcls) == 0 && m.look == 0 {
		return out.n, nil
	}
	w.uv(uint64(m.look))
	w.uv(uint64(len(m.wcls)))
	for _, k := range sortedKeys(m.wcls) {
		w.str(k)
		w.uv(uint64(m.wcls[k]))
	}
	err := w.w.Flush()
	return out.n, err
}

type reader struct {
	r   *bufio.Reader
	err error
}

func (r *reader) fail(format string, a ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, a...))
	}
}

func (r *reader) uv(what string, max uint64) uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.r)
	if err != nil {
		r.fail("%s: %v", what, err)
		return 0
	}
	if v > max {
		r.fail("%s is %d, more than %d", what, v, max)
		return 0
	}
	return v
}

func (r *reader) str(what string) string {
	n := r.uv(what+" length", maxStr)
	if r.err != nil {
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.fail("%s: %v", what, err)
		return ""
	}
	return string(b)
}

// Load reads a model written by WriteTo.
func Load(in io.Reader) (*Model, error) {
	r := &reader{r: bufio.NewReaderSize(in, 1<<16)}
	head := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(r.r, head); err != nil || string(head) != fileMagic {
		return nil, fmt.Errorf("%w: not a pos model (bad header)", ErrFormat)
	}
	m := &Model{lexicon: lexicon{dict: map[string]int32{}, ambIdx: map[string]int32{}}}
	nc := r.uv("class count", 1<<12)
	for i := uint64(0); i < nc && r.err == nil; i++ {
		m.classes = append(m.classes, Class{UPOS: r.str("UPOS"), XPOS: r.str("XPOS")})
	}
	nd := r.uv("dictionary size", maxCount)
	for i := uint64(0); i < nd && r.err == nil; i++ {
		k := r.str("dictionary word")
		m.dict[k] = int32(r.uv("dictionary class", nc-1))
	}
	na := r.uv("ambiguity class count", maxCount)
	for i := uint64(0); i < na && r.err == nil; i++ {
		n := r.uv("ambiguity class size", nc)
		var set []int32
		for k := uint64(0); k < n && r.err == nil; k++ {
			set = append(set, int32(r.uv("ambiguity class member", nc)))
		}
		m.ambSets = append(m.ambSets, set)
	}
	nw := r.uv("ambiguity word count", maxCount)
	for i := uint64(0); i < nw && r.err == nil; i++ {
		k := r.str("ambiguity word")
		m.ambIdx[k] = int32(r.uv("ambiguity class", max(na, 1)-1))
	}
	l := &Lemmatizer{xid: map[string]uint16{}, exc: map[string][]excEntry{}, intern: map[string]string{}}
	nx := r.uv("XPOS count", 1<<12)
	for i := uint64(0); i < nx && r.err == nil; i++ {
		x := r.str("XPOS")
		l.xid[x] = uint16(i)
		l.xpos = append(l.xpos, x)
		rs := map[string]rule{}
		n := r.uv("rule count", maxCount)
		for k := uint64(0); k < n && r.err == nil; k++ {
			suf := r.str("rule suffix")
			v := r.uv("rule cut", 511)
			rs[suf] = rule{lower: v&1 == 1, cut: uint8(v >> 1), add: r.str("rule ending")}
		}
		l.rules = append(l.rules, rs)
	}
	ne := r.uv("exception count", maxCount)
	for i := uint64(0); i < ne && r.err == nil; i++ {
		form := r.str("exception form")
		n := r.uv("exception lemmas", nx)
		for k := uint64(0); k < n && r.err == nil; k++ {
			x := r.uv("exception XPOS", nx)
			l.exc[form] = append(l.exc[form], excEntry{uint16(x), r.str("exception lemma")})
		}
	}
	ni := r.uv("lemma count", maxCount)
	for i := uint64(0); i < ni && r.err == nil; i++ {
		s := r.str("lemma")
		l.intern[s] = s
	}
	if r.err != nil {
		return nil, r.err
	}
	if nc == 0 {
		return nil, fmt.Errorf("%w: no classes", ErrFormat)
	}
	ap, err := perceptron.ReadModel(r.r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if ap.NumClasses() != int(nc) {
		return nil, fmt.Errorf("%w: perceptron has %d classes, tagger %d", ErrFormat, ap.NumClasses(), nc)
	}
	m.ap, m.lem = ap, l
	flag, err := r.r.ReadByte()
	if err != nil {
		return nil, fmt.Errorf("%w: second pass flag: %v", ErrFormat, err)
	}
	if flag == 1 {
		ap2, err := perceptron.ReadModel(r.r)
		if err != nil {
			return nil, fmt.Errorf("%w: second pass: %w", ErrFormat, err)
		}
		if ap2.NumClasses() != int(nc) {
			return nil, fmt.Errorf("%w: second pass has %d classes, tagger %d", ErrFormat, ap2.NumClasses(), nc)
		}
		m.ap2 = ap2
	} else if flag != 0 {
		return nil, fmt.Errorf("%w: second pass flag %d", ErrFormat, flag)
	}
	// Optional templates and word classes, if the model has them.
	if _, err := r.r.Peek(1); err == nil {
		m.look = int(r.uv("lookahead templates", 2))
		nw := r.uv("word class count", maxCount)
		m.wcls = make(map[string]uint32, nw)
		for i := uint64(0); i < nw && r.err == nil; i++ {
			k := r.str("word-class word")
			m.wcls[k] = uint32(r.uv("word class", 1<<32-1))
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	m.init()
	return m, nil
}
