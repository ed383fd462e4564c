package depparse

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/doc"
	"dateline/internal/proc"
	"dateline/internal/testshared"
)

// sharedData finds ../shared/data walking up from the package directory.
func sharedData(t testing.TB) string { return testshared.Path(t, "data") }

func readFile(t testing.TB, path string, limit int) []Sent {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = z
	}
	s, err := ReadCoNLLU(r, path)
	if err != nil {
		t.Fatal(err)
	}
	if limit > 0 && len(s) > limit {
		s = s[:limit]
	}
	return s
}

// The dynamic oracle, always following a zero-cost move, rebuilds every
// projective gold tree exactly, and every move it calls zero-cost keeps all
// gold arcs reachable.
func TestOracleReachesGold(t *testing.T) {
	data := sharedData(t)
	sents := readFile(t, filepath.Join(data, "ud-ewt", "en_ewt-ud-dev.conllu"), 400)
	var st state
	checked := 0
	for _, s := range sents {
		n := len(s.Forms)
		g := make([]int32, n)
		for i, h := range s.Heads {
			if h < 0 {
				h = int32(n)
			}
			g[i] = h
		}
		projectivize(g)
		st.reset(n)
		for !st.done() {
			moved := false
			for mv := 0; mv < nMoves; mv++ {
				if st.valid(mv) && st.cost(mv, g) == 0 {
					st.apply(mv, 1)
					moved = true
					break
				}
			}
			if !moved {
				t.Fatalf("no zero-cost move in %v", s.Forms)
			}
		}
		for i := 0; i < n; i++ {
			if st.head[i] != g[i] {
				t.Fatalf("oracle tree differs at word %d of %v: %d vs %d", i, s.Forms, st.head[i], g[i])
			}
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d sentences checked", checked)
	}
}

func TestProjectivize(t *testing.T) {
	// arcs 1->0, root->1, 1->2, 2->3 (root = 4): projective
	heads := []int32{1, 4, 1, 2}
	if n := projectivize(heads); n != 0 {
		t.Fatalf("projective tree lifted %d times", n)
	}
	// non-projective: 0 <- 2, 3 -> 1 ; root -> 3; 3 -> 2
	heads = []int32{2, 3, 3, 4}
	// arc 2->0 spans 1, whose head 3 is not under 2 -> lift 0 to 3
	if n := projectivize(heads); n != 1 || heads[0] != 3 {
		t.Fatalf("lift: %d %v", n, heads)
	}
}

// trainSmall trains a tiny model; shared by tests.
func trainSmall(t testing.TB, nTrain int) (*Model, []Sent) {
	data := sharedData(t)
	train := readFile(t, filepath.Join(data, "ud-ewt", "en_ewt-ud-train.conllu.gz"), nTrain)
	dev := readFile(t, filepath.Join(data, "ud-ewt", "en_ewt-ud-dev.conllu"), 200)
	m, rep, err := Train(train, TrainOptions{Iters: 2, Dev: dev})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sentences < nTrain/2 {
		t.Fatalf("only %d sentences used", rep.Sentences)
	}
	return m, dev
}

func TestTrainSaveLoadParse(t *testing.T) {
	m, dev := trainSmall(t, 600)
	uas, las := m.Evaluate(dev, nil)
	t.Logf("600 sentences, 2 passes: dev UAS %.3f LAS %.3f", uas, las)
	if uas < 0.55 || las < 0.45 {
		t.Fatalf("too weak: UAS %.3f LAS %.3f", uas, las)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	uas2, las2 := m2.Evaluate(dev, nil)
	if d := uas - uas2; d > 0.01 || d < -0.01 || las-las2 > 0.01 || las2-las > 0.01 {
		t.Fatalf("reloaded model differs: %.3f/%.3f vs %.3f/%.3f", uas, las, uas2, las2)
	}

	// Through the document model: heads are global, exactly one root.
	d := docOf(dev[:20])
	m2.ParseDoc(d)
	for _, s := range d.Sentences {
		roots := 0
		for k := s.First; k < s.Last; k++ {
			tk := d.Tokens[k]
			if tk.Rel == "" {
				t.Fatalf("token %d has no relation", k)
			}
			if tk.Head < 0 {
				roots++
				if tk.Rel != "root" {
					t.Fatalf("root token %d has relation %q", k, tk.Rel)
				}
			} else if tk.Head < s.First || tk.Head >= s.Last || tk.Head == k {
				t.Fatalf("token %d has head %d outside its sentence [%d,%d)", k, tk.Head, s.First, s.Last)
			}
		}
		if roots != 1 {
			t.Fatalf("sentence has %d roots", roots)
		}
	}
	tr := NewTree(d)
	for i := range d.Tokens {
		kids := Children(d, i, nil)
		got := tr.Kids(i)
		if len(kids) != len(got) {
			t.Fatalf("Children and Tree disagree on token %d", i)
		}
		for j := range kids {
			if int(got[j]) != kids[j] || int(d.Tokens[kids[j]].Head) != i {
				t.Fatalf("bad child of %d", i)
			}
		}
	}
}

// docOf builds a document from sentences' forms and gold tags.
func docOf(sents []Sent) *doc.Doc {
	var b strings.Builder
	d := &doc.Doc{}
	for _, s := range sents {
		first := int32(len(d.Tokens))
		for i, f := range s.Forms {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			st := int32(b.Len())
			b.WriteString(f)
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: st, End: int32(b.Len())}, UPOS: s.UPOS[i], XPOS: s.XPOS[i], Head: -1})
		}
		last := int32(len(d.Tokens))
		d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: d.Tokens[first].Start, End: d.Tokens[last-1].End}, First: first, Last: last})
	}
	d.Text = b.String()
	return d
}

