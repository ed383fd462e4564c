// Package cli is the dateline command line: a registry of sub-commands, each in
// its own file, and Run, the testable entry point.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
)

// Env is what a command runs with.
type Env struct {
	Ctx    context.Context
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// command is one sub-command. Files register theirs from init.
type command struct {
	name  string
	short string // one line for `dateline help`
	usage string // argument synopsis
	long  string // paragraph for `dateline CMD -h`
	flags func(fs *flag.FlagSet) func(env *Env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("cli: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// ExitError carries an exit code; other errors exit 1.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string { return e.Err.Error() }

// usageErr is a misuse of a command: it prints the usage and exits 2.
func usageErr(format string, a ...any) error {
	return &ExitError{Code: 2, Err: fmt.Errorf(format, a...)}
}

// Run runs dateline with args (without the program name) and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Ctx: ctx, Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if len(args) == 0 {
		help(stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fs := newFlagSet(c, stdout)
				c.flags(fs)
				fs.SetOutput(stdout)
				fs.Usage()
				return 0
			}
		}
		help(stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "dateline: unknown command %q\n\n", name)
		help(stderr)
		return 2
	}
	fs := newFlagSet(c, stderr)
	run := c.flags(fs)
	rest, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	stop, err := startProfile()
	if err != nil {
		fmt.Fprintf(stderr, "dateline %s: %v\n", name, err)
		return 1
	}
	err = run(env, rest)
	stop()
	if err != nil {
		fmt.Fprintf(stderr, "dateline %s: %v\n", name, err)
		if e, ok := err.(*ExitError); ok {
			if e.Code == 2 {
				fmt.Fprintf(stderr, "usage: dateline %s %s (see dateline %s -h)\n", name, c.usage, name)
			}
			return e.Code
		}
		return 1
	}
	return 0
}

// parseInterspersed parses the flags wherever they stand among the arguments
// ("dateline train quotes -h" shows help rather than training; "dateline
// extract a.txt --jsonl" writes JSONL) and returns the other arguments in
// order; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func newFlagSet(c *command, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("dateline "+c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "usage: dateline %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.long))
		has := false
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintf(w, "\nflags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

func help(w io.Writer) {
	fmt.Fprint(w, `dateline reads news and writes down what happened: who did what to whom,
when and where, and who said what, every fact traced back to its words.

usage: dateline COMMAND [flags] [args]

commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].short)
	}
	fmt.Fprint(w, "\n`dateline help COMMAND` or `dateline COMMAND -h` explains a command's flags.\n")
	fmt.Fprint(w, "DATELINE_CPUPROFILE=FILE writes a CPU profile of any command to FILE (go tool pprof).\n")
}

// startProfile starts a CPU profile into $DATELINE_CPUPROFILE if it is set;
// the returned func stops it.
func startProfile() (func(), error) {
	path := os.Getenv("DATELINE_CPUPROFILE")
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("DATELINE_CPUPROFILE: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("DATELINE_CPUPROFILE: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
