package perceptron

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

const magic = "DLAP\x01"

// Limits on what ReadModel accepts, so that hostile input cannot ask for
// absurd allocations.
const (
	maxClasses  = 1 << 16
	maxLabelLen = 1 << 12
	maxFeatures = 1 << 27
	maxWeights  = 1 << 29
)

// WriteTo writes the model in its compact binary form (see the package
// comment). Weights are quantised to int16 with one scale; those that round
// to zero are dropped.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	var n int64
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) {
		k := binary.PutUvarint(buf[:], v)
		bw.Write(buf[:k])
		n += int64(k)
	}
	bw.WriteString(magic)
	n += int64(len(magic))
	put(uint64(m.nClasses))
	put(uint64(len(m.Labels)))
	for _, l := range m.Labels {
		put(uint64(len(l)))
		bw.WriteString(l)
		n += int64(len(l))
	}
	var maxAbs float32
	for _, e := range m.ents {
		if a := float32(math.Abs(float64(e.w))); a > maxAbs {
			maxAbs = a
		}
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(scale))
	bw.Write(buf[:4])
	n += 4

	// Features in key order with their quantised, non-zero weights.
	q := func(w float32) int64 { return int64(math.Round(float64(w / scale))) }
	var kept []int
	var counts []uint64
	for k := range m.keys {
		c := 0
		for _, e := range m.feature(k) {
			if q(e.w) != 0 {
				c++
			}
		}
		if c > 0 {
			kept = append(kept, k)
			counts = append(counts, uint64(c))
		}
	}
	put(uint64(len(kept)))
	prev := uint64(0)
	for _, k := range kept {
		put(m.keys[k] - prev)
		prev = m.keys[k]
	}
	for _, c := range counts {
		put(c)
	}
	// Class columns, then weight columns: each compresses better alone.
	for pass := 0; pass < 2; pass++ {
		for _, k := range kept {
			last := -1
			for _, e := range m.feature(k) {
				v := q(e.w)
				if v == 0 {
					continue
				}
				if pass == 0 {
					put(uint64(int(e.c) - last - 1))
					last = int(e.c)
				} else {
					put(uint64(v<<1) ^ uint64(v>>63))
				}
			}
		}
	}
	return n, bw.Flush()
}

// ErrFormat is wrapped by every error ReadModel returns for malformed input.
var ErrFormat = errors.New("perceptron: malformed model")

type byteReader interface {
	io.Reader
	io.ByteReader
}

// ReadModel reads a model written by WriteTo. If r is an io.ByteReader (a
// *bufio.Reader, *bytes.Reader) it reads exactly the model's bytes, so other
// data may follow; otherwise it buffers and may read past the end.
func ReadModel(r io.Reader) (*Model, error) {
	br, ok := r.(byteReader)
	if !ok {
		br = bufio.NewReader(r)
	}
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, a...))
	}
	readUvarint := func() (uint64, error) { return binary.ReadUvarint(br) }
	if b, ok := br.(*bufio.Reader); ok {
		readUvarint = func() (uint64, error) { return uvarintFrom(b) }
	}
	uv := func(what string, max uint64) (uint64, error) {
		v, err := readUvarint()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, bad("%s: %v", what, err)
		}
		if v > max {
			return 0, bad("%s is %d, more than %d", what, v, max)
		}
		return v, nil
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, bad("not a perceptron model (bad header)")
	}
	nc, err := uv("class count", maxClasses)
	if err != nil {
		return nil, err
	}
	m := &Model{nClasses: int(nc)}
	nl, err := uv("label count", nc)
	if err != nil {
		return nil, err
	}
	for i := uint64(0); i < nl; i++ {
		ln, err := uv("label length", maxLabelLen)
		if err != nil {
			return nil, err
		}
		b := make([]byte, ln)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, bad("label %d: %v", i, err)
		}
		m.Labels = append(m.Labels, string(b))
	}
	var sb [4]byte
	if _, err := io.ReadFull(br, sb[:]); err != nil {
		return nil, bad("scale: %v", err)
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(sb[:]))
	if math.IsNaN(float64(scale)) || math.IsInf(float64(scale), 0) || scale <= 0 {
		return nil, bad("scale %v", scale)
	}
	nf, err := uv("feature count", maxFeatures)
	if err != nil {
		return nil, err
	}
	b := newBuilder(int(nc))
	// Preallocate for the announced size, within reason (the counts are not
	// trusted yet).
	b.keys = make([]uint64, 0, min(nf, 1<<20))
	b.offs = make([]uint32, 0, min(nf, 1<<20))
	prev := uint64(0)
	for i := uint64(0); i < nf; i++ {
		d, err := uv("feature key", math.MaxUint64)
		if err != nil {
			return nil, err
		}
		if i > 0 && (d == 0 || prev+d < prev) {
			return nil, bad("feature keys out of order at %d", i)
		}
		prev += d
		b.keys = append(b.keys, prev)
	}
	total := uint64(0)
	for i := uint64(0); i < nf; i++ {
		c, err := uv("weight count", nc)
		if err != nil {
			return nil, err
		}
		if c == 0 {
			return nil, bad("feature %d has no weights", i)
		}
		b.offs = append(b.offs, uint32(total))
		total += c
		if total > maxWeights {
			return nil, bad("more than %d weights", maxWeights)
		}
	}
	b.ents = make([]entry, 0, min(total, 1<<22))
	for i := uint64(0); i < nf; i++ {
		end := total
		if i+1 < nf {
			end = uint64(b.offs[i+1])
		}
		last := -1
		for k := uint64(b.offs[i]); k < end; k++ {
			d, err := uv("class", nc)
			if err != nil {
				return nil, err
			}
			c := last + 1 + int(d)
			if c >= int(nc) {
				return nil, bad("class %d out of range (%d classes)", c, nc)
			}
			last = c
			b.ents = append(b.ents, entry{c: uint32(c)})
		}
	}
	for k := range b.ents {
		z, err := uv("weight", 1<<17)
		if err != nil {
			return nil, err
		}
		v := int64(z>>1) ^ -int64(z&1)
		b.ents[k].w = float32(v) * scale
	}
	out := b.build()
	out.Labels = m.Labels
	return out, nil
}

// uvarintFrom reads a uvarint from b's buffer without a call per byte (the
// bulk of a model's load time went to binary.ReadUvarint's ReadByte calls).
func uvarintFrom(b *bufio.Reader) (uint64, error) {
	if p, _ := b.Peek(binary.MaxVarintLen64); len(p) > 0 {
		if v, n := binary.Uvarint(p); n > 0 {
			b.Discard(n)
			return v, nil
		}
	}
	return binary.ReadUvarint(b)
}
