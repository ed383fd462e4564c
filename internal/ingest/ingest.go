// Package ingest is the batch driver behind `dateline ingest`: it walks the
// inputs, reads every article, skips those already stored (same text), analyses
// the rest in parallel and stores them in batched transactions through one
// writer.
//
// Resumable by construction: an article is stored with every layer in one
// transaction, keyed by the hash of its text, and looked up before analysis,
// so an interrupted run (Ctrl-C, kill -9) re-run stores exactly what was
// missing. A bad article is reported (file, reason) and skipped.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dateline/internal/doc"
	"dateline/internal/formats"
	"dateline/internal/pipeline"
	"dateline/internal/reader"
	"dateline/internal/store"
)

// ReadFunc reads every article of one input (name is its path or "<stdin>")
// and calls emit for each. It returns the problems met, as formats.Read does:
// articles it could not read are described in the error, the rest emitted.
type ReadFunc func(name string, r io.Reader, opt reader.Options, emit func(*doc.Doc) error) error

// Options control a run.
type Options struct {
	Workers  int                // analysis goroutines; 0 means GOMAXPROCS
	Batch    int                // articles per transaction; 0 means 64
	Flush    time.Duration      // longest wait before a partial batch is stored; 0 means 2s
	Pipeline *pipeline.Pipeline // nil means pipeline.Default()
	Read     ReadFunc           // nil means formats.ReadWith (text, HTML, feeds, JSONL, WARC; gzip, zstd, bzip2)
	Format   formats.Format     // the format of every input, for formats.ReadWith; Unknown detects each
	Reader   reader.Options     // e.g. the fallback publication date
	Stdin    io.Reader          // for the input "-"
	// Problem is told about each article or input that failed; nil ignores them.
	Problem func(file, reason string)
	// Progress, if set, is called at most every Tick with the counts so far,
	// and once more at the end with final set.
	Progress func(p Progress, final bool)
	Tick     time.Duration // 0 means 250ms
}

// Progress is where a run stands.
type Progress struct {
	Files, FilesDone int   // inputs found, inputs read
	Bytes, BytesDone int64 // their sizes (stdin counts when read)
	Read             int   // articles read
	Skipped          int   // already stored, or seen earlier in this run
	Stored           int   // new articles stored
	Near             int   // of those, linked to a near-duplicate
	Failed           int   // articles or inputs that failed
	Elapsed          time.Duration
}

// Rate is articles analysed and stored per second.
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Stored) / p.Elapsed.Seconds()
}

// ETA estimates the time left from the share of input bytes read, scaled by
// the share of read articles already stored (reading runs ahead of
// analysis); 0 if unknown.
func (p Progress) ETA() time.Duration {
	if p.BytesDone <= 0 || p.Bytes <= 0 {
		return 0
	}
	frac := min(1, float64(p.BytesDone)/float64(p.Bytes))
	if p.Read > 0 {
		frac *= min(1, float64(p.Stored+p.Skipped+p.Failed)/float64(p.Read))
	}
	if frac <= 0 || frac >= 1 {
		return 0
	}
	return time.Duration(float64(p.Elapsed) * (1 - frac) / frac)
}

// input is one file to read.
type input struct {
	path string
	size int64
}

var errStdinTwice = errors.New("standard input named more than once: it is read once")

var errLinkedFolder = errors.New("a symbolic link to a folder, not followed: name the folder itself")

// Walk lists the files under paths: files as given, folders recursively
// (hidden files and folders skipped; a symbolic link to a file is read, one to
// a folder or to nothing is an error), "-" for standard input. Errors name
// the path.
func Walk(paths []string) ([]input, []error) {
	var out []input
	var errs []error
	stdin := false
	for _, p := range paths {
		if p == "-" {
			// Once: two readers of standard input would share its bytes.
			if stdin {
				errs = append(errs, &fs.PathError{Op: "read", Path: p, Err: errStdinTwice})
				continue
			}
			stdin = true
			out = append(out, input{path: "-"})
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !fi.IsDir() {
			out = append(out, input{p, fi.Size()})
			continue
		}
		var found []input
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// A link to a file is read as the file; a link to a folder
				// is not followed (it may loop), and said so.
				info, err := os.Stat(path)
				switch {
				case err != nil:
					errs = append(errs, err)
				case info.Mode().IsRegular():
					found = append(found, input{path, info.Size()})
				case info.IsDir():
					errs = append(errs, &fs.PathError{Op: "walk", Path: path, Err: errLinkedFolder})
				}
				return nil
			}
			if d.Type().IsRegular() {
				info, err := d.Info()
				if err != nil {
					errs = append(errs, err)
					return nil
				}
				found = append(found, input{path, info.Size()})
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
		out = append(out, found...)
	}
	return out, errs
}

// ReadText reads one plain-text article per input.
func ReadText(name string, r io.Reader, opt reader.Options, emit func(*doc.Doc) error) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	d, err := reader.Text(name, data, opt)
	if err != nil {
		return err
	}
	return emit(d)
}

