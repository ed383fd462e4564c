package formats

import (
	"dateline/internal/testshared"
	"os"
	"path/filepath"
	"testing"
)

// sharedDirOptional finds ../shared/REL walking up from the package
// directory, or returns "".
func sharedDirOptional(rel string) string {
	if d := testshared.Lookup(); d != "" {
		if _, err := os.Stat(filepath.Join(d, rel)); err == nil {
			return filepath.Join(d, rel)
		}
	}
	return ""
}

// sharedDir finds ../shared/REL walking up from the package directory. When it
// is missing the test is skipped, except under CI, where it fails.
func sharedDir(t testing.TB, rel string) string { return testshared.Path(t, rel) }
