package cli

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"dateline/internal/conllu"
	"dateline/internal/doc"
	"dateline/internal/pipeline"
)

func init() {
	register(&command{
		name:  "analyze",
		short: "tag, lemmatise, parse and find names in CoNLL-U, CoNLL-2003 or raw text (for scoring)",
		usage: "--from conllu|conll2003 [--raw] < IN > OUT",
		long: `Reads gold-tokenised input on standard input and writes predictions.

--from conllu keeps every line and the ID and FORM columns, and fills UPOS,
XPOS, LEMMA, HEAD, DEPREL and MISC (NER=B-PER|I-ORG|O... in IOB2).
--from conllu --raw rebuilds the raw text from the "# text =" comments (one
paragraph's sentences joined by spaces, paragraphs separated by a blank line),
then tokenises and splits sentences itself and writes CoNLL-U.
--from conll2003 keeps the 4-column lines and replaces the last column with the
predicted IOB tag (PER, ORG, LOC, MISC).`,
		flags: analyzeFlags,
	})
}

func analyzeFlags(fs *flag.FlagSet) func(*Env, []string) error {
	from := fs.String("from", "conllu", "input format: conllu or conll2003")
	raw := fs.Bool("raw", false, "with --from conllu: tokenise and split the text of the # text comments yourself")
	tokensOnly := fs.Bool("tokens-only", false, "with --raw: only tokenise and split sentences (no tags, parse or names); for timing the tokenizer")
	return func(env *Env, args []string) error {
		if len(args) > 0 {
			return usageErr("analyze reads standard input; unexpected argument %q", args[0])
		}
		out := bufio.NewWriterSize(env.Stdout, 1<<16)
		defer out.Flush()
		switch {
		case *from == "conllu" && *raw:
			p := pipeline.Raw()
			if *tokensOnly {
				p = pipeline.Tokens()
			}
			if err := p.Load(); err != nil {
				return err
			}
			return analyzeRaw(env.Stdin, out, p)
		case *tokensOnly:
			return usageErr("--tokens-only goes with --from conllu --raw")
		case *from == "conllu":
			return analyzeCoNLLU(env.Stdin, out)
		case *from == "conll2003":
			if *raw {
				return usageErr("--raw goes with --from conllu")
			}
			return analyzeCoNLL2003(env.Stdin, out)
		}
		return usageErr("--from %q: want conllu or conll2003", *from)
	}
}

// docFromForms builds a document whose text is the forms joined by spaces, one
// token per form, as one sentence per group. glued, when given, says which
// forms the text has no space after (CoNLL-U's SpaceAfter=No), so that the
// text reads "Coca-Cola" rather than "Coca - Cola".
func docFromForms(groups [][]string, glued [][]bool) *doc.Doc {
	var b strings.Builder
	d := &doc.Doc{}
	for g, forms := range groups {
		first := int32(len(d.Tokens))
		for k, f := range forms {
			if b.Len() > 0 && !(k > 0 && glued != nil && glued[g][k-1]) {
				b.WriteByte(' ')
			}
			s := int32(b.Len())
			b.WriteString(f)
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: s, End: int32(b.Len())}, Head: -1})
		}
		last := int32(len(d.Tokens))
		if last > first {
			d.Sentences = append(d.Sentences, doc.Sentence{
				Span:  doc.Span{Start: d.Tokens[first].Start, End: d.Tokens[last-1].End},
				First: first, Last: last})
		}
	}
	d.Text = b.String()
	d.Paragraphs = []doc.Span{{Start: 0, End: int32(len(d.Text))}}
	return d
}

// batchDocs is how many sentences go into one document for analysis, so that
// document-level features (NER's) see some context without unbounded memory.
const batchSents = 64

