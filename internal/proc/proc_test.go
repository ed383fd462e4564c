package proc

import (
	"runtime"
	"testing"
)

func TestUsageGrows(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("figures checked on Linux")
	}
	before := CPUTime()
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i % 7
	}
	if x == 1 {
		t.Log(x)
	}
	if after := CPUTime(); after <= before {
		t.Errorf("CPU time did not grow: %v then %v", before, after)
	}
	b := make([]byte, 64<<20)
	for i := range b {
		b[i] = 1
	}
	if m := PeakMemory(); m < 64<<20 {
		t.Errorf("peak memory %d bytes after touching 64 MB", m)
	}
	runtime.KeepAlive(b)
}
