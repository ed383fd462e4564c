package depparse

import (
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// parsesChecksum is the FNV-64a hash of every head and relation the embedded
// model assigns to EWT dev (gold tags), recorded before the inference
// speed-ups of the table and feature code. Any change to inference that
// changes a single parse changes it; retraining the model must update it.
const parsesChecksum = "9e5e5fa58ac9fa80"

// TestParsesUnchanged parses all of EWT dev with the embedded model and
// compares a checksum of the heads and relations with the recorded one.
func TestParsesUnchanged(t *testing.T) {
	m, err := Default()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	data := sharedData(t)
	dev := readFile(t, filepath.Join(data, "ud-ewt", "en_ewt-ud-dev.conllu"), 0)
	d := docOf(dev)
	m.ParseDoc(d)
	h := fnv.New64a()
	for _, tk := range d.Tokens {
		h.Write([]byte(strconv.Itoa(int(tk.Head))))
		h.Write([]byte{0})
		h.Write([]byte(tk.Rel))
		h.Write([]byte{1})
	}
	got := strconv.FormatUint(h.Sum64(), 16)
	t.Logf("%d tokens, checksum %s", len(d.Tokens), got)
	if got != parsesChecksum {
		t.Fatalf("parses of EWT dev changed: checksum %s, want %s", got, parsesChecksum)
	}
}
