package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"runtime"
	"sync"
	"time"
	"unicode"

	"dateline/internal/doc"
	"dateline/internal/formats"
	"dateline/internal/output"
	"dateline/internal/pipeline"
	"dateline/internal/reader"
)

func init() {
	register(&command{
		name:  "extract",
		short: "analyse articles and print the contract's JSON (entities, quotes, times, events)",
		usage: "[flags] FILE... (- for standard input)",
		long: `Reads each article and prints one JSON object per article as
../shared/spec/output.md describes: with one article an indented object, with
more (or --jsonl) one object per line. An article that cannot be read is
reported on standard error with its file and the reason, and the others go on;
the exit code is then 1.`,
		flags: extractFlags,
	})
}

type extractOpts struct {
	published string
	verbatim  bool
	jsonl     bool
	tokens    bool
	explain   bool
	timing    bool
	workers   int
	id        string
}

func extractFlags(fs *flag.FlagSet) func(*Env, []string) error {
	var o extractOpts
	fs.StringVar(&o.published, "published", "", "publication date (YYYY-MM-DD or RFC 3339) for input that carries none")
	fs.BoolVar(&o.verbatim, "verbatim", false, "no cleaning: text is the input exactly, so offsets index the input file")
	fs.BoolVar(&o.jsonl, "jsonl", false, "one JSON object per line even for one article")
	fs.BoolVar(&o.tokens, "tokens", false, "include the token layer (tags, lemmas, parse, NER) in the output")
	fs.BoolVar(&o.explain, "explain", false, "include, for each event, the rules and features that produced it")
	fs.BoolVar(&o.timing, "timing", false, "print the time spent in each stage to standard error at the end")
	fs.IntVar(&o.workers, "j", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	fs.StringVar(&o.id, "id", "", "article id (with one input; default: derived from the content)")
	loadKB := kbFlag(fs)
	return func(env *Env, args []string) error {
		if err := loadKB(); err != nil {
			return err
		}
		return runExtract(env, args, &o)
	}
}

// job is one article moving through extract: read, analysed, printed in input order.
type job struct {
	name string
	doc  *doc.Doc
	err  error
	done chan struct{}
}

func runExtract(env *Env, args []string, o *extractOpts) error {
	if len(args) == 0 {
		return usageErr("no input: name one or more files, or - for standard input")
	}
	stdin := 0
	for _, a := range args {
		if a == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return usageErr("- (standard input) named %d times: it can be read once", stdin)
	}
	if o.published != "" {
		norm, err := formats.ParseDate(o.published)
		if err != nil {
			return usageErr("--published %q: %v", o.published, err)
		}
		o.published = norm
	}
	if o.workers < 1 {
		o.workers = 1
	}
	start := time.Now()
	p := pipeline.Default()
	if err := p.Load(); err != nil {
		return err
	}
	out := bufio.NewWriterSize(env.Stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	// One article prints as an indented object, more as JSON lines. Whether
	// there are more is known only when a second article arrives (an input
	// may hold many), so the consumer holds the first one back until then.
	pretty := !o.jsonl && len(args) == 1
	ropt := reader.Options{Verbatim: o.verbatim, Published: o.published}

	// Articles are produced in input order, analysed by o.workers goroutines,
	// and printed in input order.
	jobs := make(chan *job, o.workers*4)
	queue := make(chan *job, o.workers*4)
	var wg sync.WaitGroup
	for w := 0; w < o.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ds []*doc.Doc
			var idx []int
			pipeline.Gather(jobs, pipeline.BatchSize, func(batch []*job) {
				ds, idx = ds[:0], idx[:0]
				for k, j := range batch {
					if j.err == nil {
						ds = append(ds, j.doc)
						idx = append(idx, k)
					}
				}
				for k, err := range p.RunBatch(ds) {
					batch[idx[k]].err = err
				}
				for _, j := range batch {
					close(j.done)
				}
			})
		}()
	}
	go func() {
		defer close(queue)
		defer close(jobs)
		put := func(j *job) bool {
			select {
			case queue <- j:
			case <-env.Ctx.Done():
				return false
			}
			if j.doc != nil {
				jobs <- j // the workers read jobs until it is closed: never blocks for long
			}
			return true
		}
		for _, path := range args {
			if env.Ctx.Err() != nil {
				return
			}
			var first *doc.Doc // held back while it may be the only article (for --id)
			hold := o.id != "" && len(args) == 1
			n := 0
			stopped := false
			problem := func(p *formats.Error) {
				j := &job{name: p.File, err: errors.New(p.Reason()), done: make(chan struct{})}
				close(j.done)
				stopped = stopped || !put(j)
			}
			readInput(env, path, ropt, problem, func(d *doc.Doc) error {
				n++
				if hold && n == 1 {
					first = d
					return nil
				}
				if first != nil {
					if !put(newJob(path, first)) {
						return env.Ctx.Err()
					}
					first = nil
				}
				if !put(newJob(path, d)) {
					return env.Ctx.Err()
				}
				return nil
			})
			if first != nil {
				if n == 1 {
					first.ID = o.id
				}
				put(newJob(path, first))
			}
			if stopped {
				return
			}
		}
	}()
	failed := 0
	n := 0
	var held *output.Article // the first article, while it may be the only one
	tokens, words := 0, 0
	for j := range queue {
		<-j.done
		if j.err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "dateline extract: %s: %v\n", j.name, j.err)
			continue
		}
		n++
		tokens += len(j.doc.Tokens)
		if o.timing {
			words += countWords(j.doc.Text)
		}
		a := output.FromDoc(j.doc, output.Options{Tokens: o.tokens, Explain: o.explain})
		if pretty {
			if held == nil {
				held = a
				continue
			}
			pretty = false // a second article: JSON lines from here on
			if err := enc.Encode(held); err != nil {
				return err
			}
			held = nil
		}
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	wg.Wait()
	if held != nil {
		b, err := json.MarshalIndent(held, "", "  ")
		if err != nil {
			return err
		}
		out.Write(b)
		out.WriteByte('\n')
	}
	if o.timing {
		el := time.Since(start)
		fmt.Fprintf(env.Stderr, "%d articles, %d words (%d tokens) in %v: %.0f words/s, %.0f tokens/s\n",
			n, words, tokens, el.Round(time.Millisecond), float64(words)/el.Seconds(), float64(tokens)/el.Seconds())
		for _, st := range p.Times() {
			fmt.Fprintf(env.Stderr, "  %-10s %v\n", st.Name, st.Time.Round(time.Millisecond))
		}
	}
	if err := env.Ctx.Err(); err != nil {
		return err
	}
	if failed > 0 {
		return &ExitError{Code: 1, Err: fmt.Errorf("%d inputs or articles failed, %d articles read", failed, n)}
	}
	return nil
}

func newJob(name string, d *doc.Doc) *job {
	return &job{name: name, doc: d, done: make(chan struct{})}
}

// readInput reads one named input ("-" is standard input), in any format
// internal/formats reads, and calls emit for each article and problem for
// each article or input that cannot be read, as they are met, so that an
// input of many articles (a JSONL dump, a WARC crawl) is analysed as it is
// read and never held in memory whole, nor its problems.
func readInput(env *Env, path string, opt reader.Options, problem func(*formats.Error), emit func(*doc.Doc) error) {
	fopt := formats.Options{Options: opt, Problem: problem}
	var err error
	if path == "-" {
		err = formats.ReadWith("<stdin>", env.Stdin, fopt, emit)
	} else {
		err = formats.ReadFileWith(path, fopt, emit)
	}
	if err != nil && env.Ctx.Err() == nil {
		problem(&formats.Error{File: path, Err: err}) // not from formats: emit's error
	}
}

// countWords counts the runs of non-space characters in s, as wc -w does.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}
