package cli

import (
	"flag"
	"fmt"

	"dateline/internal/kb"
)

// kbFlag adds --kb to a command that analyses articles and returns the function
// that loads the named files into the knowledge base before analysis starts.
func kbFlag(fs *flag.FlagSet) func() error {
	var files multiFlag
	fs.Var(&files, "kb", "extra knowledge-base `FILE` of actors, places and titles (the format of internal/kb/data; repeatable; $DATELINE_KB too)")
	return func() error {
		if err := kb.DefaultErr(); err != nil {
			return err
		}
		for _, f := range files {
			if err := kb.LoadFile(f); err != nil {
				return fmt.Errorf("--kb: %w", err)
			}
		}
		return nil
	}
}

// multiFlag is a flag that may be given several times.
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint([]string(*m)) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