func TestReadCoNLLUErrors(t *testing.T) {
	bad := "1\tA\ta\tDET\tDT\t_\t7\tdet\t_\t_\n\n"
	if _, err := ReadCoNLLU(strings.NewReader(bad), "x.conllu"); err == nil || !strings.Contains(err.Error(), "x.conllu") {
		t.Fatalf("want an error naming the file, got %v", err)
	}
	ok := "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\t0\troot\t_\t_\n\n"
	s, err := ReadCoNLLU(strings.NewReader(ok), "x")
	if err != nil || len(s) != 1 || s[0].Heads[0] != 1 || s[0].Heads[1] != -1 {
		t.Fatalf("got %v %v", s, err)
	}
}

func FuzzReadModel(f *testing.F) {
	f.Add([]byte(magic))
	f.Add([]byte(magic + "\x02\x04root\x03dep"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ReadModel(bytes.NewReader(b))
		if err == nil {
			// a model that loads must parse without panicking
			m.ParseWords([]string{"a", "b"}, []string{"DET", "NOUN"}, []string{"DT", "NN"})
		}
	})
}

func FuzzReadCoNLLU(f *testing.F) {
	f.Add("1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\t0\troot\t_\t_\n\n")
	f.Add("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n")
	f.Add("1\tx\t_\t_\t_\t_\t-3\t_\t_\t_\n")
	f.Fuzz(func(t *testing.T, s string) {
		sents, err := ReadCoNLLU(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, x := range sents {
			for _, h := range x.Heads {
				if h < -1 || int(h) >= len(x.Forms) {
					t.Fatalf("head %d out of range", h)
				}
			}
		}
	})
}

// devRetag, when set, gives dev sentences predicted tags in TestEvalEWT.
var devRetag func(i int, s *Sent)

// TestEvalEWT trains on EWT train and reports dev scores (DATELINE_EVAL=1).
func TestEvalEWT(t *testing.T) {
	if os.Getenv("DATELINE_EVAL") == "" {
		t.Skip("set DATELINE_EVAL=1")
	}
	data := sharedData(t)
	train := readFile(t, filepath.Join(data, "ud-ewt", "en_ewt-ud-train.conllu.gz"), 0)
	if os.Getenv("DEPPARSE_GUM") != "" {
		train = append(train, readFile(t, filepath.Join(data, "gum", "en_gum-ccby-train.conllu.gz"), 0)...)
	}
	dev := readFile(t, filepath.Join(data, "ud-ewt", "en_ewt-ud-dev.conllu"), 0)
	iters, _ := strconv.Atoi(os.Getenv("DEPPARSE_ITERS"))
	noise, _ := strconv.ParseFloat(os.Getenv("DEPPARSE_NOISE"), 64)
	start := time.Now()
	m, rep, err := Train(train, TrainOptions{Iters: iters, Dev: dev, DevTags: devRetag, TagNoise: noise, Log: os.Stderr, ExploreFrom: 1})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "trained in %v; best pass %d; features %d + %d\n", time.Since(start), rep.Best, rep.MoveFeatures, rep.LabelFeatures)
	for _, pm := range []float32{0, 0.05, 0.1, 0.2, 0.5} {
		mm := &Model{trans: m.trans.Prune(pm), label: m.label.Prune(pm), labels: m.labels}
		mm.check()
		var buf bytes.Buffer
		z := gzip.NewWriter(&buf)
		mm.WriteTo(z)
		z.Close()
		uas, las := mm.Evaluate(dev, nil)
		puas, plas := mm.Evaluate(dev, devRetag)
		fmt.Fprintf(os.Stderr, "prune %.2f: %d+%d features, %d bytes gz, dev gold tags UAS %.2f LAS %.2f, retagged UAS %.2f LAS %.2f\n", pm, mm.trans.NumFeatures(), mm.label.NumFeatures(), buf.Len(), 100*uas, 100*las, 100*puas, 100*plas)
	}
}

