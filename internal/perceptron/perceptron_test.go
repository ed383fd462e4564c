package perceptron

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"sync"
	"testing"
)

// toy is a synthetic 3-class problem: class = the "signal" feature, plus noise
// features shared by all classes.
func toy(n int, rng *rand.Rand) (feats [][]uint64, gold []int) {
	for i := 0; i < n; i++ {
		c := rng.Intn(3)
		f := []uint64{New(1).Int(c).Sum(), New(2).Int(rng.Intn(50)).Sum(), New(3).Str("bias").Sum()}
		if rng.Intn(10) == 0 { // a weaker second cue
			f = append(f, New(4).Int(c).Sum())
		}
		feats = append(feats, f)
		gold = append(gold, c)
	}
	return
}

func train(t testing.TB, passes int) (*Trainer, [][]uint64, []int) {
	rng := rand.New(rand.NewSource(1))
	feats, gold := toy(2000, rng)
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	for p := 0; p < passes; p++ {
		for i, f := range feats {
			tr.Update(gold[i], tr.Predict(f, scores), f)
		}
	}
	return tr, feats, gold
}

func accuracy(m *Model, feats [][]uint64, gold []int) float64 {
	scores := make([]float32, m.NumClasses())
	ok := 0
	for i, f := range feats {
		if m.Predict(f, scores) == gold[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(feats))
}

func TestLearnsAndAverages(t *testing.T) {
	tr, feats, gold := train(t, 3)
	if tr.Steps() != 6000 {
		t.Fatalf("steps = %d, want 6000", tr.Steps())
	}
	m := tr.Average()
	if acc := accuracy(m, feats, gold); acc != 1 {
		t.Fatalf("accuracy %.3f on a separable problem", acc)
	}
	// The signal feature must outweigh the noise ones.
	var sig, noise float32
	m.Weights(func(f uint64, c int, w float32) {
		if f == New(1).Int(c).Sum() && w > sig {
			sig = w
		}
		for k := 0; k < 50; k++ {
			if f == New(2).Int(k).Sum() && w > noise {
				noise = w
			}
		}
	})
	if sig <= noise {
		t.Fatalf("signal weight %v <= noise weight %v", sig, noise)
	}
}

func TestAverageIsLazyMean(t *testing.T) {
	// One feature, hand-checked: step1 update +1 for class 0, then 3 more
	// correct steps. Average of w over 4 steps: the update happens during step 1
	// (clock already at 1), so w=1 for steps 1..4 → tot = 3 (steps 2,3,4) ... we
	// check against a direct simulation instead of a formula.
	tr := NewTrainer(2)
	f := []uint64{42}
	tr.Update(0, 1, f) // step 1: w0=+1, w1=-1
	tr.Update(0, 0, f)
	tr.Update(0, 0, f)
	tr.Update(1, 0, f) // step 4: w0=0, w1=0
	tr.Update(0, 0, f)
	// w0 over clock intervals: [1,4) = 1, [4,5] = 0 → tot = 3, avg = 3/5.
	m := tr.Average()
	sc := make([]float32, 2)
	m.Score(f, sc)
	if d := sc[0] - 0.6; d > 1e-6 || d < -1e-6 {
		t.Fatalf("averaged w0 = %v, want 0.6", sc[0])
	}
	if d := sc[1] + 0.6; d > 1e-6 || d < -1e-6 {
		t.Fatalf("averaged w1 = %v, want -0.6", sc[1])
	}
	// Average must not disturb training state.
	m2 := tr.Average()
	m2.Score(f, sc)
	if sc[0] < 0.59 || sc[0] > 0.61 {
		t.Fatalf("second Average differs: %v", sc[0])
	}
}

func TestRoundTrip(t *testing.T) {
	tr, feats, gold := train(t, 3)
	m := tr.Average()
	m.Labels = []string{"A", "B", "C"}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("TRAILER")
	r := bytes.NewReader(buf.Bytes())
	m2, err := ReadModel(r)
	if err != nil {
		t.Fatal(err)
	}
	rest := make([]byte, 7)
	if _, err := r.Read(rest); err != nil || string(rest) != "TRAILER" {
		t.Fatalf("ReadModel over-read: rest %q %v", rest, err)
	}
	if len(m2.Labels) != 3 || m2.Labels[2] != "C" || m2.NumClasses() != 3 {
		t.Fatalf("labels/classes lost: %v %d", m2.Labels, m2.NumClasses())
	}
	if a, b := accuracy(m, feats, gold), accuracy(m2, feats, gold); a != b {
		t.Fatalf("accuracy changed by save/load: %v → %v", a, b)
	}
	s1, s2 := make([]float32, 3), make([]float32, 3)
	for _, f := range feats[:100] {
		m.Score(f, s1)
		m2.Score(f, s2)
		for c := range s1 {
			if d := s1[c] - s2[c]; d > 0.01 || d < -0.01 {
				t.Fatalf("quantised score %v vs %v", s2[c], s1[c])
			}
		}
	}
}

func TestPrune(t *testing.T) {
	tr, feats, gold := train(t, 3)
	m := tr.Average()
	var max float32
	m.Weights(func(_ uint64, _ int, w float32) {
		if w > max {
			max = w
		}
	})
	p := m.Prune(max / 10)
	if p.NumWeights() >= m.NumWeights() {
		t.Fatalf("prune kept %d of %d weights", p.NumWeights(), m.NumWeights())
	}
	if acc := accuracy(p, feats, gold); acc < 0.99 {
		t.Fatalf("pruned accuracy %.3f", acc)
	}
}

func TestHash(t *testing.T) {
	if New(1).Str("ab").Str("c") == New(1).Str("a").Str("bc") {
		t.Fatal("Str does not separate parts")
	}
	if New(1).Str("x") == New(2).Str("x") {
		t.Fatal("template id ignored")
	}
	if New(1).Str("x") != New(1).Bytes([]byte("x")) {
		t.Fatal("Str and Bytes disagree")
	}
	if New(1).Int(1) == New(1).Int(1<<16+1) {
		t.Fatal("Int ignores high bits")
	}
	s := "hello"
	if n := testing.AllocsPerRun(100, func() { _ = New(3).Str(s).Int(7).Byte('x').Sum() }); n != 0 {
		t.Fatalf("hash allocates %v", n)
	}
}

func TestEmpty(t *testing.T) {
	m := NewTrainer(4).Average()
	sc := []float32{1, 2, 3, 4}
	m.Score([]uint64{1, 2}, sc)
	for _, v := range sc {
		if v != 0 {
			t.Fatal("empty model gave a score")
		}
	}
	var buf bytes.Buffer
	m.WriteTo(&buf)
	m2, err := ReadModel(&buf)
	if err != nil || m2.NumClasses() != 4 {
		t.Fatalf("empty round trip: %v", err)
	}
	if Argmax(nil) != -1 {
		t.Fatal("Argmax(nil)")
	}
}

func TestReadErrors(t *testing.T) {
	tr, _, _ := train(t, 1)
	var buf bytes.Buffer
	tr.Average().WriteTo(&buf)
	good := buf.Bytes()
	for n := 0; n < len(good); n += 1 + n/3 {
		if _, err := ReadModel(bytes.NewReader(good[:n])); err == nil {
			t.Fatalf("truncated to %d bytes: no error", n)
		} else if !errors.Is(err, ErrFormat) {
			t.Fatalf("error does not wrap ErrFormat: %v", err)
		}
	}
}

func FuzzReadModel(f *testing.F) {
	tr, _, _ := train(f, 1)
	var buf bytes.Buffer
	tr.Average().WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(magic))
	f.Add([]byte(magic + "\x03\x00\x00\x00\x80\x3f\x01\x05\x01\x00\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadModel(bytes.NewReader(data))
		// through a plain reader, ReadModel buffers and reads uvarints from
		// the buffer: the same model or the same refusal
		m2, err2 := ReadModel(struct{ io.Reader }{bytes.NewReader(data)})
		if (err == nil) != (err2 == nil) || err == nil && (m.NumFeatures() != m2.NumFeatures() || m.NumWeights() != m2.NumWeights()) {
			t.Fatalf("byte reader and buffered reader disagree: %v / %v", err, err2)
		}
		if err != nil {
			return
		}
		sc := make([]float32, m.NumClasses())
		m.Score([]uint64{1, 5, 42}, sc)
		var out bytes.Buffer
		if _, err := m.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkScore scores 40-feature tokens against a model of 50 classes
// trained on 20k random decisions whose feature values are Zipf-distributed
// (as words are), roughly the shape of a POS tagger.
func BenchmarkScore(b *testing.B) {
	rng := rand.New(rand.NewSource(2))
	z := rand.NewZipf(rng, 1.1, 2, 100000)
	tr := NewTrainer(50)
	feats := make([]uint64, 40)
	for i := 0; i < 20000; i++ {
		for k := range feats {
			feats[k] = New(k).Int(int(z.Uint64())).Sum()
		}
		tr.Update(rng.Intn(50), rng.Intn(50), feats)
	}
	m := tr.Average()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	m.WriteTo(zw)
	zw.Close()
	sc := make([]float32, 50)
	toks := make([][]uint64, 1024)
	for i := range toks {
		toks[i] = make([]uint64, 40)
		for k := range toks[i] {
			toks[i][k] = New(k).Int(int(z.Uint64())).Sum()
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Score(toks[i&1023], sc)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(m.NumWeights())/float64(m.NumFeatures()), "weights/feature")
	b.ReportMetric(float64(gz.Len())/float64(m.NumWeights()), "gzbytes/weight")
}

func BenchmarkHash(b *testing.B) {
	words := []string{"the", "president", "said", "Tuesday", "ceasefire"}
	b.ReportAllocs()
	var s uint64
	for i := 0; i < b.N; i++ {
		s += New(i & 7).Str(words[i%5]).Sum()
	}
	_ = s
}

func TestMix(t *testing.T) {
	a := NewTrainer(2)
	a.Update(0, 1, []uint64{1, 2})
	a.Tick() // averaged over 2 steps: ±0.5
	b := NewTrainer(2)
	b.Update(1, 0, []uint64{2, 3})
	b.Tick()
	m := Mix(a.Average(), b.Average())
	sc := make([]float32, 2)
	m.Score([]uint64{1}, sc)
	if sc[0] < 0.24 || sc[0] > 0.26 || sc[1] > -0.24 || sc[1] < -0.26 {
		t.Fatalf("feature 1: %v, want [0.25 -0.25]", sc)
	}
	m.Score([]uint64{2}, sc) // +1 and -1 cancel
	if sc[0] != 0 || sc[1] != 0 {
		t.Fatalf("feature 2: %v, want zeros", sc)
	}
	if m.NumFeatures() != 2 {
		t.Fatalf("%d features, want 2 (the cancelled one dropped)", m.NumFeatures())
	}
}

// A model read from a file builds its lookup table on first use; goroutines
// that score at once all see the same, whole table.
func TestConcurrentFirstScore(t *testing.T) {
	tr, _, _ := train(t, 3)
	var buf bytes.Buffer
	tr.Average().WriteTo(&buf)
	m, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	feats := []uint64{1, 2, 3, 5, 8, 13, 21, 34}
	want := make([]float32, ref.NumClasses())
	ref.Score(feats, want)
	errs := make(chan string, 8)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := make([]float32, m.NumClasses())
			m.Score(feats, got)
			for c := range got {
				if got[c] != want[c] {
					errs <- fmt.Sprintf("class %d: %v, want %v", c, got[c], want[c])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
