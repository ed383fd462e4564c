// Package testshared finds ../shared (corpora, scorers, the seed story) for
// tests. Outside CI a missing ../shared skips the test; with CI=true it fails,
// because CI always has it beside the checkout.
package testshared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared folder: $DATELINE_SHARED, or the first "shared"
// folder beside the module root, found by walking up from the working
// directory.
func Dir(tb testing.TB) string {
	tb.Helper()
	if d := Lookup(); d != "" {
		return d
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("../shared is missing: CI must run with the shared corpora beside the checkout")
	}
	tb.Skip("../shared not found (set DATELINE_SHARED)")
	return ""
}

// Lookup returns the shared folder, or "" when there is none.
func Lookup() string {
	if d := os.Getenv("DATELINE_SHARED"); d != "" {
		return d
	}
	return find()
}

// Path returns a path inside the shared folder; the file must exist.
func Path(tb testing.TB, rel ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir(tb)}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared file missing: %v", err)
		}
		tb.Skipf("shared file missing: %v", err)
	}
	return p
}

func find() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if fi, err := os.Stat(s); err == nil && fi.IsDir() {
				return s
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