// item is one article on its way to the writer.
type item struct {
	d    *doc.Doc
	file string
}

// Run ingests paths into st and reports what it did. It returns an error only
// when the store fails or ctx is cancelled; bad inputs and articles go to
// opt.Problem and are counted in Progress.Failed.
func Run(ctx context.Context, st store.Store, paths []string, opt Options) (Progress, error) {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Batch <= 0 {
		opt.Batch = 64
	}
	if opt.Flush <= 0 {
		opt.Flush = 2 * time.Second
	}
	if opt.Tick <= 0 {
		opt.Tick = 250 * time.Millisecond
	}
	if opt.Pipeline == nil {
		opt.Pipeline = pipeline.Default()
	}
	if err := opt.Pipeline.Load(); err != nil {
		return Progress{}, err
	}
	if opt.Stdin == nil {
		opt.Stdin = os.Stdin
	}
	start := time.Now()
	var mu sync.Mutex // guards prog and problem reports
	var prog Progress
	problem := func(file, reason string) {
		mu.Lock()
		prog.Failed++
		if opt.Problem != nil {
			opt.Problem(file, reason)
		}
		mu.Unlock()
	}
	inputs, werrs := Walk(paths)
	for _, e := range werrs {
		file, reason := "", e.Error()
		var pe *fs.PathError
		if errors.As(e, &pe) {
			file, reason = pe.Path, pe.Err.Error()
		}
		problem(file, reason)
	}
	prog.Files = len(inputs)
	for _, in := range inputs {
		prog.Bytes += in.size
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	files := make(chan input)
	docs := make(chan item, opt.Workers*2)
	done := make(chan item, opt.Batch) // analysis goes on while a batch is stored
	var seen sync.Map                  // hashes met in this run
	var storeErr atomic.Pointer[error]
	fail := func(err error) {
		storeErr.CompareAndSwap(nil, &err)
		cancel()
	}

	go func() {
		defer close(files)
		for _, in := range inputs {
			select {
			case files <- in:
			case <-ctx.Done():
				return
			}
		}
	}()
	// Readers: read each input, drop articles already stored or seen.
	var readers sync.WaitGroup
	for w := 0; w < opt.Workers; w++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for in := range files {
				readOne(ctx, in, opt, &seen, st, docs, problem, fail, &mu, &prog)
			}
		}()
	}
	go func() { readers.Wait(); close(docs) }()
	// Analysers.
	var analysers sync.WaitGroup
	for w := 0; w < opt.Workers; w++ {
		analysers.Add(1)
		go func() {
			defer analysers.Done()
			var ds []*doc.Doc
			pipeline.Gather(docs, pipeline.BatchSize, func(items []item) {
				ds = ds[:0]
				for _, it := range items {
					ds = append(ds, it.d)
				}
				for k, err := range opt.Pipeline.RunBatch(ds) {
					it := items[k]
					if err != nil {
						problem(it.file, err.Error())
						continue
					}
					if err := store.Validate(it.d); err != nil {
						problem(it.file, "analysis gave an article that cannot be stored: "+err.Error())
						continue
					}
					done <- it
				}
			})
		}()
	}
	go func() { analysers.Wait(); close(done) }()

	// The one writer.
	batch := make([]item, 0, opt.Batch)
	docsOf := func(its []item) []*doc.Doc {
		out := make([]*doc.Doc, len(its))
		for i, it := range its {
			out[i] = it.d
		}
		return out
	}
	count := func(r store.PutResult) {
		mu.Lock()
		prog.Stored += r.Inserted
		prog.Skipped += r.Duplicates
		prog.Near += r.Near
		mu.Unlock()
	}
	flush := func(c context.Context) {
		if len(batch) == 0 {
			return
		}
		if storeErr.Load() != nil && c == ctx {
			return
		}
		defer func() { batch = batch[:0] }()
		r, err := st.Put(c, docsOf(batch))
		if err == nil {
			count(r)
			return
		}
		if c.Err() != nil || len(batch) == 1 {
			fail(fmt.Errorf("store: %w", err))
			return
		}
		// The batch failed: store its articles one by one, so that one article
		// the database refuses is reported and the others are kept.
		failed := 0
		var last error
		for _, it := range batch {
			r, err := st.Put(c, []*doc.Doc{it.d})
			if err != nil {
				failed++
				last = err
				problem(it.file, "not stored: "+err.Error())
				continue
			}
			count(r)
		}
		if failed == len(batch) {
			fail(fmt.Errorf("store: %w", last))
		}
	}
	report := func(final bool) {
		if opt.Progress == nil {
			return
		}
		mu.Lock()
		p := prog
		mu.Unlock()
		p.Elapsed = time.Since(start)
		opt.Progress(p, final)
	}
	tick := time.NewTicker(opt.Tick)
	defer tick.Stop()
	timer := time.NewTimer(opt.Flush)
	defer timer.Stop()
	interrupted := false
