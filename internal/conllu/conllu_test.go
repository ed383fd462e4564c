package conllu

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

const sample = `# newdoc id = d1
# text = Don't go.
1-2	Don't	_	_	_	_	_	_	_	_
1	Do	do	AUX	VBP	_	3	aux	_	_
2	n't	not	PART	RB	_	3	advmod	_	_
3	go	go	VERB	VB	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# text = Hi
1	Hi	hi	INTJ	UH	_	0	root	_	_
`

func TestReadWriteRoundTrip(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(sample), "x")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences", len(sents))
	}
	s := sents[0]
	if txt, ok := s.Comment("text"); !ok || txt != "Don't go." {
		t.Errorf("text comment %q", txt)
	}
	if !s.HasPrefixComment("newdoc") || sents[1].HasPrefixComment("newdoc") {
		t.Error("newdoc comment")
	}
	if w := s.Words(); len(w) != 4 || s.Lines[w[0]].Form() != "Do" {
		t.Errorf("words %v", w)
	}
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	for _, s := range sents {
		Write(bw, s)
	}
	bw.Flush()
	if got := b.String(); got != sample+"\n" {
		t.Errorf("round trip:\n%q\nwant\n%q", got, sample+"\n")
	}
}

func TestBadLineNamesFileAndLine(t *testing.T) {
	_, err := ReadAll(strings.NewReader("# c\n1\tword\tonly\n"), "in.conllu")
	if err == nil || !strings.Contains(err.Error(), "in.conllu:2:") || !strings.Contains(err.Error(), "10 tab-separated columns") {
		t.Fatalf("error %v", err)
	}
}

func TestReadNER(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nbad\n"
	sents, err := ReadNER(strings.NewReader(in), "eng.testb")
	if err == nil || !strings.Contains(err.Error(), "eng.testb:6:") {
		t.Fatalf("want an error naming line 6, got %v", err)
	}
	if len(sents) != 2 || !sents[0].DocStart || len(sents[1].Tokens()) != 2 {
		t.Fatalf("sentences %+v", sents)
	}
}

// FuzzReadAll: any input either reads or fails with an error; what reads
// writes back to input that reads the same.
func FuzzReadAll(f *testing.F) {
	f.Add(sample)
	f.Add("1\ta\tb\tc\td\te\tf\tg\th\ti\n\n\n")
	f.Add("#\n\n#\n")
	f.Add("1-3\tgonna\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n1\tgon\t_\t_\t_\t_\t_\t_\t_\t_\n2\tna\t_\t_\t_\t_\t_\t_\t_\t_\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadAll(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		var b bytes.Buffer
		bw := bufio.NewWriter(&b)
		for _, s := range sents {
			if g, w := len(s.Glued()), len(s.Words()); g != w {
				t.Fatalf("Glued gives %d flags for %d words", g, w)
			}
			Write(bw, s)
		}
		bw.Flush()
		again, err := ReadAll(bytes.NewReader(b.Bytes()), "again")
		if err != nil || len(again) != len(sents) {
			t.Fatalf("written output does not read back: %v (%d vs %d)", err, len(again), len(sents))
		}
	})
}

func FuzzReadNER(f *testing.F) {
	f.Add("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\n")
	f.Add("# comment\nword\tB-PER\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadNER(strings.NewReader(in), "fuzz")
		for _, s := range sents {
			for _, i := range s.Tokens() {
				if len(s.Lines[i]) < 2 {
					t.Fatalf("token line with %d fields", len(s.Lines[i]))
				}
			}
		}
		_ = err
	})
}

func TestGlued(t *testing.T) {
	const in = "# text = Don't buy Coca-Cola.\n" +
		"1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"1\tDo\tdo\tAUX\tVB\t_\t3\taux\t_\t_\n" +
		"2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n" +
		"3\tbuy\tbuy\tVERB\tVB\t_\t0\troot\t_\t_\n" +
		"4\tCoca\tCoca\tPROPN\tNNP\t_\t3\tobj\t_\tSpaceAfter=No\n" +
		"5\t-\t-\tPUNCT\tHYPH\t_\t4\tpunct\t_\tSpaceAfter=No\n" +
		"6\tCola\tCola\tPROPN\tNNP\t_\t4\tflat\t_\tSpaceAfter=No|Other=x\n" +
		"7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n"
	ss, err := ReadAll(strings.NewReader(in), "t")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(ss[0].Glued())
	if want := "[true false false true true true false]"; got != want {
		t.Errorf("Glued = %s, want %s", got, want)
	}
	const mwt = "1-2\tgonna\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n" +
		"1\tgon\tgo\tVERB\tVBG\t_\t0\troot\t_\t_\n" +
		"2\tna\tto\tPART\tTO\t_\t1\tmark\t_\t_\n" +
		"3\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
	ss, err = ReadAll(strings.NewReader(mwt), "t")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(ss[0].Glued()); got != "[true true false]" {
		t.Errorf("a multiword token with SpaceAfter=No: Glued = %s", got)
	}
}
