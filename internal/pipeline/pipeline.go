// Package pipeline runs the analysis stages over documents, in order, each
// adding its layer, and keeps the time spent in each.
package pipeline

import (
	"fmt"
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

// Run applies every stage to d in order. A stage that fails stops the run;
// the layers set so far stay.
func (p *Pipeline) Run(d *doc.Doc) error {
	for i, s := range p.stages {
		t := time.Now()
		err := s.Run(d)
		p.nanos[i].Add(int64(time.Since(t)))
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
	}
	return nil
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