// BenchmarkParse measures parsing speed in words per second on EWT dev with
// gold tags, with the embedded model (or a small one trained on the spot).
func BenchmarkParse(b *testing.B) {
	m, err := Default()
	data := sharedData(b)
	if err != nil {
		m, _ = trainSmall(b, 1000)
	}
	dev := readFile(b, filepath.Join(data, "ud-ewt", "en_ewt-ud-dev.conllu"), 0)
	var docs []*doc.Doc
	words := 0
	for i := 0; i < len(dev); i += 64 {
		part := dev[i:min(i+64, len(dev))]
		docs = append(docs, docOf(part))
		for _, s := range part {
			words += len(s.Forms)
		}
	}
	b.ReportAllocs()
	cpu0 := proc.CPUTime().Seconds()
	n := 0
	for b.Loop() {
		for _, d := range docs {
			m.ParseDoc(d)
		}
		n++
	}
	b.ReportMetric(float64(words)*float64(n)/b.Elapsed().Seconds(), "words/s")
	// On a shared machine wall time undercounts; CPU time is the fairer clock.
	if cpu := proc.CPUTime().Seconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(words)*float64(n)/cpu, "words/cpu-s")
	}
}

// TestTrainMix trains two parsers on different seeds and mixes them: the
// report lists both models and their passes, and the mixed model scores
// dev as reported and about as well as its members.
func TestTrainMix(t *testing.T) {
	data := sharedData(t)
	train := readFile(t, filepath.Join(data, "ud-ewt", "en_ewt-ud-train.conllu.gz"), 400)
	dev := readFile(t, filepath.Join(data, "ud-ewt", "en_ewt-ud-dev.conllu"), 150)
	m, rep, err := Train(train, TrainOptions{Iters: 2, Dev: dev, Seed: 5, Mix: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Members) != 2 || rep.Members[0].Seed != 5 || rep.Members[1].Seed != 6 {
		t.Fatalf("members %+v", rep.Members)
	}
	if len(rep.Passes) != 4 || rep.Passes[0].Member != 1 || rep.Passes[3].Member != 2 || rep.Passes[3].Pass != 2 {
		t.Fatalf("passes %+v", rep.Passes)
	}
	uas, las := m.Evaluate(dev, nil)
	if uas != rep.UAS || las != rep.LAS {
		t.Fatalf("mixed model scores %.4f/%.4f, report says %.4f/%.4f", uas, las, rep.UAS, rep.LAS)
	}
	worst := min(rep.Members[0].LAS, rep.Members[1].LAS)
	t.Logf("members LAS %.3f %.3f, mix %.3f", rep.Members[0].LAS, rep.Members[1].LAS, las)
	if las < worst-0.02 {
		t.Fatalf("mix LAS %.3f well below its members' (%.3f)", las, worst)
	}
}