loop:
	for {
		select {
		case it, ok := <-done:
			if !ok {
				break loop
			}
			batch = append(batch, it)
			if len(batch) >= opt.Batch {
				flush(ctx)
				timer.Reset(opt.Flush)
			}
		case <-timer.C:
			flush(ctx)
			timer.Reset(opt.Flush)
		case <-tick.C:
			report(false)
		case <-ctx.Done():
			if !interrupted {
				interrupted = true
				// Keep draining: what is already analysed is stored below.
			}
			for it := range done {
				batch = append(batch, it)
			}
			break loop
		}
	}
	// Store what was analysed, even when interrupted, unless the store failed.
	if storeErr.Load() == nil {
		flush(context.WithoutCancel(ctx))
	}
	report(true)
	mu.Lock()
	p := prog
	mu.Unlock()
	p.Elapsed = time.Since(start)
	if e := storeErr.Load(); e != nil {
		return p, *e
	}
	if err := ctx.Err(); err != nil && interrupted {
		return p, err
	}
	return p, nil
}

func readOne(ctx context.Context, in input, opt Options, seen *sync.Map, st store.Store, docs chan<- item,
	problem func(file, reason string), fail func(error), mu *sync.Mutex, prog *Progress) {
	name := in.path
	var r io.Reader
	if in.path == "-" {
		name = "<stdin>"
		r = opt.Stdin
	} else {
		f, err := os.Open(in.path)
		if err != nil {
			problem(in.path, unwrapPath(err).Error())
			return
		}
		defer f.Close()
		r = f
	}
	cr := &countReader{r: r}
	errStop := errors.New("stop")
	read := opt.Read
	if read == nil {
		// Problems are told as they are met, not gathered: an input of
		// millions of bad lines is read in constant memory.
		read = func(name string, r io.Reader, ropt reader.Options, emit func(*doc.Doc) error) error {
			fopt := formats.Options{Options: ropt, Format: opt.Format, Problem: func(e *formats.Error) {
				problem(e.File, e.Reason())
			}}
			return formats.ReadWith(name, r, fopt, emit)
		}
	}
	err := read(name, cr, opt.Reader, func(d *doc.Doc) error {
		if ctx.Err() != nil {
			return errStop
		}
		mu.Lock()
		prog.Read++
		mu.Unlock()
		h := store.Hash(d.Text)
		if _, dup := seen.LoadOrStore(h, true); dup {
			mu.Lock()
			prog.Skipped++
			mu.Unlock()
			return nil
		}
		has, err := st.Has(ctx, h)
		if err != nil {
			if ctx.Err() == nil {
				fail(fmt.Errorf("store: %w", err))
			}
			return errStop
		}
		if has {
			mu.Lock()
			prog.Skipped++
			mu.Unlock()
			return nil
		}
		select {
		case docs <- item{d, name}:
			return nil
		case <-ctx.Done():
			return errStop
		}
	})
	if err != nil && !errors.Is(err, errStop) {
		reportRead(name, err, problem)
	}
	mu.Lock()
	prog.FilesDone++
	if in.path == "-" {
		prog.Bytes += cr.n
	}
	prog.BytesDone += max(in.size, cr.n)
	mu.Unlock()
}

// reportRead reports each problem of a read error: per article when it is
// formats' list of problems, else the whole input.
func reportRead(name string, err error, problem func(file, reason string)) {
	if ps := formats.Problems(err); len(ps) > 0 {
		for _, p := range ps {
			problem(p.File, p.Reason())
		}
		return
	}
	problem(name, strings.TrimPrefix(err.Error(), name+": "))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Line renders a progress line: "412/1008 files  398 stored  12 skipped  0 failed  131.2 articles/s  ETA 5s".
func Line(p Progress) string {
	s := fmt.Sprintf("%d/%d files  %d stored  %d skipped  %d failed  %.1f articles/s",
		p.FilesDone, p.Files, p.Stored, p.Skipped, p.Failed, p.Rate())
	if eta := p.ETA(); eta > 0 {
		s += "  ETA " + eta.Round(time.Second).String()
	}
	return s
}