func analyzeCoNLLU(in io.Reader, out *bufio.Writer) error {
	p := pipeline.Syntax()
	if err := p.Load(); err != nil {
		return err
	}
	// Chunks of up to batchSents sentences (a new document starts a new
	// chunk) are analysed in parallel and written in input order.
	type chunk struct {
		sents []*conllu.Sentence
		err   error
		done  chan struct{}
	}
	analyse := func(c *chunk) {
		defer close(c.done)
		var groups [][]string
		var glued [][]bool
		var with []*conllu.Sentence // the sentences that have words
		for _, s := range c.sents {
			if len(s.Words()) == 0 {
				continue
			}
			var forms []string
			for _, w := range s.Words() {
				forms = append(forms, s.Lines[w].Form())
			}
			groups = append(groups, forms)
			glued = append(glued, s.Glued())
			with = append(with, s)
		}
		if len(groups) == 0 {
			return
		}
		d := docFromForms(groups, glued)
		if c.err = p.Run(d); c.err != nil {
			return
		}
		for i, s := range with {
			sent := d.Sentences[i]
			for k, w := range s.Words() {
				fillColumns(&s.Lines[w], &d.Tokens[int(sent.First)+k], sent.First)
			}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	todo := make(chan *chunk, workers*2)
	order := make(chan *chunk, workers*4)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range todo {
				analyse(c)
			}
		}()
	}
	readErr := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		defer close(order)
		defer close(todo)
		rd := conllu.NewReader(in, "<stdin>")
		cur := &chunk{done: make(chan struct{})}
		words := 0
		send := func() bool {
			if len(cur.sents) == 0 {
				return true
			}
			select {
			case order <- cur:
			case <-stop:
				return false
			}
			todo <- cur
			cur, words = &chunk{done: make(chan struct{})}, 0
			return true
		}
		for {
			s, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				readErr <- err
				return
			}
			if s.HasPrefixComment("newdoc") && words > 0 && !send() {
				return
			}
			cur.sents = append(cur.sents, s)
			if len(s.Words()) > 0 {
				words++
			}
			if words >= batchSents && !send() {
				return
			}
		}
		send()
	}()
	var err error
	for c := range order {
		<-c.done
		if err == nil && c.err != nil {
			err = c.err
			close(stop)
		}
		if err == nil {
			for _, s := range c.sents {
				conllu.Write(out, s)
			}
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	select {
	case err := <-readErr:
		return err
	default:
		return nil
	}
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}

// fillColumns writes token t's layers into a CoNLL-U word line.
func fillColumns(w *conllu.Word, t *doc.Token, first int32) {
	w.Cols[2] = orUnderscore(t.Lemma)
	w.Cols[3] = orUnderscore(t.UPOS)
	w.Cols[4] = orUnderscore(t.XPOS)
	if t.Rel != "" {
		head := 0
		if t.Head >= 0 {
			head = int(t.Head-first) + 1
		}
		w.Cols[6] = strconv.Itoa(head)
		w.Cols[7] = t.Rel
	}
	if t.NER != "" {
		misc := w.Cols[9]
		var keep []string
		if misc != "_" && misc != "" {
			for _, m := range strings.Split(misc, "|") {
				if !strings.HasPrefix(m, "NER=") {
					keep = append(keep, m)
				}
			}
		}
		keep = append(keep, "NER="+t.NER)
		w.Cols[9] = strings.Join(keep, "|")
	}
}

func analyzeCoNLL2003(in io.Reader, out *bufio.Writer) error {
	sents, err := conllu.ReadNER(in, "<stdin>")
	if err != nil {
		return err
	}
	p := pipeline.Syntax()
	if err := p.Load(); err != nil {
		return err
	}
	// One document per -DOCSTART- block, so that the recogniser sees the story.
	var block []*conllu.NERSentence
	flush := func() error {
		var groups [][]string
		var idx []*conllu.NERSentence
		for _, s := range block {
			if s.DocStart {
				continue
			}
			var forms []string
			for _, i := range s.Tokens() {
				forms = append(forms, s.Lines[i][0])
			}
			groups = append(groups, forms)
			idx = append(idx, s)
		}
		d := docFromForms(groups, nil)
		if err := p.Run(d); err != nil {
			return err
		}
		k := 0
		for _, s := range block {
			if !s.DocStart {
				sent := d.Sentences[k]
				for n, i := range s.Tokens() {
					f := s.Lines[i]
					tag := d.Tokens[int(sent.First)+n].NER
					if tag == "" {
						tag = "O"
					}
					f[len(f)-1] = tag
				}
				k++
			}
			for _, f := range s.Lines {
				out.WriteString(strings.Join(f, " "))
				out.WriteByte('\n')
			}
			out.WriteByte('\n')
		}
		block = block[:0]
		return nil
	}
	for _, s := range sents {
		if s.DocStart && len(block) > 0 {
			if err := flush(); err != nil {
				return err
			}
		}
		block = append(block, s)
	}
	return flush()
}

// analyzeRaw rebuilds the raw text of a CoNLL-U file and analyses it from
// scratch with p: the "# text =" lines of one paragraph joined by single
// spaces, paragraphs (a "# newpar" or "# newdoc" comment starts one) separated
// by a blank line, as one document.
func analyzeRaw(in io.Reader, out *bufio.Writer, p *pipeline.Pipeline) error {
	// Only the comments matter: scan lines without parsing the token lines.
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var b strings.Builder
	var paras []doc.Span
	paraStart := 0
	line := 0
	var text string
	hasText, newpar, words := false, false, false
	blockLine := 0
	endSentence := func() error {
		if !words {
			hasText, newpar = false, false
			return nil
		}
		if !hasText {
			return fmt.Errorf("<stdin>:%d: a sentence has no \"# text =\" comment; --raw needs them", blockLine)
		}
		if b.Len() > 0 {
			if newpar {
				paras = append(paras, doc.Span{Start: int32(paraStart), End: int32(b.Len())})
				b.WriteString("\n\n")
				paraStart = b.Len()
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(text)
		hasText, newpar, words = false, false, false
		return nil
	}
	for sc.Scan() {
		line++
		l := sc.Bytes()
		if len(l) > 0 && l[len(l)-1] == '\r' {
			l = l[:len(l)-1]
		}
		switch {
		case len(bytes.TrimSpace(l)) == 0:
			if err := endSentence(); err != nil {
				return err
			}
			continue
		case l[0] == '#':
			c := bytes.TrimSpace(l[1:])
			if k, v, ok := bytes.Cut(c, []byte("=")); ok && string(bytes.TrimSpace(k)) == "text" {
				text, hasText = string(bytes.TrimSpace(v)), true
			} else if bytes.HasPrefix(c, []byte("newpar")) || bytes.HasPrefix(c, []byte("newdoc")) {
				newpar = true
			}
		default:
			if !words {
				blockLine = line
			}
			words = true
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("<stdin>:%d: %w", line, err)
	}
	if err := endSentence(); err != nil {
		return err
	}
	d := &doc.Doc{Text: b.String()}
	if len(d.Text) > paraStart {
		paras = append(paras, doc.Span{Start: int32(paraStart), End: int32(len(d.Text))})
	}
	d.Paragraphs = paras
	if err := p.Run(d); err != nil {
		return err
	}
	writeDocCoNLLU(out, d)
	return nil
}

// writeDocCoNLLU writes every sentence of d in CoNLL-U, with multiword tokens
// for words marked InMWT and SpaceAfter=No where no space follows.
func writeDocCoNLLU(out *bufio.Writer, d *doc.Doc) {
	for si, s := range d.Sentences {
		out.WriteString("# sent_id = ")
		out.WriteString(strconv.Itoa(si + 1))
		out.WriteString("\n# text = ")
		if st := d.Str(s.Span); strings.IndexByte(st, '\n') >= 0 {
			out.WriteString(strings.ReplaceAll(st, "\n", " "))
		} else {
			out.WriteString(st)
		}
		out.WriteByte('\n')
		for i := s.First; i < s.Last; i++ {
			id := int(i-s.First) + 1
			// A multiword token: this word and following InMWT words.
			j := i + 1
			for j < s.Last && d.Tokens[j].InMWT {
				j++
			}
			if j > i+1 {
				span := doc.Span{Start: d.Tokens[i].Start, End: d.Tokens[j-1].End}
				fmt.Fprintf(out, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", id, id+int(j-i)-1, d.Str(span), spaceAfter(d, j-1, s))
			}
			t := &d.Tokens[i]
			w := conllu.Word{Cols: [10]string{strconv.Itoa(id), d.Str(t.Span), "_", "_", "_", "_", "_", "_", "_", "_"}}
			fillColumns(&w, t, s.First)
			if j == i+1 && !t.InMWT {
				if sa := spaceAfter(d, i, s); sa != "_" {
					if w.Cols[9] == "_" {
						w.Cols[9] = sa
					} else {
						w.Cols[9] = sa + "|" + w.Cols[9]
					}
				}
			}
			for k, c := range w.Cols {
				if k > 0 {
					out.WriteByte('\t')
				}
				out.WriteString(c)
			}
			out.WriteByte('\n')
		}
		out.WriteByte('\n')
	}
}

func spaceAfter(d *doc.Doc, i int32, s doc.Sentence) string {
	if i+1 < s.Last && d.Glued(int(i)) {
		return "SpaceAfter=No"
	}
	return "_"
}
