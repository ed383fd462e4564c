// Package models holds dateline's trained model files, embedded in the binary.
// Each model NAME is NAME.bin.gz with its card NAME.md beside it; `dateline
// train` rewrites them from ../shared/data.
package models

import (
	"embed"
	"fmt"
	"io"
	"strings"

	// klauspost's gzip inflates about twice as fast as compress/gzip
	// (depparse: 82 ms against 140-190 ms here), and inflating is a good
	// part of the time every command spends loading models.
	"github.com/klauspost/compress/gzip"
)

//go:embed *
var files embed.FS

// Open returns the decompressed contents of model name (without .bin.gz).
func Open(name string) (io.ReadCloser, error) {
	f, err := files.Open(name + ".bin.gz")
	if err != nil {
		return nil, fmt.Errorf("model %s is not built into this binary (run dateline train %s): %w", name, name, err)
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{z, f}, nil
}

// Card returns the model card of model name, or "".
func Card(name string) string {
	b, err := files.ReadFile(name + ".md")
	if err != nil {
		return ""
	}
	return string(b)
}

// Names lists the built-in models.
func Names() []string {
	var out []string
	ents, _ := files.ReadDir(".")
	for _, e := range ents {
		if n, ok := strings.CutSuffix(e.Name(), ".bin.gz"); ok {
			out = append(out, n)
		}
	}
	return out
}
