package timex

import (
	"fmt"
	"os"
	"testing"

	"dateline/internal/doc"
	"dateline/internal/tokenize"
)

func TestDbg(t *testing.T) {
	s := os.Getenv("TX")
	if s == "" { t.Skip() }
	d := &doc.Doc{Text: s, Published: os.Getenv("TXD")}
	tokenize.Doc(d)
	Resolve(d)
	for _, x := range d.Times { fmt.Printf("%q %s %s %s\n", d.Str(x.Span), x.Type, x.Value, x.Mod) }
	for _, x := range d.Sentences { fmt.Printf("S %q\n", d.Str(x.Span)) }
}
