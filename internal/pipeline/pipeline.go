// Package pipeline runs the analysis stages over documents, in order, each
// adding its layer, and keeps the time spent in each.
package pipeline

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"dateline/internal/doc"
)

// Stage is one step of analysis: it reads the layers named in Requires and adds
// those named in Assigns.
type Stage struct {
	Name     string
	Requires []string
	Assigns  []string
	Run      func(*doc.Doc) error
	// Load, if set, loads what Run needs (a model) ahead of the first
	// document; Run loads it itself otherwise.
	Load func() error
}

// Pipeline is an ordered list of stages, checked so that every requirement is
// assigned by an earlier stage. It is safe for concurrent use.
type Pipeline struct {
	stages []Stage
	nanos  []atomic.Int64
}

// New checks the stages and builds a pipeline. The reader's layers (text,
// paragraphs) are given.
func New(stages ...Stage) (*Pipeline, error) {
	have := map[string]bool{"text": true, "paragraphs": true}
	for _, s := range stages {
		for _, r := range s.Requires {
			if !have[r] {
				return nil, fmt.Errorf("pipeline: stage %s requires %q, which no earlier stage assigns", s.Name, r)
			}
		}
		for _, a := range s.Assigns {
			have[a] = true
		}
	}
	return &Pipeline{stages: stages, nanos: make([]atomic.Int64, len(stages))}, nil
}

// Load loads every stage's model at once, each in its own goroutine, and
// returns the failures joined, each named by its stage. Calling it before the first document makes a
// broken model fail early and spreads the loading over the cores; it is
// safe to call more than once.
func (p *Pipeline) Load() error {
	errs := make([]error, len(p.stages))
	var wg sync.WaitGroup
	for i, s := range p.stages {
		if s.Load == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.Load(); err != nil {
				errs[i] = fmt.Errorf("%s: %w", s.Name, err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Run applies every stage to d in order. A stage that fails (or panics)
// stops the run; the layers set so far stay.
func (p *Pipeline) Run(d *doc.Doc) error {
	for i, s := range p.stages {
		t := time.Now()
		err := run(s, d)
		p.nanos[i].Add(int64(time.Since(t)))
		if err != nil {
			return err
		}
	}
	return nil
}

// run applies one stage to d, turning a panic into an error, so that one bad
// article cannot stop a batch.
func run(s Stage, d *doc.Doc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: analysis failed: %v", s.Name, r)
		}
	}()
	if err := s.Run(d); err != nil {
		return fmt.Errorf("%s: %w", s.Name, err)
	}
	return nil
}

// RunBatch applies every stage to each of docs, stage by stage: one stage
// runs over the whole batch before the next starts, so that its model's
// tables stay in the processor's caches from one document to the next. It
// returns each document's error (nil where every stage succeeded); a
// document whose stage fails is not given to later stages.
func (p *Pipeline) RunBatch(docs []*doc.Doc) []error {
	errs := make([]error, len(docs))
	for i, s := range p.stages {
		t := time.Now()
		for k, d := range docs {
			if errs[k] != nil {
				continue
			}
			errs[k] = run(s, d)
		}
		p.nanos[i].Add(int64(time.Since(t)))
	}
	return errs
}

// BatchSize is how many documents the commands hand RunBatch at most.
const BatchSize = 16

// Gather receives from ch in batches for RunBatch: it waits for one value,
// takes up to max-1 more that are ready without waiting, and calls fn with
// them, until ch is closed. A slow producer thus gives small batches and no
// delay; a fast one gives full batches.
func Gather[T any](ch <-chan T, max int, fn func([]T)) {
	batch := make([]T, 0, max)
	for v := range ch {
		batch = append(batch[:0], v)
	more:
		for len(batch) < max {
			select {
			case w, ok := <-ch:
				if !ok {
					break more
				}
				batch = append(batch, w)
			default:
				break more
			}
		}
		fn(batch)
	}
}

// StageTime is the time spent in one stage so far.
type StageTime struct {
	Name string
	Time time.Duration
}

// Times reports the time spent in each stage so far, summed over documents.
func (p *Pipeline) Times() []StageTime {
	out := make([]StageTime, len(p.stages))
	for i, s := range p.stages {
		out[i] = StageTime{s.Name, time.Duration(p.nanos[i].Load())}
	}
	return out
}

// Names lists the stages in order.
func (p *Pipeline) Names() []string {
	out := make([]string, len(p.stages))
	for i, s := range p.stages {
		out[i] = s.Name
	}
	return out
}
