package formats

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDirOptional finds ../shared/REL walking up from the package
// directory, or returns "".
func sharedDirOptional(rel string) string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "shared", rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// sharedDir finds ../shared/REL walking up from the package directory. When it
// is missing the test is skipped, except under CI, where it fails.
func sharedDir(t testing.TB, rel string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "shared", rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared/%s not found above %s", rel, wd)
	}
	t.Skipf("shared/%s not found", rel)
	return ""
}
