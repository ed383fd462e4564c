package cli

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// A trainer rebuilds one model from the corpora under data into dir.
type trainer struct {
	name  string
	about string
	run   func(env *Env, t *TrainOpts) error
}

// TrainOpts are the flags every trainer gets.
type TrainOpts struct {
	Data  string // ../shared/data
	Out   string // models/
	Small bool   // a tiny smoke run (CI): few sentences, few iterations, nothing written unless Out is given
	Iters int    // training passes; 0 = the trainer's default
}

var trainers = map[string]*trainer{}

func registerTrainer(t *trainer) {
	if _, dup := trainers[t.name]; dup {
		panic("cli: trainer registered twice: " + t.name)
	}
	trainers[t.name] = t
}

func init() {
	register(&command{
		name:  "train",
		short: "rebuild the statistical models from the open corpora in ../shared/data",
		usage: "[flags] MODEL... | all",
		long: `Trains each named model from the training splits under --data (dev splits for
early stopping; test splits never) and writes NAME.bin.gz and its card NAME.md
into --out. "all" trains every model. Models: ` + "see `dateline train -h`.",
		flags: func(fs *flag.FlagSet) func(*Env, []string) error {
			o := &TrainOpts{}
			fs.StringVar(&o.Data, "data", "../shared/data", "folder of the corpora")
			fs.StringVar(&o.Out, "out", "models", "folder to write the models into")
			fs.BoolVar(&o.Small, "small", false, "smoke test: a few sentences and one pass")
			fs.IntVar(&o.Iters, "iters", 0, "training passes (0: the model's default)")
			return func(env *Env, args []string) error {
				names := make([]string, 0, len(trainers))
				for n := range trainers {
					names = append(names, n)
				}
				sort.Strings(names)
				if len(args) == 0 {
					var b strings.Builder
					for _, n := range names {
						fmt.Fprintf(&b, "\n  %-8s %s", n, trainers[n].about)
					}
					return usageErr("name a model to train, or all:%s", b.String())
				}
				if len(args) == 1 && args[0] == "all" {
					args = names
				}
				if _, err := os.Stat(o.Data); err != nil {
					return fmt.Errorf("--data %s: %w", o.Data, err)
				}
				for _, a := range args {
					t, ok := trainers[a]
					if !ok {
						return usageErr("unknown model %q (have: %s)", a, strings.Join(names, ", "))
					}
					start := time.Now()
					fmt.Fprintf(env.Stderr, "training %s...\n", a)
					if err := t.run(env, o); err != nil {
						return fmt.Errorf("%s: %w", a, err)
					}
					fmt.Fprintf(env.Stderr, "trained %s in %v\n", a, time.Since(start).Round(time.Second))
				}
				return nil
			}
		},
	})
}

// packModel gzips m exactly as it is written into models/ and loads it back
// with load, so that a trainer scores the model that ships. It returns the
// gzipped bytes, the reloaded model and the time the load took.
func packModel[M any](m io.WriterTo, load func(io.Reader) (M, error)) ([]byte, M, time.Duration, error) {
	var zero M
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if _, err := m.WriteTo(zw); err != nil {
		return nil, zero, 0, err
	}
	if err := zw.Close(); err != nil {
		return nil, zero, 0, err
	}
	start := time.Now()
	zr, err := gzip.NewReader(bytes.NewReader(gz.Bytes()))
	if err != nil {
		return nil, zero, 0, err
	}
	back, err := load(zr)
	if err != nil {
		return nil, zero, 0, fmt.Errorf("the model just written does not load: %w", err)
	}
	return gz.Bytes(), back, time.Since(start), nil
}
